"""The review runs on a thread of its own (which drives the worker processes): the window stays responsive."""
from __future__ import annotations

from PySide6.QtCore import QThread, Signal

from app.review import Cancelled, review


class ReviewThread(QThread):
    progressed = Signal(str, int, int)       # phase, done, total
    reviewed = Signal(object)                # ReviewResult
    failed = Signal(str)                     # a Chinese reason
    was_cancelled = Signal()

    def __init__(self, paths: list[str], jobs: int | None = None, parent=None, profile=None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.jobs = jobs
        self.profile = profile   # the 本地要求 the folder is checked against (None: none)
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            result = review(self.paths, jobs=self.jobs, progress=self.progressed.emit,
                            cancelled=lambda: self._cancel, profile=self.profile)
        except Cancelled:
            self.was_cancelled.emit()
            return
        except Exception as e:  # the window must say something and stay usable, whatever went wrong
            self.failed.emit(f"审查未能完成（{type(e).__name__}：{e}）")
            return
        self.reviewed.emit(result)


class SaveThread(QThread):
    """Writing the workbook of a large folder takes a while (every number is a row): off the UI thread too."""

    saved = Signal(str)       # the path
    failed = Signal(str)      # a Chinese reason

    def __init__(self, write, result, path: str, parent=None) -> None:
        super().__init__(parent)
        self.write, self.result, self.path = write, result, path

    def run(self) -> None:
        from exporters.common import ExportError
        try:
            self.write(self.result, self.path)
        except ExportError as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # a bug must not take the window down with it
            self.failed.emit(f"保存未能完成（{type(e).__name__}：{e}）")
            return
        self.saved.emit(self.path)
