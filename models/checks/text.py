"""Rules on the narrative: figures quoted in the text, fees, problems, year, repetition."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..form import CellRef
from ..form_2021 import FORM_2021
from .engine import Context, Found, Quote, Severity, rule

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


def _req(row: str) -> CellRef:
    return FORM_2021.ref("requests", f"{row}.total")


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


def _found(ctx: Context, message: str, cells, figure: int, phrase: str) -> Found:
    quote = _quote(ctx, figure, phrase)
    return Found(message, tuple(cells), "overview", subsection=quote.subsection, quote=quote)


RECEIVED = rf"(?:收到|受理|新收|接收)[^。；，,\d]{{0,16}}?申请{_GAP}{_NUM}件"
ANSWERED = rf"(?:办结|答复){_GAP}{_NUM}件"
CARRIED_OVER = rf"上一?年度?结转{_GAP}{_NUM}件"
CARRIED_FORWARD = rf"(?:{_NUM}件(?:申请)?(?:顺延|结转)(?:到|至)下一?年|结转(?:到|至)?下一?年度?{_GAP}{_NUM}件)"
NONE_RECEIVED = r"(?:未|没有)(?:收到|受理)[^。；，,\d]{0,10}?申请"


@rule("TEXT-T3", W, "文中申请件数", "一、总体情况中的申请件数与表三一致")
def text_requests(ctx: Context):
    text = compact(ctx.report.preamble) + _section(ctx, "overview")
    new, over = ctx.value(_req("new")), ctx.value(_req("carried_over"))
    done, forward = ctx.value(_req("total")), ctx.value(_req("carried_forward"))
    if new is not None:
        accepted = {new, new + (over or 0)}
        for n, phrase in _quotes(RECEIVED, text):
            if n not in accepted:
                also = f"（或一+二 = {new + over}）" if over else ""
                yield _found(ctx, f"一、总体情况写收到/受理申请 {n} 件，表三“一、本年新收”总计为 {new}{also}",
                             (_req("new"),), n, phrase)
        none = re.search(NONE_RECEIVED, text)
        if none and new != 0:
            yield _found(ctx, f"一、总体情况写“未收到政府信息公开申请”，但表三“一、本年新收”总计为 {new}",
                         (_req("new"),), 0, none.group(0))
    if done is not None:
        for n, phrase in _quotes(ANSWERED, text):
            if n not in {done, new}:
                yield _found(ctx, f"一、总体情况写办结/答复 {n} 件，表三“（七）总计”为 {done}", (_req("total"),), n, phrase)
    if over is not None:
        for n, phrase in _quotes(CARRIED_OVER, text):
            if n != over:
                yield _found(ctx, f"一、总体情况写上年结转 {n} 件，表三“二、上年结转”总计为 {over}",
                             (_req("carried_over"),), n, phrase)
    if forward is not None:
        claims: dict[int, str] = {}
        for m in re.finditer(CARRIED_FORWARD, text):
            figure = _int(m.group(1) or m.group(2))
            if figure is not None:
                claims.setdefault(figure, m.group(0))
        for claimed, phrase in claims.items():
            if claimed != forward:
                yield _found(ctx, f"一、总体情况写结转下年度 {claimed} 件，表三“四、结转下年度继续办理”总计为 {forward}",
                             (_req("carried_forward"),), claimed, phrase)


REVIEW = rf"行政复议(?:案件|申请)?{_GAP}{_NUM}件"
LITIGATION = rf"行政诉讼(?:案件)?{_GAP}{_NUM}件"
NO_APPEALS = r"(?:未|没有|无)(?:发生|收到|产生|出现)?[^。；，,\d]{0,16}?行政(?:复议|诉讼)[^。；，,\d]{0,8}"
REVIEW_TOTAL = FORM_2021.ref("appeals", "review.total")
LITIGATION_TOTALS = (FORM_2021.ref("appeals", "litigation_direct.total"),
                     FORM_2021.ref("appeals", "litigation_after_review.total"))


@rule("TEXT-T4", W, "文中复议诉讼件数", "文中的行政复议、行政诉讼件数与表四一致")
def text_appeals(ctx: Context):
    text = compact(ctx.report.preamble) + _section(ctx, "overview")
    review = ctx.value(REVIEW_TOTAL)
    lits = [ctx.value(r) for r in LITIGATION_TOTALS]
    litigation = None if all(v is None for v in lits) else sum(v or 0 for v in lits)
    claims: list[tuple[str, int, str, int | None, tuple[CellRef, ...]]]
    claims = [("行政复议", n, phrase, review, (REVIEW_TOTAL,)) for n, phrase in _quotes(REVIEW, text)]
    claims += [("行政诉讼", n, phrase, litigation, LITIGATION_TOTALS) for n, phrase in _quotes(LITIGATION, text)]
    for m in re.finditer(NO_APPEALS, text):
        if "复议" in m.group(0):
            claims.append(("行政复议", 0, m.group(0), review, (REVIEW_TOTAL,)))
        if "诉讼" in m.group(0):
            claims.append(("行政诉讼", 0, m.group(0), litigation, LITIGATION_TOTALS))
    for what, claimed, phrase, actual, cells in claims:
        if actual is not None and claimed != actual:
            where = "表四“行政复议 总计”" if what == "行政复议" else "表四两类行政诉讼总计之和"
            yield _found(ctx, f"一、总体情况写{what} {claimed} 件，{where}为 {actual}", cells, claimed, phrase)


FEE_STATED = re.compile(r"处理费[^。；]{0,12}?\d|(?<![\d.,])\d[\d.,]*(?:元|万元)|未收取|没有收取|未收|无收取|不收取|免收|零元|未产生")


@rule("FEE-6", W, "信息处理费", "六、其他需要报告的事项写明信息处理费的收取情况")
def fees(ctx: Context):
    text = _section(ctx, "other")
    unpaid = ctx.value(FORM_2021.ref("requests", "other_unpaid_fee.total"))
    if "处理费" not in text:
        why = (f"表三“逾期未缴纳费用”有 {unpaid} 件，" if unpaid else "")
        yield f"{why}六、其他需要报告的事项未写明信息处理费的收取情况（未收取也应写明）", (), "other"
    elif not FEE_STATED.search(text):
        yield "六、其他需要报告的事项提到信息处理费，但未写明金额（未收取可写“未收取”或“0 元”）", (), "other"


EMPTY_PROBLEMS = {"", "无", "暂无", "没有", "无问题", "暂无问题", "略"}


@rule("SEC-5", W, "存在的问题", "五、存在的主要问题及改进情况不为空")
def problems(ctx: Context):
    text = _section(ctx, "problems", headings=False).strip("。.；;")
    if text in EMPTY_PROBLEMS:
        shown = "空白" if not text else f"只写了“{text}”"
        yield f"五、存在的主要问题及改进情况{shown}，应写明存在的问题和改进措施", (), "problems"


_CN_DIGITS = "〇一二三四五六七八九"


def _chinese_year(year: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(year))


@rule("YEAR", W, "报告年度", "一、总体情况写的是报告年度")
def year(ctx: Context):
    report = ctx.report
    subs = report.sections.get("overview", [])
    text = compact("\n".join(s.text for s in subs))
    if not text:
        return
    this = (f"{report.year}年", _chinese_year(report.year).replace("〇", "○") + "年", _chinese_year(report.year) + "年")
    if not any(y in text for y in this):
        yield f"一、总体情况没有提到 {report.year} 年，请确认写的是本年度的工作", (), "overview"
    last = report.year - 1
    opening = re.compile(rf"^(?:{last}|{_chinese_year(last)})年(?:度)?(?:[，,以来]|我|全|本|区|市|县)")
    for sub in subs:
        for para in sub.text[:SCAN_LIMIT].splitlines():
            if opening.match(compact(para)):
                yield (f"一、总体情况有段落以“{last} 年”开头，像是沿用了上年的报告（本报告年度为 {report.year} 年）",
                       (), "overview")
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


@rule("DUP", W, "与上年重复", "叙述部分与上年报告重复不超过一半", needs_prior=True)
def duplicates(ctx: Context):
    form = ctx.report.form
    for section in form.narrative_sections:
        share = repeated_share(ctx.report.section_text(section.id), ctx.last.section_text(section.id))
        if share > DUP_LIMIT:
            yield (f"{section.title}有 {share:.0%} 的文字与 {ctx.last.year} 年报告相同（超过一半，部分考评会扣分）",
                   (), section.id)
        elif share > 0:
            yield f"{section.title}与 {ctx.last.year} 年报告相同的文字占 {share:.0%}", (), section.id, I
