"""Reviewing many reports at once (the 审查台): no Qt.

``review(paths)`` finds every report file under the given folders and files,
reads and checks each in a process pool, pairs the same agency's consecutive
years so that the cross-year checks (CARRY, IN-FORCE, DUP) run across the
folder, and returns plain data: one ``ReviewEntry`` a file (key figures,
findings, flags), and the peer quartiles of each level and year.  Only what
the summary needs is kept; the reports themselves live in the workers and, in
between the two passes, as drafts in a temporary folder.
"""
from __future__ import annotations

from .entries import Flag, Quartiles, ReviewEntry, ReviewFinding, ReviewResult, rule_title
from .files import REPORT_SUFFIXES, find_report_files
from .figures import KEY_FIGURES, KeyFigure
from .runner import Cancelled, review

__all__ = ["Cancelled", "Flag", "KEY_FIGURES", "KeyFigure", "Quartiles", "REPORT_SUFFIXES", "ReviewEntry",
           "ReviewFinding", "ReviewResult", "find_report_files", "review", "rule_title"]
