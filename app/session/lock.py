"""One writer per draft: a small lock file beside the draft while a window has it open for editing.

The lock says who holds it (user, computer, process, since when).  A lock whose
process is gone on this computer was left by a crash and is taken over; a lock
held by a live process, here or on another computer sharing the folder, is
reported so the clerk can open the draft read-only instead.
"""
from __future__ import annotations

import datetime
import getpass
import json
import os
import socket
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = ".gkbg#"


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int
    since: str
    token: str = ""  # which window of the process

    def describe(self) -> str:
        where = "本机" if self.host == socket.gethostname() else f"计算机“{self.host}”"
        return f"{where}上的用户“{self.user}”（自 {self.since} 起）"


def lock_path(draft: Path) -> Path:
    return draft.parent / f"{LOCK_PREFIX}{draft.name}{LOCK_SUFFIX}"


def _me(token: str) -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in a bare environment
        user = "未知用户"
    return Holder(user, socket.gethostname(), os.getpid(), datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
                  token)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_holder(draft: Path) -> Holder | None:
    try:
        data = json.loads(lock_path(draft).read_text(encoding="utf-8"))
        return Holder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]),
                      str(data.get("token", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DraftLock:
    """This process's lock on one draft."""

    def __init__(self, draft: Path) -> None:
        self.draft = Path(draft)
        self.path = lock_path(self.draft)
        self.token = uuid.uuid4().hex[:12]
        self.held = False

    def _mine(self, holder: Holder) -> bool:
        return (holder.host, holder.pid, holder.token) == (socket.gethostname(), os.getpid(), self.token)

    def holder(self) -> Holder | None:
        """Someone else who holds the draft now, or None (free, ours, or left by a crash)."""
        other = read_holder(self.draft)
        if other is None:
            return None
        if self._mine(other):
            return None
        if other.host == socket.gethostname() and not _alive(other.pid):
            return None
        return other

    def acquire(self) -> bool:
        """Take the lock (taking over one left by a crash); False when another writer holds it."""
        if self.holder() is not None:
            return False
        return self.force()

    def force(self) -> bool:
        """Take the lock whoever holds it (the clerk decided to); False when the folder is not writable."""
        me = _me(self.token)
        try:
            self.path.write_text(json.dumps(me.__dict__, ensure_ascii=False), encoding="utf-8")
            if os.name == "nt":
                import ctypes
                ctypes.windll.kernel32.SetFileAttributesW(str(self.path), 0x2)  # type: ignore[attr-defined]
        except OSError:
            self.held = False  # a read-only folder: nobody can lock it, the changed-on-disk check still guards
            return True
        self.held = True
        # a session dropped without release (or a process ending normally) still lets go
        self._finalizer = weakref.finalize(self, _release, self.draft, self.token)
        return True

    def release(self) -> None:
        if self.held:
            _release(self.draft, self.token)
            self._finalizer.detach()
        self.held = False


def _release(draft: Path, token: str) -> None:
    """Remove the lock if it is still the one ``token`` wrote."""
    other = read_holder(draft)
    if other is None or (other.host, other.pid, other.token) == (socket.gethostname(), os.getpid(), token):
        try:
            lock_path(draft).unlink()
        except OSError:
            pass
