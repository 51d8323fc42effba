"""Where in the text a figure typed by hand stands, for the text checks to say so.

TEXT-T3 and TEXT-T4 read the text compacted (NFKC, whitespace removed, sub-heads
joined); ``locate`` runs one of their patterns over each sub-section and gives
every match back in the sub-section's own offsets, so that a finding can point
at (and an editor shade) the very characters.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..report import Report


@dataclass(frozen=True)
class Quote:
    section_id: str
    index: int     # of the sub-section
    start: int     # the number, in the sub-section's text
    end: int
    number: int


def compacted(text: str) -> tuple[str, list[int]]:
    """The text as the checks read it, and for each of its characters the offset in ``text`` it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                origin.append(i)
    return "".join(chars), origin


def locate(report: Report, section_id: str, pattern: str) -> list[Quote]:
    """Every match of ``pattern`` (the number in its first group that matched) in the section's sub-sections."""
    found = []
    regex = re.compile(pattern)
    for index, sub in enumerate(report.sections.get(section_id, [])):
        text, origin = compacted(sub.text)
        for m in regex.finditer(text):
            group = next((g for g in range(1, (m.lastindex or 0) + 1) if m.group(g) is not None), None)
            if group is None:
                continue
            start, end = m.span(group)
            found.append(Quote(section_id, index, origin[start], origin[end - 1] + 1,
                               int(m.group(group).replace(",", ""))))
    return found
