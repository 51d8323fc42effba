"""Whether the report is filled in at all: the agency that signs it, its year, the sections of text."""
from __future__ import annotations

import datetime

from ..dates import implausibility
from .engine import Context, Found, Severity, rule
from .messages import Message, Messages

W = Severity.WARNING


class Complete(Messages, prefix="COMPLETE"):
    no_agency = Message("未填写机关名称（报告标题的第一行和落款都要用到）")
    no_date = Message("未填写成文日期：报告末尾的落款没有日期，无法签发盖章")
    future_year = Message("报告年度 {year} 年晚于今年，请核对")
    empty_section = Message("{section}尚未填写")


class SigningDate(Messages, prefix="DATE"):
    implausible = Message("成文日期 {date}：{doubt}")


@rule("COMPLETE", W, "填写完整", "机关名称、报告年度、落款的成文日期和各部分文字已填写")
def completeness(ctx: Context):
    report = ctx.report
    if not report.agency.strip():
        yield Found(Complete.no_agency(), section=None)
    if not report.date:
        yield Found(Complete.no_date(), section=None)
    if report.year > datetime.date.today().year:
        yield Found(Complete.future_year(year=report.year))
    for section in report.form.narrative_sections:
        if section.id == "problems":
            continue  # SEC-5 says more about 五 than "empty"
        if not any(sub.text.strip() for sub in report.sections.get(section.id, [])):
            yield Found(Complete.empty_section(section=section.title), section=section.id)


@rule("DATE", W, "成文日期", "成文日期在报告年度之后（通常为次年1—3月）")
def signing_date(ctx: Context):
    report = ctx.report
    if report.date:
        doubt = implausibility(report.date, report.year)
        if doubt:
            yield Found(SigningDate.implausible(date=report.date, doubt=doubt))
