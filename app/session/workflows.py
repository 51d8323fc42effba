"""The decisions the window and the command line share: what an import keeps, what an export checks.

Readers and writers are imported when used, so that ``check`` does not pay for
what it does not need.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from models.checks import IMPORT, Finding, Message, Messages, Severity, run_checks
from models.form import CellRef
from models.report import Report

if TYPE_CHECKING:
    from exporters import ExportResult
    from exporters.pdf import PdfExport

    Written = ExportResult | PdfExport  # what the writers return, each with a Chinese summary()

PRINTED_TOTAL_RULES = ("T3-ROW", "T3-SUM", "T4-TOT")


class ImportNotes(Messages, prefix=IMPORT):
    printed_total = Message("原报告{cell}：表中印为 {stated}，按 {terms} 计算应为 {computed}（草稿中合计按各项重新计算）")


@dataclass
class Imported:
    """A report read from a file, ready to be a draft: inputs only, with what the import noticed."""

    report: Report
    notes: list[Finding] = field(default_factory=list)
    source_format: str = "draft"

    @property
    def warned(self) -> int:
        """How many of the notes the clerk should read (not the merely informative)."""
        return sum(n.severity is not Severity.INFO for n in self.notes)


def opens_as_draft(path: str | os.PathLike) -> bool:
    """A draft (``*.json``) given to the program is opened for editing; any other file is imported as a new draft.

    One answer for a file dropped on the window, named on the command line or chosen in the 审查台.
    """
    return Path(path).suffix.lower() == ".json"


def printed_total_notes(report: Report) -> list[Finding]:
    """The source's printed totals that disagree with the sums, as import notes."""
    return [Finding.of(IMPORT, Severity.WARNING, ImportNotes.printed_total(**f.arguments), f.cells)
            for f in run_checks(report) if f.rule in PRINTED_TOTAL_RULES]


def as_draft(report: Report) -> list[Finding]:
    """Drop the printed totals (a draft computes its own) and say which of them were wrong.

    One policy for every import, in the window and on the command line: a draft
    holds the inputs only, so later edits never meet stale printed totals.
    """
    notes = printed_total_notes(report) if report.stated else []
    report.stated.clear()
    report.unread.clear()   # the import's notes name them; in a draft they are blanks to fill in
    if report.prior is not None:
        report.prior.stated.clear()
        report.prior.unread.clear()
    return notes


def import_report(path: str | os.PathLike) -> Imported:
    """Read any report the importers know (a draft too) as a new draft; ``SourceError`` when it cannot be read."""
    from importers import read_report
    result = read_report(Path(path))
    notes = list(result.notes) + as_draft(result.report)
    return Imported(result.report, notes, result.source_format)


def read_as_published(path: str | os.PathLike, prior: str | os.PathLike | None = None) -> Imported:
    """A report as its file has it, printed totals included, with ``prior`` (read alike) as last year's.

    What the 审查台 checks (``app.review.worker``): the same report, the same notes, the same findings
    wherever it is looked at.  ``SourceError`` when a file cannot be read.
    """
    from importers import read_report
    result = read_report(Path(path))
    if prior is not None:
        result.report.prior = read_report(Path(prior)).report
    return Imported(result.report, list(result.notes), result.source_format)


def read_prior(path: str | os.PathLike) -> Report:
    """Last year's report from any readable file, its printed totals dropped; ``SourceError`` otherwise."""
    imported = import_report(path)
    return imported.report


# ---------------------------------------------------------------- before an export

@dataclass
class ExportCheck:
    """What the clerk should know before exporting: errors and what is not filled in (the window asks, the
    command line refuses without ``--force``) and blank cells (warn)."""

    errors: list[Finding]
    blanks: list[CellRef]
    incomplete: list[Finding]  # basic information (the 落款's agency and date among it) or a section missing

    @property
    def to_confirm(self) -> list[Finding]:
        """What an export goes on despite only when confirmed: errors, and what is not filled in."""
        return self.errors + self.incomplete


COMPLETENESS_RULE = "COMPLETE"


def export_check(report: Report, findings: list[Finding] | None = None) -> ExportCheck:
    findings = run_checks(report) if findings is None else findings
    return ExportCheck([f for f in findings if f.severity is Severity.ERROR], report.blank_inputs(),
                       [f for f in findings if f.rule == COMPLETENESS_RULE])


class ExportRefused(Exception):
    """The report has errors and the export was not confirmed; ``str()`` says so in Chinese."""


def refusal_message(check: ExportCheck) -> str:
    found = "、".join(part for part in (f"{len(check.errors)} 个错误" if check.errors else "",
                                         f"{len(check.incomplete)} 处未填写" if check.incomplete else "") if part)
    return (f"检查发现 {found}，未导出。请先改正或补填；确需导出（例如交审核人修改）时可确认后仍然导出"
            f"（命令行加 --force）。")


def blank_message(check: ExportCheck, shown: int = 5) -> str | None:
    if not check.blanks:
        return None
    from models.form_2021 import FORM_2021
    names = "、".join(FORM_2021.name_of(ref) for ref in check.blanks[:shown])
    more = f"等 {len(check.blanks)} 个单元格" if len(check.blanks) > shown else ""
    return f"{names}{more}未填写，导出的表格中将保持空白（正式报告通常填 0）"


def save_as_target(report: Report, current: str | os.PathLike | None, folders: list[str], suffix: str) -> Path:
    """A new file for 另存为: a draft's name in the first of ``folders`` that can be written to (else home).

    Never the file the report came from (a draft opened read-only, a published .docx) nor any file already
    there: the name takes （副本）, （副本2）… until it is new.
    """
    writable = [Path(f) for f in folders if f and os.path.isdir(f) and os.access(f, os.W_OK)]
    folder = writable[0] if writable else Path.home()
    name = Path(current).name if current else ""
    stem = next((name[:-len(s)] for s in (suffix, ".json") if name.lower().endswith(s) and len(name) > len(s)),
                suggested_name(report, ""))
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate.exists() or (current is not None and candidate.resolve() == Path(current).resolve()):
        candidate = folder / f"{stem}（副本{n if n > 1 else ''}）{suffix}"
        n += 1
    return candidate


def suggested_name(report: Report, suffix: str) -> str:
    """A file name from the report's title, without characters Windows forbids."""
    name = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name)[:120] + suffix


def export_report(report: Report, fmt: str, path: str | os.PathLike, *, replace: bool = True,
                  mark: str | None = None) -> Written:
    """Write the export (``mark``: the clerk's 草稿 / 征求意见稿); ``ExportError`` (Chinese) when it cannot be
    written, ``ExportExists`` when it is not to ``replace`` a file and one is there."""
    from exporters import export
    return export(report, Path(path), fmt, replace=replace, mark=mark)


def export_notice(written: Written) -> str | None:
    """What the clerk should read once an export is written (a number too long, a face replaced), or None."""
    from exporters import ExportResult
    notable = written.warnings if isinstance(written, ExportResult) else written.warnings or written.substitutions
    return written.summary() if notable else None
