"""What a signer sees on the printed pages, read back from a PDF with ``pdftotext -bbox``."""
from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
LEFT_MARGIN, RIGHT_MARGIN = 28 * MM, (210 - 26) * MM
PAGE_NUMBER = re.compile(r"^—?\d+—?$")


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Line:
    page: int
    y: float
    x0: float
    x1: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)


def words(pdf: Path) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    result = []
    for page, body in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", out, re.S)):
        for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body):
            result.append(Word(page, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return result


def lines(all_words: list[Word]) -> list[Line]:
    """Words on one baseline (same page, bottoms within 2 pt), left to right, in reading order."""
    rows: dict[tuple[int, int], list[Word]] = {}
    for word in all_words:
        rows.setdefault((word.page, round(word.y1 / 2)), []).append(word)
    result = []
    for (page, _), row in sorted(rows.items()):
        row.sort(key=lambda w: w.x0)
        result.append(Line(page, row[0].y1, row[0].x0, row[-1].x1, tuple(row)))
    return result


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def reading_text(all_lines: list[Line]) -> str:
    """Every line's text without spaces, page numbers left out."""
    return "".join(line.text for line in all_lines if not PAGE_NUMBER.match(line.text.replace(" ", "")))


def split_numbers(all_words: list[Word], numbers: set[str]) -> list[str]:
    """The numbers (of at least two characters) that do not appear whole as one word."""
    seen = {w.text for w in all_words}
    return sorted(n for n in numbers if len(n) > 1 and n not in seen)


def body_line_lengths(all_lines: list[Line], body_size: float = 16.0) -> list[int]:
    """Characters on each full line of body text in Chinese only (no digits or Latin letters).

    A full line starts at the left margin and ends at the right one; a closing punctuation mark may
    hang past it (Word's and LibreOffice's 标点悬挂), and is then not counted.
    """
    counts = []
    for line in all_lines:
        text = line.text
        if not text or not all(ord(ch) > 0x2E7F for ch in text):
            continue
        if any(abs((w.y1 - w.y0) - body_size * 1.3) > body_size * 0.4 for w in line.words):
            continue
        if abs(line.x0 - LEFT_MARGIN) > 3 or line.x1 < RIGHT_MARGIN - 4:
            continue
        hanging = line.x1 > RIGHT_MARGIN + 4 and text[-1] in "，。、；：！？”’）》」』"
        counts.append(len(text) - hanging)
    return counts


def signature_pages(all_lines: list[Line], agency: str, date: str) -> tuple[set[int], set[int]]:
    """Pages holding the agency's lines (matched by their text) and the date line."""
    agency_pages, date_pages = set(), set()
    tail = "".join(agency.split())
    for line in reversed(all_lines):
        text = line.text
        if text == date:
            date_pages.add(line.page)
            continue
        if date_pages and text and tail.endswith(text):
            agency_pages.add(line.page)
            tail = tail[:-len(text)]
            if not tail:
                break
    return agency_pages, date_pages


def text_lines_on(all_lines: list[Line], page: int, exclude: str) -> list[Line]:
    """The lines of ``page`` other than its page number and the lines of ``exclude`` (the 落款)."""
    return [line for line in all_lines if line.page == page and not PAGE_NUMBER.match(line.text)
            and line.text not in exclude]
