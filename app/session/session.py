"""The open report and everything done to it: one history of commands, its file, its listeners.

The window and the command line both work through a ``Session``: every edit is
a command executed here (so it can be undone by name), every workflow (new,
open, save, import, last year, export) is a method here, and listeners are
told what changed.  No Qt: ``ui.document`` adapts it to the widgets.
"""
from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models import draft
from models.checks import IMPORT, Finding, Severity, run_checks
from models.files import clean_stale_temporaries, digest, file_digest
from models.form import CellRef, FormDef
from models.numbers import NumberError, Value, parse_value
from models.processes import host_name
from models.report import Report, Subsection
from . import commands as c
from . import prior as prior_year
from . import workflows
from .changes import EVERYTHING, Change
from .history import History
from .lock import DraftLock, Holder, LockRefused, Outcome, user_name

if TYPE_CHECKING:
    from models.profile import Profile

Listener = Callable[[Change], None]
READ_ONLY_MESSAGE = "这份报告是只读打开的，不能修改；要修改，请“另存为”一份副本"


class DraftLocked(draft.DraftError):
    """Another window or computer has the draft open for editing, or left its lock behind in a crash."""

    def __init__(self, path: Path, holder: Holder, *, stale: bool = False) -> None:
        if stale:
            message = (f"“{path.name}”上次由{holder.describe()}编辑，程序没有正常关闭（该进程已不在运行），编辑锁还在。"
                       "可以只读打开；确认对方已不在编辑时，也可以接管编辑。")
        else:
            message = f"“{path.name}”正由{holder.describe()}编辑。可以只读打开；同时编辑会互相覆盖。"
        super().__init__(message)
        self.holder = holder
        self.stale = stale


class DraftChanged(draft.DraftError):
    """The draft on disk changed since it was opened or saved here: saving would overwrite someone's work."""

    def __init__(self, path: Path, saved_by: dict[str, str] | None = None) -> None:
        by = ""
        if saved_by and saved_by.get("user"):
            where = f"，计算机“{saved_by['host']}”" if saved_by.get("host") else ""
            when = f"，{saved_by['at'].replace('T', ' ')}" if saved_by.get("at") else ""
            by = f"（最近一次由用户“{saved_by['user']}”保存{where}{when}）"
        super().__init__(f"“{path.name}”在打开之后被其他程序或同事修改过{by}，直接保存会覆盖对方的修改。")


def saved_by_me() -> dict[str, str]:
    """Who saves now: written into the draft, so that a recovery copy meeting it can say whose work it is."""
    return {"user": user_name(), "host": host_name(), "at": datetime.datetime.now().isoformat(timespec="seconds")}


class Session:
    def __init__(self, report: Report | None = None, path: str | os.PathLike | None = None) -> None:
        self.report = report if report is not None else Report()
        self.path: Path | None = Path(path).resolve() if path else None
        self.history = History()
        self.import_notes: list[Finding] = []  # what the import of this report noticed (shown with the findings)
        self._listeners: list[Listener] = []
        self._findings: list[Finding] | None = None
        self.profile: Profile | None = None   # the 本地要求 the report is also checked against (rule LOCAL)
        self._chosen_profile: tuple[Profile | None] | None = None  # the clerk's, while a review's is in force
        self._unsaved_origin = False  # imported or recovered: differs from every file until saved
        self.read_only = False
        self.read_only_reason = ""   # why a draft opened for editing is read-only after all (no lock possible)
        # the clerk's 草稿 / 征求意见稿 for this sitting's exports (exporters.DRAFT_MARKS); never saved with the
        # draft, so a mark chosen for an internal round cannot reach the signed copy of a later day unnoticed
        self.export_mark: str | None = None
        self._lock: DraftLock | None = None
        # what this session last read from or wrote to its file, by content: timestamps of 1–2 s (FAT,
        # network shares) cannot tell two saves in one second apart
        self._disk_digest = file_digest(self.path) if self.path else None

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
        """Do ``command`` as one undo step (or as part of the typing step it continues); False when a no-op.

        A report opened read-only changes in no way at all (False; ``READ_ONLY_MESSAGE`` says why).
        """
        if command.is_noop() or self.read_only:
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
            self._findings = run_checks(self.report, profile=self.profile)
        return self._findings

    def set_profile(self, profile: Profile | None) -> None:
        """Check against these 本地要求 from now on (None: the national rules only); not a change of the report."""
        self.profile = profile
        self._chosen_profile = None  # the clerk's choice now, whatever report is shown
        self._findings = None

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
        return len(pairs) if self.set_values(pairs, "空白填0") else 0

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
                notes: list[Finding] | None = None, lock: DraftLock | None = None, read_only: bool = False,
                digest: str | None = None, read_only_reason: str = "",
                checked_with: tuple[Profile | None] | None = None) -> None:
        """Show another report (new, opened, imported, recovered): a fresh history.

        ``digest``: the content of ``path`` this report stands for (read from it, or what a recovery copy
        was based on); by default the file's content now.  ``checked_with`` (a one-item tuple): the 本地要求
        this report is checked against instead of the clerk's (a report from the 审查台, checked as the review
        checked it); the next report has the clerk's again.
        """
        self.release()
        if self._chosen_profile is not None:
            self.profile, self._chosen_profile = self._chosen_profile[0], None
        if checked_with is not None:
            self._chosen_profile, self.profile = (self.profile,), checked_with[0]
        self.report = report
        self.path = Path(path).resolve() if path else None
        self.import_notes = list(notes or [])
        self.history.clear()
        self._unsaved_origin = unsaved
        self._lock = lock
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._disk_digest = digest if digest is not None else file_digest(self.path) if self.path else None
        self._announce(EVERYTHING | Change(saved_state=True))

    def new(self, **meta) -> None:
        self.replace(Report(**meta))

    def open(self, path: str | os.PathLike, *, read_only: bool = False, take_over: bool = False,
             repair: bool = False) -> None:
        """Open a draft for editing (or ``read_only``).

        ``DraftError`` (Chinese) leaves the session as it was: ``DraftLocked``
        when another window or computer edits it, or another user's crash
        left its lock (unless ``take_over``); ``DraftRepairable`` when it opens
        only with damaged values cleared, which ``repair`` does.  Where no
        lock can be made or taken over, the draft opens read-only and
        ``read_only_reason`` says why.
        """
        path = Path(path).resolve()
        clean_stale_temporaries(path.parent)   # what a killed save left here
        loaded = draft.read(path, repair=repair)
        lock, reason = (None, "") if read_only else self._lock_for(path, take_over)
        notes = workflows.as_draft(loaded.report)  # an older draft may still carry printed totals
        notes += [Finding(IMPORT, Severity.WARNING, f"打开时清除了损坏的内容：{r}")
                  for r in loaded.repairs]
        self.replace(loaded.report, path, notes=notes, lock=lock, read_only=read_only or bool(reason),
                     digest=loaded.digest, unsaved=bool(loaded.repairs), read_only_reason=reason)

    def recover(self, report: Report, source: str | os.PathLike, base_digest: str | None = None, *,
                take_over: bool = False) -> None:
        """A recovery copy back on its draft: unsaved changes to ``source``, holding its lock.

        ``base_digest``: the draft's content the copy's changes were made on,
        so that saving still notices a draft changed since.  ``DraftLocked``
        (nothing changed) when another window edits the draft.
        """
        path = Path(source).resolve()
        lock, reason = self._lock_for(path, take_over)
        self.replace(report, path, unsaved=True, lock=lock, read_only=bool(reason), read_only_reason=reason,
                     digest=base_digest)

    def _lock_for(self, path: Path, take_over: bool) -> tuple[DraftLock | None, str]:
        """The draft's lock for editing, or why it is read-only; ``DraftLocked`` when someone else has it."""
        lock = DraftLock(path)
        if take_over:
            try:
                lock.take_over()
            except LockRefused as e:
                return None, f"无法接管编辑锁：{e}。草稿已只读打开，可用“另存为”保存到别处"
            return lock, ""
        outcome = lock.acquire()
        if outcome is Outcome.HELD:
            return lock, ""
        if outcome is Outcome.UNLOCKABLE:
            return None, f"{lock.problem}。草稿已只读打开，可用“另存为”保存到别处"
        holder = lock.holder()
        if holder is None:   # let go between looking and asking: try once more
            return self._lock_for(path, take_over)
        raise DraftLocked(path, holder, stale=outcome is Outcome.STALE)

    def release(self) -> None:
        """Let other windows edit the draft (the window closes, or shows another report)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def holds_lock(self) -> bool:
        return self._lock is not None and self._lock.held

    @property
    def disk_digest(self) -> str | None:
        """The content of the file this session last read or wrote (for a recovery copy's record)."""
        return self._disk_digest

    def show_for_review(self, imported: workflows.Imported, path: str | os.PathLike,
                        profile: Profile | None = None) -> workflows.Imported:
        """A report chosen in the 审查台, read-only and checked as the review checked it.

        ``imported`` is ``workflows.read_as_published(path, prior)`` (read on any thread): the report as its file has
        it (printed totals kept), beside the same agency's report of the year before in the reviewed folder when the
        review had one; ``profile`` is the review's 本地要求.
        """
        self.replace(imported.report, path, notes=imported.notes, read_only=True, checked_with=(profile,))
        return imported

    def import_as_new(self, path: str | os.PathLike) -> workflows.Imported:
        """A published report (or an export) as a new, unsaved draft; ``SourceError`` leaves the session as it was."""
        return self.start_from(workflows.import_report(path))

    def start_from(self, imported: workflows.Imported) -> workflows.Imported:
        """A report read from a file (``workflows.import_report``, on any thread) as a new, unsaved draft."""
        self.replace(imported.report, None, unsaved=True, notes=imported.notes)
        return imported

    def mark_clean(self) -> None:
        """Take the report as it is for saved (a window closed without asking, in tests and benchmarks)."""
        self.history.mark_clean()
        self._unsaved_origin = False
        self._announce(Change(saved_state=True))

    def save(self, path: str | os.PathLike | None = None, *, overwrite_changes: bool = False) -> Path:
        """Save to ``path`` (or where it came from); ``DraftError`` (Chinese) when it cannot be written.

        ``DraftChanged`` when the file's content is not what this session
        last read or wrote there (unless ``overwrite_changes``); ``DraftLocked``
        when saving over a draft another window edits.
        """
        target = Path(path).resolve() if path is not None else self.path
        if target is None:
            raise draft.DraftError("报告还没有文件名，请用“另存为”")
        same_file = target == self.path
        if same_file and self.read_only:
            raise draft.DraftError(f"“{target.name}”是只读打开的，请用“另存为”保存到另一个文件")
        if same_file and not overwrite_changes and self._disk_digest is not None:
            now = file_digest(target)
            if now is not None and now != self._disk_digest:
                raise DraftChanged(target, draft.author_of(target))
        lock = self._lock
        if not same_file:
            lock = DraftLock(target)
            outcome = lock.acquire()
            if outcome in (Outcome.BUSY, Outcome.STALE):
                holder = lock.holder()
                if holder is not None:
                    raise DraftLocked(target, holder, stale=outcome is Outcome.STALE)
            elif outcome is Outcome.UNLOCKABLE:
                lock = None   # the save itself will say why the folder cannot be written
        payload = draft.encode(self.report, saved_by_me())
        try:
            draft.write(payload, target)
        except draft.DraftError:
            if not same_file and lock is not None:
                lock.release()
            raise
        if not same_file:
            self.release()
            self._lock = lock
            self.read_only = False
            self.read_only_reason = ""
        self.path = target
        self._disk_digest = digest(payload)
        self.history.mark_clean()
        self._unsaved_origin = False
        self._announce(Change(saved_state=True))
        return self.path

    def save_as_proposal(self, folders: list[str]) -> Path:
        """What 另存为 proposes: a draft opened for editing its own file; anything else a new draft's name
        in the first writable of ``folders``, never the file it came from."""
        if self.path is not None and not self.read_only and not self._unsaved_origin \
                and self.path.name.lower().endswith(".json"):
            return self.path
        return workflows.save_as_target(self.report, self.path, folders, draft.DRAFT_SUFFIX)

    # ------------------------------------------------------------ export

    def export_check(self) -> workflows.ExportCheck:
        return workflows.export_check(self.report, self.findings())

    def export(self, fmt: str, path: str | os.PathLike, *, allow_errors: bool = False, replace: bool = True,
               mark: str | None = None):
        """Write an export; ``ExportRefused`` when there are errors or gaps (an unsigned 落款…) not allowed,
        ``ExportError`` when unwritable (``ExportExists`` when not to ``replace`` a file and one is there).

        ``mark``: "草稿" or "征求意见稿" on the first page (``exporters.DRAFT_MARKS``), by default the sitting's
        ``export_mark``; an export with errors is marked "未通过检查：N 处错误" by the writers themselves."""
        check = self.export_check()
        if check.to_confirm and not allow_errors:
            raise workflows.ExportRefused(workflows.refusal_message(check))
        return workflows.export_report(self.report, fmt, path, replace=replace, mark=mark or self.export_mark)
