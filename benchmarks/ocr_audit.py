"""Benchmark: OCR pages per second, and batch-audit throughput with 1 and 2 worker processes.

Usage:  .venv/bin/python benchmarks/ocr_audit.py [--pages 3] [--copies 12] [--json OUT]

OCR: the corpus PDFs are rasterised at 150 dpi into image-only PDFs (as the
acceptance test does) and read by ``read_bytes`` (render + OCR + tables +
interpretation); the first ``--pages`` pages of each are timed, after one
warm-up read that loads the models. Reported: pages/s and seconds per page,
wall clock and CPU time of the process (on a shared machine the wall clock
depends on the load; the CPU time does not).

Audit: a folder of ``--copies`` distinct text reports (the seed with a line
appended) plus the two corpus PDFs is audited with ``run_audit`` with 1 and 2
workers; reported: files/s for each, and the speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "corpus"
SEED = ROOT / "tests" / "data" / "seed-qinxiang-2022.txt"


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def measure_ocr(pages: int) -> dict[str, float]:
    from tests.documents.scans import rasterise

    from xxgk.documents.read import read_bytes

    first = list(range(1, pages + 1))
    scans = [rasterise(pdf.read_bytes(), dpi=150, pages=first) for pdf in sorted(CORPUS.glob("*.pdf"))]
    read_bytes(scans[0], "warm-up.pdf")  # loads the models once, as a long-running worker would
    started, cpu = time.perf_counter(), _cpu()
    for scan in scans:
        read_bytes(scan, "scan.pdf")
    wall, used = time.perf_counter() - started, _cpu() - cpu
    total = pages * len(scans)
    return {"pages": total, "seconds": round(wall, 2), "pages_per_second": round(total / wall, 3),
            "seconds_per_page": round(wall / total, 2), "cpu_seconds_per_page": round(used / total, 2)}  # fmt: skip


def measure_audit(copies: int) -> dict[str, float]:
    from xxgk.documents.audit import collect, run_audit

    folder = Path(tempfile.mkdtemp(prefix="xxgk-audit-bench-"))
    try:
        text = SEED.read_text(encoding="utf-8")
        for n in range(copies):
            (folder / f"{n:03d}.txt").write_text(text + f"\n（附{n}）\n", encoding="utf-8")
        for pdf in CORPUS.glob("*.pdf"):
            shutil.copy(pdf, folder / pdf.name)
        out: dict[str, float] = {"files": copies + 2}
        for workers in (1, 2):
            sources = collect([folder])
            started = time.perf_counter()
            rows = run_audit(sources, workers=workers).rows
            wall = time.perf_counter() - started
            assert len(rows) == copies + 2 and not any(r.read_error for r in rows)
            out[f"files_per_second_{workers}_workers"] = round(len(rows) / wall, 2)
        out["speed_up"] = round(out["files_per_second_2_workers"] / out["files_per_second_1_workers"], 2)
        return out
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=3, help="pages of each corpus PDF to OCR (default 3)")
    parser.add_argument("--copies", type=int, default=12, help="text reports in the audit folder (default 12)")
    parser.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    args = parser.parse_args()
    results = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()[0]},
        "ocr": measure_ocr(args.pages),
        "audit": measure_audit(args.copies),
    }
    results["machine"]["load_after"] = os.getloadavg()[0]
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
