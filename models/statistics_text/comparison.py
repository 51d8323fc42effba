"""This year beside last year: the change of every cell, and the 同比 wording with the rounding reports use.

Percentages are given to one decimal, rounded half up (12.25 % → 12.3 %), as
published reports print them; there is no percentage when last year was 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..form import CellRef
from ..numbers import Value
from ..report import Report

TENTH = Decimal("0.1")


def percent_change(this: Decimal | int, last: Decimal | int) -> Decimal | None:
    """|this − last| / last in per cent, to one decimal, half up; ``None`` when last year was 0."""
    this, last = Decimal(this), Decimal(last)
    if last == 0:
        return None
    return (abs(this - last) * 100 / last).quantize(TENTH, rounding=ROUND_HALF_UP)


def change_phrase(this: int, last: int, *, spaced: bool = True) -> str:
    """"增加 5 件，增长 9.1%", "减少 3 件，下降 20.0%", "持平"; no percentage when last year was 0.

    ``spaced`` puts a space each side of the numbers, as the rest of the report does.
    """
    if this == last:
        return "持平"
    gap = " " if spaced else ""
    grew = this > last
    phrase = f"{'增加' if grew else '减少'}{gap}{abs(this - last)}{gap}件"
    percent = percent_change(this, last)
    if percent is not None:
        phrase += f"，{'增长' if grew else '下降'}{gap}{percent}%"
    return phrase


@dataclass(frozen=True)
class CellComparison:
    """Last year's value of a cell and the change to this year's (``None`` where either is blank)."""

    last: Value
    change: Decimal | None
    percent: Decimal | None

    @property
    def last_label(self) -> str:
        return "上年空白" if self.last is None else f"上年 {self.last}"

    @property
    def change_label(self) -> str:
        """"+3", "−2", "持平" or "" (nothing to compare)."""
        if self.change is None:
            return ""
        if self.change == 0:
            return "持平"
        return f"+{self.change}" if self.change > 0 else f"−{-self.change}"


def _decimal(value: Value) -> Decimal | None:
    return None if value is None else Decimal(value)


def compare_cells(report: Report) -> dict[CellRef, CellComparison]:
    """Every cell of tables 二–四 (totals too) with last year's value and the change; empty without last year."""
    prior = report.prior
    if prior is None:
        return {}
    result = {}
    for table in report.form.tables:
        for ref in table.refs:
            this, last = _decimal(report.get(ref)), _decimal(prior.get(ref))
            change = None if this is None or last is None else this - last
            percent = None if change is None or last is None else percent_change(this, last)  # type: ignore[arg-type]
            result[ref] = CellComparison(prior.get(ref), change, percent)
    return result
