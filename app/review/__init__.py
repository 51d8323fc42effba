"""Reviewing many reports at once (the 审查台): no Qt.

``review(paths)`` finds every report file under the given folders and files,
reads and checks each in a process pool, pairs the same agency's consecutive
years so that the cross-year checks (CARRY, IN-FORCE, DUP) run across the
folder, and returns plain data (``models.review``).  Only what the summary
needs is kept; the reports themselves live in the workers and, in between the
two passes, as drafts in a temporary folder.
"""
from __future__ import annotations

from .runner import Cancelled, review

__all__ = ["Cancelled", "review"]
