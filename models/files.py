"""Writing a file so that a crash leaves the old file or the new one, never half of one — and nothing else changes.

The new file keeps the old one's permissions (a draft on a shared folder stays
readable by colleagues), or follows the user's umask when it is new; a
symbolic link is written through, not replaced; a read-only file is refused;
the temporary name is short, so a long (legal) file name can still be saved;
a temporary file left by a killed save is cleaned up by the next save there.
"""
from __future__ import annotations

import errno
import os
import stat
import time
import uuid
from collections.abc import Callable
from pathlib import Path

TEMP_PREFIX = ".gkbg-"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 600  # a temporary file this old belongs to no save in progress


class FileWriteError(OSError):
    """A file that cannot be written; ``strerror`` is a Chinese reason."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


DEFAULT_MODE = 0o666 & ~_umask()


def real_target(path: str | os.PathLike) -> Path:
    """Where writing ``path`` must land: the file a symbolic link points to, or the path itself."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def reason(error: OSError) -> str:
    """An operating-system error in the clerk's words."""
    if isinstance(error, FileWriteError):
        return error.strerror or "无法写入"
    known = {
        errno.ENOSPC: "磁盘空间不足",
        errno.EROFS: "该位置只读",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.ENOENT: "文件或文件夹不存在",
        errno.ENAMETOOLONG: "文件名太长",
        errno.EISDIR: "这是一个文件夹",
        errno.ENOTDIR: "路径中有一部分不是文件夹",
        errno.EEXIST: "文件已存在",
        errno.EBUSY: "文件正被其他程序使用",
        errno.EDQUOT if hasattr(errno, "EDQUOT") else -1: "磁盘配额已满",
    }
    if error.errno in known:
        return known[error.errno]
    if isinstance(error, PermissionError):
        return "没有权限（文件可能正被其他程序打开，或位置不允许写入）"
    return "无法读写该文件（系统错误代码 %s）" % (error.errno if error.errno is not None else "未知")


def atomic_write(path: str | os.PathLike, payload: bytes | Callable[[Path], None]) -> Path:
    """Write ``payload`` (bytes, or a function that writes a given path) to ``path`` atomically.

    Returns the file written (the link's target when ``path`` is a symbolic
    link).  Raises ``OSError`` (``FileWriteError`` with a Chinese reason for a
    read-only file or a folder); the old file is left as it was.
    """
    target = real_target(path)
    if target.is_dir():
        raise FileWriteError(errno.EISDIR, f"{target} 是一个文件夹，请指定文件名")
    existing = target.exists()
    if existing and not os.access(target, os.W_OK):
        raise FileWriteError(errno.EACCES, f"文件“{target.name}”是只读的，未覆盖；请用“另存为”保存到另一个文件")
    mode = stat.S_IMODE(target.stat().st_mode) if existing else DEFAULT_MODE
    folder = target.parent
    clean_stale_temporaries(folder)
    tmp = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}"
    try:
        if callable(payload):
            payload(tmp)
            fd = os.open(tmp, os.O_RDWR)
        else:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb", closefd=False) as f:
                f.write(payload)
        try:
            os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    return target


def clean_stale_temporaries(folder: Path) -> None:
    """Remove what killed saves left behind in ``folder`` (only our own temporary files, only old ones)."""
    now = time.time()
    try:
        entries = list(folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
    except OSError:
        return
    for entry in entries:
        try:
            if now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                entry.unlink()
        except OSError:
            pass
