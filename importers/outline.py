"""The outline of a published report: title, preamble, the six sections, sub-heads and the 落款.

Readers hand over paragraphs (and, for documents with real tables, grids) in
reading order.  Sections are found by their titles, in the form's order, so a
"三、本年度办理结果" inside table 三 is not taken for section 三; sub-heads
（一）（二）… split sections 一 and 五; a closing agency line and date become
the report's date.
"""
from __future__ import annotations

import re

from models.dates import DateError, implausibility, validate_iso_date
from models.draft import MAX_TEXT_CHARS
from models.form_2021 import FORM_2021
from models.report import Report, Subsection

from models.review.identity import normalize_agency, same_agency

from . import grids, identity
from .labels import coverage, loose, printed_as, tidy
from .record import ImportResult, Record, SourceError
from .tables import TableReader, TableSource

SECTIONS = FORM_2021.sections
SUBHEAD = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*")
MAX_PARAGRAPHS = 50_000   # a report has a few hundred; each costs some 40 µs to place


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
        self.year_known = False            # whether the report's year was found (``build`` says)
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
    return ImportResult(report, record.notes, source_format, year_known=outline.year_known)


def _refuse_overlong(report: Report) -> None:
    """A text a draft could not hold (``draft.MAX_TEXT_CHARS``): the imported report could never be reopened."""
    texts = [report.agency, report.preamble] + [t for subs in report.sections.values()
                                                for s in subs for t in (s.heading, s.text)]
    longest = max(len(t) for t in texts)
    if longest > MAX_TEXT_CHARS:
        raise SourceError(f"文件中有一段文字长达 {longest:,} 字（上限 {MAX_TEXT_CHARS:,} 字），不像是年度报告，已拒绝读取")


def build(outline: Outline, record: Record) -> Report:
    """A report with the title, preamble, sections and 落款 of ``outline`` (tables are read separately)."""
    front = outline.front
    title = identity.find_title(front)
    meta = identity.meta_lines(front)
    sections = {}
    found = [s for s in SECTIONS if s.id in outline.bodies]
    last_narrative = next((s.id for s in reversed(found) if s.kind == "narrative"), None)
    signature = identity.Signature()
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
            signature = identity.find_signature(paragraphs, outline.agency or (title.agency if title else ""))
            paragraphs = paragraphs[:len(paragraphs) - signature.lines]
            if signature.after:
                record.info(f"落款之后的“{signature.after[0][:20]}”等 {len(signature.after)} 行不是报告的内容"
                            "（网页的页脚等），未导入", section=section.id)
        sections[section.id] = subsections(paragraphs)
    preamble = "\n".join(line for line in front[title.last + 1 if title else 0:]
                         if not identity.META.match(identity.compact(line)))
    # an agency the document's structure shows (our own page) needs no reading of its title, nor notes on it
    agency = outline.agency or _agency(title, signature, meta, record)
    report = Report(agency=agency, date=None, preamble=preamble, sections=sections)
    year = _year(title, preamble, outline, signature, record)
    outline.year_known = year is not None
    report.year = year if year is not None else report.year
    if year is None:
        record.warn(f"没有找到报告年度，暂按 {report.year} 年，请核对")
    _date(report, title, signature, record)
    return report


def _agency(title: identity.Title | None, signature: identity.Signature, meta: dict[str, str],
            record: Record) -> str:
    """The agency as the title prints it; else as the 落款 or the page's meta lines (发布机构) print it."""
    signed = signature.agency
    if title is not None and title.agency:
        if signed and normalize_agency(signed) != normalize_agency(title.agency):
            ground = same_agency(title.agency, signed)
            record.warn(f"落款机关印为“{signed}”，与标题中的“{title.agency}”"
                        + (f"为同一机关（{ground}）" if ground else "不同")
                        + "；机关名称按标题读入，导出时标题和落款都印这一名称，请核对")
        return title.agency
    published = next((identity.printed_agency(meta[k]) for k in identity.AGENCY_META
                      if k in meta and identity.agency_like(meta[k])), "")
    if title is None:
        record.warn("没有找到报告标题（“……政府信息公开工作年度报告”）"
                    + ("，机关名称按落款读入" if signed else "，机关名称按网页的“发布机构”读入" if published
                       else "，机关名称留空"))
    elif signed or published:
        record.info(f"报告标题“{title.printed}”中没有机关名称，机关名称按{'落款' if signed else '网页的“发布机构”'}读入")
    else:
        record.warn(f"报告标题“{title.printed}”中没有机关名称，机关名称留空")
    return signed or published


def _year(title: identity.Title | None, preamble: str, outline: Outline, signature: identity.Signature,
          record: Record) -> int | None:
    """The year the report is about: the title's; else the statistics period of the preamble; else the first
    year the overview speaks of; never the year it was published."""
    if title is not None and title.bad_year:
        record.warn(f"标题中的年度“{title.bad_year}”不是有效年份，已忽略")
    if title is not None and title.year is not None:
        return title.year
    period = identity.statistics_year(preamble)
    if period is not None:
        record.info(f"标题中没有年度，按导语中的统计期限认定为 {period} 年")
        return period
    match = re.search(r"(20\d{2})\s*年", preamble + "".join(outline.bodies.get("overview", [])))
    if match:
        year = int(match.group(1))
        record.warn(f"标题中没有年度，按正文中最先出现的年份认定为 {year} 年，请核对")
        return year
    return None


def _date(report: Report, title: identity.Title | None, signature: identity.Signature, record: Record) -> None:
    """The 成文日期: the 落款's date, else the date printed under the title."""
    under_title = title.date if title is not None else None
    if signature.printed_date and signature.date is None:
        record.warn(f"落款日期“{signature.printed_date}”不是有效的日期，成文日期留空")
    date, where = (signature.date, "落款日期") if signature.date else (under_title, "标题下的日期")
    if signature.date and under_title and under_title != signature.date:
        record.warn(f"标题下印的日期 {under_title} 与落款日期 {signature.date} 不同，成文日期按落款读入")
    if date is None:
        return
    try:
        report.date = validate_iso_date(date)
    except DateError as e:
        record.warn(f"{where} {date} 不是有效的日期（{e}），成文日期留空")
        return
    doubt = implausibility(date, report.year)
    if doubt:
        record.warn(f"{where} {date} 已作为成文日期读入，但{doubt}")
    else:
        record.info(f"{where} {date} 已作为成文日期读入")


def subsections(paragraphs: list[str]) -> list[Subsection]:
    """A section's paragraphs split at its numbered sub-heads; text before the first sub-head stands alone."""
    parts: list[tuple[str, list[str]]] = []   # (heading, paragraphs): joined once at the end, not grown
    headed = 0
    for paragraph in paragraphs:
        match = SUBHEAD.match(paragraph)
        if match:
            number = identity.chinese_number(match.group(1))
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
