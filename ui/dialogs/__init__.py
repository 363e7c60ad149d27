"""Dialogs and in-page panels opened from pages (one level deep: a dialog closes itself before any preview opens)."""
