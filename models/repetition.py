"""Where the text repeats last year's report: the sentences, not only the share DUP reports per section.

Sentences are compared as DUP compares sections: NFKC, without whitespace, by
runs of ``SHINGLE`` characters.  A sentence counts as repeated when at least
half of its runs stand in last year's text of the same section, numbers aside:
a sentence copied with this year's figures put in ("培训 3 次" → "培训 4 次")
is the copy this is meant to show.  Spans are offsets in the sub-section's own
text, so that an editor can shade them.
"""
from __future__ import annotations

import re

from .checks.text import SHINGLE, compact
from .report import Report

REPEATED_SHARE = 0.5
SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_NUMBER = re.compile(r"\d[\d.,]*")


def _plain(text: str) -> str:
    """``compact`` with every number as one "#"."""
    return _NUMBER.sub("#", compact(text))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its closing mark included, surrounding whitespace left out."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        spans.append((start, m.end() if m.group() != "\n" else m.start()))
        start = m.end()
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def repeated_spans(text: str, previous: str) -> list[tuple[int, int]]:
    """Sentences of ``text`` at least half of whose 8-character runs stand in ``previous``."""
    seen_text = _plain(previous)
    if len(seen_text) < SHINGLE:
        return []
    seen = {seen_text[i:i + SHINGLE] for i in range(len(seen_text) - SHINGLE + 1)}
    found = []
    for start, end in sentences(text):
        body = _plain(text[start:end])
        runs = len(body) - SHINGLE + 1
        if runs <= 0:
            continue
        hits = sum(body[i:i + SHINGLE] in seen for i in range(runs))
        if hits / runs >= REPEATED_SHARE:
            found.append((start, end))
    return found


def repeated_sentences(report: Report) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """For each sub-section of 一、五、六 (section id, index), the spans of sentences repeated from last year.

    Empty without last year's report; sub-sections with nothing repeated are left out.
    """
    prior = report.prior
    if prior is None:
        return {}
    result = {}
    for section in report.form.narrative_sections:
        previous = prior.section_text(section.id)
        for index, sub in enumerate(report.sections.get(section.id, [])):
            spans = repeated_spans(sub.text, previous)
            if spans:
                result[(section.id, index)] = spans
    return result
