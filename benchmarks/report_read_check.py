"""Benchmark: read + check throughput of annual reports per input type, on one core.

Usage:  .venv/bin/python benchmarks/report_read_check.py [--seconds 5] [--json OUT]

For each input type (text, HTML, Markdown, DOCX, PDF) the seed report is
rendered once by xxgk's own writers; the real corpus PDFs are measured as
well. Each type is then read and checked repeatedly in a fresh child process
pinned to one CPU core, for at least ``--seconds`` seconds, and the child's
peak resident memory is taken from the OS (VmHWM). Targets (issue 2):
text, HTML and Markdown ≥ 200 reports/s; DOCX ≥ 50 reports/s; PDF ≥ 5 pages/s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed-qinxiang-2022.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"
TARGETS = {"txt": 200, "html": 200, "md": 200, "docx": 50, "pdf": 5}


def _child(path: str, seconds: float) -> None:
    """Read and check one file repeatedly; print a JSON line with the counts."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from xxgk.core.report.rules import check
    from xxgk.documents.read import read_bytes

    data = Path(path).read_bytes()
    name = Path(path).name
    report = read_bytes(data, name)
    check(report)  # warm up imports and caches
    pages = 1
    if data.startswith(b"%PDF"):
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
    count = 0
    start = time.perf_counter()
    while True:
        check(read_bytes(data, name))
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds and count >= 3:
            break
    print(json.dumps({"count": count, "elapsed": elapsed, "pages": pages, "peak_mib": round(_peak_kib() / 1024, 1)}))


def _peak_kib() -> int:
    """Peak resident memory of this process in KiB.

    VmHWM belongs to this process image; ru_maxrss would also count the parent
    that forked it, since Linux keeps it across exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _inputs(workdir: Path) -> list[tuple[str, str, Path]]:
    """(label, kind, path) of every input measured: the seed in each format, and the corpus PDFs."""
    from xxgk.documents.read import read_report
    from xxgk.documents.write import render

    report = read_report(SEED)
    out: list[tuple[str, str, Path]] = [("seed .txt (as published)", "txt", SEED)]
    for fmt, ext in (("html", "html"), ("md", "md"), ("docx", "docx"), ("pdf", "pdf")):
        path = workdir / f"seed.{ext}"
        path.write_bytes(render(report, fmt))
        out.append((f"seed rendered as .{ext}", fmt, path))
    for pdf in sorted(CORPUS.glob("*.pdf")):
        out.append((f"corpus {pdf.name}", "pdf", pdf))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.seconds)
        return 0

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, kind, path in _inputs(Path(tmp)):
            proc = subprocess.run(
                [sys.executable, __file__, "--child", str(path), "--seconds", str(args.seconds)],
                capture_output=True,
                text=True,
                check=True,
            )
            m = json.loads(proc.stdout.strip().splitlines()[-1])
            per_s = m["count"] / m["elapsed"]
            rate = per_s * m["pages"] if kind == "pdf" else per_s
            unit = "pages/s" if kind == "pdf" else "reports/s"
            ok = rate >= TARGETS[kind]
            rows.append(
                {
                    "input": label,
                    "kind": kind,
                    "rate": round(rate, 1),
                    "unit": unit,
                    "target": TARGETS[kind],
                    "met": ok,
                    "pages": m["pages"],
                    "peak_mib": m["peak_mib"],
                }
            )
            print(
                f"{label:34} {rate:9.1f} {unit:9} (target ≥{TARGETS[kind]}) {'OK ' if ok else 'MISS'}"
                f"  peak {m['peak_mib']} MiB",
                flush=True,
            )
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": _cpu_name(),
        "cores_used": 1,
    }
    print(f"machine: {machine}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "results": rows}, ensure_ascii=False, indent=2))
    return 0 if all(r["met"] for r in rows) else 1


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    sys.exit(main())
