"""Median time of running every check once, and of a save + load of a draft.

Targets: checks under 1 ms (they run on every keystroke), save + load under 20 ms.
Run: python benchmarks/bench_core.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models import draft  # noqa: E402
from models.checks import run_checks  # noqa: E402


def median_ms(fn, repeat: int) -> float:
    fn()  # warm caches the way the window would
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    examples = ROOT / "resources" / "examples"
    report = draft.load(examples / "qinghe-scjg-2025.json")
    prior = draft.load(examples / "qinghe-scjg-2024.json")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "草稿.json"
        rows = [
            ("all checks", median_ms(lambda: run_checks(report), 2000), 1.0),
            ("all checks, with last year", median_ms(lambda: run_checks(report, prior), 2000), 1.0),
            ("save + load", median_ms(lambda: (draft.save(report, path), draft.load(path)), 200), 20.0),
        ]
    for name, ms, target in rows:
        verdict = "ok" if ms < target else "SLOW"
        print(f"{name:<28} median {ms:8.3f} ms   target < {target:g} ms   {verdict}")


if __name__ == "__main__":
    main()
