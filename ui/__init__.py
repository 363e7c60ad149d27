"""Loket's PySide6 user interface: a thin shell over ``app`` services."""
