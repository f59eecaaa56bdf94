"""A named lock held until the end of the current transaction, on SQLite and PostgreSQL alike.

Check-then-write sequences (count the sign-in failures then record one, count
an address's applications then record one) are made atomic by taking the lock
for their key first, inside ``transaction.atomic()``.
"""

from __future__ import annotations

import hashlib

from django.db import connection

__all__ = ["transaction_lock"]


def transaction_lock(name: str) -> None:
    """Serialise every transaction that takes the lock ``name`` (call inside ``transaction.atomic()``).

    PostgreSQL: a transaction-scoped advisory lock on a 64-bit hash of the
    name. SQLite: the transaction began with ``BEGIN IMMEDIATE`` (settings),
    so it already holds the database's write lock and needs nothing more.
    """
    if connection.vendor == "postgresql":
        digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])
