"""Rules on the narrative: figures quoted in the text, fees, problems, year, repetition."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..form import CellRef
from ..form_2021 import APPEALS, FORM_2021, REQUESTS
from .engine import Context, Found, Quote, Severity, rule
from .messages import Message, Messages, Said

W, I = Severity.WARNING, Severity.INFO
_SPACE = re.compile(r"\s+")
_NUM = r"(?<![\d,])(\d[\d,]*)"   # from the start of a figure only: no retrying inside a long run of digits
_GAP = r"[^。；，,\d]{0,8}?"


# A report's whole narrative is some 10,000–30,000 characters; the rules read at most this much of a text, so
# that a pasted or imported monster (tens of megabytes) is checked in a blink instead of minutes.
SCAN_LIMIT = 200_000


@lru_cache(maxsize=64)
def compact(text: str) -> str:
    """NFKC, whitespace removed: pdftotext and IMEs scatter spaces and full-width digits (the first
    ``SCAN_LIMIT`` characters only)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text[:SCAN_LIMIT]))


def _section(ctx: Context, section_id: str, *, headings: bool = True) -> str:
    if headings:
        return compact(ctx.report.section_text(section_id))
    return compact("\n".join(s.text for s in ctx.report.sections.get(section_id, [])))


def _int(text: str) -> int | None:
    """A quoted count; ``None`` for a figure longer than any count (int() refuses over 4,300 digits)."""
    digits = text.replace(",", "").lstrip("0") or "0"
    return int(digits) if len(digits) <= 12 else None


OVERVIEW = FORM_2021.section("overview").title


def _total(table: str, row: str) -> tuple[CellRef, dict[str, str]]:
    """A row's total cell, named once here so that a misspelt key fails at import; with its words."""
    ref = FORM_2021.ref(table, f"{row}.total")
    return ref, {"table": FORM_2021.table(table).caption, "cell": FORM_2021.definition(ref).name}


NEW, NEW_WORDS = _total(REQUESTS, "new")
CARRIED_OVER, CARRIED_OVER_WORDS = _total(REQUESTS, "carried_over")
ANSWERED_TOTAL, ANSWERED_WORDS = _total(REQUESTS, "total")
CARRIED_FORWARD_TOTAL, CARRIED_FORWARD_WORDS = _total(REQUESTS, "carried_forward")


def _quotes(pattern: str, text: str) -> list[tuple[int, str]]:
    """Each figure the pattern finds, with the words it was first found in (a figure repeated a thousand
    times is one finding; a figure too long to be a count is no claim)."""
    found: dict[int, str] = {}
    for m in re.finditer(pattern, text):
        n = _int(m.group(1))
        if n is not None and n not in found:
            found[n] = m.group(0)
    return list(found.items())


def _quote(ctx: Context, figure: int, phrase: str) -> Quote:
    """Where the text says it: the sub-section of 一 whose text holds the phrase (None: the preamble)."""
    for index, sub in enumerate(ctx.report.sections.get("overview", [])):
        if phrase in compact(sub.text):
            return Quote(str(figure), index, phrase)
    return Quote(str(figure), None, phrase)


def _found(ctx: Context, said: Said, cells, figure: int, phrase: str) -> Found:
    quote = _quote(ctx, figure, phrase)
    return Found(said, tuple(cells), "overview", subsection=quote.subsection, quote=quote)


RECEIVED = rf"(?:收到|受理|新收|接收)[^。；，,\d]{{0,16}}?申请{_GAP}{_NUM}件"
ANSWERED = rf"(?:办结|答复){_GAP}{_NUM}件"
CARRIED_OVER_TEXT = rf"上一?年度?结转{_GAP}{_NUM}件"
CARRIED_FORWARD = rf"(?:{_NUM}件(?:申请)?(?:顺延|结转)(?:到|至)下一?年|结转(?:到|至)?下一?年度?{_GAP}{_NUM}件)"
NONE_RECEIVED = r"(?:未|没有)(?:收到|受理)[^。；，,\d]{0,10}?申请"


class TextRequests(Messages, prefix="TEXT-T3"):
    received = Message("{section}写收到/受理申请 {claimed} 件，{table}“{cell}”为 {actual}")
    received_or_carried = Message("{section}写收到/受理申请 {claimed} 件，{table}“{cell}”为 {actual}"
                                  "（或一+二 = {with_carried}）")
    none_received = Message("{section}写“未收到政府信息公开申请”，但{table}“{cell}”为 {actual}")
    answered = Message("{section}写办结/答复 {claimed} 件，{table}“{cell}”为 {actual}")
    carried_over = Message("{section}写上年结转 {claimed} 件，{table}“{cell}”为 {actual}")
    carried_forward = Message("{section}写结转下年度 {claimed} 件，{table}“{cell}”为 {actual}")


@rule("TEXT-T3", W, "文中申请件数", "一、总体情况中的申请件数与表三一致")
def text_requests(ctx: Context):
    text = compact(ctx.report.preamble) + _section(ctx, "overview")
    new, over = ctx.value(NEW), ctx.value(CARRIED_OVER)
    done, forward = ctx.value(ANSWERED_TOTAL), ctx.value(CARRIED_FORWARD_TOTAL)
    if new is not None:
        accepted = {new, new + (over or 0)}
        for n, phrase in _quotes(RECEIVED, text):
            if n not in accepted:
                said = (TextRequests.received_or_carried(section=OVERVIEW, claimed=n, actual=new,
                                                         with_carried=new + over, **NEW_WORDS) if over
                        else TextRequests.received(section=OVERVIEW, claimed=n, actual=new, **NEW_WORDS))
                yield _found(ctx, said, (NEW,), n, phrase)
        none = re.search(NONE_RECEIVED, text)
        if none and new != 0:
            yield _found(ctx, TextRequests.none_received(section=OVERVIEW, actual=new, **NEW_WORDS),
                         (NEW,), 0, none.group(0))
    if done is not None:
        for n, phrase in _quotes(ANSWERED, text):
            if n not in {done, new}:
                yield _found(ctx, TextRequests.answered(section=OVERVIEW, claimed=n, actual=done, **ANSWERED_WORDS),
                             (ANSWERED_TOTAL,), n, phrase)
    if over is not None:
        for n, phrase in _quotes(CARRIED_OVER_TEXT, text):
            if n != over:
                yield _found(ctx, TextRequests.carried_over(section=OVERVIEW, claimed=n, actual=over,
                                                            **CARRIED_OVER_WORDS), (CARRIED_OVER,), n, phrase)
    if forward is not None:
        claims: dict[int, str] = {}
        for m in re.finditer(CARRIED_FORWARD, text):
            figure = _int(m.group(1) or m.group(2))
            if figure is not None:
                claims.setdefault(figure, m.group(0))
        for claimed, phrase in claims.items():
            if claimed != forward:
                yield _found(ctx, TextRequests.carried_forward(section=OVERVIEW, claimed=claimed, actual=forward,
                                                               **CARRIED_FORWARD_WORDS),
                             (CARRIED_FORWARD_TOTAL,), claimed, phrase)


REVIEW = rf"行政复议(?:案件|申请)?{_GAP}{_NUM}件"
LITIGATION = rf"行政诉讼(?:案件)?{_GAP}{_NUM}件"
NO_APPEALS = r"(?:未|没有|无)(?:发生|收到|产生|出现)?[^。；，,\d]{0,16}?行政(?:复议|诉讼)[^。；，,\d]{0,8}"
REVIEW_TOTAL, REVIEW_WORDS = _total(APPEALS, "review")
LITIGATION_TOTALS = (FORM_2021.ref(APPEALS, "litigation_direct.total"),
                     FORM_2021.ref(APPEALS, "litigation_after_review.total"))


class TextAppeals(Messages, prefix="TEXT-T4"):
    review = Message("{section}写行政复议 {claimed} 件，{table}“{cell}”为 {actual}")
    litigation = Message("{section}写行政诉讼 {claimed} 件，{table}两类行政诉讼总计之和为 {actual}")


@rule("TEXT-T4", W, "文中复议诉讼件数", "文中的行政复议、行政诉讼件数与表四一致")
def text_appeals(ctx: Context):
    text = compact(ctx.report.preamble) + _section(ctx, "overview")
    review = ctx.value(REVIEW_TOTAL)
    lits = [ctx.value(r) for r in LITIGATION_TOTALS]
    litigation = None if all(v is None for v in lits) else sum(v or 0 for v in lits)
    claims: list[tuple[bool, int, str, int | None, tuple[CellRef, ...]]]  # (about review?, claimed, phrase, …)
    claims = [(True, n, phrase, review, (REVIEW_TOTAL,)) for n, phrase in _quotes(REVIEW, text)]
    claims += [(False, n, phrase, litigation, LITIGATION_TOTALS) for n, phrase in _quotes(LITIGATION, text)]
    for m in re.finditer(NO_APPEALS, text):
        if "复议" in m.group(0):
            claims.append((True, 0, m.group(0), review, (REVIEW_TOTAL,)))
        if "诉讼" in m.group(0):
            claims.append((False, 0, m.group(0), litigation, LITIGATION_TOTALS))
    for about_review, claimed, phrase, actual, cells in claims:
        if actual is not None and claimed != actual:
            said = (TextAppeals.review(section=OVERVIEW, claimed=claimed, actual=actual, **REVIEW_WORDS)
                    if about_review else
                    TextAppeals.litigation(section=OVERVIEW, claimed=claimed, actual=actual,
                                           table=REVIEW_WORDS["table"]))
            yield _found(ctx, said, cells, claimed, phrase)


FEE_STATED = re.compile(r"处理费[^。；]{0,12}?\d|(?<![\d.,])\d[\d.,]*(?:元|万元)|未收取|没有收取|未收|无收取|不收取|免收|零元|未产生")


UNPAID_FEE_TOTAL = FORM_2021.ref(REQUESTS, "other_unpaid_fee.total")
OTHER = FORM_2021.section("other").title


class Fees(Messages, prefix="FEE-6"):
    not_stated = Message("{section}未写明信息处理费的收取情况（未收取也应写明）")
    not_stated_with_unpaid = Message("{table}“{row}”有 {unpaid} 件，{section}未写明信息处理费的收取情况（未收取也应写明）")
    no_amount = Message("{section}提到信息处理费，但未写明金额（未收取可写“未收取”或“0 元”）")


@rule("FEE-6", W, "信息处理费", "六、其他需要报告的事项写明信息处理费的收取情况")
def fees(ctx: Context):
    text = _section(ctx, "other")
    unpaid = ctx.value(UNPAID_FEE_TOTAL)
    if "处理费" not in text:
        table = FORM_2021.table(UNPAID_FEE_TOTAL.table)
        yield (Fees.not_stated_with_unpaid(table=table.caption, row=table.row_label(UNPAID_FEE_TOTAL.row),
                                           unpaid=unpaid, section=OTHER) if unpaid
               else Fees.not_stated(section=OTHER)), (), "other"
    elif not FEE_STATED.search(text):
        yield Fees.no_amount(section=OTHER), (), "other"


EMPTY_PROBLEMS = {"", "无", "暂无", "没有", "无问题", "暂无问题", "略"}


PROBLEMS = FORM_2021.section("problems").title


class Problems(Messages, prefix="SEC-5"):
    blank = Message("{section}空白，应写明存在的问题和改进措施")
    only = Message("{section}只写了“{text}”，应写明存在的问题和改进措施")


@rule("SEC-5", W, "存在的问题", "五、存在的主要问题及改进情况不为空")
def problems(ctx: Context):
    text = _section(ctx, "problems", headings=False).strip("。.；;")
    if text in EMPTY_PROBLEMS:
        yield (Problems.only(section=PROBLEMS, text=text) if text else Problems.blank(section=PROBLEMS)), (), "problems"


_CN_DIGITS = "〇一二三四五六七八九"


def _chinese_year(year: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(year))


class Year(Messages, prefix="YEAR"):
    not_mentioned = Message("{section}没有提到 {year} 年，请确认写的是本年度的工作")
    opens_with_last_year = Message("{section}有段落以“{last} 年”开头，像是沿用了上年的报告（本报告年度为 {year} 年）")


@rule("YEAR", W, "报告年度", "一、总体情况写的是报告年度")
def year(ctx: Context):
    report = ctx.report
    subs = report.sections.get("overview", [])
    text = compact("\n".join(s.text for s in subs))
    if not text:
        return
    this = (f"{report.year}年", _chinese_year(report.year).replace("〇", "○") + "年", _chinese_year(report.year) + "年")
    if not any(y in text for y in this):
        yield Year.not_mentioned(section=OVERVIEW, year=report.year), (), "overview"
    last = report.year - 1
    opening = re.compile(rf"^(?:{last}|{_chinese_year(last)})年(?:度)?(?:[，,以来]|我|全|本|区|市|县)")
    for sub in subs:
        for para in sub.text[:SCAN_LIMIT].splitlines():
            if opening.match(compact(para)):
                yield Year.opens_with_last_year(section=OVERVIEW, last=last, year=report.year), (), "overview"
                return


SHINGLE = 8
DUP_LIMIT = 0.5


@lru_cache(maxsize=32)
def _shingles(text: str) -> frozenset[str]:
    return frozenset(text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1))


def repeated_share(text: str, previous: str) -> float:
    """Share of ``text`` (by 8-character runs) that also stands in ``previous``."""
    text, previous = compact(text), compact(previous)
    if len(text) < SHINGLE:
        return 0.0
    seen = _shingles(previous)
    runs = len(text) - SHINGLE + 1
    return sum(text[i:i + SHINGLE] in seen for i in range(runs)) / runs


class Repeated(Messages, prefix="DUP"):
    over_half = Message("{section}有 {share:.0%} 的文字与 {year} 年报告相同（超过一半，部分考评会扣分）")
    share = Message("{section}与 {year} 年报告相同的文字占 {share:.0%}")


@rule("DUP", W, "与上年重复", "叙述部分与上年报告重复不超过一半", needs_prior=True)
def duplicates(ctx: Context):
    form = ctx.report.form
    for section in form.narrative_sections:
        share = repeated_share(ctx.report.section_text(section.id), ctx.last.section_text(section.id))
        if share > DUP_LIMIT:
            yield Repeated.over_half(section=section.title, share=share, year=ctx.last.year), (), section.id
        elif share > 0:
            yield Repeated.share(section=section.title, share=share, year=ctx.last.year), (), section.id, I
