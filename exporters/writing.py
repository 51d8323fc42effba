"""Writing an export's file safely, and what an export says back: the errors, the result, the marks a clerk may
choose.  Light on purpose: the registry (``exporters/__init__.py``) imports it, and the window reads the
registry at start-up to build its 导出 entries, long before any writer runs.
"""
from __future__ import annotations

import contextvars
import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from models.files import FileWriteError, atomic_write, reason

DRAFT_MARKS = ("草稿", "征求意见稿")   # the marks a clerk may choose for an internal round


class ExportError(Exception):
    """An export that could not be written; ``str()`` is a Chinese message for the clerk."""


class ExportExists(ExportError):
    """The export was to create a new file, and a file of that name exists (perhaps another export's, written
    a moment ago): nothing was written."""


# Set while an export must create its file and never replace one (the command line without --force): every
# writer goes through ``write_atomically``, which reads it, so the writers themselves need not pass it on.
_CREATE_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("create_only", default=False)


@contextmanager
def creating_only() -> Iterator[None]:
    """Within: exports create their file exclusively (of two writers at once, one wins, the other is told)."""
    token = _CREATE_ONLY.set(True)
    try:
        yield
    finally:
        _CREATE_ONLY.reset(token)


@dataclass(frozen=True)
class ExportResult:
    """What a writer wrote, with what the clerk should know about it (Chinese ``warnings``)."""

    path: Path
    kind: str                                       # "Word", "Excel"
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Chinese lines for the command line and the window."""
        return "\n".join([f"已导出 {self.kind}：{self.path}"] + [f"  注意：{w}" for w in self.warnings])


def write_atomically(path: str | os.PathLike, writer: Callable[[Path], None]) -> None:
    """Call ``writer(temporary_path)`` and move the finished file to ``path`` (``models.files.atomic_write``).

    A failure at any point leaves the previous file at ``path`` as it was and no
    half-written file; the file keeps its permissions.  ``OSError`` becomes
    ``ExportError`` with a Chinese reason.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"无法导出到 {path}：这是一个文件夹，请指定文件名")
    if not path.parent.is_dir():
        raise ExportError(f"无法导出到 {path}：文件夹“{path.parent}”不存在")
    try:
        atomic_write(path, writer, exclusive=_CREATE_ONLY.get())
    except FileWriteError as e:
        if e.errno == errno.EEXIST:
            raise ExportExists(f"未导出到 {path}：该文件已存在，未覆盖") from e
        raise ExportError(f"无法导出到 {path}：{e}") from e
    except PermissionError as e:
        if path.exists():
            raise ExportError(f"无法写入 {path}：文件可能正被其他程序（如 Word、WPS、Excel）打开，"
                              f"请关闭该文件后重试，或换一个文件名") from e
        raise ExportError(_folder_message(path, e)) from e
    except OSError as e:
        raise ExportError(_folder_message(path, e)) from e


def _folder_message(path: Path, error: OSError) -> str:
    if isinstance(error, PermissionError):
        return f"无法导出到 {path}：没有在文件夹“{path.parent}”中写入的权限，请换一个文件夹（例如“文档”或桌面）"
    return f"无法导出到 {path}：{reason(error)}"
