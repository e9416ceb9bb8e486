"""CSV cells that a spreadsheet will not run as formulas.

A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip first) is
evaluated by Excel and LibreOffice ("CSV injection"); a leading apostrophe makes it plain text. Every CSV
the app writes for download goes through `safe_cell`.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """`value` as text, with an apostrophe in front when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values) -> list[str]:
    return [safe_cell(v) for v in values]
