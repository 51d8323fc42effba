"""Which files of a folder are reports: every format the importers read."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

REPORT_SUFFIXES = (".json", ".docx", ".xlsx", ".txt", ".html", ".htm", ".pdf")


def _is_candidate(path: Path) -> bool:
    name = path.name
    # "~$报告.docx" is the lock file Word and WPS leave beside an open document, ".xxx" a hidden file
    return path.suffix.lower() in REPORT_SUFFIXES and not name.startswith(("~$", "."))


def find_report_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The report files named or found (recursively, in name order) under ``paths``, each once.

    A file named explicitly is taken whatever its name, so that it is reviewed
    (and, if it is not a report, listed with its reason); a missing path is
    kept too and becomes a row saying it was not found.
    """
    found: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.append(path)

    for given in paths:
        path = Path(given)
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(folder) / name
                    if _is_candidate(candidate):
                        add(candidate)
        else:
            add(path)
    return found
