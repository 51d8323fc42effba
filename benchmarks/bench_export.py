"""Time of each export (DOCX, XLSX, PDF) for every example, and of the stress draft.

Target: the three exports of one example together under 0.5 s.  Wall-clock
medians are printed with the process's CPU time next to them: on a loaded
machine the wall clock measures the other processes too.
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


def median_ms(fn, repeat: int = REPEAT) -> tuple[float, float, float]:
    """(first run, median of the following runs, median CPU time of the following runs) in milliseconds."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return first, statistics.median(times) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    formats = [fmt.id for fmt in FORMATS.values() if importlib.util.find_spec(fmt.module) is not None]
    missing = sorted(set(FORMATS) - set(formats))
    examples = sorted((ROOT / "resources" / "examples").glob("*.json"))
    print(f"{'example':<26}" + "".join(f"{fmt + ' first/median/cpu ms':>30}" for fmt in formats)
          + f"{'sum of medians (cpu)':>26}")
    drafts = [(example.stem, draft.load(example)) for example in examples]
    sys.path.insert(0, str(ROOT))
    from tests.exporters.stress import stress_report
    drafts.append(("stress (20,000 characters)", stress_report()))
    with tempfile.TemporaryDirectory() as folder:
        for name, report in drafts:
            cells, total, total_cpu = [], 0.0, 0.0
            for fmt in formats:
                path = Path(folder) / f"export.{fmt}"
                first, median, cpu = median_ms(lambda report=report, path=path, fmt=fmt: export(report, path, fmt),
                                               3 if name.startswith("stress") else REPEAT)
                cells.append(f"{first:8.1f} / {median:7.1f} / {cpu:7.1f}")
                total += median
                total_cpu += cpu
            verdict = "" if name.startswith("stress") else ("ok" if total < TARGET_MS else "SLOW")
            print(f"{name:<26}" + "".join(f"{c:>30}" for c in cells)
                  + f"{total:12.1f} ({total_cpu:6.1f}) ms  {verdict}")
    print(f"target: all formats of one example < {TARGET_MS:g} ms (sum of medians; the first run includes imports)")
    if missing:
        print("not measured (module missing): " + ", ".join(missing))


if __name__ == "__main__":
    main()
