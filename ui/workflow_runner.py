"""One way to run a workflow from the window: wait cursor, progress for long work, errors in Chinese.

In the manner of Anki's ``CollectionOp``: the window says what to do
(``work``), what the clerk is told if it fails (``failure``) and, for work that
can take seconds (reading a published PDF), that it runs off the UI thread.
The cursor is restored whatever happens, and no exception reaches the clerk as
a traceback: one the workflow announces (``SourceError``, ``DraftError``,
``ExportError``…, Chinese by contract) is shown as it is, anything else as a
Chinese sentence naming what failed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

T = TypeVar("T")
PROGRESS_DELAY_MS = 400  # quicker work shows only the wait cursor: a dialog that flashes is worse than none


def run_workflow(parent: QWidget, work: Callable[[], T], *, failure: str, explained: tuple[type[Exception], ...],
                 progress: str | None = None) -> T | None:
    """``work()`` under the wait cursor; its result, or None when it failed and the clerk was told why.

    ``failure`` begins the message ("无法读取 报告.pdf"); an exception of the
    ``explained`` kinds adds its own Chinese reason, any other says that
    something unexpected happened and that the report in the window is as it
    was (every workflow changes the session only after its work succeeded).
    With ``progress`` ("正在读取…") the work runs on a thread of its own: the
    window keeps painting, takes no input meanwhile, and shows ``progress``
    in a dialog when the work lasts.
    """
    try:
        with wait_cursor():
            return _in_background(parent, work, progress) if progress else work()
    except explained as e:
        _tell(parent, failure, str(e))
    except Exception as e:  # a bug or a library's surprise: the window stays usable and says something
        import logging  # loaded when something went wrong, not at start-up
        logging.getLogger(__name__).exception("%s", failure)
        _tell(parent, failure, f"程序遇到意外的问题（{type(e).__name__}），未能完成。窗口中的报告没有改变。")
    return None


@contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _tell(parent: QWidget, failure: str, reason: str) -> None:
    QMessageBox.warning(parent, "未能完成", f"{failure}：\n{reason}")


class _Worker(QThread):
    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.work = work
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as e:  # handed to the UI thread, which raises it there
            self.error = e


class _NoInput(QObject):
    """Swallows the clerk's input (keys, clicks, drops, closing a window) while the work runs, except in ``allowed``:
    nothing typed meanwhile could land in a report about to be replaced."""

    BLOCKED = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut,
               QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
               QEvent.Type.Wheel, QEvent.Type.DragEnter, QEvent.Type.Drop, QEvent.Type.Close,
               QEvent.Type.InputMethod}

    def __init__(self, allowed: QWidget) -> None:
        super().__init__()
        self.allowed = allowed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in self.BLOCKED or watched is self.allowed:
            return False
        return not (isinstance(watched, QWidget) and self.allowed.isAncestorOf(watched))


def _in_background(parent: QWidget, work: Callable[[], T], progress: str) -> T:
    dialog = QProgressDialog(progress, "", 0, 0, parent)
    dialog.setWindowTitle("请稍候")
    dialog.setCancelButton(None)  # a reader in the middle of a file cannot be stopped safely
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)  # the dialog's own timer shows it if the work lasts
    worker = _Worker(work)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    no_input = _NoInput(dialog)
    app = QApplication.instance()
    app.installEventFilter(no_input)
    try:
        worker.start()
        if not worker.isFinished():
            loop.exec()
        worker.wait()
    finally:
        app.removeEventFilter(no_input)
        dialog.close()
        dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]
