"""On PostgreSQL, a trigram index for the case list's number search (编号 contains …).

The list filters with ``number__icontains``, which Django writes as
``UPPER(number) LIKE UPPER('%…%')``; no B-tree can answer that, so a unit
with 100,000 cases was read row by row (about 300 ms, docs/performance.md).
A GIN index over ``UPPER(number)`` with pg_trgm's operator class answers it
in a few milliseconds. SQLite has no such index and is left as it is. If the
database user may not create the pg_trgm extension, the index is skipped with
a warning rather than failing the deployment.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger("xxgk.migrations")

INDEX = "cases_case_number_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON cases_case USING gin (UPPER(number::text) gin_trgm_ops)"
            )
    except Exception as exc:  # privileges: the search still works, only slower
        logger.warning("pg_trgm index %s not created: %s", INDEX, exc)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_table3_cover_index"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
