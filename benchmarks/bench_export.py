"""Time of each export (DOCX, XLSX, and PDF when exporters.pdf is there) for every example.

Target: the three exports of one example together under 0.5 s.
Run: python benchmarks/bench_export.py
"""
from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the PDF writer needs Qt, not a display

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporters import FORMATS, export  # noqa: E402
from models import draft  # noqa: E402

TARGET_MS = 500.0
REPEAT = 7


def median_ms(fn, repeat: int = REPEAT) -> tuple[float, float]:
    """(first run, median of the following runs) in milliseconds."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times) * 1000


def main() -> None:
    formats = [fmt for fmt, (module, _, _) in FORMATS.items() if importlib.util.find_spec(module) is not None]
    missing = sorted(set(FORMATS) - set(formats))
    examples = sorted((ROOT / "resources" / "examples").glob("*.json"))
    print(f"{'example':<26}" + "".join(f"{fmt + ' (first/median ms)':>26}" for fmt in formats)
          + f"{'sum of medians':>16}")
    with tempfile.TemporaryDirectory() as folder:
        for example in examples:
            report = draft.load(example)
            cells, total = [], 0.0
            for fmt in formats:
                path = Path(folder) / f"{example.stem}.{fmt}"
                first, median = median_ms(lambda report=report, path=path, fmt=fmt: export(report, path, fmt))
                cells.append(f"{first:10.1f} / {median:8.1f}")
                total += median
            verdict = "ok" if total < TARGET_MS else "SLOW"
            print(f"{example.stem:<26}" + "".join(f"{c:>26}" for c in cells) + f"{total:12.1f} ms  {verdict}")
    print(f"target: all formats of one example < {TARGET_MS:g} ms (sum of medians; the first run includes imports)")
    if missing:
        print("not measured (module missing): " + ", ".join(missing))


if __name__ == "__main__":
    main()
