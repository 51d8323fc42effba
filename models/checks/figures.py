"""Figures written into the text from the tables (插入统计段落) that the tables now contradict."""
from __future__ import annotations

from .engine import Context, Found, Quote, Severity, rule
from .messages import Message, Messages


class Stale(Messages, prefix="FIG"):
    stale = Message("{section}：文中写“{written}”，{quantity}现为“{now}”（可用“更新文中数字”改为表格中的数）")
    stale_change = Message("{section}：文中写“{written}”，{quantity}与上年相比现为“{now}”"
                           "（可用“更新文中数字”改为表格中的数）")


@rule("FIG", Severity.WARNING, "文中数字过时", "按表格插入的数字与表格一致（表格改动后可一键更新）")
def stale_figures(ctx: Context):
    if not any(sub.figures for subs in ctx.report.sections.values() for sub in subs):
        return  # no figure written from the tables: the statistics text is not even loaded (start-up)
    from ..statistics_text.in_step import stale_figures as stale
    from ..statistics_text.quantities import QUANTITIES
    for s in stale(ctx.report):
        quantity = QUANTITIES[s.figure.quantity]
        said = Stale.stale_change if s.figure.measure == "change" else Stale.stale
        yield Found(said(section=ctx.report.form.section(s.section_id).title, written=s.figure.text,
                         quantity=quantity.name, now=s.text), quantity.terms,
                    s.section_id, subsection=s.index, quote=Quote(s.figure.text, s.index))
