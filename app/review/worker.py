"""What a worker process does with one file (pass 1) and with one pair of years (pass 2).

Everything here runs in a child process and returns plain, picklable data.
An unexpected error in a reader or a check becomes the file's reason, never
the end of the review.
"""
from __future__ import annotations

from pathlib import Path

from importers import SourceError, read_report

from models import draft
from models.checks import run_checks
from models.profile import Profile
from models.review.entries import ReviewEntry, ReviewFinding
from models.review.figures import NUMBER_REFS, all_numbers, key_figures
from models.review.identity import level_of


def prepare_process() -> None:
    """Set up a worker process, which only reads.

    While loading a workbook, openpyxl gives the edge cells of every merged
    range the borders of its first cell (``MergedCellRange.format``): three
    fifths of the time an .xlsx import takes, for borders a reader never looks
    at (the importer reads the values and the merged ranges themselves).  Only
    the review's worker processes skip it; the window's process, which also
    writes workbooks, keeps openpyxl as it is.
    """
    from openpyxl.worksheet.merge import MergedCellRange
    MergedCellRange.format = _no_borders


def _no_borders(self) -> None:
    return None


def read_one(task: tuple[int, str, str | None, Profile | None]) -> ReviewEntry:
    """Read, identify and check one file by itself (against the 本地要求 when given); leave the report as a draft
    in the spill folder."""
    index, path, spill_dir, profile = task
    entry = ReviewEntry(index, path)
    try:
        loaded = read_report(path)
    except SourceError as e:
        entry.error = str(e)
        return entry
    except Exception as e:  # an importer's bug on one odd file must not stop the folder
        entry.error = f"无法读取：读取时出错（{type(e).__name__}），文件可能异常或不是年度报告"
        return entry
    report = loaded.report
    try:
        entry.source_format = loaded.source_format
        entry.agency = report.agency.strip()
        entry.year = report.year if loaded.year_known else None   # no year guessed for the 审查台
        entry.level = level_of(report.agency)
        entry.figures = key_figures(report)
        entry.numbers = all_numbers(report)
        entry.stated = {str(ref): v for ref, v in report.stated.items() if ref in _NUMBER_SET}
        entry.findings = [ReviewFinding.of(f) for f in loaded.notes]
        entry.import_notes = len(entry.findings)
        entry.findings += [ReviewFinding.of(f) for f in run_checks(report, profile=profile)]
        if spill_dir:
            spill = Path(spill_dir) / f"{index}.json"
            spill.write_text(draft.dumps(report), encoding="utf-8")
            entry.spill = str(spill)
    except Exception as e:
        return ReviewEntry(index, path, error=f"检查时出错（{type(e).__name__}），文件内容可能异常")
    return entry


def check_pair(task: tuple[int, str, str, Profile | None]) -> list[ReviewFinding]:
    """The checks of one report with last year's report of the folder as its prior."""
    _, spill, prior_spill, profile = task
    report = draft.loads(Path(spill).read_text(encoding="utf-8"))
    prior = draft.loads(Path(prior_spill).read_text(encoding="utf-8"))
    return [ReviewFinding.of(f) for f in run_checks(report, prior, profile=profile)]


_NUMBER_SET = frozenset(NUMBER_REFS)
