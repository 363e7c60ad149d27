"""Loket core: domain rules, database, services and documents, free of any GUI toolkit."""

__version__ = "0.1.0"
