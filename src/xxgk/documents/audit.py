"""Batch audit: read and check every annual report under some files, folders and ZIP archives.

One :class:`AuditRow` per file: who and which year, the file type, how it was
read (text, decoded run-together digits, OCR), how many cells were read, and
the errors, warnings and not-assessable results of the rules. Files are read in
parallel processes; every finished row is appended at once to a *state file*
keyed by the SHA-256 of the file's content, so an interrupted audit resumed with
the same state file reads nothing it has finished (even if files moved).

ZIP archives are read in memory with limits: number of entries, size of each
entry and of all entries together (checked while decompressing, not trusted
from the header), no absolute paths or ``..`` (such entries become rows with an
error and are never read), no archives inside archives.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

__all__ = [
    "EXTENSIONS",
    "MAX_ENTRIES",
    "MAX_ENTRY_BYTES",
    "MAX_FILE_BYTES",
    "MAX_TOTAL_BYTES",
    "AuditError",
    "AuditRow",
    "Source",
    "audit_bytes",
    "collect",
    "run_audit",
]

log = logging.getLogger(__name__)

# The report files an audit reads from a folder or an archive (other files, e.g. .cells.csv, are left alone).
EXTENSIONS = frozenset(
    {".pdf", ".docx", ".doc", ".html", ".htm", ".txt", ".md", ".markdown", ".json", ".png", ".jpg", ".jpeg"}
)
MAX_ENTRIES = 10_000  # files in one archive (or under one folder)
MAX_FILE_BYTES = 100 * 1024 * 1024  # one report file
MAX_ENTRY_BYTES = MAX_FILE_BYTES  # one archive entry, decompressed
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024  # all entries of one archive, decompressed

READ_TEXT, READ_DECODED, READ_OCR = "text", "decoded", "ocr"
HOW_READ = {READ_TEXT: "文字", READ_DECODED: "解码连写数字", READ_OCR: "文字识别（OCR）"}


class AuditError(Exception):
    """An input that cannot be audited at all (not found, an archive over its limits): Chinese for people."""

    def __init__(self, message_zh: str, reason: str) -> None:
        super().__init__(reason)
        self.message_zh = message_zh
        self.reason = reason


@dataclass
class AuditRow:
    """The audit of one file."""

    file: str  # the path as given, relative to the folder or archive it is in
    sha256: str = ""
    unit: str = ""
    year: int | None = None
    format: str = ""  # file type: pdf, html, docx, text, markdown, json, image
    how_read: list[str] = field(default_factory=list)  # READ_TEXT, READ_DECODED, READ_OCR
    cells_read: int = 0
    cells_unread: int = 0
    errors: int = 0
    warnings: int = 0
    not_assessable: int = 0
    failing: list[str] = field(default_factory=list)  # rule ids that fail, errors first
    read_error: str = ""  # why the file could not be read (Chinese); empty when it was read
    seconds: float = 0.0

    @property
    def how_read_zh(self) -> str:
        return "、".join(HOW_READ[h] for h in self.how_read)

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> AuditRow:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)  # type: ignore[arg-type]


@dataclass
class Source:
    """One file to audit: its shown name and how to get its bytes (a failure to get them is a row's error)."""

    name: str
    load: Callable[[], bytes]
    problem: str = ""  # set when the file is known bad before reading (e.g. an unsafe archive path)


def audit_bytes(data: bytes, name: str) -> AuditRow:
    """Read and check one file; never raises for a bad file (the row says why it could not be read)."""
    from xxgk.core.report.model import DECODED, OCR
    from xxgk.core.report.rules import check
    from xxgk.core.report.rules.result import ERROR, FAIL, NOT_ASSESSABLE, WARNING
    from xxgk.documents.cells import report_addresses
    from xxgk.documents.errors import ReadError
    from xxgk.documents.read import read_bytes

    started = time.perf_counter()
    row = AuditRow(file=name, sha256=hashlib.sha256(data).hexdigest())
    try:
        report = read_bytes(data, name)
        results = check(report)
    except ReadError as exc:
        row.read_error = exc.message_zh
    except Exception as exc:  # one odd file must not stop a province-wide audit
        log.warning("audit of %s failed: %r", name, exc)
        row.read_error = "读取或检查时发生意外错误，无法检查该文件。"
    else:
        row.unit = report.unit or ""
        row.year = report.year
        row.format = report.source_type or ""
        counts = report.provenance_counts()
        row.how_read = [READ_TEXT] if counts.get("read") or not (counts.get(DECODED) or counts.get(OCR)) else []
        if counts.get(DECODED):
            row.how_read.append(READ_DECODED)
        if counts.get(OCR) or report.source_type == "image":
            row.how_read.append(READ_OCR)
        addresses = report_addresses(report)
        row.cells_read = sum(1 for a in addresses if a in report.cells and a not in report.unread)
        row.cells_unread = sum(1 for a in addresses if a in report.unread)
        failed = [r for r in results if r.status == FAIL]
        row.errors = sum(1 for r in failed if r.severity == ERROR)
        row.warnings = sum(1 for r in failed if r.severity == WARNING)
        row.not_assessable = sum(1 for r in results if r.status == NOT_ASSESSABLE)
        ordered = sorted(failed, key=lambda r: (r.severity != ERROR, r.rule))
        row.failing = list(dict.fromkeys(r.rule for r in ordered))
    row.seconds = round(time.perf_counter() - started, 3)
    return row


def _audit_source(name: str, data: bytes) -> AuditRow:
    """The worker's task (a top-level function, so processes can run it)."""
    return audit_bytes(data, name)


# --- inputs -------------------------------------------------------------------------------------------------


def collect(paths: Iterable[str | Path]) -> list[Source]:
    """The files to audit under the given files, folders and ZIP archives, in a stable order.

    A file given directly is shown by its name; files in a folder or an archive by their path inside it
    (so a folder and a ZIP of it list the same names). Raises :class:`AuditError` for a path that does not
    exist or an archive that breaks a limit.
    """
    sources: list[Source] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            sources += _folder(path)
        elif path.is_file():
            if _is_zip(path):
                if path.stat().st_size > MAX_TOTAL_BYTES:
                    too_big = f"压缩包超过 {MAX_TOTAL_BYTES // 1024**3} GB，请分批核查：{path}"
                    raise AuditError(too_big, f"zip too large: {path}")
                sources += _archive(path.read_bytes(), str(path))
            else:
                sources.append(_file(path, path.name))
        else:
            raise AuditError(f"找不到文件或目录：{path}", f"not found: {path}")
    return sources


def _is_zip(path: Path) -> bool:
    if path.suffix.lower() == ".docx":
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04" and zipfile.is_zipfile(path)


def _file(path: Path, name: str) -> Source:
    def load() -> bytes:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise AuditError(f"文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB，未读取。", f"file too large: {path}")
        return path.read_bytes()

    return Source(name, load)


def _folder(root: Path) -> list[Source]:
    found: list[Source] = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(directory) / file
            if file.startswith(".") or path.suffix.lower() not in EXTENSIONS | {".zip"}:
                continue
            relative = path.relative_to(root).as_posix()
            if path.suffix.lower() == ".zip":
                found += [replace_name(s, f"{relative}/{s.name}") for s in _archive(path.read_bytes(), str(path))]
            else:
                found.append(_file(path, relative))
            if len(found) > MAX_ENTRIES:
                raise AuditError(f"目录中的文件超过 {MAX_ENTRIES} 个，请分批核查。", f"too many files under {root}")
    return sorted(found, key=lambda s: s.name)


def replace_name(source: Source, name: str) -> Source:
    return Source(name, source.load, source.problem)


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name; names written by Chinese Windows tools without the UTF-8 flag are GBK."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name


def _unsafe(name: str) -> bool:
    """Whether an archive path would leave the folder it is unpacked into (absolute, drive letter, ``..``)."""
    posix = name.replace("\\", "/")
    return posix.startswith("/") or (len(posix) > 1 and posix[1] == ":") or ".." in PurePosixPath(posix).parts


def _archive(data: bytes, label: str) -> list[Source]:
    """The report files in a ZIP archive (read into memory only when audited, within the limits)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise AuditError(f"压缩包已损坏，无法打开：{label}", f"bad zip {label}: {exc!r}") from exc
    if len(infos) > MAX_ENTRIES:
        raise AuditError(f"压缩包中的文件超过 {MAX_ENTRIES} 个，请分批核查：{label}", f"too many entries: {label}")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise AuditError(
            f"压缩包解压后超过 {MAX_TOTAL_BYTES // 1024**3} GB，请分批核查：{label}", f"zip too large: {label}"
        )
    budget = [MAX_TOTAL_BYTES]
    sources = []
    for info in infos:
        name = _entry_name(info)
        if info.is_dir() or PurePosixPath(name).name.startswith("."):
            continue
        suffix = PurePosixPath(name).suffix.lower()
        if _unsafe(name):
            sources.append(Source(name, bytes, "压缩包内的文件路径不安全（绝对路径或含“..”），未读取。"))
        elif suffix == ".zip":
            sources.append(Source(name, bytes, "压缩包内的压缩包不展开，请解压后单独核查。"))
        elif suffix in EXTENSIONS:
            sources.append(Source(name, _entry_loader(archive, info, budget)))
    return sorted(sources, key=lambda s: s.name)


def _entry_loader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> Callable[[], bytes]:
    def load() -> bytes:
        limit = min(MAX_ENTRY_BYTES, budget[0])
        with archive.open(info) as handle:
            data = handle.read(limit + 1)  # the header's sizes are not trusted: stop at the limit
        if len(data) > limit:
            raise AuditError(
                "压缩包内的文件解压后过大，未读取（可能是压缩炸弹）。", f"entry too large: {info.filename}"
            )
        budget[0] -= len(data)
        return data

    return load


# --- the run ------------------------------------------------------------------------------------------------


class StateFile:
    """Finished rows by content hash, one JSON object per line, appended and flushed as each file finishes."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.rows: dict[str, AuditRow] = {}
        if path is not None and path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    row = AuditRow.from_json(json.loads(line))
                except (ValueError, TypeError):
                    continue  # a line cut short by the interruption
                if row.sha256:
                    self.rows[row.sha256] = row

    def add(self, row: AuditRow) -> None:
        if row.sha256:
            self.rows[row.sha256] = row
        if self.path is None or not row.sha256:
            return
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())


@dataclass
class AuditRun:
    """The rows of an audit in input order, and how many were taken from the state file."""

    rows: list[AuditRow]
    reused: int = 0


def run_audit(
    sources: list[Source],
    *,
    workers: int = 1,
    state: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> AuditRun:
    """Audit every source; rows of files whose content the state file already holds are not read again.

    Files are loaded one at a time as workers become free, so an archive's entries are never all in memory.
    """
    saved = StateFile(state)
    rows: list[AuditRow | None] = [None] * len(sources)
    run = AuditRun([])
    done = [0]

    def finished(index: int, row: AuditRow) -> None:
        rows[index] = row
        done[0] += 1
        if progress:
            progress(done[0], len(sources), row.file)

    def todo() -> Iterator[tuple[int, str, bytes]]:
        for index, source in enumerate(sources):
            if source.problem:
                finished(index, AuditRow(file=source.name, read_error=source.problem))
                continue
            try:
                data = source.load()
            except (AuditError, OSError, zipfile.BadZipFile) as exc:
                message = exc.message_zh if isinstance(exc, AuditError) else "无法读取该文件。"
                finished(index, AuditRow(file=source.name, read_error=message))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in saved.rows:
                run.reused += 1
                finished(index, AuditRow.from_json({**saved.rows[digest].to_json(), "file": source.name}))
            else:
                yield index, source.name, data

    for index, row in _work(todo(), workers):
        saved.add(row)
        finished(index, row)
    run.rows = [r for r in rows if r is not None]
    return run


def _work(queue: Iterator[tuple[int, str, bytes]], workers: int) -> Iterator[tuple[int, AuditRow]]:
    """Rows as they finish: in this process for one worker, else in a pool with a bounded queue."""
    if workers <= 1:
        for index, name, data in queue:
            yield index, audit_bytes(data, name)
        return
    pending: dict[Future[AuditRow], int] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            for index, name, data in queue:
                pending[pool.submit(_audit_source, name, data)] = index
                if len(pending) >= 2 * workers:
                    break
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield pending.pop(future), future.result()
                    following = next(queue, None)
                    if following is not None:
                        pending[pool.submit(_audit_source, following[1], following[2])] = following[0]
        finally:
            for future in pending:
                future.cancel()
