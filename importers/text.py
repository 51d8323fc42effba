"""Plain text of a published report: copied from a document (tab-separated tables) or ``pdftotext -layout``.

In the layout form a paragraph is wrapped over several lines: a new paragraph
is recognised by its first-line indent (or the end of a sentence on a short
line); page numbers ("-1-", "— 2 —") are dropped.  In copied text every line
is a paragraph.  The lines between the titles of sections 二, 三, 四 and the
next title are that section's table.
"""
from __future__ import annotations

import codecs
import re
import statistics

from models.draft import MAX_TEXT_CHARS

from . import grids, layout
from .labels import tidy
from .outline import SECTIONS, SUBHEAD, Outline, section_title
from .record import SourceError
from .tables import TableSource

PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－~]+\s*\d{1,3}\s*[-—–－~]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
                         r"|\d{1,3}\s*/\s*\d{1,3})\s*$")


def decode(data: bytes) -> str:
    """The text of a file in UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030 (GBK, GB2312)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise SourceError(f"文件开头标明是 {encoding.upper()} 编码，但内容不是有效的该编码文字，文件可能已损坏") from None
    if b"\x00" in data[:4096]:
        raise SourceError("文件不是文本文件（含有二进制数据），也不是可识别的 Word/Excel/网页文件")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError("无法识别文件的文字编码（不是 UTF-8，也不是 GBK/GB18030），请另存为 UTF-8 文本后再导入")


MIN_FULL_WIDTH = 48   # 24 Chinese characters: even large type on A4 fills this much of a line
MAX_LINES = 50_000    # a report is a few hundred lines (a 60-page PDF's layout text some 4,000)
_WIDE = re.compile(r"[\u2e80-\U0010ffff]")


def indentation(line: str) -> int:
    """Leading blank width: a full-width space counts as two."""
    stripped = line.lstrip(" \t\u3000")
    lead = line[:len(line) - len(stripped)]
    return sum(2 if ch == "\u3000" else 4 if ch == "\t" else 1 for ch in lead)


def read(text: str) -> tuple[Outline, str]:
    """The outline of a report's plain text, and how the text was laid out ("layout" or "copied")."""
    lines = [trimmed(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if len(lines) > MAX_LINES:
        raise SourceError(f"文本有 {len(lines):,} 行，远超一份年度报告（通常几百行），不像是年度报告，已拒绝读取")
    longest = max(len(line) for line in lines)
    if longest > MAX_TEXT_CHARS:
        raise SourceError(f"文本中有一行长达 {longest:,} 字（上限 {MAX_TEXT_CHARS:,} 字），不像是年度报告，已拒绝读取")
    page_numbers = sum(bool(PAGE_NUMBER.match(line)) for line in lines)
    lines = [line for line in lines if not PAGE_NUMBER.match(line)]
    prose = [line for line in lines if line.strip() and "\t" not in line]
    indented = sum(indentation(line) >= 2 for line in prose)
    laid_out = page_numbers > 0 or indented >= 0.2 * max(1, len(prose))

    # the sections, by their titles in the form's order
    starts: list[tuple[int, int, str]] = []   # (line, section index, text after the title)
    for n, line in enumerate(lines):
        if line.strip():
            found = section_title(tidy(line), starts[-1][1] + 1 if starts else 0)
            if found is not None:
                starts.append((n, *found))
    outline = Outline()
    front_end = starts[0][0] if starts else len(lines)
    narrative = [line for n, line in enumerate(lines) if n < front_end or _in_narrative(n, starts)]
    full = text_width(narrative)
    for paragraph in paragraphs(lines[:front_end], laid_out, full):
        outline.front.append(paragraph)
    for k, (n, index, rest) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        section = SECTIONS[index]
        outline.titles[section.id] = lines[n].strip()
        region = ([rest] if rest else []) + lines[n + 1:end]
        if section.kind == "narrative":
            outline.bodies[section.id] = paragraphs(region, laid_out, full)
        else:
            outline.bodies[section.id] = []
            outline.sources.append(table_source(region, section.id, n + 2))
    return outline, "layout" if laid_out else "copied"


def trimmed(line: str) -> str:
    """A line without its trailing blanks; a copied table row keeps its trailing tabs: they are its empty
    last cells (a blank 总计), and only with them do all its rows carry the full number of fields."""
    line = line.replace("\f", "")
    stripped = line.rstrip()
    if "\t" not in stripped:
        return stripped
    end = len(line)  # a loop, not a regex: linear however long the run of spaces
    while end and line[end - 1].isspace() and line[end - 1] != "\t":
        end -= 1
    return line[:end]


def _in_narrative(line: int, starts: list[tuple[int, int, str]]) -> bool:
    section = next((index for n, index, _ in reversed(starts) if n <= line), None)
    return section is not None and SECTIONS[section].kind == "narrative"


def table_source(lines: list[str], table: str, first_line: int) -> TableSource:
    if any("\t" in line for line in lines):
        rows = [line.split("\t") for line in lines if line.strip()]
        return grids.source(grids.plain(rows), table, structured=False)
    return layout.source(lines, table, first_line)


def paragraphs(lines: list[str], laid_out: bool, full: int = 0) -> list[str]:
    """The paragraphs of a stretch of text; in the layout form, wrapped lines joined again.

    ``full`` is the width of a full line of the document (``text_width``)."""
    lines = [line for line in lines if line.strip()]
    if not laid_out:
        return [p for p in (tidy(line) for line in lines) if p]
    base = statistics.mode(indentation(line) for line in lines) if lines else 0
    full = full or text_width(lines)
    result: list[list[str]] = []
    previous = ""
    for line in lines:
        text = line.strip(" \t\u3000")
        # a wrapped line fills the text width; a short one (a heading, a title, a paragraph's last line) ends one
        starts = (not result or indentation(line) >= base + 2 or SUBHEAD.match(text)
                  or display_width(previous) < 0.8 * full)
        if starts:
            result.append([text])
        else:
            result[-1].append(text)
        previous = text
    return [p for p in (tidy(join_wrapped(parts)) for parts in result) if p]


def text_width(lines: list[str]) -> int:
    """The width of a full line of running text: most wrapped lines have it.  A page of 公文 holds 28
    characters a line (GB/T 9704); a short document may have no full line at all, hence the floor."""
    widths = sorted(display_width(line) for line in lines if line.strip())
    return max(MIN_FULL_WIDTH, widths[int(len(widths) * 0.9)] if widths else 0)


def display_width(line: str) -> int:
    """Width in half-width columns: a Chinese character or full-width sign takes two."""
    line = line.strip()
    return len(line) + len(_WIDE.findall(line))


def join_wrapped(parts: list[str]) -> str:
    """Lines of one paragraph joined: Chinese text runs on; a number or Latin word keeps the space that
    such text has within the lines ("2024 年", "351 件")."""
    text = parts[0]
    for part in parts[1:]:
        if text and part and _spaced(text[-1], part[0]):
            text += " " + part
        else:
            text += part
    return text


def _spaced(left: str, right: str) -> bool:
    latin = lambda ch: ch.isascii() and ch.isalnum()  # noqa: E731
    ideograph = lambda ch: "\u3400" <= ch <= "\u9fff"  # noqa: E731
    return (latin(left) and (latin(right) or ideograph(right))) or (ideograph(left) and latin(right))
