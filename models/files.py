"""Writing a file so that a crash leaves the old file or the new one, never half of one — and nothing else changes.

The new file keeps the old one's permissions (a draft on a shared folder stays
readable by colleagues), or follows the user's umask when it is new; a
symbolic link is written through, not replaced; a read-only file is refused;
the temporary name is short, so a long (legal) file name can still be saved.
A file that must not replace another (an import's draft, an export without
``--force``) is created exclusively: of two writers at once, one wins and the
other is told the file exists.  A temporary file names the computer and the
process that writes it, so one left by a killed save is removed as soon as
the folder is next used on that computer (opening, saving, starting).

What a session read or wrote is remembered by its content (``digest``), not by
the file's time: on a disk with 1- or 2-second timestamps (FAT sticks, many
network shares) two saves within one tick look alike by time and size.
"""
from __future__ import annotations

import errno
import gc
import hashlib
import os
import stat
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .processes import alive, host_tag

TEMP_PREFIX = ".gkbg-"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 600  # a temporary file this old belongs to no save in progress, whoever wrote it
MAX_DIGEST_BYTES = 64 * 1024 * 1024  # a file larger than this is not one we wrote (a draft is refused above 50 MB)


class FileWriteError(OSError):
    """A file that cannot be written; ``strerror`` (and ``str()``) is a Chinese reason."""

    def __str__(self) -> str:
        return self.strerror or "无法写入"


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
        errno.EFBIG: "文件超过了该位置允许的大小",
        errno.EIO: "读写设备时出错（U 盘或网络连接可能已断开）",
        errno.EDQUOT if hasattr(errno, "EDQUOT") else -1: "磁盘配额已满",
    }
    if error.errno in known:
        return known[error.errno]
    if isinstance(error, PermissionError):
        return "没有权限（文件可能正被其他程序打开，或位置不允许写入）"
    return "无法读写该文件（系统错误代码 %s）" % (error.errno if error.errno is not None else "未知")


# ---------------------------------------------------------------- what a session read or wrote

def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str | os.PathLike) -> str | None:
    """The digest of the file's content now; ``None`` when there is no file (or it cannot be read)."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_DIGEST_BYTES + 1)
    except OSError:
        return None
    return digest(data)


# ---------------------------------------------------------------- temporary files

def temporary_path(folder: Path) -> Path:
    """A fresh temporary name in ``folder`` naming this computer and process (short: long names stay savable)."""
    return folder / f"{TEMP_PREFIX}{host_tag()}-{os.getpid()}-{os.urandom(3).hex()}{TEMP_SUFFIX}"


def _writer_gone(name: str) -> bool:
    """Whether the temporary file ``name`` was written by a process of this computer that is no longer running."""
    parts = name[len(TEMP_PREFIX):-len(TEMP_SUFFIX)].split("-")
    if len(parts) != 3 or parts[0] != host_tag() or not parts[1].isdigit() or len(parts[1]) > 10:
        return False  # another computer's, or an older version's: only its age tells
    return not alive(int(parts[1]))


def clean_stale_temporaries(folder: str | os.PathLike) -> None:
    """Remove what killed saves left behind in ``folder``: only our own temporary files, of processes of this
    computer that are gone, or old ones."""
    now = time.time()
    try:
        entries = list(Path(folder).glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"))
    except OSError:
        return
    for entry in entries:
        try:
            if _writer_gone(entry.name) or now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                entry.unlink()
        except OSError:
            pass


# ---------------------------------------------------------------- writing

def atomic_write(path: str | os.PathLike, payload: bytes | Callable[[Path], None], *,
                 exclusive: bool = False) -> Path:
    """Write ``payload`` (bytes, or a function that writes a given path) to ``path`` atomically.

    Returns the file written (the link's target when ``path`` is a symbolic
    link).  Raises ``OSError`` (``FileWriteError`` with a Chinese reason for a
    read-only file, a folder, an unwritable folder, or — when ``exclusive`` —
    a file that exists); the old file is left as it was.  ``exclusive``: the
    file is created only if no file of that name exists at that moment.
    """
    target = real_target(path)
    if target.is_dir():
        raise FileWriteError(errno.EISDIR, f"{target} 是一个文件夹，请指定文件名")
    existing = target.exists()
    if existing and exclusive:
        raise _exists(target)
    if existing and not os.access(target, os.W_OK):
        raise FileWriteError(errno.EACCES, f"文件“{target.name}”是只读的，未覆盖；请用“另存为”保存到另一个文件")
    mode = stat.S_IMODE(target.stat().st_mode) if existing else DEFAULT_MODE
    folder = target.parent
    clean_stale_temporaries(folder)
    tmp = temporary_path(folder)
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except PermissionError as e:
            raise _folder_refused(folder) from e
        if callable(payload):
            os.close(fd)
            payload(tmp)
            fd = os.open(tmp, os.O_RDWR)
        else:
            try:
                with os.fdopen(fd, "wb", closefd=False) as f:
                    f.write(payload)
            except BaseException:
                os.close(fd)
                raise
        try:
            os.fsync(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):
            os.chmod(tmp, mode)
        place(tmp, target, exclusive=exclusive)
    except BaseException as e:
        _discard_half_written(e)
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    return target


def place(tmp: Path, target: Path, *, exclusive: bool) -> None:
    """Move the finished ``tmp`` to ``target``: replacing it, or — ``exclusive`` — only where none exists.

    Exclusive placing links the finished file under its name (which fails if
    the name exists) and then drops the temporary name; where the file system
    has no links (FAT, some network shares) the name is first reserved by
    creating it exclusively, then replaced by the finished file.
    """
    if not exclusive:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _exists(target) from None
    except OSError:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise _exists(target) from None
        os.close(fd)
        os.replace(tmp, target)
        return
    tmp.unlink()


def _exists(target: Path) -> FileWriteError:
    return FileWriteError(errno.EEXIST, f"“{target.name}”已存在，未覆盖")


def _folder_refused(folder: Path) -> FileWriteError:
    return FileWriteError(errno.EACCES, f"没有在文件夹“{folder}”中写入的权限（文件夹不允许新建文件），"
                                        "请换一个文件夹（例如“文档”或桌面）")


def _discard_half_written(error: BaseException) -> None:
    """Let go of what a failed writer left open (a zip file half written to a full disk), now and silently.

    Otherwise the writer's objects are closed when the error is forgotten,
    their close fails again on the full disk, and Python prints "Exception
    ignored in …" after the clerk's message.
    """
    seen: set[int] = set()
    chain: BaseException | None = error
    with _quiet_closing():
        while chain is not None and id(chain) not in seen:
            seen.add(id(chain))
            traceback.clear_frames(chain.__traceback__)   # the writer's objects go now (reference counting)
            chain = chain.__cause__ or chain.__context__
        gc.collect()   # and those in reference cycles


@contextmanager
def _quiet_closing() -> Iterator[None]:
    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if not isinstance(unraisable.exc_value, OSError):
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous
