"""Ledger (台账) rows for tests, written by header name (applications.md §10)."""

from __future__ import annotations

from xxgk.core.cases.ledger import HEADERS


def ledger_row(**fields: str) -> list[str]:
    """One ledger row in header order; fields are named by their Chinese header, the rest empty."""
    unknown = set(fields) - set(HEADERS)
    if unknown:
        raise KeyError(f"not ledger headers: {sorted(unknown)}")
    return [fields.get(header, "") for header in HEADERS]
