"""Kangxi radicals and CJK strokes that stand for a unified ideograph (⼈ for 人, ⾏ for 行).

PDF writers that name a glyph by the lowest code point drawn with it (Qt, some
others) call 人 ⼈: our PDF writer repairs its own files with this table and
the PDF reader reads others' with it.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

EQUIVALENTS_FILE = Path(__file__).resolve().parent.parent / "resources" / "unicode" / "equivalent_ideographs.txt"


@lru_cache(maxsize=1)
def equivalent_ideographs() -> Mapping[str, str]:
    """Radical or stroke → the unified ideograph drawn the same (Unicode's Equivalent_Unified_Ideograph)."""
    table = {}
    for line in EQUIVALENTS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, target = line.split("\t")
            table[chr(int(source, 16))] = chr(int(target, 16))
    return table


def unified_text(text: str) -> str:
    """``text`` with every radical or stroke that has an equivalent ideograph replaced by it."""
    table = equivalent_ideographs()
    return "".join(table.get(ch, ch) for ch in text)
