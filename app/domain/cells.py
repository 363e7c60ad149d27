"""Spreadsheet cells we write ourselves: text a spreadsheet program would run as a formula is neutralised."""

from __future__ import annotations

# Excel, LibreOffice and Google Sheets treat a cell starting with one of these as a formula (or,
# for tab and CR, as a field separator that shifts the next character to the front). OWASP's
# advice for CSV/XLSX injection: prefix such text with a single quote so it stays text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """``=SUM(A1)`` → ``'=SUM(A1)``; everything that is not such text comes back unchanged.

    Only strings are touched: numbers, dates and ``None`` cannot be formulas. Shared by the
    import report and every export, so a name or address typed as ``=HYPERLINK(…)`` stays text.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
