"""Whether a process named in a file (a lock, a recovery copy, a temporary file) is still running here.

A file written by another program, or damaged, may name any number as a
process: 0 and −1 are not processes (``os.kill`` would ask about the whole
process group, or every process, and say "alive"), and a number wider than
the system's process numbers makes ``os.kill`` raise ``OverflowError``.  Such
a number names no running process.
"""
from __future__ import annotations

import hashlib
import os

# Linux allows up to 2**22, other systems 2**31 − 1; Windows' process ids are DWORDs (multiples of 4)
MAX_PID = 2**32 - 1 if os.name == "nt" else 2**31 - 1


def host_name() -> str:
    import socket  # when a file is written or locked: not at start-up
    try:
        return socket.gethostname()
    except OSError:  # pragma: no cover - a host without a name
        return "localhost"


def host_tag() -> str:
    """Four hex digits standing for this computer in short file names (temporary files in a shared folder)."""
    return hashlib.sha1(host_name().encode("utf-8", "replace")).hexdigest()[:4]


def valid_pid(pid: object) -> bool:
    return type(pid) is int and 0 < pid <= MAX_PID


def alive(pid: object) -> bool:
    """Whether ``pid`` is a process running on this computer (this one included); False for any non-process."""
    if not valid_pid(pid):
        return False
    assert isinstance(pid, int)
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
        return True  # another user's process
    except (OSError, OverflowError, ValueError):
        return False
    return True
