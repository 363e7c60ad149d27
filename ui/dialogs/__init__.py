"""Dialogs opened from pages (one level deep: a dialog closes itself before any preview opens)."""
