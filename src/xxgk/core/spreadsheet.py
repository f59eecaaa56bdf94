"""Cells written to a spreadsheet or CSV file that no spreadsheet program will evaluate (CSV injection).

OWASP: a cell whose text begins with ``=``, ``+``, ``-`` or ``@`` — or with a
tab or carriage return, or with blanks before one of those — may be taken for
a formula (``=HYPERLINK("http://…")``) when the file is opened. Such text is
written with a leading apostrophe, which spreadsheet programs show as text.
Numbers, dates and other non-text values are left as they are.
"""

from __future__ import annotations

from typing import Any

__all__ = ["neutralise_cell"]

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_cell(value: Any) -> Any:
    """``value`` made safe for a spreadsheet cell: formula-like text gets a leading apostrophe."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(_TRIGGERS) or value.lstrip(" \t\r\n").startswith(_TRIGGERS[:4]):
        return "'" + value
    return value
