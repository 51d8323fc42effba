"""Who a report is from: the agency's name normalised, its level, and the same agency across years.

Published reports name an agency with more or less of its place: "洪泽区人民政府"
one year, "淮安市洪泽区人民政府" the next.  Two names are the same agency when
they are equal once normalised, or when one is the other with higher places in
front ("淮安市" + "洪泽区人民政府") and the shorter one itself begins with a place;
a short name that would fit two different long ones ("A市洪泽区…", "B市洪泽区…")
is left alone rather than guessed.
"""
from __future__ import annotations

import re
import unicodedata

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

# a place name: a few characters that are not the words of an office, then the kind of place
_NAME = r"[^\s局委厅办室院会所队站部司处科股中心和与及、（）()·]"
_PLACES = {  # tier → one place of that tier at the start of the text
    "province": re.compile(rf"{_NAME}{{2,8}}?(?:省|自治区|特别行政区)"),
    "city": re.compile(rf"{_NAME}{{2,8}}?(?:市|自治州|地区|盟)"),
    "county": re.compile(rf"{_NAME}{{1,8}}?(?:自治县|自治旗|县|区|旗)"),
    "township": re.compile(rf"{_NAME}{{2,8}}?(?:街道办事处|街道|镇|乡)"),
}
TIERS = {"province": "省级", "city": "市级", "county": "区县级", "township": "乡镇"}
GOVERNMENT_HEADS = ("人民政府", "政府办公室", "政府办公厅", "政府", "办事处", "")


def normalize_agency(name: str) -> str:
    """NFKC, no spaces, ASCII brackets: the form in which two spellings of one name compare equal."""
    text = unicodedata.normalize("NFKC", name or "")
    return re.sub(r"\s+", "", text).strip("，,。.：:")


def place_chain(name: str) -> tuple[list[tuple[str, str]], str]:
    """The leading places of a normalised name, each (tier, text), and the rest ("人民政府", "教育局")."""
    chain: list[tuple[str, str]] = []
    rest = name
    while rest:
        # the shortest place wins: "清河区" in "清河区市场监督管理局", not "清河区市"
        matches = [(m.end(), order, tier) for order, (tier, pattern) in enumerate(_PLACES.items())
                   if (m := pattern.match(rest))]
        if not matches:
            break
        end, _, tier = min(matches)
        chain.append((tier, rest[:end]))
        rest = rest[end:]
    return chain, rest


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
        return "乡镇"
    kind = "政府" if rest in GOVERNMENT_HEADS or rest.startswith(("人民政府", "政府办")) else "部门"
    return TIERS[tier] + kind


def _starts_with_place(name: str) -> bool:
    chain, rest = place_chain(name)
    return bool(chain) and bool(rest)


def agency_groups(names: list[str]) -> list[int]:
    """For each name, a group number: names of one agency share it (numbered in order of first appearance)."""
    normal = [normalize_agency(n) for n in names]
    distinct = sorted({n for n in normal if n})
    parent = {n: n for n in distinct}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    # each name's proper endings that are names too, with only places in front: O(names × length)
    present = set(distinct)
    longer_of: dict[str, list[str]] = {}
    for name in distinct:
        for start in range(1, len(name)):
            short = name[start:]
            if short in present and place_chain(name[:start])[1] == "":
                longer_of.setdefault(short, []).append(name)
    for short, longer in sorted(longer_of.items()):
        if not _starts_with_place(short):
            continue
        # all the longer names must be one agency (each the other with more places in front)
        if all(a.endswith(b) or b.endswith(a) for a in longer for b in longer):
            for n in longer:
                parent[root(n)] = root(short)
    numbers: dict[str, int] = {}
    result = []
    for n in normal:
        if not n:
            result.append(-1)
            continue
        result.append(numbers.setdefault(root(n), len(numbers)))
    return result
