"""The import record: what a reader tolerated, mapped or could not read, as findings of rule ``IMPORT``."""
from __future__ import annotations

from dataclasses import dataclass, field

from models.checks import IMPORT, Finding, Severity
from models.form import CellRef
from models.report import Report


class SourceError(Exception):
    """A file that cannot be read as a report; ``str()`` is a Chinese message."""


@dataclass
class ImportResult:
    report: Report
    notes: list[Finding] = field(default_factory=list)
    source_format: str = "draft"
    year_known: bool = True     # False: no year was found, ``report.year`` is a placeholder (the 审查台 says so)


class Record:
    """Collects the notes of one import, each at most once, in the order they arose."""

    def __init__(self) -> None:
        self.notes: list[Finding] = []
        self._seen: set[Finding] = set()   # a hostile file can raise thousands of notes: no list scans

    def warn(self, message: str, cells: tuple[CellRef, ...] | list[CellRef] = (), section: str | None = None) -> None:
        """A deviation that was tolerated, or something that could not be read: worth a look."""
        self._add(Severity.WARNING, message, cells, section)

    def info(self, message: str, cells: tuple[CellRef, ...] | list[CellRef] = (), section: str | None = None) -> None:
        """A harmless remark (how the file was read, a deviation of form only)."""
        self._add(Severity.INFO, message, cells, section)

    def _add(self, severity: Severity, message: str, cells, section: str | None) -> None:
        finding = Finding(IMPORT, severity, message, tuple(cells), section)
        if finding not in self._seen:
            self._seen.add(finding)
            self.notes.append(finding)
