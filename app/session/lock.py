"""One writer per draft: a small lock file beside the draft while a window has it open for editing.

The lock says who holds it (user, computer, process, since when).  What the
lock file says is never trusted blindly: it may be damaged or written by
another program, so any value is read without failing (a process number of
20 digits, 0 or −1 names no process).

* A lock of a live process — here, or on another computer sharing the folder
  (which cannot be asked) — is reported: the clerk opens read-only, or takes
  over on purpose.
* A lock left by a crash on this computer (its process is gone, or it names no
  process) is taken over without asking when it was the same user's; another
  user's is reported, and taking it over is tried only when the clerk says so
  — the file system may refuse (a shared folder where only a file's owner may
  replace it), and then the draft opens read-only.
* A folder in which no lock can be made (read-only, or the lock's name taken
  by a folder) is reported as well: the draft then opens read-only.

A lock is created exclusively, so of two windows opening one draft at the
same moment only one holds it.
"""
from __future__ import annotations

import datetime
import enum
import errno
import json
import os
import weakref
from dataclasses import dataclass
from pathlib import Path

from models.files import FileWriteError, place, reason, temporary_path
from models.processes import alive, host_name, valid_pid

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = ".gkbg#"
MAX_LOCK_BYTES = 4096   # a lock holds a line of JSON; anything larger is not one of ours
MAX_FIELD_CHARS = 100


def user_name() -> str:
    import getpass  # when a draft is locked or saved: not at start-up
    try:
        return getpass.getuser()
    except Exception:  # no user name in a bare environment
        return "未知用户"


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int | None    # None: the lock names no process (damaged, or written by another program)
    since: str
    token: str = ""    # which window of the process

    @property
    def here(self) -> bool:
        return self.host == host_name()

    @property
    def gone(self) -> bool:
        """Left by a crash: its process is not running on this computer, or it names no process or computer
        at all (damaged, or not written by this program)."""
        return self.pid is None or not self.host or (self.here and not alive(self.pid))

    def describe(self) -> str:
        where = "本机" if self.here else f"计算机“{self.host}”"
        since = f"（自 {self.since} 起）" if self.since else ""
        return f"{where}上的用户“{self.user}”{since}"


def lock_path(draft: Path) -> Path:
    return draft.parent / f"{LOCK_PREFIX}{draft.name}{LOCK_SUFFIX}"


def _field(data: dict, key: str, default: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        return default
    return value.strip()[:MAX_FIELD_CHARS]


def read_holder(draft: Path) -> Holder | None:
    """Who the lock beside ``draft`` names; ``None`` when there is no lock file.

    A lock file that cannot be read as one (damaged, empty, huge, not JSON)
    names an unknown holder with no process, which counts as left by a crash.
    """
    path = lock_path(draft)
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return Holder("未知用户", "", None, "", "")
    except OSError:
        if not path.exists():
            return None
        return Holder("未知用户", "", None, "", "")
    try:
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_LOCK_BYTES else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        return Holder("未知用户", "", None, "", "")
    pid = data.get("pid")
    return Holder(_field(data, "user", "未知用户"), _field(data, "host", ""), pid if valid_pid(pid) else None,
                  _field(data, "since", ""), _field(data, "token", ""))


class Outcome(enum.Enum):
    HELD = "held"            # this window holds the lock
    BUSY = "busy"            # a live holder (or one on another computer)
    STALE = "stale"          # left by a crash of another user: ask before taking over
    UNLOCKABLE = "unlockable"  # no lock can be made in the folder


class LockRefused(Exception):
    """Taking over a lock failed: the file system does not allow it; ``str()`` says why in Chinese."""


class DraftLock:
    """This process's lock on one draft."""

    def __init__(self, draft: Path) -> None:
        self.draft = Path(draft)
        self.path = lock_path(self.draft)
        self.token = os.urandom(6).hex()
        self.held = False
        self.problem = ""   # why no lock could be made (UNLOCKABLE), in Chinese

    def _mine(self, holder: Holder) -> bool:
        return (holder.host, holder.pid, holder.token) == (host_name(), os.getpid(), self.token)

    def holder(self) -> Holder | None:
        """Whoever else holds or left the lock, or None (no lock, or ours)."""
        other = read_holder(self.draft)
        if other is None or self._mine(other):
            return None
        return other

    def acquire(self) -> Outcome:
        """Take the lock when it is free, ours, or left by a crash of this user; otherwise say why not."""
        for _ in range(3):   # another window may take or drop the lock between looking and taking
            other = self.holder()
            if other is not None and not other.gone:
                return Outcome.BUSY
            if other is not None and other.user != user_name():
                return Outcome.STALE
            try:
                self._write(replace=other is not None)
            except FileExistsError:
                continue   # someone took it a moment ago: look again
            except (OSError, LockRefused) as e:
                self.problem = str(e) if isinstance(e, LockRefused) else _unlockable(self.path, e)
                return Outcome.UNLOCKABLE
            return Outcome.HELD
        return Outcome.BUSY

    def take_over(self) -> None:
        """Take the lock whoever holds it (the clerk decided to); ``LockRefused`` when the file system refuses."""
        try:
            self._write(replace=True)
        except (OSError, LockRefused) as e:
            raise LockRefused(str(e) if isinstance(e, LockRefused) else _unlockable(self.path, e)) from None

    def _write(self, *, replace: bool) -> None:
        """Write our lock: created exclusively when there is none (``FileExistsError`` if one appeared),
        or replacing the one there."""
        if self.path.is_dir():
            raise LockRefused(f"草稿旁应为编辑锁的位置“{self.path.name}”是一个文件夹，无法建立编辑锁")
        me = {"user": user_name(), "host": host_name(), "pid": os.getpid(),
              "since": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "token": self.token}
        tmp = temporary_path(self.path.parent)
        try:
            with open(tmp, "xb") as f:
                f.write(json.dumps(me, ensure_ascii=False).encode("utf-8"))
            if replace and os.name == "nt":
                _clear_attributes(self.path)   # Windows will not replace a hidden file
            try:
                place(tmp, self.path, exclusive=not replace)
            except FileWriteError as e:
                if e.errno == errno.EEXIST:
                    raise FileExistsError(errno.EEXIST, str(e)) from None
                raise
        finally:
            try:
                tmp.unlink()
            except OSError:
                pass
        if os.name == "nt":
            import ctypes
            ctypes.windll.kernel32.SetFileAttributesW(str(self.path), 0x2)  # type: ignore[attr-defined]
        self.held = True
        # a session dropped without release (or a process ending normally) still lets go
        self._finalizer = weakref.finalize(self, _release, self.draft, self.token)

    def release(self) -> None:
        if self.held:
            _release(self.draft, self.token)
            self._finalizer.detach()
        self.held = False


def _clear_attributes(path: Path) -> None:  # pragma: no cover - Windows only
    import ctypes
    ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x80)  # type: ignore[attr-defined]


def _unlockable(path: Path, error: OSError) -> str:
    if isinstance(error, FileWriteError):
        return str(error)
    if isinstance(error, PermissionError):
        return (f"没有权限在文件夹“{path.parent}”中建立或替换编辑锁（锁文件可能属于其他用户，"
                "或文件夹不允许新建文件）")
    return f"无法在文件夹“{path.parent}”中建立编辑锁：{reason(error)}"


def _release(draft: Path, token: str) -> None:
    """Remove the lock if it is still the one ``token`` wrote."""
    other = read_holder(draft)
    if other is not None and (other.host, other.pid, other.token) == (host_name(), os.getpid(), token):
        try:
            lock_path(draft).unlink()
        except OSError:
            pass
