"""The open report and everything done to it: one history of commands, its file, its listeners.

The window and the command line both work through a ``Session``: every edit is
a command executed here (so it can be undone by name), every workflow (new,
open, save, import, last year, export) is a method here, and listeners are
told what changed.  No Qt: ``ui.document`` adapts it to the widgets.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from models import draft
from models.checks import Finding, run_checks
from models.form import CellRef, FormDef
from models.numbers import NumberError, Value, parse_value
from models.report import Report, Subsection
from . import commands as c
from . import prior as prior_year
from . import workflows
from .changes import EVERYTHING, Change
from .history import History
from .lock import DraftLock, Holder

Listener = Callable[[Change], None]


class DraftLocked(draft.DraftError):
    """Another window or computer has the draft open for editing."""

    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__(f"“{path.name}”正由{holder.describe()}编辑。可以只读打开；同时编辑会互相覆盖。")
        self.holder = holder


class DraftChanged(draft.DraftError):
    """The draft on disk changed since it was opened or saved here: saving would overwrite someone's work."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"“{path.name}”在打开之后被其他程序或同事修改过，直接保存会覆盖对方的修改。")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class Session:
    def __init__(self, report: Report | None = None, path: str | os.PathLike | None = None) -> None:
        self.report = report if report is not None else Report()
        self.path: Path | None = Path(path).resolve() if path else None
        self.history = History()
        self.import_notes: list[Finding] = []  # what the import of this report noticed (shown with the findings)
        self._listeners: list[Listener] = []
        self._findings: list[Finding] | None = None
        self._unsaved_origin = False  # imported or recovered: differs from every file until saved
        self.read_only = False
        self._lock: DraftLock | None = None
        self._disk_stamp = _stamp(self.path) if self.path else None

    # ------------------------------------------------------------ listeners

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every change; returns the function that unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, change: Change) -> None:
        if change.content:
            self._findings = None
        for listener in list(self._listeners):
            listener(change)

    # ------------------------------------------------------------ the history

    @property
    def form(self) -> FormDef:
        return self.report.form

    def execute(self, command: c.Command) -> bool:
        """Do ``command`` as one undo step (or as part of the typing step it continues); False when a no-op."""
        if command.is_noop():
            return False
        was_modified = self.modified
        change = command.do(self.report)
        self.history.push(command)
        self._announce(change | Change(saved_state=self.modified != was_modified))
        return True

    def undo(self) -> bool:
        command = self.history.pop_undo()
        if command is None:
            return False
        self._announce(command.undo(self.report) | Change(saved_state=True))
        return True

    def redo(self) -> bool:
        command = self.history.pop_redo()
        if command is None:
            return False
        self._announce(command.do(self.report) | Change(saved_state=True))
        return True

    @property
    def undo_name(self) -> str | None:
        return self.history.undo_name

    @property
    def redo_name(self) -> str | None:
        return self.history.redo_name

    def end_typing(self) -> None:
        """The clerk left a field: what is typed next is a new undo step."""
        self.history.seal()

    @property
    def modified(self) -> bool:
        return self._unsaved_origin or not self.history.is_clean

    # ------------------------------------------------------------ reading

    def findings(self) -> list[Finding]:
        """Every finding of the report as it is now (cached until the next change)."""
        if self._findings is None:
            self._findings = run_checks(self.report)
        return self._findings

    def value(self, ref: CellRef) -> Value:
        return self.report.get(ref)

    # ------------------------------------------------------------ editing

    def parse(self, ref: CellRef, text: str) -> Value:
        """The value of ``text`` typed into ``ref``; NumberError with a Chinese reason otherwise."""
        if not self.form.is_input(ref):
            raise NumberError("合计由程序自动计算，不能输入")
        return parse_value(text, self.form.definition(ref).kind)  # type: ignore[union-attr]

    def enter_text(self, ref: CellRef, text: str) -> bool:
        """Typing into one cell; NumberError (nothing changed) when the text is not acceptable."""
        return self.set_values([(ref, self.parse(ref, text))], f"输入“{self.form.name_of(ref)}”")

    def set_values(self, pairs: list[tuple[CellRef, Value]], name: str) -> bool:
        return self.execute(c.SetValues.of(self.report, pairs, name))

    def fill_blanks_with_zero(self) -> int:
        pairs = [(d.ref, parse_value("0", d.kind)) for d in self.form.inputs if self.report.values.get(d.ref) is None]
        self.set_values(pairs, "空白填0")
        return len(pairs)

    def set_meta(self, field_name: str, value: object) -> bool:
        return self.execute(c.SetMeta.of(self.report, field_name, value))

    def set_subsection_text(self, section_id: str, index: int, text: str) -> bool:
        return self.execute(c.SetSubsectionField.of(self.report, section_id, index, "text", text))

    def set_subsection_heading(self, section_id: str, index: int, heading: str) -> bool:
        return self.execute(c.SetSubsectionField.of(self.report, section_id, index, "heading", heading))

    def subsections(self, section_id: str) -> list[Subsection]:
        """The sub-sections of a narrative section (at least one, so there is always a box to type in)."""
        subs = self.report.sections.setdefault(section_id, [])
        if not subs:
            subs.append(Subsection())
        return subs

    def add_subsection(self, section_id: str, heading: str = "新小标题") -> bool:
        return self.execute(c.add_subsection(self.report, section_id, heading))

    def remove_subsection(self, section_id: str, index: int) -> bool:
        return self.execute(c.remove_subsection(self.report, section_id, index))

    def move_subsection(self, section_id: str, index: int, step: int) -> bool:
        return self.execute(c.move_subsection(self.report, section_id, index, step))

    # ------------------------------------------------------------ statistics written into the text

    def insert_statistics(self, section_id: str, index: int, part: str, wording: str | None = None, *,
                          compare: bool = False, selection: tuple[int, int] | None = None) -> bool:
        """插入统计段落 into a sub-section (at the end, or over ``selection``) as one undo step."""
        from models.statistics_text import generate, paragraphs

        from .figure_edits import insert_paragraph
        paragraph = generate(self.report, part, wording, compare=compare)
        name = f"插入统计段落（{paragraphs.part(part).label}）"
        return self.execute(insert_paragraph(self.report, section_id, index, paragraph, selection, name))

    def stale_figures(self, section_id: str | None = None, index: int | None = None):
        """Generated figures in the text that the tables now contradict."""
        from models.statistics_text import in_step
        return in_step.stale_figures(self.report, section_id, index)

    def update_figures(self, stale=None) -> bool:
        """Rewrite stale figures (all by default) to what the tables say, as one undo step."""
        from .figure_edits import update_figures
        return self.execute(update_figures(self.report, stale))

    # ------------------------------------------------------------ last year

    def prior_offer(self, prior: Report) -> prior_year.CarryOverPlan:
        return prior_year.plan(self.report, prior)

    def take_prior(self, offer: prior_year.CarryOverPlan, *, carry_requests: bool = True,
                   copy_subheads: bool = True) -> list[str]:
        """Keep last year's report (and fill 二、上年结转, take its sub-heads) as one undo step; what was done."""
        command, messages = prior_year.take_prior(self.report, offer, carry_requests=carry_requests,
                                                  copy_subheads=copy_subheads)
        self.execute(command)
        return messages

    def drop_prior(self) -> bool:
        return self.execute(c.SetPrior.of(self.report, None))

    # ------------------------------------------------------------ whole reports

    def replace(self, report: Report, path: str | os.PathLike | None = None, *, unsaved: bool = False,
                notes: list[Finding] | None = None, lock: DraftLock | None = None, read_only: bool = False) -> None:
        """Show another report (new, opened, imported, recovered): a fresh history."""
        self.release()
        self.report = report
        self.path = Path(path).resolve() if path else None
        self.import_notes = list(notes or [])
        self.history.clear()
        self._unsaved_origin = unsaved
        self._lock = lock
        self.read_only = read_only
        self._disk_stamp = _stamp(self.path) if self.path else None
        self._announce(EVERYTHING | Change(saved_state=True))

    def new(self, **meta) -> None:
        self.replace(Report(**meta))

    def open(self, path: str | os.PathLike, *, read_only: bool = False, take_over: bool = False) -> None:
        """Open a draft for editing (or ``read_only``).

        ``DraftError`` (Chinese) leaves the session as it was: ``DraftLocked``
        when another window or computer edits it (unless ``take_over``).
        """
        path = Path(path).resolve()
        report = draft.load(path)
        lock = None
        if not read_only:
            lock = DraftLock(path)
            if not (lock.force() if take_over else lock.acquire()):
                holder = lock.holder()
                assert holder is not None
                raise DraftLocked(path, holder)
        notes = workflows.as_draft(report)  # an older draft may still carry printed totals
        self.replace(report, path, notes=notes, lock=lock, read_only=read_only)

    def release(self) -> None:
        """Let other windows edit the draft (the window closes, or shows another report)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def import_as_new(self, path: str | os.PathLike) -> workflows.Imported:
        """A published report (or an export) as a new, unsaved draft; ``SourceError`` leaves the session as it was."""
        imported = workflows.import_report(path)
        self.replace(imported.report, None, unsaved=True, notes=imported.notes)
        return imported

    def mark_clean(self) -> None:
        """Take the report as it is for saved (a window closed without asking, in tests and benchmarks)."""
        self.history.mark_clean()
        self._unsaved_origin = False
        self._announce(Change(saved_state=True))

    def mark_unsaved(self) -> None:
        """The report differs from every file (e.g. restored from a recovery copy)."""
        self._unsaved_origin = True
        self._announce(Change(saved_state=True))

    def save(self, path: str | os.PathLike | None = None, *, overwrite_changes: bool = False) -> Path:
        """Save to ``path`` (or where it came from); ``DraftError`` (Chinese) when it cannot be written.

        ``DraftChanged`` when the file changed on disk since this session read
        or wrote it (unless ``overwrite_changes``); ``DraftLocked`` when saving
        over a draft another window edits.
        """
        target = Path(path).resolve() if path is not None else self.path
        if target is None:
            raise draft.DraftError("报告还没有文件名，请用“另存为”")
        same_file = target == self.path
        if same_file and self.read_only:
            raise draft.DraftError(f"“{target.name}”是只读打开的，请用“另存为”保存到另一个文件")
        if same_file and not overwrite_changes and self._disk_stamp is not None \
                and _stamp(target) not in (self._disk_stamp, None):
            raise DraftChanged(target)
        lock = self._lock if same_file else DraftLock(target)
        if not same_file and lock is not None and not lock.acquire():
            holder = lock.holder()
            assert holder is not None
            raise DraftLocked(target, holder)
        draft.save(self.report, target)
        if not same_file:
            self.release()
            self._lock = lock
            self.read_only = False
        self.path = target
        self._disk_stamp = _stamp(target)
        self.history.mark_clean()
        self._unsaved_origin = False
        self._announce(Change(saved_state=True))
        return self.path

    # ------------------------------------------------------------ export

    def export_check(self) -> workflows.ExportCheck:
        return workflows.export_check(self.report, self.findings())

    def export(self, fmt: str, path: str | os.PathLike, *, allow_errors: bool = False):
        """Write an export; ``ExportRefused`` when there are errors or gaps (an unsigned 落款…) not allowed,
        ``ExportError`` when unwritable."""
        check = self.export_check()
        if check.to_confirm and not allow_errors:
            raise workflows.ExportRefused(workflows.refusal_message(check))
        return workflows.export_report(self.report, fmt, path)
