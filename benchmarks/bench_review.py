"""Reviewing a folder of 1,000 reports in mixed formats: reports per second, beside the single-report import time.

Target: 1,000 reports in under 20 s on 2 cores (``--jobs 2``).
Run: python benchmarks/bench_review.py [--count 1000] [--jobs 2] [--folder F]
(the folder is generated once and kept when --folder is given; generating 1,000 takes a few minutes)
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from importers import read_report  # noqa: E402
from app.review import review  # noqa: E402
from tests.review_support import SUFFIX, make_folder  # noqa: E402

TARGET_SECONDS = 20.0
TARGET_COUNT = 1000


def cpu_seconds() -> float:
    """User + system time of this process and its finished children (0 where the platform cannot tell)."""
    try:
        import resource
    except ImportError:
        return 0.0
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def import_times(folder: Path, per_format: int = 10, clock=time.perf_counter) -> dict[str, float]:
    """Median single-report import time per format, in ms, each format warmed up first."""
    by_format: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(folder.iterdir()):
        fmt = next((f for f, s in SUFFIX.items() if path.name.endswith(s)), None)
        if fmt and len(by_format[fmt]) < per_format + 1:
            by_format[fmt].append(path)
    result = {}
    for fmt, paths in sorted(by_format.items()):
        read_report(paths[0])
        times = []
        for path in paths[1:]:
            start = clock()
            read_report(path)
            times.append(clock() - start)
        result[fmt] = statistics.median(times) * 1000
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=TARGET_COUNT)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folder", help="keep the generated folder here (reused when it already holds the reports)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.folder) if args.folder else Path(scratch) / "reports"
        if not folder.is_dir() or len(list(folder.iterdir())) < args.count:
            start = time.perf_counter()
            make_folder(folder, args.count)
            print(f"generated {args.count} reports in {time.perf_counter() - start:.1f} s in {folder}")
        singles, cpu_singles = import_times(folder), import_times(folder, clock=time.process_time)
        for fmt, ms in singles.items():
            print(f"single import {fmt:<6} median {ms:7.1f} ms  (CPU {cpu_singles[fmt]:7.1f} ms)")
        mean_ms, mean_cpu = statistics.mean(singles.values()), statistics.mean(cpu_singles.values())
        print(f"single import, mean over formats {mean_ms:7.1f} ms (CPU {mean_cpu:.1f} ms) "
              f"= {1000 / mean_ms:5.1f} reports/s on one core")
        cpu_before = cpu_seconds()
        start = time.perf_counter()
        result = review([folder], jobs=args.jobs)
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds() - cpu_before
    count = len(result.entries)
    rate = count / elapsed
    projected = TARGET_COUNT / rate
    verdict = "ok" if projected < TARGET_SECONDS else "SLOW"
    print(f"review of {count} reports, --jobs {args.jobs} on {os.cpu_count()} CPUs: {elapsed:.1f} s = {rate:.1f} reports/s"
          f"  ({len(result.readable)} read, {sum(1 for e in result.entries if e.prior_file)} paired)")
    print(f"1,000 reports would take {projected:.1f} s   target < {TARGET_SECONDS:g} s   {verdict}")
    if cpu:
        ideal = cpu / count * TARGET_COUNT / args.jobs
        print(f"CPU time of the review (all processes) {cpu:.1f} s = {cpu / count * 1000:.0f} ms a report: "
              f"on {args.jobs} idle cores 1,000 reports would take about {ideal:.1f} s "
              f"(load average now {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
