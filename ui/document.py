"""The open report as the window sees it: values, undo history, findings and marks.

Every grid change goes through ``apply_values`` (called by undo commands), so
totals, checks and marks are refreshed in one place and only the cells that
changed are announced.  Narrative edits report in via ``text_edited``; their
re-check is debounced lightly, grid edits are re-checked at once.
"""
from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from models.checks import Finding, Severity, run_checks
from models.form import CellRef, FormDef
from models.numbers import NumberError, Value, format_value, parse_value
from models.report import Report

TEXT_CHECK_DELAY_MS = 150

Change = tuple[CellRef, Value, Value]  # (cell, old value, new value)


class SetValuesCommand(QUndoCommand):
    """One undo step: plain data, a list of (ref, old, new)."""

    def __init__(self, document: ReportDocument, changes: list[Change], text: str):
        super().__init__(text)
        self.document = document
        self.changes = tuple(changes)

    def redo(self) -> None:
        self.document.apply_values([(ref, new) for ref, _, new in self.changes])

    def undo(self) -> None:
        self.document.apply_values([(ref, old) for ref, old, _ in self.changes])


@dataclass(frozen=True)
class CellMark:
    """What the grid shows on a cell that a finding concerns."""

    severity: Severity
    messages: tuple[str, ...]
    only_blank: bool  # the only finding is BLANK: a lighter tint than a real warning


class ReportDocument(QObject):
    values_changed = Signal(list)    # list[CellRef]: inputs and totals whose value changed
    marks_changed = Signal(list)     # list[CellRef]: cells whose mark changed
    findings_changed = Signal(list)  # list[Finding]
    modified_changed = Signal(bool)
    refused = Signal(str)            # why an entry was refused (for the status bar)

    def __init__(self, report: Report | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.report = report if report is not None else Report()
        self.form: FormDef = self.report.form
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._text_dirty = False
        self._last_modified = False
        self.totals = self.report.totals()
        self.findings: list[Finding] = []
        self.marks: dict[CellRef, CellMark] = {}
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_CHECK_DELAY_MS)
        self._text_timer.timeout.connect(self.recheck)
        self.recheck()

    # ------------------------------------------------------------ reading

    def value(self, ref: CellRef) -> Value:
        if ref in self.totals:
            return self.totals[ref]
        return self.report.values.get(ref)

    def display(self, ref: CellRef) -> str:
        return format_value(self.value(ref))

    # ------------------------------------------------------------ editing numbers

    def parse(self, ref: CellRef, text: str) -> Value:
        """The value for ``text`` typed into ``ref``; NumberError with a Chinese reason otherwise."""
        if not self.form.is_input(ref):
            raise NumberError("合计由程序自动计算，不能输入")
        return parse_value(text, self.form.definition(ref).kind)

    def enter_text(self, ref: CellRef, text: str) -> bool:
        """Typing into one cell; an invalid entry is refused (``refused`` says why) and changes nothing."""
        try:
            value = self.parse(ref, text)
        except NumberError as e:
            self.refused.emit(f"{self.form.name_of(ref)}：“{text.strip()}”{e}，未修改")
            return False
        self.set_values([(ref, value)], f"输入 {self.form.name_of(ref)}")
        return True

    def set_values(self, pairs: list[tuple[CellRef, Value]], text: str) -> bool:
        """Push one undo step setting the given inputs; no step when nothing changes."""
        changes = [(ref, self.report.values.get(ref), value) for ref, value in pairs
                   if self.report.values.get(ref) != value]
        if not changes:
            return False
        self.undo_stack.push(SetValuesCommand(self, changes, text))
        return True

    def apply_values(self, pairs: list[tuple[CellRef, Value]]) -> None:
        """Set inputs, then refresh totals and checks; announce only what changed."""
        for ref, value in pairs:
            self.report.set(ref, value)
        old_totals = self.totals
        self.totals = self.report.totals()
        changed = [ref for ref, _ in pairs]
        changed += [ref for ref, v in self.totals.items() if old_totals.get(ref) != v]
        self.values_changed.emit(changed)
        self.recheck()

    def fill_blanks_with_zero(self) -> int:
        pairs = [(d.ref, parse_value("0", d.kind)) for d in self.form.inputs
                 if self.report.values.get(d.ref) is None]
        self.set_values(pairs, "空白填0")
        return len(pairs)

    # ------------------------------------------------------------ text and metadata

    def text_edited(self) -> None:
        """The narrative or metadata changed (already written into ``report``)."""
        self._text_dirty = True
        self._emit_modified()
        self._text_timer.start()

    # ------------------------------------------------------------ checks

    def recheck(self) -> None:
        self._text_timer.stop()
        findings = run_checks(self.report)
        if findings == self.findings:
            return
        self.findings = findings
        marks = self._marks_of(findings)
        changed = [ref for ref in marks.keys() | self.marks.keys() if marks.get(ref) != self.marks.get(ref)]
        self.marks = marks
        if changed:
            self.marks_changed.emit(changed)
        self.findings_changed.emit(findings)

    @staticmethod
    def _marks_of(findings: list[Finding]) -> dict[CellRef, CellMark]:
        by_cell: dict[CellRef, list[Finding]] = {}
        for f in findings:
            if f.severity is Severity.INFO:
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
        errors = sum(f.severity is Severity.ERROR for f in self.findings)
        warnings = sum(f.severity is Severity.WARNING for f in self.findings)
        return errors, warnings

    # ------------------------------------------------------------ saved state

    @property
    def modified(self) -> bool:
        return self._text_dirty or not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        self._text_dirty = False
        self.undo_stack.setClean()
        self._emit_modified()

    def mark_unsaved(self) -> None:
        """A document that never was saved where it came from (a restored recovery copy)."""
        self._text_dirty = True
        self._emit_modified()

    def _clean_changed(self, _clean: bool) -> None:
        if shiboken6.isValid(self.undo_stack):  # not while the stack is being destroyed
            self._emit_modified()

    def retire(self) -> None:
        """Replaced by another document: silence it before it goes, so nothing reacts to its teardown."""
        self._text_timer.stop()
        self.undo_stack.blockSignals(True)
        self.blockSignals(True)
        self.deleteLater()

    def _emit_modified(self) -> None:
        if self.modified != self._last_modified:
            self._last_modified = self.modified
            self.modified_changed.emit(self._last_modified)
