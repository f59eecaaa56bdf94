"""Benchmark: read + check throughput of annual reports per input type, on one core.

Usage:  .venv/bin/python benchmarks/report_read_check.py [--seconds 5] [--json OUT]

For each input type (text, HTML, Markdown, DOCX, PDF) the seed report is
rendered once by xxgk's own writers; the real corpus PDFs are measured as
well. Each type is then read and checked repeatedly in a fresh child process
pinned to one CPU core, for at least ``--seconds`` seconds, and the child's
peak resident memory is taken from the OS (VmHWM). Targets (issue 2):
text, HTML and Markdown ≥ 200 reports/s; DOCX ≥ 50 reports/s; PDF ≥ 5 pages/s.

Parse-limit ratios (issue 9), measured side by side in one child process,
alternating the two workloads on the same file: HTML read + check within 2×
of lxml parsing the file and taking the text of every table cell; PDF read +
check within 1.5× of pdfplumber's ``find_tables`` + ``extract_words`` on the
same pages. ``--ratios-only`` runs just these.
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
RATIO_TARGETS = {"html": 2.0, "pdf": 1.5}


def _baseline(data: bytes, kind: str) -> None:
    """The parse limit: what any reader must do at least."""
    if kind == "html":
        import lxml.html

        from xxgk.documents.read import decode_text

        root = lxml.html.fromstring(decode_text(data))
        for cell in root.iter("td", "th"):
            cell.text_content()
        return
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.find_tables()
            page.extract_words()


def _ratio_child(path: str, kind: str, seconds: float) -> None:
    """Time read + check and the parse limit on one file, alternating, in this one process."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from xxgk.core.report.rules import check
    from xxgk.documents.read import read_bytes

    data = Path(path).read_bytes()
    name = Path(path).name
    check(read_bytes(data, name))
    _baseline(data, kind)
    ours = base = 0.0
    rounds = 0
    while ours + base < 2 * seconds or rounds < 3:
        start = time.perf_counter()
        check(read_bytes(data, name))
        middle = time.perf_counter()
        _baseline(data, kind)
        ours += middle - start
        base += time.perf_counter() - middle
        rounds += 1
    print(json.dumps({"rounds": rounds, "ours_ms": 1000 * ours / rounds, "base_ms": 1000 * base / rounds}))


def _ratio_inputs(workdir: Path) -> list[tuple[str, str, Path]]:
    inputs = [(label, kind, path) for label, kind, path in _inputs(workdir) if kind in RATIO_TARGETS]
    inputs += [(f"corpus {p.name}", "html", p) for p in sorted(CORPUS.glob("*.html"))]
    return inputs


def _ratios(seconds: float) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, kind, path in _ratio_inputs(Path(tmp)):
            proc = subprocess.run(
                [sys.executable, __file__, "--ratio-child", str(path), "--kind", kind, "--seconds", str(seconds)],
                capture_output=True,
                text=True,
                check=True,
            )
            m = json.loads(proc.stdout.strip().splitlines()[-1])
            ratio = m["ours_ms"] / m["base_ms"]
            target = RATIO_TARGETS[kind]
            baseline = "lxml parse + cell text" if kind == "html" else "pdfplumber find_tables + extract_words"
            rows.append(
                {
                    "input": label,
                    "kind": kind,
                    "read_check_ms": round(m["ours_ms"], 2),
                    "baseline": baseline,
                    "baseline_ms": round(m["base_ms"], 2),
                    "ratio": round(ratio, 2),
                    "target": target,
                    "met": ratio <= target,
                }
            )
            print(
                f"{label:34} read+check {m['ours_ms']:8.2f} ms  {baseline} {m['base_ms']:8.2f} ms"
                f"  ratio {ratio:5.2f} (target ≤{target}) {'OK ' if ratio <= target else 'MISS'}",
                flush=True,
            )
    return rows


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
    parser.add_argument("--ratios-only", action="store_true", help="only the parse-limit ratios")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--ratio-child", help=argparse.SUPPRESS)
    parser.add_argument("--kind", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.seconds)
        return 0
    if args.ratio_child:
        _ratio_child(args.ratio_child, args.kind, args.seconds)
        return 0
    if args.ratios_only:
        ratios = _ratios(args.seconds)
        if args.json:
            args.json.write_text(json.dumps({"ratios": ratios}, ensure_ascii=False, indent=2))
        return 0 if all(r["met"] for r in ratios) else 1

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
    ratios = _ratios(args.seconds)
    print(f"machine: {machine}")
    if args.json:
        document = {"machine": machine, "results": rows, "ratios": ratios}
        args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2))
    return 0 if all(r["met"] for r in rows + ratios) else 1


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
