"""Benchmark: hostile inputs are refused fast and in little memory (issue 11).

Usage:
  .venv/bin/python benchmarks/input_limits.py

Builds the three reproductions (tests/documents/bombs.py) in a temporary
directory — the 1.5 KB XLSX claiming ``A1:XFD1048576``, the DOCX whose
``_rels/.rels`` inflates to 1 GB, the 2.4 MB PDF whose FlateDecode stream
inflates to 2.4 GB — and runs the real commands on them in child processes:
``xxgk cases import`` on the XLSX (against a fresh SQLite database with one
unit), ``xxgk report check`` on the other two. For each it prints the exit
status, the wall time (child start-up included) and the child's peak resident
memory (``VmHWM`` of the child itself; ``ru_maxrss`` survives exec).

Targets: the XLSX refused in under 5 s and 300 MB; the DOCX and PDF refused
with exit status 2 in under 500 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.documents.bombs import MEASURED_CLI as MEASURED  # noqa: E402
from tests.documents.bombs import docx_relationship_bomb, full_dimension_xlsx, pdf_stream_bomb  # noqa: E402

UNIT = "示例县人民政府"


def run(env: dict[str, str], *args: str) -> tuple[int, float, int]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", MEASURED, *args], env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    rss = [int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("MAXRSS ")]
    return result.returncode, seconds, (rss[-1] // 1024 if rss else -1)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        env = dict(os.environ, XXGK_DATA_DIR=str(directory), PYTHONPATH=str(ROOT / "src"))
        env["DATABASE_URL"] = f"sqlite:///{directory / 'xxgk.sqlite3'}"
        env.pop("DJANGO_SETTINGS_MODULE", None)
        units = directory / "units.csv"
        units.write_text("名称,简称,组织机构代码,类型,上级\n示例县人民政府,示例县政府,745100014,人民政府,\n")
        subprocess.run([sys.executable, "-m", "xxgk.cli", "units", "import", str(units)], env=env, check=True)
        xlsx = directory / "ledger.xlsx"
        xlsx.write_bytes(full_dimension_xlsx())
        docx = docx_relationship_bomb(directory / "rels-bomb.docx")
        pdf = pdf_stream_bomb(directory / "stream-bomb.pdf")
        print(f"{'input':<46} {'size':>10} {'exit':>4} {'seconds':>8} {'peak MB':>8}")
        for label, path, args in (
            (
                "XLSX claiming A1:XFD1048576 (cases import)",
                xlsx,
                ["cases", "import", str(xlsx), "--unit", "示例县人民政府"],
            ),
            ("DOCX _rels/.rels → 1 GB (report check)", docx, ["report", "check", str(docx)]),
            ("PDF FlateDecode → 2.4 GB (report check)", pdf, ["report", "check", str(pdf)]),
        ):
            status, seconds, megabytes = run(env, *args)
            print(f"{label:<46} {path.stat().st_size:>10} {status:>4} {seconds:>8.2f} {megabytes:>8}")


if __name__ == "__main__":
    main()
