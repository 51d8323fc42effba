"""Who a report is from: the agency's name as printed, its level, and the same agency across years.

Published reports name an agency with more or less of its place and in short
or full form: "洪泽区人民政府" one year, "淮安市洪泽区人民政府" the next;
"市科委" for "上海市科学技术委员会".  Two names are the same agency when they
are equal once normalised and their short forms written out, or when one is
the other with higher places in front ("淮安市" + "洪泽区人民政府"), or names
its place by its tier only ("市科委" in a report of 上海市's commission); a
short name that would fit two different long ones ("A市洪泽区…", "B市洪泽区…")
is left alone rather than guessed.  The words are data (``models.agency_words``).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..agency_words import (GENERAL_OFFICE_WORDS, GOVERNMENT_WORDS, MUNICIPALITIES, NOT_IN_PLACE_NAMES,
                             PLACE_TIERS, SHORT_FORMS)

_FULL_WIDTH_ALNUM = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B)
                     if chr(code - 0xFEE0).isalnum()}
_BLANK = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
TIERS = {tier: name for tier, name, _ in PLACE_TIERS}


def printed_agency(text: str) -> str:
    """An agency's name as printed: spaces gone, full-width letters and digits as ASCII, nothing else changed."""
    return _BLANK.sub("", text or "").translate(_FULL_WIDTH_ALNUM)


def normalize_agency(name: str) -> str:
    """NFKC, no spaces, ASCII brackets: the form in which two spellings of one name compare equal."""
    text = unicodedata.normalize("NFKC", name or "")
    return _BLANK.sub("", text).strip("，,。.：:")


@lru_cache(maxsize=1)
def _place_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    name = f"[^\\s{re.escape(NOT_IN_PLACE_NAMES)}]"
    patterns = []
    for tier, _, words in PLACE_TIERS:
        ending = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        shortest = 1 if tier == "county" else 2
        patterns.append((tier, re.compile(f"{name}{{{shortest},8}}?(?:{ending})")))
    return tuple(patterns)


def place_chain(name: str) -> tuple[list[tuple[str, str]], str]:
    """The leading places of a normalised name, each (tier, text), and the rest ("人民政府", "教育局")."""
    chain: list[tuple[str, str]] = []
    rest = name
    while rest:
        # the shortest place wins: "清河区" in "清河区市场监督管理局", not "清河区市"
        matches = [(m.end(), order, tier) for order, (tier, pattern) in enumerate(_place_patterns())
                   if (m := pattern.match(rest))]
        if not matches:
            break
        end, _, tier = min(matches)
        chain.append((tier, rest[:end]))
        rest = rest[end:]
    return chain, rest


def is_government(rest: str) -> bool:
    """Whether what follows the places names a government (or its general office), not a department."""
    return rest == "" or rest in GOVERNMENT_WORDS or rest.startswith(GENERAL_OFFICE_WORDS)


def level_of(agency: str) -> str:
    """"区县级政府", "市级部门", "乡镇", …; "" when the name does not tell."""
    name = normalize_agency(agency)
    if not name:
        return ""
    chain, rest = place_chain(name)
    if not chain:
        return "部门" if rest else ""
    tier = chain[-1][0]
    if tier == "city" and chain[-1][1] in MUNICIPALITIES and len(chain) == 1:
        tier = "province"
    if tier == "township":
        return TIERS[tier]
    return TIERS[tier] + ("政府" if is_government(rest) else "部门")


# ---------------------------------------------------------------- one agency across years

GOVERNMENT = "人民政府"
_TIER_WORDS = sorted({word for _, _, words in PLACE_TIERS for word in words}, key=len, reverse=True)


@dataclass(frozen=True)
class AgencyName:
    """A name taken apart: its places, the tier word standing for a place not named ("市科委"), and the
    office, its short form written out."""

    name: str                        # normalised
    places: tuple[str, ...]
    bare_tier: str                   # "市" in "市科委"; "" when the places are named or absent
    office: str                      # "科学技术委员会"
    short: str = ""                  # the office as printed, when it was a short form

    @property
    def last_tier_word(self) -> str:
        last = self.places[-1] if self.places else ""
        return next((w for w in _TIER_WORDS if last.endswith(w)), "")


def agency_name(name: str) -> AgencyName:
    normal = normalize_agency(name)
    chain, rest = place_chain(normal)
    bare = ""
    if not chain:
        bare = next((w for w in _TIER_WORDS if rest.startswith(w) and len(rest) > len(w)), "")
        rest = rest[len(bare):]
    office = SHORT_FORMS.get(rest, rest)
    if (chain or bare) and (office == "" or office in GOVERNMENT_WORDS):
        office = GOVERNMENT   # "洪泽区", "洪泽区政府", "平潭综合实验区管委会": the place's government
    return AgencyName(normal, tuple(place for _, place in chain), bare, office,
                      rest if SHORT_FORMS.get(rest, rest) != rest else "")


def _more_places(short: AgencyName, long: AgencyName) -> bool:
    """Whether ``long`` is ``short`` with higher places in front, or ``short`` names its place by tier only."""
    if short.office != long.office or (len(short.places) >= len(long.places) and not short.bare_tier):
        return False
    if short.bare_tier:
        return bool(long.places) and long.last_tier_word == short.bare_tier
    return bool(short.places) and long.places[-len(short.places):] == short.places


def same_agency(a: str, b: str) -> str | None:
    """Why two names are one agency, in Chinese ("名称相同", "“市科委”即“市科学技术委员会”"…); ``None`` when
    the names alone do not say so."""
    x, y = agency_name(a), agency_name(b)
    if not x.name or not y.name:
        return None
    if x.name == y.name:
        return "机关名称相同"
    grounds = []
    for n in (x, y):
        if n.short:
            grounds.append(f"“{n.short}”是“{n.office}”的简称")
    if x.places == y.places and x.bare_tier == y.bare_tier and x.office == y.office:
        return "，".join(grounds) or f"“{x.name}”与“{y.name}”都指{''.join(x.places) or x.bare_tier}的政府"
    short, long = (x, y) if len(x.places) <= len(y.places) else (y, x)
    if not _more_places(short, long):
        return None
    if short.bare_tier:
        grounds.append(f"“{short.bare_tier}”指“{long.places[-1]}”")
    else:
        higher = "".join(long.places[:len(long.places) - len(short.places)])
        grounds.append(f"“{long.name}”只多上级地名“{higher}”")
    return "，".join(grounds)


def agency_groups(names: list[str]) -> list[int]:
    """For each name, a group number: names of one agency share it (numbered in order of first appearance);
    -1 for an empty name."""
    parsed = {n: agency_name(n) for n in {normalize_agency(n) for n in names} if n}
    key = {n: (p.places, p.bare_tier, p.office) for n, p in parsed.items()}
    parent = {k: k for k in key.values()}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_office: dict[str, list[AgencyName]] = defaultdict(list)
    for p in parsed.values():
        by_office[p.office].append(p)
    for same_office in by_office.values():
        distinct = {key[p.name]: p for p in same_office}.values()
        for short in distinct:
            if not short.places and not short.bare_tier:
                continue   # "教育局" alone says nothing of where
            longer = [p for p in distinct if p is not short and _more_places(short, p)]
            # all the longer names must be one agency (each the other with more places in front)
            if longer and all(a is b or _more_places(a, b) or _more_places(b, a) for a in longer for b in longer):
                for p in longer:
                    parent[root(key[p.name])] = root(key[short.name])
    numbers: dict[object, int] = {}
    result = []
    for n in names:
        normal = normalize_agency(n)
        if not normal:
            result.append(-1)
            continue
        result.append(numbers.setdefault(root(key[normal]), len(numbers)))
    return result
