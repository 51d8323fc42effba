"""Recovery copies: what a crash would otherwise lose.

While a window has unsaved changes it writes its report every 30 s to
``recovery-<session>.gkbg.json`` in the application-data folder, next to a
small ``.meta.json`` (which file it belongs to, when) and a lock file held
while the window lives.  A copy whose lock can be taken belongs to a window
that is gone without cleaning up: that is what the next start offers to
restore.  Each window has its own session id, so two windows never overwrite
each other's copy.
"""
from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from models import draft
from models.report import Report

PREFIX = "recovery-"
DRAFT_PART = ".gkbg.json"
META_PART = ".meta.json"
LOCK_PART = ".lock"
DISCARDED = "recovery-discarded"


@dataclass
class Orphan:
    """A recovery copy left behind by a window that did not close normally."""

    draft_path: Path
    source: str | None  # the draft file it was a copy of; None for a never-saved report
    saved_at: str       # local time, "2026-01-12 15:30"
    lock: QLockFile     # held while the orphan is being offered, so no other window offers it too

    def load(self) -> Report:
        return draft.load(self.draft_path)

    def files(self) -> list[Path]:
        stem = self.draft_path.name[: -len(DRAFT_PART)]
        return [self.draft_path, self.draft_path.with_name(stem + META_PART)]

    def remove(self) -> None:
        for path in self.files():
            path.unlink(missing_ok=True)
        self.lock.unlock()

    def set_aside(self) -> None:
        """Declined: keep one generation under a fixed name instead of deleting it outright."""
        folder = self.draft_path.parent
        for path, part in zip(self.files(), (DRAFT_PART, META_PART)):
            if path.exists():
                path.replace(folder / (DISCARDED + part))
        self.lock.unlock()


class RecoveryStore:
    """This window's recovery copy."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.session = uuid.uuid4().hex[:12]
        stem = PREFIX + self.session
        self.draft_path = self.folder / (stem + DRAFT_PART)
        self.meta_path = self.folder / (stem + META_PART)
        self.lock = QLockFile(str(self.folder / (stem + LOCK_PART)))
        self.lock.setStaleLockTime(0)
        self.written = False

    def write(self, report: Report, source: str | None) -> None:
        """Write the copy (atomically); OSError propagates for the caller to report."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self.lock.isLocked():
            self.lock.tryLock(0)
        meta = {"source": source, "saved_at": datetime.datetime.now().strftime("%Y-%m-%d %H:%M")}
        draft.atomic_write(self.meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        draft.atomic_write(self.draft_path, draft.dumps(report).encode("utf-8"))
        self.written = True

    def discard(self) -> None:
        """The work is saved (or deliberately dropped): the copy is no longer needed."""
        if self.written:
            self.draft_path.unlink(missing_ok=True)
            self.meta_path.unlink(missing_ok=True)
            self.written = False

    def close(self) -> None:
        self.discard()
        self.lock.unlock()


def orphans(folder: Path) -> list[Orphan]:
    """Recovery copies of windows that are gone, newest first; each is locked for the caller."""
    folder = Path(folder)
    found = []
    for path in folder.glob(PREFIX + "*" + DRAFT_PART):
        stem = path.name[: -len(DRAFT_PART)]
        if stem == DISCARDED:
            continue
        lock = QLockFile(str(folder / (stem + LOCK_PART)))
        lock.setStaleLockTime(0)  # a live window's lock is never stale, however old
        if not lock.tryLock(0):
            continue
        try:
            meta = json.loads((folder / (stem + META_PART)).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        source = meta.get("source") if isinstance(meta.get("source"), str) else None
        saved_at = meta.get("saved_at") if isinstance(meta.get("saved_at"), str) else \
            datetime.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        found.append(Orphan(path, source, saved_at, lock))
    found.sort(key=lambda o: o.draft_path.stat().st_mtime, reverse=True)
    return found
