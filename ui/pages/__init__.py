"""One widget per page of the main window."""
