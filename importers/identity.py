"""Who wrote a published report, for which year, signed on which date: from its title, its 落款 and the lines
around them.

Titles come in many shapes: the agency on a line of its own above "2024 年政府
信息公开工作年度报告"; the year before the agency ("2024 年上海市科委政府信息
公开工作年度报告"), with "年度", wrapped over two lines, behind a heading mark
("# …"), as a page title with the site's name after it ("…年度报告_政府信息公
开年报_…"), or only in a page's meta lines (标题：…, 发布机构：…).  The agency
is kept as printed (``printed_agency``: spaces and full-width letters aside);
the year is the report's, never the year the report was published (a date
line under the title, "（2026年1月23日）", is the date, not the year).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from models.agency_words import DEPARTMENT_WORDS, GENERAL_OFFICE_WORDS, GOVERNMENT_WORDS, PLACE_TIERS
from models.review.identity import printed_agency

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
YEAR = r"(\d{4}|[〇○零Ｏ一二三四五六七八九]{4})"
SMALL = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE = re.compile(rf"{YEAR}年{SMALL}月{SMALL}日")
# what a report's title says after its agency and year
TITLE_WORDS = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:情况)?的?(?:年度)?报告|年度报告")
TITLE_YEAR = re.compile(rf"{YEAR}年度?")
HEADING_MARKS = re.compile(r"^[#*=>\s【\[]+|[*=\s】\]]+$")
META = re.compile(r"^(标题|题名|名称|文件名称|信息名称|发布机构|发文机关|发文单位|公开主体|信息来源|来源单位)[:：]\s*(.*)$")
AGENCY_META = ("发布机构", "发文机关", "发文单位", "公开主体", "信息来源", "来源单位")
TITLE_META = ("标题", "题名", "名称", "文件名称", "信息名称")
# what no agency's name holds: a sentence's marks, a site's path ("首页 > 政府信息公开"); "、" it may hold
# ("…外事办公室、…港澳事务办公室）")
SENTENCE = re.compile(r"[。，；;！？!?：:“”>＞|｜/]")
DRAFT_MARK = re.compile(r"^(未通过检查.*处错误|草稿|征求意见稿|送审稿)+$")   # as our exports may mark a first page
BLANK_DATE = "年月日"     # a 落款 date left to be written by hand
MAX_TITLE = 80          # characters of a title (a page title with the site's name runs longer: cut first)
MAX_AGENCY = 40
MAX_AFTER_SIGNATURE = 4   # short lines that may follow the 落款 (a web page's foot)
AGENCY_ENDINGS = tuple(sorted({*DEPARTMENT_WORDS, *GOVERNMENT_WORDS, *GENERAL_OFFICE_WORDS,
                               *(w for _, _, words in PLACE_TIERS for w in words)}, key=len, reverse=True))


def compact(text: str) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", text)


def chinese_number(text: str) -> int:
    """"二〇二四" → 2024 (digit by digit); "十二" → 12; Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(CN_DIGITS[ch]) for ch in text))


def date_of(match: re.Match) -> str | None:
    """The ISO date of a ``DATE`` match; ``None`` when it is no calendar date."""
    try:
        return datetime.date(*(chinese_number(g) for g in match.groups())).isoformat()
    except (ValueError, KeyError):
        return None


def date_line(text: str) -> str | None:
    """The ISO date when a line is a date and nothing else ("2026年1月23日", "（二〇二六年一月二十三日）")."""
    line = compact(text).strip("()（）[]【】")
    match = DATE.fullmatch(line)
    return date_of(match) if match else None


def agency_like(text: str) -> bool:
    """A line that can be an agency's name: short, no sentence, some Chinese, no number."""
    line = compact(text)
    return (0 < len(line) <= MAX_AGENCY and not SENTENCE.search(line) and not re.search(r"\d", line)
            and re.search(r"[\u4e00-\u9fff]", line) is not None and not TITLE_WORDS.search(line))


def signs_as_agency(text: str) -> bool:
    """A line of the 落款 naming the agency: agency-like and ending in a word agencies end in."""
    line = compact(text)
    return agency_like(line) and line.endswith(AGENCY_ENDINGS)


@dataclass
class Title:
    """What a report's title says, and which lines of the front matter it took."""

    agency: str = ""
    year: int | None = None
    printed: str = ""                # the title as found, for messages
    first: int = 0                   # index of its first line in the front matter
    last: int = -1                   # index of its last line (the preamble begins after it)
    date: str | None = None          # a date line printed under the title
    bad_year: str = ""               # a year printed that is no plausible year ("2O24")


def meta_lines(front: list[str]) -> dict[str, str]:
    """The page's meta lines (标题：…, 发布机构：…), by their label."""
    found: dict[str, str] = {}
    for line in front:
        match = META.match(compact(line))
        if match and match.group(2):
            found.setdefault(match.group(1), match.group(2))
    return found


def _clean(line: str) -> str:
    line = re.sub(r"[【】\[\]《》]", "", compact(HEADING_MARKS.sub("", line.strip())))
    match = META.match(line)
    return match.group(2) if match and match.group(1) in TITLE_META else line


def _cut(title: str) -> str:
    """A title without what follows its words (a page title's "_政府信息公开年报_某某网")."""
    words = TITLE_WORDS.search(title)
    return title[:words.end()] if words else title


def parse_title(text: str) -> tuple[str, int | None, str]:
    """(agency, year, year as printed) of one title line; "" / ``None`` for what it does not say."""
    title = _cut(_clean(text))
    words = TITLE_WORDS.search(title)
    if words is None:
        return "", None, ""
    head = title[:words.start()]
    match = None
    for candidate in TITLE_YEAR.finditer(title):
        match = candidate
        if candidate.start() <= words.start():
            break
    year, printed_year = None, ""
    if match is not None:
        printed_year = match.group(1)
        year = chinese_number(printed_year)
        before, between = title[:match.start()], title[match.end():words.start()]
        agency = before if _agency_text(before) else between
    else:
        agency = head
        after = re.match(rf"[（(]{TITLE_YEAR.pattern}[）)]", _clean(text)[len(title):])   # "…年度报告（2024年）"
        if after:
            printed_year = after.group(1)
            year = chinese_number(printed_year)
    agency = re.sub(r"(关于|的|政府信息公开|信息公开|工作)+$", "", re.sub(r"^(关于)", "", agency))
    return (printed_agency(agency) if _agency_text(agency) else ""), year, printed_year


def _agency_text(text: str) -> bool:
    text = re.sub(r"(关于|的)+$", "", text)
    return len(text) >= 2 and agency_like(text)


def find_title(front: list[str]) -> Title | None:
    """The report's title among the paragraphs before section 一: the first line that reads as one (joined
    with the next when the title was wrapped over two), with the agency line above it; a title that names
    neither agency nor year ("政府信息公开工作年度报告") only when no line does."""
    return _find_title(front, telling=True) or _find_title(front, telling=False)


def _find_title(front: list[str], telling: bool) -> Title | None:
    for i, line in enumerate(front[:40]):
        cleaned = _clean(line)
        if len(_cut(cleaned)) > MAX_TITLE or META.match(compact(line)) and not cleaned:
            continue
        candidates = [(i, cleaned)]
        if i + 1 < len(front) and len(compact(front[i + 1])) <= 20 and parse_title(front[i + 1])[1] is None:
            # wrapped: "…政府信息公开" + "工作年度报告" (a next line with the year is the title under its agency)
            candidates.insert(0, (i + 1, cleaned + _clean(front[i + 1])))
        for last, text in candidates:
            if not TITLE_WORDS.search(text) or len(_cut(text)) > MAX_TITLE or re.search(r"[。，；！？]", _cut(text)):
                continue   # no title, or a sentence that speaks of one
            if last > i and TITLE_WORDS.search(cleaned):
                continue   # the first line is a whole title by itself
            agency, year, printed_year = parse_title(text)
            if telling and not agency and year is None:
                continue
            title = Title(agency, year, _cut(text), i, last)
            if printed_year and not 2000 <= (year or 0) <= 2100:
                title.year, title.bad_year = None, printed_year
            if not agency:
                above = agency_over(front[:i])
                title.agency, title.first = printed_agency("".join(above)), i - len(above)
            if title.last + 1 < len(front):
                title.date = date_line(front[title.last + 1])
                if title.date:
                    title.last += 1
            return title
    return None


def agency_over(lines: list[str]) -> list[str]:
    """The lines printed over a title's year line that name the agency: a long name is broken into several
    short lines; a mark of a draft export ("征求意见稿", "未通过检查：N 处错误"), a sentence, a dated or numbered
    line (发布日期, 索引号) is no part of it."""
    taken: list[str] = []
    for line in reversed(lines):
        text = _clean(line)
        if (not agency_like(text) or DRAFT_MARK.match(text) or META.match(compact(line))
                or len("".join(taken)) + len(text) > MAX_TITLE):
            break
        taken.insert(0, text)
    return taken


def statistics_year(text: str) -> int | None:
    """The year a preamble's statistics period covers ("统计期限自2024年1月1日至2024年12月31日")."""
    match = re.search(rf"{YEAR}年\s*1\s*月\s*1\s*日\s*(?:起\s*)?(?:至|到|—|-|－|~)\s*{YEAR}年\s*12\s*月\s*31\s*日",
                      compact(text))
    if match and match.group(1) == match.group(2):
        return chinese_number(match.group(1))
    return None


@dataclass
class Signature:
    """The 落款 at the end of a report: the agency line and the date, as printed, and the lines they took."""

    agency: str = ""
    date: str | None = None
    printed_date: str = ""
    lines: int = 0                   # how many of the last paragraphs it took (what follows it included)
    after: list[str] = field(default_factory=list)   # lines printed after it: a web page's foot, printed with it


def find_signature(paragraphs: list[str], agency: str = "") -> Signature:
    """The 落款 at the end: a date line, with the agency's line above it (or the agency and the date on one
    line, as text copied from a right-aligned block gives them); after it, at most a few short lines that are
    no sentences (the foot of a web page printed with the report: "【打印本页】", "主办单位：…").

    ``agency``: the name the title gives, which a 落款 may print broken over several lines; a date left to
    be written by hand ("年 月 日", as an undated export prints it) makes a 落款 without a date.
    """
    for at in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 1 - MAX_AFTER_SIGNATURE), -1):
        after = paragraphs[at + 1:]
        if any("。" in line or len(compact(line)) > MAX_TITLE for line in after):
            break
        signature = _signature_at(paragraphs, at, compact(agency))
        if signature is not None:
            signature.lines += len(after)
            signature.after = after
            return signature
    return Signature()


def _signature_at(paragraphs: list[str], at: int, agency: str) -> Signature | None:
    line = compact(paragraphs[at]).strip("()（）")
    if line == BLANK_DATE:
        signature = Signature("", None, "", 1)
    else:
        match = DATE.search(line)
        if match is None or match.end() != len(line):
            return None
        before = line[:match.start()]
        if before:
            return Signature(printed_agency(before), date_of(match), match.group(), 1) \
                if signs_as_agency(before) else None
        signature = Signature("", date_of(match), match.group(), 1)
    taken = ""
    for k in range(at - 1, -1, -1):   # the agency's lines above, as many as its name takes
        part = compact(paragraphs[k])
        if not agency or not agency.endswith(part + taken) or not part:
            break
        taken = part + taken
        if taken == agency:
            signature.agency, signature.lines = printed_agency(taken), at - k + 1
            return signature
    if at > 0 and signs_as_agency(paragraphs[at - 1]):
        signature.agency, signature.lines = printed_agency(paragraphs[at - 1]), 2
    return signature
