"""Comparing printed labels with the form's, tolerantly, and telling numbers from labels.

Published reports print the form's labels with small differences: half-width
brackets, "1、" for "1.", spaces and line breaks from PDF extraction, the
occasional typo ("其他法律行政止公开").  ``key`` keeps only what identifies a
label (Chinese characters, letters, digits); ``coverage`` says how much of a
label a piece of text contains; ``printed_as`` finds how the label was printed,
for the import record.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from models.numbers import BLANK_MARKS

_NOT_KEY = re.compile(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]+")
_SPACE = re.compile(r"[\s\u3000]+")
_BLANKS = re.compile(r"[^\S\n]+")   # any run of spaces (no-break, em, ideographic …) but line breaks
_NUMBERING_COMMA = re.compile(r"(?<![0-9])([0-9]{1,2})、")
# a number cell: digits with optional thousands separators and decimals; a sign only so that it is recognised
# (and refused with a reason) rather than taken for a label
NUMBER = re.compile(r"[+\-−]?\d[\d,]*(?:\.\d+)?")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
_PUNCTUATION_GAP = re.compile(r" +(?=[，。：；、！？）」』”》])|(?<=[，。：；、！？（「『“《]) +")


def loose(text: str) -> str:
    """NFKC, whitespace removed, "1、" as "1.": the label as printed, minus layout artefacts."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    return _NUMBERING_COMMA.sub(r"\1.", text)


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """Only the characters that identify a label: Chinese characters, letters and digits."""
    return _NOT_KEY.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def coverage(label: str, text: str) -> float:
    """Share of the label's character pairs that occur in ``text`` (0…1), both compared by ``key``."""
    wanted = _bigrams(key(label))
    if not wanted:
        return 0.0
    return len(wanted & _bigrams(key(text))) / len(wanted)


def is_number_text(text: str) -> bool:
    """A cell or token that holds a number (or a blank mark such as "/" or "—")."""
    text = unicodedata.normalize("NFKC", text).strip().replace("\u3000", "")
    return bool(NUMBER.fullmatch(text)) or (text in BLANK_MARKS and text != "")


def is_blank(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip() == ""


def tidy(text: str) -> str:
    """Text of a paragraph without the spaces PDF extraction and justification put between Chinese characters."""
    text = _BLANKS.sub(" ", unicodedata.normalize("NFC", text))
    return _PUNCTUATION_GAP.sub("", _CJK_GAP.sub("", text)).strip()


def printed_as(label: str, text: str) -> str | None:
    """How ``label`` appears in ``text``: ``None`` when it appears exactly (ignoring layout artefacts and
    characters interleaved by the layout), else the closest stretch of ``text``, to be named in a note."""
    want, have = loose(label), loose(text)
    if not want or _tight_subsequence(want, have):
        return None
    matcher = difflib.SequenceMatcher(None, have, want, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return have[:len(want)] or "（空白）"
    return have[blocks[0].a:blocks[-1].a + blocks[-1].size]


def _tight_subsequence(want: str, have: str) -> bool:
    """Whether ``want`` occurs in ``have`` in order, with few foreign characters in between.

    PDF extraction interleaves a neighbouring column's label ("（六）其 … 他处理")
    into a row label broken across lines; that is layout, not a deviation.
    """
    if want in have:
        return True
    budget = max(6, len(want) // 2)
    for start in (i for i, ch in enumerate(have) if ch == want[0]):
        i, j = start, 0
        while i < len(have) and j < len(want):
            if have[i] == want[j]:
                j += 1
            i += 1
            if i - start - j > budget:
                break
        if j == len(want) and i - start - len(want) <= budget:
            return True
    return False


def numbering_with_comma(text: str) -> bool:
    """Whether sub-items are numbered "1、" rather than the form's "1."."""
    return bool(_NUMBERING_COMMA.search(unicodedata.normalize("NFKC", text)))
