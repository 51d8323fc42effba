"""The outline of a published report: title, preamble, the six sections, sub-heads and the 落款.

Readers hand over paragraphs (and, for documents with real tables, grids) in
reading order.  Sections are found by their titles, in the form's order, so a
"三、本年度办理结果" inside table 三 is not taken for section 三; sub-heads
（一）（二）… split sections 一 and 五; a closing agency line and date become
the report's date.
"""
from __future__ import annotations

import datetime
import re

from models.dates import DateError, implausibility, validate_iso_date
from models.draft import MAX_TEXT_CHARS
from models.form_2021 import FORM_2021
from models.report import Report, Subsection

from . import grids
from .labels import coverage, key, loose, printed_as, tidy
from .record import ImportResult, Record, SourceError
from .tables import TableReader, TableSource

SECTIONS = FORM_2021.sections
CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SUBHEAD = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*")
TITLE_WORDS = "年度报告"
_YEAR = r"(\d{4}|[〇○零一二三四五六七八九]{4})"
_SMALL = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE = re.compile(rf"^{_YEAR}\s*年\s*{_SMALL}\s*月\s*{_SMALL}\s*日$")
MAX_PARAGRAPHS = 50_000   # a report has a few hundred; each costs some 40 µs to place
SIGNATURE_ENDINGS = ("政府", "局", "办公室", "办公厅", "委员会", "厅", "院", "中心", "委", "办", "所", "署", "会", "处", "站")


def chinese_number(text: str) -> int:
    """"二〇二四" → 2024 (digit by digit); "十二" → 12; Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(CN_DIGITS[ch]) for ch in text))


# ---------------------------------------------------------------- section titles

def section_title(text: str, start: int) -> tuple[int, str] | None:
    """(index of the section, text printed after its title) when ``text`` is the title of a section at or
    after ``start`` in the form's order."""
    printed = loose(text)
    for index in range(start, len(SECTIONS)):
        section = SECTIONS[index]
        if not printed.startswith(section.numeral) or len(printed) < 3:
            continue
        if printed[1] not in "、.，,":
            continue
        body, title = printed[2:], loose(section.title)[2:]
        if body.startswith(title):
            return index, body[len(title):]
        if len(body) <= len(title) + 8 and coverage(title, body) >= 0.6:
            return index, ""
    return None


# ---------------------------------------------------------------- assembling paragraphs and grids

class Outline:
    """Paragraphs before section 一 (``front``), each section's paragraphs, and the tables found."""

    def __init__(self) -> None:
        self.front: list[str] = []
        self.bodies: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}     # section id → the title as printed
        self.sources: list[TableSource] = []
        self.current: int = -1
        self.agency = ""   # the agency where the document's structure shows it (our own page's title)
        self._paragraphs = 0

    def paragraph(self, text: str) -> None:
        self._paragraphs += 1
        if self._paragraphs > MAX_PARAGRAPHS:
            raise SourceError(f"文件中的段落超过 {MAX_PARAGRAPHS:,} 个，远超一份年度报告（通常几百段），"
                              "不像是年度报告，已拒绝读取")
        text = tidy(text)
        if not text:
            return
        found = section_title(text, self.current + 1)
        if found is not None:
            self.current, rest = found
            section = SECTIONS[self.current]
            self.bodies[section.id] = [rest] if rest else []
            self.titles[section.id] = text
            return
        repeated = section_title(text, 0)
        if repeated is not None and not repeated[1] and repeated[0] <= self.current:
            return   # a title printed again (Excel gives each table a sheet under its section's title)
        if self.current < 0:
            self.front.append(text)
        elif SECTIONS[self.current].kind == "narrative":
            self.bodies[SECTIONS[self.current].id].append(text)
        # other text in a table's section (a unit line, a note) is not part of the form

    def grid(self, grid: grids.Grid) -> None:
        table = grids.classify(grid)
        if table is not None:
            self.sources.append(grids.source(grid, table))
            return
        seen = set()   # a table used for page layout: its cells are text
        for row in grid:
            for cell in row:
                if cell.origin not in seen:
                    seen.add(cell.origin)
                    for line in cell.text.splitlines():
                        self.paragraph(line)


# ---------------------------------------------------------------- the report's text

def finish(outline: Outline, record: Record, source_format: str, own_export: bool = False) -> ImportResult:
    """The report of an outline, its tables read, with the import record.

    ``own_export``: the file is one of our exports, so the totals it prints are the program's own sums; only a
    total that disagrees (the file was edited after the export) is kept as stated.
    """
    if not outline.bodies and not any(source.rows for source in outline.sources):
        raise SourceError("文件中没有找到年度报告的内容（没有“一、总体情况”等章节标题，也没有表二至表四的数字）")
    report = build(outline, record)
    _refuse_overlong(report)
    TableReader(report, record).read(outline.sources)
    if own_export:
        totals = report.totals()
        report.stated = {ref: v for ref, v in report.stated.items() if totals.get(ref) != v}
        if report.stated:
            record.warn("文件是本程序导出的，但其中有合计与各项之和不一致（文件导出后被改动过），已保留原文合计以供核对")
    return ImportResult(report, record.notes, source_format)


def _refuse_overlong(report: Report) -> None:
    """A text a draft could not hold (``draft.MAX_TEXT_CHARS``): the imported report could never be reopened."""
    texts = [report.agency, report.preamble] + [t for subs in report.sections.values()
                                                for s in subs for t in (s.heading, s.text)]
    longest = max(len(t) for t in texts)
    if longest > MAX_TEXT_CHARS:
        raise SourceError(f"文件中有一段文字长达 {longest:,} 字（上限 {MAX_TEXT_CHARS:,} 字），不像是年度报告，已拒绝读取")


def build(outline: Outline, record: Record) -> Report:
    """A report with the title, preamble, sections and date of ``outline`` (tables are read separately)."""
    # an agency the structure shows needs no guessing from the title (nor the notes of a guess)
    agency, year, preamble = _title(outline.front, Record() if outline.agency else record)
    agency = outline.agency or agency
    sections = {}
    found = [s for s in SECTIONS if s.id in outline.bodies]
    last_narrative = next((s.id for s in reversed(found) if s.kind == "narrative"), None)
    date = None
    for section in SECTIONS:
        if section.id not in outline.bodies:
            record.warn(f"没有找到“{section.title}”的标题" + ("，该部分留空" if section.kind == "narrative" else ""),
                        section=section.id)
            continue
        printed = printed_as(section.title, outline.titles[section.id])
        if printed is not None:
            record.warn(f"标题“{section.title}”印为“{printed}”，已按该部分读取", section=section.id)
        if section.kind != "narrative":
            continue
        paragraphs = outline.bodies[section.id]
        if section.id == last_narrative:
            paragraphs, date = _signature(paragraphs, agency, record)
        sections[section.id] = subsections(paragraphs)
    if year is None:
        year = _year_from_text(preamble + "".join(outline.bodies.get("overview", [])), record)
    report = Report(agency=agency, year=year if year is not None else Report().year, date=None,
                    preamble=preamble, sections=sections)
    if date is not None:
        try:
            report.date = validate_iso_date(date)
        except DateError as e:
            record.warn(f"落款日期 {date} 不是有效的日期（{e}），成文日期留空")
        else:
            doubt = implausibility(date, report.year)
            if doubt:
                record.warn(f"落款日期 {date} 已作为成文日期读入，但{doubt}")
            else:
                record.info(f"落款日期 {date} 已作为成文日期读入")
    if year is None:
        record.warn(f"没有找到报告年度，暂按 {report.year} 年，请核对")
    return report


_MARK = re.compile(r"^(未通过检查：.*处错误|草稿|征求意见稿|送审稿)+$")


def _agency_over(lines: list[str]) -> str:
    """The agency printed over the title's year line: the short lines just above it (a long name is
    broken into several), without the marks of a draft export ("征求意见稿", "未通过检查：N 处错误")."""
    taken: list[str] = []
    for line in reversed(lines):
        text = _compact(line)
        if (not text or len(text) > 40 or _MARK.match(text) or len("".join(taken)) + len(text) > 80
                or any(ch in "。：:" or ch.isdigit() for ch in text)):
            break   # a sentence, a 发布日期 or 索引号 line, a mark: not the agency's
        taken.insert(0, text)
    return "".join(taken)


def _title(front: list[str], record: Record) -> tuple[str, int | None, str]:
    """Agency and year from the title, and the preamble (what follows the title before 一)."""
    at = None
    for i, text in enumerate(front):
        if TITLE_WORDS in key(text) and len(key(text)) <= 60:
            at = i
    if at is None:
        record.warn("没有找到报告标题（“……政府信息公开工作年度报告”），机关名称留空")
        return "", None, "\n".join(front)
    title = _compact(front[at])
    agency, year = "", None
    match = re.search(rf"{_YEAR}年度?", title)
    if match:
        year = chinese_number(match.group(1))
        agency = title[:match.start()] or title[match.end():]
    agency = re.split(r"政府信息公开|关于|年度报告", agency)[0] if agency else ""
    if not agency:
        agency = _agency_over(front[:at])
    if not agency:
        record.warn(f"报告标题“{front[at]}”中没有机关名称，机关名称留空")
    if match is not None and year is not None and not 2000 <= year <= 2100:
        record.warn(f"标题中的年度“{match.group(1)}”不是有效年份，已忽略")
        year = None
    return agency, year, "\n".join(front[at + 1:])


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _year_from_text(text: str, record: Record) -> int | None:
    match = re.search(r"(20\d{2})\s*年", text)
    if not match:
        return None
    year = int(match.group(1))
    record.warn(f"标题中没有年度，按正文中最先出现的年份认定为 {year} 年，请核对")
    return year


def subsections(paragraphs: list[str]) -> list[Subsection]:
    """A section's paragraphs split at its numbered sub-heads; text before the first sub-head stands alone."""
    parts: list[tuple[str, list[str]]] = []   # (heading, paragraphs): joined once at the end, not grown
    headed = 0
    for paragraph in paragraphs:
        match = SUBHEAD.match(paragraph)
        if match:
            number = chinese_number(match.group(1))
            # numbered by its place among the sub-heads, or by its place among all parts
            if number in (headed + 1, len(parts) + 1):
                heading, text = split_heading(paragraph[match.end():])
                if heading:
                    parts.append((heading, [text] if text else []))
                    headed += 1
                    continue
        if parts:
            parts[-1][1].append(paragraph)
        else:
            parts.append(("", [paragraph]))
    return [Subsection(heading, "\n".join(texts)) for heading, texts in parts] or [Subsection("", "")]


def split_heading(rest: str) -> tuple[str, str]:
    """"主动公开情况。2024 年，……" → ("主动公开情况", "2024 年，……"); a short line is all heading."""
    match = re.match(r"^(.{1,40}?)[。：:]\s*(.*)$", rest, re.S)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    if len(rest) <= 40:
        return rest.strip(), ""
    return "", rest


def _signature(paragraphs: list[str], agency: str, record: Record) -> tuple[list[str], str | None]:
    """The 落款 (agency lines and date) at the end of the report, taken off the text; the date as ISO.

    A date left to be written by hand ("年 月 日", as our export prints an undated report) is a 落款
    without a date; a long agency name may stand on several lines above it.
    """
    if not paragraphs:
        return paragraphs, None
    last = _compact(paragraphs[-1])
    date: str | None = None
    if last != "年月日":
        match = DATE.match(last)
        if not match:
            return paragraphs, None
        try:
            date = datetime.date(*(chinese_number(g) for g in match.groups())).isoformat()
        except ValueError:
            return paragraphs, None
    rest = paragraphs[:-1]
    name = _compact(agency)
    taken = ""
    while rest:
        line = _compact(rest[-1])
        if not line or len(line) > 30 or re.search(r"[。，；]", rest[-1]):
            break
        if name and (line + taken) in name and name.endswith(line + taken):
            taken = line + taken
            rest = rest[:-1]
            if taken == name:
                break
            continue
        if not taken and (line.endswith(SIGNATURE_ENDINGS) or (name and name in line)):
            rest = rest[:-1]
        break
    return rest, date
