"""Open the configured database for an ``xxgk`` command, with Chinese errors instead of tracebacks.

Used by ``xxgk deadline``, ``xxgk demo``, ``xxgk serve`` and ``xxgk units import``:
Django is set up from ``xxgk.web.settings`` (``DATABASE_URL`` or the SQLite file in
the data directory), the schema is brought up to date, and a misconfiguration or
an unreachable database becomes one Chinese sentence for stderr.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

__all__ = ["open_database", "setup_django"]

log = logging.getLogger(__name__)

OUTDATED = "数据库尚未更新到最新结构，请先运行 `xxgk manage migrate`。"


def setup_django() -> str | None:
    """Set Django up from the xxgk settings; returns a Chinese error for a bad configuration, else None."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        log.debug("bad configuration: %s", exc)  # logging is not configured yet; stderr says it in Chinese
        return f"配置有误：{exc}"
    return None


def open_database(*, migrate: bool = True, needs: str | None = None) -> str | None:
    """Set Django up and make the schema ready; returns a Chinese error or None.

    With ``migrate`` every pending migration is applied; without it only a fresh
    database (no migration applied yet) is set up, and one with pending migrations
    (of the app ``needs``, if given) is refused with a hint to run ``xxgk manage migrate``.
    """
    problem = setup_django()
    if problem:
        return problem
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and str(database["NAME"]) != ":memory:":
        try:
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.error("cannot create the database directory: %s", exc)
            return f"无法创建数据库目录 {Path(database['NAME']).parent}：{exc.strerror or exc}"
    try:
        if migrate:
            call_command("migrate", verbosity=0, interactive=False)
            return None
        executor = MigrationExecutor(connection)
        if not executor.loader.applied_migrations:
            log.info("fresh database: applying migrations")
            call_command("migrate", verbosity=0, interactive=False)
        elif any(
            needs is None or migration.app_label == needs
            for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())
        ):
            return OUTDATED
    except (DatabaseError, ImproperlyConfigured) as exc:
        log.error("cannot open the database: %s", exc)
        return f"无法读取数据库：{exc}"
    return None
