"""Dialogs and in-page panels of the counter and member screens."""
