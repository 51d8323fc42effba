"""Reading reports from files: our drafts, and (later) exports and published reports.

``read_report`` picks the reader by the file's content and suffix and returns
the report with an import record: findings (rule ``IMPORT``) for what was
tolerated or could not be read.  Stated totals of a published report go to
``report.stated``, where the checks T3-ROW, T3-SUM and T4-TOT compare them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models import draft
from models.checks import Finding
from models.report import Report


class SourceError(Exception):
    """A file that cannot be read as a report; ``str()`` is a Chinese message."""


@dataclass
class ImportResult:
    report: Report
    notes: list[Finding] = field(default_factory=list)
    source_format: str = "draft"


def read_report(path: str | Path) -> ImportResult:
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"找不到文件 {path}")
    if path.suffix.lower() == ".json":
        try:
            return ImportResult(draft.load(path))
        except draft.DraftError as e:
            raise SourceError(str(e)) from e
    raise SourceError(f"不支持的文件类型“{path.suffix or path.name}”：请使用本程序的草稿（.json）")
