"""Recovery copies: what a crash would otherwise lose.

While a window has unsaved changes it writes its report, a second or two after
each change, to ``recovery-<id>.gkbg.json`` in the application-data folder,
beside a ``.meta.json`` that says whose copy it is (user, computer, process),
of which draft and when.  A copy whose process is gone is an orphan: the next
start offers it, newest first.  A copy older than its draft (the draft was
saved after it) is never offered; a restored copy is removed; a declined one is
set aside under its own name, the last few kept.
"""
from __future__ import annotations

import datetime
import getpass
import json
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

from models import draft
from models.files import atomic_write
from models.report import Report
from .lock import _alive

PREFIX = "recovery-"
DRAFT_PART = ".gkbg.json"
META_PART = ".meta.json"
DISCARDED = "discarded-"
KEEP_DISCARDED = 5


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in a bare environment
        return "未知用户"


@dataclass
class Orphan:
    """A recovery copy left behind by a window that did not close normally."""

    draft_path: Path
    source: str | None     # the draft it was a copy of; None for a never-saved report
    saved_at: datetime.datetime
    user: str
    agency: str = ""

    @property
    def meta_path(self) -> Path:
        return self.draft_path.with_name(self.draft_path.name[: -len(DRAFT_PART)] + META_PART)

    def describe(self) -> str:
        """Whose, of what, when — for the question at start."""
        what = f"草稿“{Path(self.source).name}”" if self.source else "尚未保存的新报告"
        agency = f"（{self.agency}）" if self.agency else ""
        return f"{self.saved_at:%Y-%m-%d %H:%M:%S} 自动保存的{what}{agency}，用户“{self.user}”"

    def load(self) -> Report:
        return draft.load(self.draft_path)

    def remove(self) -> None:
        for path in (self.draft_path, self.meta_path):
            path.unlink(missing_ok=True)

    def set_aside(self) -> None:
        """Declined: keep it under its own name (the last few), never offered again."""
        folder = self.draft_path.parent
        stem = f"{DISCARDED}{self.saved_at:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:4]}"
        for path, part in ((self.draft_path, DRAFT_PART), (self.meta_path, META_PART)):
            if path.exists():
                path.replace(folder / (stem + part))
        kept = sorted(folder.glob(f"{DISCARDED}*{DRAFT_PART}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP_DISCARDED:]:
            old.unlink(missing_ok=True)
            old.with_name(old.name[: -len(DRAFT_PART)] + META_PART).unlink(missing_ok=True)


class RecoveryStore:
    """This window's recovery copy."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self.id = uuid.uuid4().hex[:12]
        stem = PREFIX + self.id
        self.draft_path = self.folder / (stem + DRAFT_PART)
        self.meta_path = self.folder / (stem + META_PART)
        self.written = False

    def write(self, report: Report, source: str | None) -> None:
        """Write the copy (atomically); OSError propagates for the caller to report."""
        self.folder.mkdir(parents=True, exist_ok=True)
        meta = {"source": source, "saved_at": datetime.datetime.now().isoformat(timespec="seconds"),
                "user": _user(), "host": socket.gethostname(), "pid": os.getpid(), "agency": report.agency}
        atomic_write(self.draft_path, draft.encode(report))
        atomic_write(self.meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        self.written = True

    def discard(self) -> None:
        """The work is saved (or deliberately dropped): the copy is no longer needed."""
        if self.written:
            self.draft_path.unlink(missing_ok=True)
            self.meta_path.unlink(missing_ok=True)
            self.written = False

    def close(self) -> None:
        self.discard()


def _read_meta(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def orphans(folder: str | os.PathLike) -> list[Orphan]:
    """Recovery copies of windows that are gone, newest first.

    A copy older than the draft it came from is dropped on the way: the draft
    was saved after it, so offering it could only bring back older work.
    """
    folder = Path(folder)
    found = []
    for path in folder.glob(PREFIX + "*" + DRAFT_PART):
        meta = _read_meta(path.with_name(path.name[: -len(DRAFT_PART)] + META_PART))
        host, pid = meta.get("host"), meta.get("pid")
        if isinstance(pid, int) and host == socket.gethostname() and _alive(pid):
            continue  # a running window's copy
        try:
            saved_at = datetime.datetime.fromisoformat(str(meta.get("saved_at")))
        except ValueError:
            saved_at = datetime.datetime.fromtimestamp(path.stat().st_mtime)
        source = meta.get("source") if isinstance(meta.get("source"), str) else None
        orphan = Orphan(path, source, saved_at, str(meta.get("user") or "未知用户"), str(meta.get("agency") or ""))
        if source and Path(source).exists() and Path(source).stat().st_mtime > path.stat().st_mtime:
            orphan.set_aside()
            continue
        found.append(orphan)
    found.sort(key=lambda o: o.saved_at, reverse=True)
    return found
