"""Vocabularies shared by the ledger, the case model and the tables: channels and applicant types.

applications.md §1 (channels, applicant types) and annual-report.md §3 (the
table 三 column each applicant type counts in).
"""

from __future__ import annotations

from xxgk.core.report.layout import T3_COLUMNS

__all__ = ["APPLICANT_TYPES", "APPLICANT_TYPE_BY_LABEL", "CHANNELS", "CHANNEL_BY_LABEL"]

# key → label; the key is the table 三 column key
APPLICANT_TYPES: dict[str, str] = {key: label for key, label in T3_COLUMNS if key != "total"}
APPLICANT_TYPE_BY_LABEL: dict[str, str] = {label: key for key, label in APPLICANT_TYPES.items()}

CHANNELS: dict[str, str] = {
    "in_person": "当面",
    "letter": "信函",
    "online": "网络",
    "fax": "传真",
    "email": "电子邮件",
}
CHANNEL_BY_LABEL: dict[str, str] = {label: key for key, label in CHANNELS.items()}
