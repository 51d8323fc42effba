"""Where a line of Chinese text may break, and where it breaks best: one rule for every writer.

Facts of the text, not of a format: the DOCX, XLSX and PDF writers (and any
later one) break titles, the 落款, table labels and the lines of a
spreadsheet's text the same way, so the three files read alike.

- 禁则 (GB/T 15834 practice, as Word's and LibreOffice's East-Asian line
  breaking): a line never starts with closing punctuation (，。、；：？！）》”…)
  nor ends with opening punctuation (（《“), a "——" or "……" is never cut, nor is
  a run of digits and Latin letters (a number, 0517-83605210) unless it is
  longer than a whole line.
- An agency's name breaks at its words (GB/T 9704 7.3.3: 回行时要做到词意完整):
  around a parenthesised second name, after a place (省 市 县 区 …) or an
  organ (局 委员会 办公室 …), and only where no such word fits, between two
  characters.
- ``balanced_lines`` gives the fewest lines, then lines of like length (排列对称),
  preferring the best breaks; ``fill_lines`` fills each line as far as it
  goes (running text).

A segmentation library (jieba, evaluated) was not taken: its words are finer
than an agency's units ("发展/和/改革/局", "清河/市"), it adds 40 MB and a
second of start-up, and its last release is from 2020; the closed vocabulary
of places and organs is better served by the rules below.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

Measure = Callable[[str], float]   # the width of a piece of text, in the caller's unit
T = TypeVar("T")

# never at the start of a line (closing brackets and quotes, pause and stop marks, 中文 and ASCII)
CLOSING = set("）)]｝}】〕〗〙》〉」』”’，。、；：？！,.;:?!…‥·・～%％‰℃°′″〃々ー")
# never at the end of a line
OPENING = set("（([｛{【〔〖〘《〈「『“‘")
PAIRED = set("—…─")   # "——" and "……" are one mark in two characters
_WORD_JOINERS = set("-/.:_%@#&+=·")   # inside a number or an address: 0517-83605210, 12.5%, www.gov.cn

# the best breaks of an agency's name, by what ends the unit before them (longest first)
PLACE_ENDS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "开发区", "高新区", "示范区",
              "试验区", "保税区", "地区", "街道", "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡")
ORGAN_ENDS = ("常务委员会", "人民代表大会", "人民政府", "政府", "办公厅", "办公室", "委员会", "管理局", "服务局",
              "中心", "联合会", "协会", "局", "厅", "署", "院", "所", "站", "处", "科室", "科", "室", "队", "办",
              "部", "委", "馆", "社")
# a place or organ character followed by one of these is the start of a word, not its end
# (市场 市委 区委 区域 委员 办公 办事 部门 科技 …)
_NOT_AFTER = {
    "市": "场委政级辖直属民容", "区": "委政域划级属", "县": "委政级属", "省": "委政级属直", "州": "委政",
    "镇": "委政", "乡": "镇委政", "局": "长", "委": "员会", "办": "公事", "部": "门长", "科": "技学室",
    "室": "内", "院": "长", "所": "属有", "处": "理置长", "站": "长", "队": "长", "厅": "长", "署": "长",
    "社": "会区", "馆": "长",
}
# how much a break costs, by its kind: the balancing prefers cheap breaks over even lines
PENALTY_PARENTHESIS = 0.0   # before "（" or after "）" of a second name
PENALTY_LIST = 0.05         # after "、" or "，"
PENALTY_UNIT = 0.1          # after a place or an organ
PENALTY_CHARACTER = 2.0     # between two characters of a word
PENALTY_FORCED = 50.0       # inside a number or a mark that is longer than the line


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _word_character(ch: str) -> bool:
    """Part of a run that stays whole: digits, Latin letters and what joins them."""
    return (ch.isascii() and ch.isalnum()) or ch in "０１２３４５６７８９" or ch in _WORD_JOINERS


def allowed_breaks(text: str) -> dict[int, float]:
    """Every position ``i`` (a line may end before ``text[i]``) the 禁则 allow, with its cost (0 < i < len)."""
    breaks: dict[int, float] = {}
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in CLOSING or before in OPENING:
            continue
        if before in PAIRED and after == before:
            continue
        if after.isspace() and not before.isspace():
            continue   # a space goes with the line it ends
        if _word_character(before) and _word_character(after):
            # a number or an address breaks after its joiners only when it must
            if before in "-/" and not after.isspace():
                breaks[i] = PENALTY_FORCED / 2
            else:
                breaks[i] = PENALTY_FORCED
            continue
        breaks[i] = PENALTY_CHARACTER
    return breaks


def text_breaks(text: str) -> dict[int, float]:
    """Breaks of running text and labels: any the 禁则 allow, after punctuation the cheapest."""
    breaks = allowed_breaks(text)
    for i in breaks:
        before = text[i - 1]
        if before in "，、；：。！？）” " or text[i] in "（“":
            breaks[i] = min(breaks[i], PENALTY_LIST)
    return breaks


def agency_breaks(name: str) -> dict[int, float]:
    """Breaks of an agency's name: its units cheap, any other the 禁则 allow dear."""
    breaks = allowed_breaks(name)
    depth = 0
    unit_start = 0
    for i, ch in enumerate(name):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if i + 1 not in breaks:
            continue
        after = name[i + 1]
        if after in "（(" or ch in "）)":
            breaks[i + 1] = PENALTY_PARENTHESIS
            unit_start = i + 1
        elif ch in "、，,":
            breaks[i + 1] = PENALTY_LIST
            unit_start = i + 1
        elif _ends_unit(name, i + 1, unit_start):
            breaks[i + 1] = PENALTY_UNIT
            unit_start = i + 1
    return breaks


def _ends_unit(name: str, end: int, unit_start: int) -> bool:
    """Whether ``name[:end]`` ends with a place or an organ of at least two characters since the last unit."""
    head = name[unit_start:end].lstrip("（(")
    for word in PLACE_ENDS + ORGAN_ENDS:
        if head.endswith(word) and len(head) >= max(2, len(word)):
            if len(word) == 1 and name[end] in _NOT_AFTER.get(word, ""):
                return False
            if len(word) == 1 and len(head) < 2:
                return False
            return True
    return False


def balanced_lines(text: str, width: float, measure: Measure,
                   breaks: dict[int, float] | None = None, *, keep_words: bool = True) -> list[str]:
    """``text`` in the fewest lines no wider than ``width``, then of the most even length and best breaks.

    ``breaks``: position → cost (``text_breaks`` when not given; ``agency_breaks``
    for a name).  A piece no break can bring under ``width`` stays whole on its
    line.  ``keep_words``: a line more rather than a break inside a word (titles and names); a table's
    label, whose lines make its row taller, takes the fewest lines first.  Spaces at the ends of lines are
    dropped.
    """
    text = text.strip()
    if not text:
        return []
    if measure(text) <= width:
        return [text]
    breaks = text_breaks(text) if breaks is None else breaks
    positions = [0] + sorted(p for p in breaks if 0 < p < len(text)) + [len(text)]
    n = len(positions)
    cost_of = {p: breaks.get(p, 0.0) for p in positions}
    # best[k] = (poor breaks, lines, cost, previous) for the text up to positions[k]: a break inside a word
    # costs more than a line more (词意完整 before 长短适宜), an even line length decides among the rest
    best: list[tuple[float, int, float, int] | None] = [None] * n
    best[0] = (0.0, 0, 0.0, -1)
    for k in range(1, n):
        end = positions[k]
        candidates = []
        for j in range(k - 1, -1, -1):
            previous = best[j]
            if previous is None:
                continue
            line = text[positions[j]:end].strip()
            w = measure(line)
            if w > width and j != k - 1:
                break   # longer still the further back it starts (and one piece always fits alone)
            penalty = cost_of[end] if end != len(text) else 0.0
            poor = previous[0] + (penalty if keep_words and penalty >= PENALTY_CHARACTER else 0.0) + (w > width) * 1000
            slack = max(0.0, width - w) / width
            candidates.append((poor, previous[1] + 1, previous[2] + slack * slack + penalty, j))
        if candidates:
            best[k] = min(candidates)
    lines = []
    k = n - 1
    while k > 0:
        entry = best[k]
        assert entry is not None
        j = entry[3]
        lines.append(text[positions[j]:positions[k]].strip())
        k = j
    return [line for line in reversed(lines) if line]


def fill_lines(text: str, width: float, measure: Measure, first_indent: float = 0.0) -> list[str]:
    """Running text in lines filled as far as ``width`` allows, each ending at a break the 禁则 allow.

    The first line is ``first_indent`` narrower.  A piece longer than a line (a
    long address) is cut where it must.  ``"".join(lines) == text``.
    """
    breaks = allowed_breaks(text)
    lines: list[str] = []
    start = 0
    available = width - first_indent
    while start < len(text):
        end = start
        used = 0.0
        while end < len(text) and used + measure(text[end]) <= available + 1e-6:
            used += measure(text[end])
            end += 1
        if end >= len(text):
            lines.append(text[start:])
            break
        cut = None
        for worst in (PENALTY_CHARACTER, PENALTY_FORCED / 2, PENALTY_FORCED):   # a word's break, a joiner's, any
            cut = next((p for p in range(end, start, -1) if breaks.get(p, PENALTY_FORCED + 1) <= worst), None)
            if cut is not None:
                break
        if cut is None or cut <= start:
            cut = max(end, start + 1)
        # a space at the end stays on its line (invisible there), so the lines joined give the text back
        lines.append(text[start:cut])
        start = cut
        available = width
    return lines


def room_to_keep(items: Sequence[T], i: int, *, keeps: Callable[[T], bool], height: Callable[[T], float],
                 start: Callable[[T], float], page: float) -> float:
    """The room item ``i`` asks of its page: its ``start``, or — a heading (or the 落款) kept with what follows
    it — the whole run of kept items and the ``start`` of the one after, at most a page.  As the DOCX's "keep with
    next": the PDF and the XLSX break pages alike."""
    if not keeps(items[i]):
        return start(items[i])
    needed, j = 0.0, i
    while j < len(items) and keeps(items[j]):
        needed += height(items[j])
        j += 1
    if j < len(items):
        needed += start(items[j])
    return min(needed, page)
