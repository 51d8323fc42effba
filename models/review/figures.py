"""The key figures of a report, and every number of it in a fixed order.

Totals are taken as computed from the filled cells (``Report.totals``), not as
printed: a misprinted total is a finding (T3-SUM, T4-TOT), and the figure
shown is the one the cells add up to.

纠错率 is the share of concluded cases in which the agency's decision was
corrected: (复议 结果纠正 + 两类诉讼 结果纠正) / (复议 + 两类诉讼 的总计 − 尚未审结).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..form import CellRef
from ..form_2021 import APPEALS, FORM_2021, REQUESTS
from ..numbers import Value
from ..report import Report

NUMBER_REFS: tuple[CellRef, ...] = tuple(d.ref for t in FORM_2021.tables for d in t.inputs + t.computed)
APPEAL_GROUPS = ("review", "litigation_direct", "litigation_after_review")

# The cells the key figures read, named once here so that a misspelt key fails at import.
NEW, ANSWERED = FORM_2021.ref(REQUESTS, "new.total"), FORM_2021.ref(REQUESTS, "total.total")
GRANTED = (FORM_2021.ref(REQUESTS, "granted.total"), FORM_2021.ref(REQUESTS, "partly_granted.total"))
REVIEW = FORM_2021.ref(APPEALS, "review.total")
LITIGATION = (FORM_2021.ref(APPEALS, "litigation_direct.total"), FORM_2021.ref(APPEALS, "litigation_after_review.total"))
APPEAL_TOTALS = tuple(FORM_2021.ref(APPEALS, f"{g}.total") for g in APPEAL_GROUPS)
APPEAL_PENDING = tuple(FORM_2021.ref(APPEALS, f"{g}.pending") for g in APPEAL_GROUPS)
APPEAL_CORRECTED = tuple(FORM_2021.ref(APPEALS, f"{g}.corrected") for g in APPEAL_GROUPS)


class _Cells:
    """A report's cells with its totals computed once (``Report.get`` computes them all for every total)."""

    def __init__(self, report: Report) -> None:
        self.values, self.totals = report.values, report.totals()

    def count(self, ref: CellRef) -> int | None:
        value = self.totals[ref] if ref in self.totals else self.values.get(ref)
        return value if isinstance(value, int) else None


def _sum(values: list[int | None]) -> int | None:
    return None if all(v is None for v in values) else sum(v or 0 for v in values)


def _ratio(part: int | None, whole: int | None) -> float | None:
    return None if part is None or not whole else part / whole


def disclosure_rate(cells: _Cells) -> float | None:
    return _ratio(_sum([cells.count(ref) for ref in GRANTED]), cells.count(ANSWERED))


def concluded_cases(cells: _Cells) -> int | None:
    return _sum([None if (total := cells.count(total_ref)) is None else total - (cells.count(pending) or 0)
                 for total_ref, pending in zip(APPEAL_TOTALS, APPEAL_PENDING)])


def correction_rate(cells: _Cells) -> float | None:
    corrected = _sum([cells.count(ref) for ref in APPEAL_CORRECTED])
    return _ratio(corrected, concluded_cases(cells))


@dataclass(frozen=True)
class KeyFigure:
    key: str
    name: str                                   # Chinese column heading
    compute: Callable[[_Cells], float | int | None]
    rate: bool = False                          # a share (0–1), shown as a percentage
    low_is_risk: bool = False                   # far below the peers is flagged (公开率)
    high_is_risk: bool = False                  # far above the peers is flagged (纠错率)
    base: str = ""                              # the figure a share is taken of (its denominator)


KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("new", "新收申请", lambda c: c.count(NEW)),
    KeyFigure("answered", "办结", lambda c: c.count(ANSWERED)),
    KeyFigure("disclosure_rate", "公开率", disclosure_rate, rate=True, low_is_risk=True, base="answered"),
    KeyFigure("review", "复议", lambda c: c.count(REVIEW)),
    KeyFigure("litigation", "诉讼", lambda c: _sum([c.count(ref) for ref in LITIGATION])),
    KeyFigure("correction_rate", "纠错率", correction_rate, rate=True, high_is_risk=True, base="concluded"),
)
BASES = {"concluded": concluded_cases}  # denominators kept beside the key figures, not shown as columns


def key_figures(report: Report) -> dict[str, float | int | None]:
    cells = _Cells(report)
    figures = {f.key: f.compute(cells) for f in KEY_FIGURES}
    figures.update({key: compute(cells) for key, compute in BASES.items()})
    return figures


def all_numbers(report: Report) -> tuple[Value, ...]:
    """Every cell of the three tables in ``NUMBER_REFS`` order: inputs as filled, totals as computed."""
    totals = report.totals()
    return tuple(totals[ref] if ref in totals else report.values.get(ref) for ref in NUMBER_REFS)


def format_figure(figure: KeyFigure, value: float | int | None) -> str:
    if value is None:
        return "—"
    if figure.rate:
        return f"{value:.1%}"
    return str(value) if isinstance(value, int) or value != int(value) else str(int(value))
