"""``xxgk backup -o FILE`` and ``xxgk restore FILE``: the database and the uploaded files, with checksums.

The archive is a gzip-compressed tar holding

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while
  the site runs) or ``database.pgdump`` (``pg_dump --format=custom``);
- ``media/…``, every uploaded file (identity documents, attachments);
- ``manifest.json``: when and from which database engine it was made, the
  SHA-256 and size of every other member, and the number of rows of the main
  tables.

``restore`` refuses an archive whose members do not match the manifest, and
refuses to write into a database that already has tables or a media directory
that already has files: it restores into an empty data directory / database
only. Afterwards it checks the restored files against the checksums and the
row counts against the manifest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from xxgk.commands.database import open_database, setup_django

__all__ = ["register"]

FORMAT = "xxgk-backup-1"
COUNTED = (
    "units.Unit",
    "cases.Case",
    "cases.CaseEvent",
    "letters.Letter",
    "portal.OnlineApplication",
    "reports.AnnualReport",
    "catalogue.Entry",
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Chinese."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _counts() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for label in COUNTED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        counts[label] = model.objects.count()
    return counts


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[name] = str(database[key])
    env["PGDATABASE"] = str(database["NAME"])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"找不到 PostgreSQL 客户端工具 {name}，请安装 postgresql-client（scripts/setup.sh 会安装）。")
    return path


def _run(cmd: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} 执行失败：{result.stderr.strip()[-500:]}")


def backup(out: Path) -> dict[str, Any]:
    """Write the archive to ``out`` (through a temporary file, so a failed backup leaves nothing half-written)."""
    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="xxgk-backup-") as tmp:
        work = Path(tmp)
        if connection.vendor == "sqlite":
            dump = work / "database.sqlite3"
            source = sqlite3.connect(str(database["NAME"]))
            target = sqlite3.connect(str(dump))
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:
            dump = work / "database.pgdump"
            _run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", str(dump)],
                _pg_env(database),
            )
        members = {dump.name: dump}
        if media.is_dir():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                members[f"media/{path.relative_to(media).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": connection.vendor,
            "files": {name: {"sha256": _sha256(path), "size": path.stat().st_size} for name, path in members.items()},
            "counts": _counts(),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = out.with_name(out.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            for name, path in members.items():
                archive.add(path, arcname=name)
        partial.replace(out)
    return manifest


def _extract(archive_path: Path, into: Path) -> dict[str, Any]:
    """Unpack the archive safely and check every member against the manifest; the manifest."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive.getmembers():
                if not (member.isfile() or member.isdir()) or member.name.startswith("/") or ".." in member.name:
                    raise BackupError(f"备份文件中有不安全的条目“{member.name}”，未恢复。")
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"无法读取备份文件：{exc}") from None
    try:
        manifest = json.loads((into / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError("备份文件中没有有效的 manifest.json，不是 xxgk 备份。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不支持的备份格式“{manifest.get('format')}”。")
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {"manifest.json"}
    listed = set(manifest["files"])
    if present != listed:
        raise BackupError(
            "备份文件与清单不符（缺少或多出文件：" + "、".join(sorted(present ^ listed)[:5]) + "），未恢复。"
        )
    for name, facts in manifest["files"].items():
        if _sha256(into / name) != facts["sha256"]:
            raise BackupError(f"备份中的“{name}”校验和不符（文件已损坏或被改动），未恢复。")
    return manifest


def restore(archive_path: Path) -> dict[str, Any]:
    """Restore the archive into the configured, empty database and media directory; verify; the manifest."""
    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    media = Path(settings.MEDIA_ROOT)
    if connection.introspection.table_names():
        raise BackupError("目标数据库不是空的：只能恢复到新的空数据库（或新的数据目录）。")
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(f"目标上传文件目录 {media} 不是空的：只能恢复到新的数据目录。")
    with tempfile.TemporaryDirectory(prefix="xxgk-restore-") as tmp:
        work = Path(tmp)
        manifest = _extract(archive_path, work)
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"备份来自 {manifest['engine']} 数据库，而当前配置的是 {connection.vendor}；请用同类数据库恢复。"
            )
        connection.close()
        if connection.vendor == "sqlite":
            source = sqlite3.connect(str(work / "database.sqlite3"))
            target = sqlite3.connect(str(database["NAME"]))
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:
            dump = work / "database.pgdump"
            restore_cmd = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
            _run([*restore_cmd, "-d", str(database["NAME"]), str(dump)], _pg_env(database))
        for name in manifest["files"]:
            if name.startswith("media/"):
                target_path = media / name.removeprefix("media/")
                target_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(work / name, target_path)
    for name, facts in manifest["files"].items():
        if name.startswith("media/") and _sha256(media / name.removeprefix("media/")) != facts["sha256"]:
            raise BackupError(f"恢复后的“{name}”校验和不符。")
    counts = _counts()
    wrong = [label for label, count in manifest["counts"].items() if counts.get(label) != count]
    if wrong:
        raise BackupError("恢复后的记录数与备份时不符：" + "、".join(wrong))
    return manifest


def _backup(args: argparse.Namespace) -> int:
    problem = open_database(migrate=False)
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    try:
        manifest = backup(Path(args.output))
    except (BackupError, OSError, sqlite3.Error) as exc:
        print(f"错误：备份未完成：{exc}", file=sys.stderr)
        return 2
    files = sum(1 for name in manifest["files"] if name.startswith("media/"))
    print(f"已备份到 {args.output}：数据库（{manifest['engine']}）和 {files} 个上传文件，清单含校验和。")
    return 0


def _restore(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到备份文件 {path}", file=sys.stderr)
        return 2
    problem = setup_django()
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    try:
        manifest = restore(path)
    except (BackupError, OSError, sqlite3.Error) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    counts = "，".join(f"{label} {count}" for label, count in manifest["counts"].items())
    print(f"已从 {path} 恢复（备份时间 {manifest['created']}），校验和与记录数均已核对：{counts}。")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``backup`` and ``restore``."""
    backup_parser = subparsers.add_parser("backup", help="备份数据库和上传文件（含校验和清单）")
    backup_parser.add_argument("-o", "--output", required=True, help="备份文件（.tar.gz）")
    backup_parser.set_defaults(func=_backup)
    restore_parser = subparsers.add_parser("restore", help="把备份恢复到空的数据目录/数据库并核对")
    restore_parser.add_argument("file", help="xxgk backup 生成的备份文件")
    restore_parser.set_defaults(func=_restore)
