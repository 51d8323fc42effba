"""Starting this year's report from last year's: keep it as the prior year, carry the open requests over,
and take over the sub-heads (not the text, which evaluations penalise when repeated).

``plan`` says what last year's report offers; ``take_prior`` turns the clerk's
choice into one command (one undo step).  Nothing typed into a section is replaced.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from models.form import CellRef
from models.form_2021 import APPLICANT_COLUMNS, FORM_2021, REQUESTS
from models.report import Report, Subsection
from .commands import Command, Composite, ReplaceSubsections, SetPrior, SetValues


def _req(row: str, column: str) -> CellRef:
    return FORM_2021.ref(REQUESTS, f"{row}.{column}")


@dataclass
class CarryOverPlan:
    """What last year's report offers this year's draft."""

    prior: Report
    carried_over: dict[CellRef, int]                     # 二、上年结转 per applicant column (counts)
    subheads: dict[str, list[Subsection]]               # section id → last year's sub-heads, text empty
    kept_text: list[str] = field(default_factory=list)  # sections whose typed text keeps them from taking sub-heads
    year_warning: str | None = None                     # Chinese, when the years do not follow each other


def plan(draft: Report, prior: Report) -> CarryOverPlan:
    year_warning = None
    if prior.year != draft.year - 1:
        year_warning = f"注意：所选上年报告的年度为 {prior.year} 年，本报告为 {draft.year} 年"
    carried = {}
    for column in APPLICANT_COLUMNS:
        value = prior.values.get(_req("carried_forward", column))
        if isinstance(value, int):
            carried[_req("carried_over", column)] = value
    subheads, kept = {}, []
    for section in draft.form.narrative_sections:
        headings = [s.heading for s in prior.sections.get(section.id, []) if s.heading]
        if not headings:
            continue
        if any(s.text.strip() for s in draft.sections.get(section.id, [])):
            kept.append(section.title)
            continue
        subheads[section.id] = [Subsection(h, "") for h in headings]
    return CarryOverPlan(prior, carried, subheads, kept, year_warning)


def take_prior(draft: Report, offer: CarryOverPlan, *, carry_requests: bool = True,
               copy_subheads: bool = True) -> tuple[Command, list[str]]:
    """The command that keeps ``offer.prior`` as last year (and fills and copies as chosen), and what it says."""
    prior = offer.prior
    parts: list[Command] = [SetPrior.of(draft, prior)]
    messages = [f"已将 {prior.year} 年报告作为上年报告，上年结转、现行有效件数和重复率随时核对"]
    if offer.year_warning:
        messages.append(offer.year_warning)
    if carry_requests and offer.carried_over:
        parts.append(fill_carried_over(draft, offer))
        messages.append(f"表三“二、上年结转”已按 {prior.year} 年报告的“四、结转下年度继续办理”填入"
                        f"（合计 {sum(offer.carried_over.values())} 件）")
    if copy_subheads:
        for section_id, subs in offer.subheads.items():
            parts.append(ReplaceSubsections.of(draft, section_id, subs, "按上年报告设置小标题"))
        if offer.subheads:
            messages.append("已按上年报告设置小标题："
                            + "、".join(draft.form.section(sid).title for sid in offer.subheads))
        if offer.kept_text:
            messages.append(f"{'、'.join(offer.kept_text)}已有文字，小标题保持不变")
    return Composite(parts, f"导入 {prior.year} 年报告作为上年报告"), messages


def fill_carried_over(draft: Report, offer: CarryOverPlan) -> SetValues:
    """填入二、上年结转 from last year's 四、结转下年度继续办理."""
    return SetValues.of(draft, list(offer.carried_over.items()), f"按 {offer.prior.year} 年报告填入上年结转")
