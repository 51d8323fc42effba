"""Starting this year's report from last year's: keep it as the prior year, carry the open requests over,
and take over the sub-heads (not the text, which evaluations penalise when repeated).

``plan`` says what would change; ``apply_prior`` changes the draft and returns
what was there before, so the window can offer the steps separately and undo
them as one command.  Nothing the clerk has typed into a section is replaced.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from models.form import CellRef
from models.form_2021 import APPLICANT_COLUMNS, FORM_2021
from models.numbers import Value
from models.report import Report, Subsection


def _req(row: str, column: str) -> CellRef:
    return CellRef("requests", f"{row}.{column}")


@dataclass
class CarryOverPlan:
    """What last year's report offers this year's draft."""

    carried_over: dict[CellRef, int]                 # 二、上年结转 per applicant column
    subheads: dict[str, list[Subsection]]           # section id → last year's sub-heads, text empty
    kept_text: list[str] = field(default_factory=list)  # sections whose typed text keeps them from taking sub-heads
    year_warning: str | None = None                     # Chinese, when the years do not follow each other
    messages: list[str] = field(default_factory=list)   # Chinese, what is offered


@dataclass
class Applied:
    """What ``apply_prior`` replaced, to undo it."""

    prior: Report | None
    values: dict[CellRef, Value]
    sections: dict[str, list[Subsection]]
    messages: list[str]


def plan(draft: Report, prior: Report) -> CarryOverPlan:
    year_warning = None
    if prior.year != draft.year - 1:
        year_warning = f"注意：所选上年报告的年度为 {prior.year} 年，本报告为 {draft.year} 年"
    messages = []
    carried = {}
    for column in APPLICANT_COLUMNS:
        value = prior.values.get(_req("carried_forward", column))
        if value is not None:
            carried[_req("carried_over", column)] = value
    if carried:
        messages.append(f"表三“二、上年结转”可按 {prior.year} 年报告的“四、结转下年度继续办理”填入"
                        f"（合计 {sum(carried.values())} 件）")
    else:
        messages.append(f"{prior.year} 年报告的“四、结转下年度继续办理”是空白，无从填入“二、上年结转”")
    subheads, kept = {}, []
    for section in FORM_2021.narrative_sections:
        headings = [s.heading for s in prior.sections.get(section.id, []) if s.heading]
        if not headings:
            continue
        if any(s.text.strip() for s in draft.sections.get(section.id, [])):
            kept.append(section.title)
            continue
        subheads[section.id] = [Subsection(h, "") for h in headings]
    if subheads:
        names = "、".join(FORM_2021.section(sid).title for sid in subheads)
        messages.append(f"可按上年报告设置小标题：{names}")
    if kept:
        messages.append(f"{'、'.join(kept)}已有文字，小标题保持不变")
    return CarryOverPlan(carried, subheads, kept, year_warning, messages)


def apply_prior(draft: Report, prior: Report, *, carry_requests: bool = True, copy_subheads: bool = True) -> Applied:
    """Keep ``prior`` as the draft's last year; optionally fill 二、上年结转 and take over the sub-heads."""
    offer = plan(draft, prior)
    before = Applied(draft.prior, {}, {}, [])
    last_year = copy.deepcopy(prior)
    last_year.prior = None           # one year back is what the checks compare; no chain of years
    draft.prior = last_year
    before.messages.append(f"已将 {prior.year} 年报告作为上年报告，CARRY、IN-FORCE、DUP 检查随时核对")
    if offer.year_warning:
        before.messages.append(offer.year_warning)
    if carry_requests and offer.carried_over:
        for ref, value in offer.carried_over.items():
            before.values[ref] = draft.values.get(ref)
            draft.set(ref, value)
        before.messages.append(f"表三“二、上年结转”已按 {prior.year} 年报告的“四、结转下年度继续办理”填入"
                               f"（合计 {sum(offer.carried_over.values())} 件）")
    if copy_subheads:
        for section_id, subs in offer.subheads.items():
            before.sections[section_id] = draft.sections.get(section_id, [])
            draft.sections[section_id] = copy.deepcopy(subs)
        if offer.subheads:
            before.messages.append("已按上年报告设置小标题："
                                   + "、".join(FORM_2021.section(sid).title for sid in offer.subheads))
        if offer.kept_text:
            before.messages.append(f"{'、'.join(offer.kept_text)}已有文字，小标题保持不变")
    return before


def undo(draft: Report, applied: Applied) -> None:
    """Put back what ``apply_prior`` replaced."""
    draft.prior = applied.prior
    for ref, value in applied.values.items():
        draft.set(ref, value)
    for section_id, subs in applied.sections.items():
        draft.sections[section_id] = subs
