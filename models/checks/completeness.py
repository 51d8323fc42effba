"""Whether the report is filled in at all: the agency that signs it, its year, the sections of text."""
from __future__ import annotations

import datetime

from ..dates import implausibility
from .engine import Context, Found, Severity, rule

W = Severity.WARNING


@rule("COMPLETE", W, "填写完整", "机关名称、报告年度、落款的成文日期和各部分文字已填写")
def completeness(ctx: Context):
    report = ctx.report
    if not report.agency.strip():
        yield Found("未填写机关名称（报告标题的第一行和落款都要用到）", section=None)
    if not report.date:
        yield Found("未填写成文日期：报告末尾的落款没有日期，无法签发盖章", section=None)
    if report.year > datetime.date.today().year:
        yield Found(f"报告年度 {report.year} 年晚于今年，请核对")
    for section in report.form.narrative_sections:
        if section.id == "problems":
            continue  # SEC-5 says more about 五 than "empty"
        if not any(sub.text.strip() for sub in report.sections.get(section.id, [])):
            yield Found(f"{section.title}尚未填写", section=section.id)


@rule("DATE", W, "成文日期", "成文日期在报告年度之后（通常为次年1—3月）")
def signing_date(ctx: Context):
    report = ctx.report
    if report.date:
        doubt = implausibility(report.date, report.year)
        if doubt:
            yield Found(f"成文日期 {report.date}：{doubt}")
