"""Shading in a narrative editor: sentences repeated from last year, generated figures, out-of-date figures.

The spans come from the models (``models.repetition.repeated_sentences``,
``models.statistics_text.in_step.figure_spans``) as offsets in the sub-section's
text; the window hands them over with ``set_marks`` whenever they change.
"""
from __future__ import annotations

from collections.abc import Iterable

from models.checks import rule_name

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

REPEATED_BG = QColor("#fff0c2")  # a light amber: text worth rewriting, not an error
FIGURE_BG = QColor("#e2ecfb")    # a light blue: a number written from the tables, in step
STALE_BG = QColor("#ffc9c9")     # red: the tables now say otherwise
STALE_LINE = QColor("#c62828")

KINDS = ("repeated", "figure", "stale")  # painted in this order, a later one over an earlier
KIND_NAMES = {"repeated": "与上年报告相同的句子", "figure": "按表格生成的数字", "stale": "与表格不一致的数字，可更新"}
SHADES = {"repeated": "浅黄底", "figure": "浅蓝底", "stale": "红底"}


def explanation(kind: str) -> str:
    """Why a span is shaded, for its tooltip: what it is, and what the checks say about it."""
    return {
        "repeated": f"{SHADES[kind]}：{KIND_NAMES[kind]}。上年报告中也有这句话；本年情况有变的，宜改写。"
                    f"叙述部分与上年重复超过一半时，检查结果提示“{rule_name('DUP')}”。",
        "figure": f"{SHADES[kind]}：{KIND_NAMES[kind]}（插入统计段落时取自表格）。表格改动后会标为红底，"
                  "可用“编辑 → 更新文中数字”改过来。",
        "stale": f"{SHADES[kind]}：与表格不一致的数字——表格已改动。检查结果提示“{rule_name('FIG')}”；"
                 "可用“编辑 → 更新文中数字”改为表格中的数（可撤销）。",
    }[kind]


def legend(kinds: Iterable[str]) -> str:
    """One line naming the shadings in use: "浅黄底：与上年报告相同的句子；浅蓝底：按表格生成的数字"."""
    return "；".join(f"{SHADES[k]}：{KIND_NAMES[k]}" for k in KINDS if k in set(kinds))

Span = tuple[int, int]


def _formats() -> dict[str, QTextCharFormat]:
    repeated = QTextCharFormat()
    repeated.setBackground(REPEATED_BG)
    figure = QTextCharFormat()
    figure.setBackground(FIGURE_BG)
    figure.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    stale = QTextCharFormat()
    stale.setBackground(STALE_BG)
    stale.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    stale.setUnderlineColor(STALE_LINE)
    return {"repeated": repeated, "figure": figure, "stale": stale}


def utf16_offsets(text: str) -> list[int]:
    """For each Python offset into ``text`` (and its end), the position Qt counts (UTF-16 code units)."""
    offsets, position = [0], 0
    for ch in text:
        position += 2 if ord(ch) > 0xFFFF else 1
        offsets.append(position)
    return offsets


class TextMarks(QSyntaxHighlighter):
    """Shades spans of a ``QTextEdit``'s document; ``set_marks`` replaces them."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._formats = _formats()
        self._spans: dict[str, list[Span]] = {kind: [] for kind in KINDS}  # in Qt positions

    def set_marks(self, *, repeated: Iterable[Span] = (), figures: Iterable[Span] = (),
                  stale: Iterable[Span] = ()) -> None:
        """Spans as Python offsets into the document's plain text (as the models give them)."""
        text = self.document().toPlainText()
        offsets = utf16_offsets(text)
        limit = len(text)

        def qt(spans: Iterable[Span]) -> list[Span]:
            return sorted((offsets[max(0, min(s, limit))], offsets[max(0, min(e, limit))])
                          for s, e in spans if e > s)

        self._spans = {"repeated": qt(repeated), "figure": qt(figures), "stale": qt(stale)}
        self.rehighlight()

    def spans(self, kind: str) -> list[Span]:
        return list(self._spans[kind])

    def kind_at(self, position: int) -> str | None:
        """What is marked at a document position (a later kind over an earlier), for a tooltip."""
        found = None
        for kind in KINDS:
            if any(s <= position < e for s, e in self._spans[kind]):
                found = kind
        return found

    def kinds(self) -> list[str]:
        """The kinds of shading in use."""
        return [kind for kind in KINDS if self._spans[kind]]

    def explain_at(self, position: int) -> str | None:
        kind = self.kind_at(position)
        return explanation(kind) if kind is not None else None

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        start, end = block.position(), block.position() + block.length() - 1
        for kind in KINDS:
            for s, e in self._spans[kind]:
                if e <= start or s >= end:
                    continue
                left = max(s, start)
                self.setFormat(left - start, min(e, end) - left, self._formats[kind])
