"""Read PDFs in a process of its own under a memory ceiling, and say what each cost.

    python -m tests.importers.pdf_probe CEILING_MB FILE...

prints one JSON line a file: its name, the outcome ("report", "refused" with the message, or "crash" with the
exception's type — what must never happen), the seconds it took, and the process's peak resident memory so
far in MB (peaks only grow, so a file's own peak is at most the figure on its line).  The
ceiling (``RLIMIT_AS``) turns a runaway allocation into a ``MemoryError`` instead of a machine swapping.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    """The process's peak resident memory: Linux's VmHWM belongs to this program's memory alone, whereas
    ``ru_maxrss`` carries over the peak of the process that started it (it survives ``exec``)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # kilobytes on Linux


def probe(path: Path) -> dict:
    from importers import SourceError, read_report
    start = time.monotonic()
    try:
        read_report(path)
        outcome, detail = "report", ""
    except SourceError as e:
        outcome, detail = "refused", str(e)
    except BaseException as e:   # exactly what the campaign counts
        outcome, detail = "crash", f"{type(e).__name__}: {e}"[:300]
    return {"file": path.name, "outcome": outcome, "detail": detail, "seconds": round(time.monotonic() - start, 3),
            "peak_mb": round(peak_mb(), 1)}


def main(argv: list[str]) -> int:
    ceiling = int(argv[0]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    import importers.pdf  # noqa: F401 - loaded before the first file, so its cost is not the file's
    print(json.dumps({"file": "", "outcome": "start", "peak_mb": round(peak_mb(), 1)}), flush=True)
    for name in argv[1:]:
        print(json.dumps(probe(Path(name)), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
