"""What every exporter shares: the document's content in reading order and its layout (safe writing: ``writing``).

``document_blocks(report)`` is the one place that decides what the exported
report says and in which order (the marks of a forced or draft export, title,
preamble, sections with their sub-heads and paragraphs, the three tables, the
落款), and where its title and 落款 lines break (``models.line_breaking``).  The
DOCX, XLSX and PDF writers only decide how each block looks, so the three files
always carry the same content, broken into the same lines.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator, Mapping

from models.checks import Severity, run_checks
from models.form import GridCell, TableDef
from models.line_breaking import agency_breaks, balanced_lines, is_wide
from models.numbers import format_value
from models.report import Report

from .writing import DRAFT_MARKS, ExportError

# ---------------------------------------------------------------- layout (GB/T 9704—2012, spec "Layout")

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297          # A4
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 37, 35
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 28, 26

TITLE_PT = 22            # 二号
BODY_PT = 16             # 三号 (body, level-1 and level-2 headings)
BODY_LINE_PT = 28.95     # fixed line spacing: 22 lines a page
TABLE_PT = 10.5          # 五号; the spec allows 五号–小四
MIN_TABLE_PT = 6.5       # a table whose numbers cannot fit at 五号 is set smaller as a whole, not below this
PAGE_NUMBER_PT = 14      # 四号
PAGE_NUMBER_GAP_MM = 7   # GB/T 9704: the page number's top edge 7 mm below the text area

# the same choices in every writer, so the DOCX and the PDF break pages alike
TITLE_LINE_FACTOR = 1.6      # exact spacing of the title lines (and the blank line below), × TITLE_PT
TABLE_LINE_FACTOR = 1.3      # exact spacing of a table's lines, × its size: the same rows in the DOCX and the PDF
MARK_PT = 16                 # 三号, 黑体, in the top margin of the first page: the marks of a forced or draft export
MARK_TOP_MM = 15             # the marks' first line this far below the page's top edge (the header's place)
MARK_COLOUR = "C00000"
INDENT_CHARS = 2             # body and headings: first-line indent
SIGNATURE_RIGHT_CHARS = 4    # the 落款 ends four characters from the right edge
CELL_PAD_X_MM = 1            # left and right cell margins; none above and below
MIN_ROW_MM = 7               # a table row is at least this tall
KEEP_TOGETHER_ROWS = 15      # a table this short stays on one page with its heading

# the official faces, as the document names them; viewers substitute when a face is missing
TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"   # digits and Latin letters in the body, as in printed 公文

# a custom document property naming the form, so that an importer recognises our own exports
FORM_PROPERTY = "gkbg-form"


MM_TO_PT = 72 / 25.4
TEXT_WIDTH_PT = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * MM_TO_PT   # 156 mm
CHARS_PER_LINE = 28      # GB/T 9704: 22 lines of 28 characters
LINES_PER_PAGE = 22
# 28 characters of 三号 (16 pt) are 448 pt, the line 442.2 pt: the characters of the body and headings are set
# 0.25 pt closer (Word's character spacing counts in twentieths of a point), so 28 fit a line and 29 do not
CHAR_SPACING_PT = -0.25
CHAR_PITCH_PT = BODY_PT + CHAR_SPACING_PT
assert CHARS_PER_LINE * CHAR_PITCH_PT <= TEXT_WIDTH_PT < (CHARS_PER_LINE + 1) * CHAR_PITCH_PT


def page_number_text(number: int | str) -> str:
    """The printed page number: "— 1 —"."""
    return f"— {number} —"


# ---------------------------------------------------------------- content model


@dataclass(frozen=True)
class Title:
    """The document title, one entry per printed line (agency, then "{year}年政府信息公开工作年度报告")."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """``level`` 1 is a section title ("一、总体情况"); 2 is a numbered sub-head ("（一）主动公开")."""

    level: int
    text: str
    section: str  # id of the section it belongs to


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (first-line indent of two characters), text without leading/trailing spaces."""

    text: str
    section: str | None = None  # None for the preamble


@dataclass(frozen=True)
class Table:
    """One of the statistical tables; ``texts`` holds the printed text of each grid cell.

    Iterate ``table.cells`` (FORM_2021's grid cells with their spans) and ask
    ``text_of(cell)``: a label's text, a number as stored (fees digit for
    digit), or "" for a blank cell — nothing is invented.
    """

    table: TableDef
    texts: Mapping[tuple[int, int], str] = field(repr=False)

    def text_of(self, cell: GridCell) -> str:
        return self.texts[(cell.row, cell.col)]


@dataclass(frozen=True)
class Signature:
    """The 落款 at the end (GB/T 9704 7.3.5.1): the agency's lines centred over the date, the date four
    characters from the right edge.  An empty field keeps its place: no line of agency (room for the seal
    and a written name), "年 月 日" with room for the figures."""

    agency: tuple[str, ...]     # the name broken at its words into lines that fit over the date
    date: str                   # "2026年1月20日", or ``UNDATED``
    dated: bool

    @property
    def lines(self) -> tuple[str, ...]:
        return (*self.agency, self.date)


@dataclass(frozen=True)
class Marks:
    """What the first page says about an export that is not the final one (none on a clean export)."""

    errors: int                 # the checks' errors the export was forced past
    draft: str | None           # the clerk's 草稿 / 征求意见稿

    @property
    def lines(self) -> tuple[str, ...]:
        lines = []
        if self.errors:
            lines.append(f"未通过检查：{self.errors} 处错误")
        if self.draft:
            lines.append(self.draft)
        return tuple(lines)

    @property
    def text(self) -> str:
        """One line for the document properties: "未通过检查：3 处错误；征求意见稿"."""
        return "；".join(self.lines)


Block = Marks | Title | Heading | Paragraph | Table | Signature

# the date left to be written by hand: room for the year's four figures and for month and day
UNDATED = "\u3000\u3000年\u3000月\u3000日"
TITLE_WIDTH_PT = TEXT_WIDTH_PT - TITLE_PT   # a title line keeps a character's room, so no viewer re-wraps it


def export_marks(report: Report, draft: str | None = None) -> Marks:
    """The marks of an export of ``report``: the errors the checks find in it, and the chosen draft mark.

    ``ExportError`` for a draft mark other than ``DRAFT_MARKS``.
    """
    if draft is not None and draft not in DRAFT_MARKS:
        raise ExportError(f"不支持的文稿标记“{draft}”，可选：{'、'.join(DRAFT_MARKS)}")
    errors = sum(1 for finding in run_checks(report) if finding.severity is Severity.ERROR)
    return Marks(errors, draft)


def signature_warnings(report: Report) -> list[str]:
    """What the export says when the 落款 is not complete (the place is left to be filled by hand)."""
    warnings = []
    if not report.agency.strip():
        warnings.append("未填写发文机关名称：落款处留空，请在打印件上署名")
    if not (report.date or "").strip():
        warnings.append("未填写成文日期：落款日期处留空为“年 月 日”，请在打印件上填写日期后盖章")
    return warnings


def em_width(text: str, point_size: float) -> float:
    """Width of ``text`` at ``point_size`` as the layout sets it: a Chinese character one em, a figure or
    Latin letter half an em (宋体, 仿宋 and Times New Roman figures are half an em or less)."""
    return sum(point_size if is_wide(ch) else point_size / 2 for ch in text)


def title_lines(agency: str, year_line: str) -> tuple[str, ...]:
    """The title's lines: the agency broken at its words into balanced lines of 二号, then the year's line."""
    agency = agency.strip()
    lines = balanced_lines(agency, TITLE_WIDTH_PT, lambda t: em_width(t, TITLE_PT) * 1.02,
                           agency_breaks(agency))
    return (*lines, year_line.strip())


@dataclass(frozen=True)
class SignatureBox:
    """Indents (points, from the text area's edges) of the 落款: the agency centred, the date right-aligned."""

    agency_left: float     # the agency is centred in [agency_left, text width]
    date_right: float      # the date ends this far from the right edge


def signature_box(date: str, em: float = CHAR_PITCH_PT, measure: Callable[[str, float], float] | None = None,
                  text_width: float = TEXT_WIDTH_PT) -> SignatureBox:
    """GB/T 9704 §7.3.5.1: the date 右空四字, the agency 以成文日期为准居中; a longer name wraps in that box."""
    date_width = measure(date, em) if measure else sum(em if is_wide(ch) else BODY_PT / 2 for ch in date)
    right = SIGNATURE_RIGHT_CHARS * em
    half = right + date_width / 2
    return SignatureBox(agency_left=max(0.0, text_width - 2 * half), date_right=right)


def signature_block(report: Report) -> Signature:
    """The 落款: the agency broken at its words to fit centred over the date (GB/T 9704 7.3.5.1)."""
    dated = bool((report.date or "").strip())
    date = chinese_date(report.date or "") if dated else UNDATED
    box = signature_box(date)
    width = TEXT_WIDTH_PT - box.agency_left
    agency = xml_safe(report.agency).strip()
    lines = balanced_lines(agency, width, lambda t: em_width(t, CHAR_PITCH_PT) * 1.02, agency_breaks(agency))
    return Signature(tuple(lines), date, dated)


def document_blocks(report: Report, draft: str | None = None, *, marks: Marks | None = None) -> Iterator[Block]:
    """The report's content in reading order, every text already ``xml_safe``; ``draft``: the chosen
    草稿/征求意见稿 mark (``marks``: the marks when the caller has made them)."""
    marks = marks if marks is not None else export_marks(report, draft)
    if marks.lines:
        yield marks
    agency, year_line = report.title_lines
    yield Title(title_lines(xml_safe(agency), xml_safe(year_line)))
    yield from _paragraphs(report.preamble, None)
    tables = {t.section: t for t in report.form.tables}
    for section in report.form.sections:
        yield Heading(1, section.title, section.id)
        if section.id in tables:
            yield table_block(report, tables[section.id])
            continue
        # numbered as in Report.section_text, which the checks read
        for heading, sub in report.numbered_subsections(section.id):
            if heading:
                yield Heading(2, xml_safe(heading), section.id)
            yield from _paragraphs(sub.text, section.id)
    yield signature_block(report)


def table_block(report: Report, table: TableDef) -> Table:
    values = report.values
    totals = report.totals() if table.computed else {}
    texts = {}
    for cell in table.cells:
        if cell.ref is None:
            text = cell.text
        elif cell.ref in totals:
            text = format_value(totals[cell.ref])
        else:
            text = format_value(values.get(cell.ref))
        texts[(cell.row, cell.col)] = text
    return Table(table, texts)


def _paragraphs(text: str, section: str | None) -> Iterator[Paragraph]:
    """One paragraph per non-empty line; the layout's first-line indent replaces typed indents."""
    for line in xml_safe(text).splitlines():
        line = line.strip(" \t\u3000")
        if line:
            yield Paragraph(line, section)


def chinese_date(iso: str) -> str:
    """"2026-01-20" → "2026年1月20日" (GB/T 9704 writes 成文日期 in Arabic digits); other text as is."""
    try:
        day = datetime.date.fromisoformat(iso.strip())
    except ValueError:
        return xml_safe(iso).strip()
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------- text XML accepts

# XML 1.0 allows tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    """``text`` without the characters XML 1.0 forbids (control characters, lone surrogates).

    A vertical tab or form feed (Word's manual line and page breaks, which
    arrive when a clerk pastes from Word) becomes a line break, so paragraphs
    stay apart; CR LF and lone CR become LF.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    return _XML_FORBIDDEN.sub("", text)
