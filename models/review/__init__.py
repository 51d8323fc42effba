"""What a review of many reports (the 审查台) finds, as plain data: no Qt, no reading of files.

One ``ReviewEntry`` a file (key figures, findings, flags), the peer quartiles
of each level and year, who wrote a report (``identity``).  Running a review
— reading the files in a process pool and pairing years — is the
application's (``app/review``).
"""
from __future__ import annotations

from .entries import Flag, Quartiles, ReviewEntry, ReviewFinding, ReviewResult
from .files import REPORT_SUFFIXES, find_report_files
from .figures import KEY_FIGURES, KeyFigure

__all__ = ["Flag", "KEY_FIGURES", "KeyFigure", "Quartiles", "REPORT_SUFFIXES", "ReviewEntry",
           "ReviewFinding", "ReviewResult", "find_report_files"]
