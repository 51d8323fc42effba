"""A published PDF (全真版), read from its characters' positions and its tables' ruled lines.

PDFium (``importers.pdf_content``) gives every character with its box and
every straight line drawn; no poppler or other program is needed, on Windows
as on Linux.  Tables with borders are rebuilt cell by cell
(``importers.ruled``) and read like a Word table, so a number centred
vertically beside a label wrapped over three lines still lands in its row; a
table broken over two pages is joined again.  The text around the tables is
put back into paragraphs by its indents and line lengths.  A table printed
without borders is read from the pages laid out as text, columns aligned by
spaces, by the plain-text reader.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from .outline import Outline, finish
from .pdf_content import Glyph, Page, read_pages
from .record import ImportResult, Record, SourceError
from .ruled import RuledTable, build_grid, find_tables, line_text, text_lines
from .text import PAGE_NUMBER, join_wrapped

TABLES = {"active": "表二", "requests": "表三", "appeals": "表四"}
HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])")


@dataclass
class Line:
    text: str
    left: float
    right: float
    top: float
    size: float


def read(path: Path) -> ImportResult:
    pages = read_pages(path)
    if not any(page.glyphs for page in pages):
        raise SourceError("PDF 中没有可提取的文字（可能是扫描的图片），无法读取")
    items = reading_order(pages)
    record = Record()
    record.info("按 PDF 中文字的位置和表格框线读取")
    unprinted = sum(page.unprinted for page in pages)
    if unprinted:
        record.warn(f"PDF 中有 {unprinted:,} 个文字位于页面之外或小到无法阅读（印出的报告中看不到），已略过")
    outline = Outline()
    lines: list[Line] = []
    full_right = _full_right(item for item in items if isinstance(item, Line))
    for item in items:
        if isinstance(item, Line):
            lines.append(item)
            continue
        for paragraph in paragraphs(lines, full_right):
            outline.paragraph(paragraph)
        lines = []
        outline.grid(build_grid(item))
    for paragraph in paragraphs(lines, full_right):
        outline.paragraph(paragraph)
    missing = set(TABLES) - {source.table for source in outline.sources if source.rows}
    if missing:
        # a table drawn without borders: its columns are known only by their alignment
        from . import text as plain
        laid_out, _ = plain.read(layout_text(pages))
        found = [source for source in laid_out.sources if source.table in missing and source.rows]
        outline.sources.extend(found)
        for table in sorted({source.table for source in found}, key=list(TABLES).index):
            record.info(f"{TABLES[table]}没有表格框线，按文字的对齐位置读取")
    return finish(outline, record, "pdf")


def reading_order(pages: list[Page]) -> list[Line | RuledTable]:
    """The printed lines outside tables and the tables, page by page, top to bottom; page numbers and the
    running heads and feet a browser prints dropped, a table that runs on at the top of the next page joined
    to its first part."""
    laid_out: list[list[tuple[float, Line | RuledTable]]] = []
    for page in pages:
        tables = find_tables(page.rules, page.glyphs)
        free = [g for g in page.glyphs if not any(t.holds(g) for t in tables)]
        page_items: list[tuple[float, Line | RuledTable]] = [(t.top, t) for t in tables]
        for glyphs in text_lines(free):
            line = _line(glyphs)
            if not PAGE_NUMBER.match(line.text):
                page_items.append((line.top, line))
        page_items.sort(key=lambda pair: pair[0])
        laid_out.append(page_items)
    furniture = running_lines([[item for _, item in page if isinstance(item, Line)] for page in laid_out])
    items: list[Line | RuledTable] = []
    for page_items in laid_out:
        first = True
        for _, item in page_items:
            if isinstance(item, Line) and _furniture_key(item) in furniture:
                continue
            previous = items[-1] if items else None
            if first and isinstance(item, RuledTable) and isinstance(previous, RuledTable) \
                    and previous.continued_by(item):
                items[-1] = previous.followed_by(item)
            else:
                items.append(item)
            first = False
    return items


def _furniture_key(line: Line) -> tuple[str, int]:
    """A line as it recurs from page to page: its text with the page's numbers and dates blurred, its height."""
    return re.sub(r"\d+", "#", line.text), round(line.top / 6)


def running_lines(pages: list[list[Line]]) -> set[tuple[str, int]]:
    """Running heads and feet (a browser prints the date, the page's title, its address and "2/5" on every
    page): lines that stand at the same height with the same text, numbers aside, on most pages."""
    if len(pages) < 2:
        return set()
    counts: dict[tuple[str, int], int] = {}
    for lines in pages:
        for key in {_furniture_key(line) for line in lines}:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= max(2, 0.6 * len(pages))}


def _line(glyphs: list[Glyph]) -> Line:
    return Line(line_text(glyphs).strip(), glyphs[0].left, glyphs[-1].right, min(g.top for g in glyphs),
                statistics.median(g.size for g in glyphs))


def _full_right(lines) -> float:
    """Where a full line of running text ends: most lines of a report's prose reach it (justified)."""
    rights = [round(line.right) for line in lines if len(line.text) >= 10]
    if not rights:
        return 0.0
    common = statistics.mode(rights)
    return float(common if rights.count(common) >= 3 else max(rights))


def paragraphs(lines: list[Line], full_right: float) -> list[str]:
    """Printed lines joined into paragraphs: a paragraph starts indented (or centred, as a title is), after a
    line that stops short of the right margin or is centred, with a numbered heading, or in another type size."""
    if not lines:
        return []
    margin = statistics.mode(round(line.left) for line in lines)
    result: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        starts = (previous is None or line.left > margin + 0.8 * line.size or HEADING.match(line.text)
                  or previous.right < full_right - 1.5 * previous.size or _centred(previous, margin, full_right)
                  or _flush_right(previous, margin, full_right) or abs(line.size - previous.size) > 0.15 * previous.size)
        if starts:
            result.append([line.text])
        else:
            result[-1].append(line.text)
        previous = line
    return [join_wrapped(parts) for parts in result]


def _flush_right(line: Line, margin: float, full_right: float) -> bool:
    """A short line set against the right margin (a line of the 落款): a paragraph of its own."""
    return line.left - margin > 4 * line.size and abs(full_right - line.right) < 1.5 * line.size


def _centred(line: Line, margin: float, full_right: float) -> bool:
    """A line set in the middle (a title): a paragraph of its own, however long."""
    indent, gap = line.left - margin, full_right - line.right
    return indent > line.size and gap > line.size and abs(indent - gap) < 0.3 * line.size


MAX_LAYOUT_COLUMNS = 2_000        # a line laid out as text; an A3 page in 5-pt type needs some 500
MAX_LAYOUT_CHARS = 4_000_000      # the whole file laid out as text


def layout_text(pages: list[Page]) -> str:
    """The pages as text with columns aligned by spaces (as ``pdftotext -layout`` gives): for tables drawn
    without borders, which only their alignment tells apart."""
    glyphs = [g for page in pages for g in page.glyphs]
    wide = [g.right - g.left for g in glyphs if ord(g.text[0]) > 0x2E7F]
    unit = (statistics.median(wide) if wide else statistics.median(g.size for g in glyphs)) / 2
    page_lines = [text_lines(page.glyphs) for page in pages]
    _check_layout(page_lines, unit)
    texts = []
    for lines_of_page in page_lines:
        lines = []
        for line in lines_of_page:
            parts: list[str] = []
            length = 0
            previous = None
            for glyph in line:
                if previous is None or glyph.left - previous.right > 0.3 * glyph.size:
                    column = round(glyph.left / unit)
                    pad = max(column - length, 1 if length else 0)
                    parts.append(" " * pad)
                    length += pad
                parts.append(glyph.text)
                length += len(glyph.text)
                previous = glyph
            lines.append("".join(parts))
        texts.append("\n".join(lines))
    return "\n\f".join(texts)


def _check_layout(page_lines: list[list[list[Glyph]]], unit: float) -> None:
    """Refuse, before a line is padded, a layout whose lines would be absurdly long: each character stands at
    the column of its position, so the columns are known from the positions alone."""
    total = 0
    for lines in page_lines:
        for line in lines:
            columns = round(max(g.left for g in line) / unit) + len(line)
            if columns > MAX_LAYOUT_COLUMNS:
                raise SourceError(f"PDF 中的文字位置异常（一行排开达 {columns:,} 个字宽），不像是一份年度报告，已拒绝读取")
            total += columns
    if total > MAX_LAYOUT_CHARS:
        raise SourceError(f"PDF 中的文字排开后异常之多（{total:,} 个字宽），不像是一份年度报告，已拒绝读取")
