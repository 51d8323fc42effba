"""The session as the widgets see it: Qt signals for its notifications, findings and the marks on cells.

``ReportDocument`` owns nothing of the report: every edit goes to its
``Session`` (``app.session``), which does it as a command and says what
changed; this adapter turns that into signals — values (totals included),
texts, structure, basic information, last year, the whole report — and keeps the
findings current: at once after a number, shortly after typing.  A window may
ask for the first check to wait (``check_now=False``) until it has painted the
report: reading ``findings`` or ``marks`` before that runs it at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from models.checks import IMPORT, Finding, Severity
from models.form import CellRef, FormDef
from models.numbers import NumberError, Value, format_value, quoted_entry
from models.report import Report
from app.session import Change, Session
from app.session.session import READ_ONLY_MESSAGE

if TYPE_CHECKING:
    from models.profile import Profile

TEXT_CHECK_DELAY_MS = 150


@dataclass(frozen=True)
class CellMark:
    """What the grid shows on a cell that a finding concerns."""

    severity: Severity
    messages: tuple[str, ...]
    only_blank: bool  # the only finding is BLANK: a lighter tint than a real warning


class ReportDocument(QObject):
    values_changed = Signal(list)     # list[CellRef]: inputs and totals whose value changed
    marks_changed = Signal(list)      # list[CellRef]: cells whose mark changed
    findings_changed = Signal(list)   # list[Finding], import notes first
    modified_changed = Signal(bool)
    read_only_changed = Signal(bool)  # the report became editable (另存为 a copy) or read-only
    history_changed = Signal()        # undo/redo names may have changed
    refused = Signal(str)             # why an entry was refused
    texts_changed = Signal(object)    # frozenset[(section id, index)] whose heading or text changed
    structure_changed = Signal(object)  # frozenset[section id] whose sub-sections changed
    meta_changed = Signal(object)     # frozenset of "agency", "year", "date", "preamble"
    prior_changed = Signal()
    profile_changed = Signal()        # the 本地要求 checked against was chosen or dropped
    replaced = Signal()               # a different report: pages are built anew

    def __init__(self, session: Session | None = None, parent: QObject | None = None, *, check_now: bool = True):
        super().__init__(parent)
        self.session = session if session is not None else Session()
        self._last_modified = self.session.modified
        self._last_read_only = self.session.read_only
        self.totals = self.report.totals()
        self._findings: list[Finding] | None = None  # None: not checked yet
        self._marks: dict[CellRef, CellMark] = {}
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_CHECK_DELAY_MS)
        self._text_timer.timeout.connect(self.recheck)
        self._unsubscribe = self.session.subscribe(self._session_changed)
        if check_now:
            self.recheck()

    @property
    def findings(self) -> list[Finding]:
        """The findings of the report as it is (import notes first); checked now if not yet."""
        if self._findings is None:
            self.recheck()
        assert self._findings is not None
        return self._findings

    @property
    def marks(self) -> dict[CellRef, CellMark]:
        """What the grid shows on each cell a finding concerns."""
        if self._findings is None:
            self.recheck()
        return self._marks

    @property
    def checked(self) -> bool:
        """The report has been checked (the first check of a window waits until it is painted)."""
        return self._findings is not None

    @property
    def report(self) -> Report:
        return self.session.report

    @property
    def form(self) -> FormDef:
        return self.session.form

    @property
    def modified(self) -> bool:
        return self.session.modified

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    def refuse_if_read_only(self) -> bool:
        """True (and ``refused`` says why) when the report was opened read-only: no edit of any kind."""
        if self.session.read_only:
            self.refused.emit(READ_ONLY_MESSAGE)
            return True
        return False

    # ------------------------------------------------------------ reading

    def value(self, ref: CellRef) -> Value:
        if ref in self.totals:
            return self.totals[ref]
        return self.report.values.get(ref)

    def display(self, ref: CellRef) -> str:
        return format_value(self.value(ref))

    # ------------------------------------------------------------ editing (through the session)

    def enter_text(self, ref: CellRef, text: str) -> bool:
        """Typing into one cell; a refused entry says why (``refused``) and changes nothing."""
        if self.refuse_if_read_only():
            return False
        try:
            self.session.enter_text(ref, text)
        except NumberError as e:
            self.refused.emit(f"{self.form.name_of(ref)}：{quoted_entry(text)}{e}，未修改")
            return False
        return True

    def set_values(self, pairs: list[tuple[CellRef, Value]], text: str) -> bool:
        if self.refuse_if_read_only():
            return False
        return self.session.set_values(pairs, text)

    def fill_blanks_with_zero(self) -> int:
        if self.refuse_if_read_only():
            return 0
        return self.session.fill_blanks_with_zero()

    def undo(self) -> bool:
        return self.session.undo()

    def set_profile(self, profile: Profile | None) -> None:
        """Check against these 本地要求 from now on (None: the national rules only)."""
        self.session.set_profile(profile)
        self.profile_changed.emit()
        self.recheck()

    def redo(self) -> bool:
        return self.session.redo()

    # ------------------------------------------------------------ notifications

    def _session_changed(self, change: Change) -> None:
        if change.document:
            self.totals = self.report.totals()
            self.replaced.emit()
            self.recheck()
        else:
            if change.cells:
                old_totals = self.totals
                self.totals = self.report.totals()
                changed = list(change.cells)
                changed += [ref for ref, v in self.totals.items() if old_totals.get(ref) != v]
                self.values_changed.emit(changed)
            if change.texts:
                self.texts_changed.emit(change.texts)
            if change.structure:
                self.structure_changed.emit(change.structure)
            if change.meta:
                self.meta_changed.emit(change.meta)
            if change.prior:
                self.prior_changed.emit()
            if change.cells or change.prior or change.structure:
                self.recheck()
            elif change.content:
                self._text_timer.start()
        self.history_changed.emit()
        if self.session.modified != self._last_modified:
            self._last_modified = self.session.modified
            self.modified_changed.emit(self._last_modified)
        if self.session.read_only != self._last_read_only:
            self._last_read_only = self.session.read_only
            self.read_only_changed.emit(self._last_read_only)

    # ------------------------------------------------------------ checks

    def recheck(self) -> None:
        self._text_timer.stop()
        findings = self.session.import_notes + self.session.findings()
        if findings == self._findings:
            return
        self._findings = findings
        marks = self._marks_of(findings)
        changed = [ref for ref in marks.keys() | self._marks.keys() if marks.get(ref) != self._marks.get(ref)]
        self._marks = marks
        if changed:
            self.marks_changed.emit(changed)
        self.findings_changed.emit(findings)

    @staticmethod
    def _marks_of(findings: list[Finding]) -> dict[CellRef, CellMark]:
        by_cell: dict[CellRef, list[Finding]] = {}
        for f in findings:
            if f.severity is Severity.INFO or f.rule == IMPORT:
                continue
            for ref in f.cells:
                by_cell.setdefault(ref, []).append(f)
        marks = {}
        for ref, fs in by_cell.items():
            worst = Severity.ERROR if any(f.severity is Severity.ERROR for f in fs) else Severity.WARNING
            marks[ref] = CellMark(worst, tuple(dict.fromkeys(f.message for f in fs)),
                                  all(f.rule == "BLANK" for f in fs))
        return marks

    def counts(self) -> tuple[int, int]:
        """Errors and warnings as the list of findings shows them (the import's notes included)."""
        errors = sum(f.severity is Severity.ERROR for f in self.findings)
        warnings = sum(f.severity is Severity.WARNING for f in self.findings)
        return errors, warnings

    def close(self) -> None:
        """The window goes: stop listening, so nothing reacts to its teardown."""
        self._text_timer.stop()
        self._unsubscribe()
        self.blockSignals(True)
