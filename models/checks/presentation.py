"""How a finding reads to a person — its severity, its rule's name, its place — the same everywhere.

The window's list of findings, the command line, the 审查台, its workbook and
its PDF 审查清单 all name a finding through these functions; keys appear only
in ``--json``.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from ..form import CellRef, FormDef
from ..form_2021 import FORM_2021
from .engine import Severity, rule_name, rule_title

__all__ = ["HEADINGS", "Shown", "place", "rule_description", "rule_name", "severity_label", "severity_rank", "shown"]


class Presentable(Protocol):
    """A finding as the checks give it (``Finding``) or as the review keeps it (``ReviewFinding``)."""

    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> Severity | str: ...
    @property
    def message(self) -> str: ...
    @property
    def cells(self) -> tuple[CellRef, ...]: ...
    @property
    def section(self) -> str | None: ...


class Shown(NamedTuple):
    """A finding as a person reads it, in the order every list shows it."""

    severity: str   # 错误
    rule: str       # 表三平衡
    place: str      # 表三 一、本年新收政府信息公开申请数量 · 自然人
    message: str


HEADINGS = Shown("级别", "规则", "位置", "说明")


def _severity(value: Severity | str) -> Severity:
    return value if isinstance(value, Severity) else Severity(value)


def severity_label(value: Severity | str) -> str:
    """错误, 警告 or 提示, for a severity or its value ("error")."""
    return _severity(value).label


def severity_rank(value: Severity | str) -> int:
    """Where a severity sorts: errors first."""
    return _severity(value).rank


def rule_description(rule_id: str) -> str:
    """A rule's name and what it asks ("表三平衡：表三各列：一 + 二 = （七）总计 + 四"), for a tooltip or a legend."""
    return f"{rule_name(rule_id)}：{rule_title(rule_id)}"


def place(cells: Sequence[CellRef], section: str | None, form: FormDef = FORM_2021) -> str:
    """Where, in the form's words; "" for the report as a whole.

    A finding in the text is placed by its section's title ("一、总体情况"); one
    about numbers by its first cell's row and column labels ("表三
    一、本年新收政府信息公开申请数量 · 自然人"), and how many cells it concerns.
    """
    if section:
        return form.section(section).title
    if cells:
        first = form.name_of(cells[0])
        return f"{first} 等 {len(cells)} 处" if len(cells) > 1 else first
    return ""


def shown(finding: Presentable, form: FormDef = FORM_2021) -> Shown:
    """The finding's severity, rule name, place and message in words."""
    return Shown(severity_label(finding.severity), rule_name(finding.rule),
                 place(finding.cells, finding.section, form), finding.message)
