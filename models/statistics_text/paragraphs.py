"""The customary paragraphs written from tables 三 and 四, in the register of published reports.

Three parts: 一（依申请公开） (applications received and answered, in brief),
三 (applications with their results) and 四 (reviews and lawsuits).  Each has a
few wordings.  Parts that are zero are left out the way clerks leave them out
("未发生政府信息公开行政复议、行政诉讼案件", no "不予公开 0 件").  Every number
written is a ``Figure`` naming the quantity it states, so that it can be kept in
step with the tables; with last year's report, the main counts can be followed by
their 同比 change.

The phrasing keeps clear of what TEXT-T3 and TEXT-T4 would read as a different
count (no "行政复议 1 件" for a part of the reviews, no "申请 … 件" for a part of
the applications right after 收到/受理).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..figures import Figure
from ..form_2021 import APPEAL_ITEMS, APPEALS, FORM_2021, REQUEST_COLUMNS, REQUEST_ROWS, REQUESTS
from ..report import Report
from .comparison import change_phrase
from .quantities import GROUP_KEYS, LEGAL_PERSONS, RESULT_GROUPS, QUANTITIES


@dataclass(frozen=True)
class Wording:
    id: str
    label: str  # Chinese, shown in the dialog


@dataclass(frozen=True)
class Part:
    id: str
    label: str
    wordings: tuple[Wording, ...]


PARTS = (
    Part("overview", "一、总体情况（依申请公开）", (
        Wording("received", "收到、办结（“共收到……办结……”）"),
        Wording("accepted", "受理、答复（“共受理……答复……（含上年度结转……）”）"),
    )),
    Part(REQUESTS, FORM_2021.section(REQUESTS).title, (
        Wording("main_reasons", "办理结果，写明不予公开的原因"),
        Wording("all_reasons", "办理结果，逐项写明原因"),
        Wording("results_only", "办理结果，只写各类合计"),
    )),
    Part(APPEALS, FORM_2021.section(APPEALS).title, (
        Wording("itemized", "逐项写明审理结果"),
        Wording("corrections", "写明被纠错件数"),
        Wording("brief", "只写件数"),
    )),
)


def part(part_id: str) -> Part:
    return next(p for p in PARTS if p.id == part_id)


@dataclass(frozen=True)
class Paragraph:
    """A generated paragraph: its text, the figures in it (offsets from its start) and notes for the clerk."""

    text: str
    figures: tuple[Figure, ...]
    notes: tuple[str, ...] = ()


class GenerationError(ValueError):
    """An unknown part or wording; ``str()`` is Chinese."""


# ---------------------------------------------------------------- writing with figures

_SPACED = re.compile(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]")
_TIGHT = re.compile(r"[\u4e00-\u9fff]\d|\d[\u4e00-\u9fff]")


def spaced_numbers(report: Report) -> bool:
    """Whether the report writes "60 件" (a space each side of a number) rather than "60件".

    The text already written decides (this year's, else last year's); with none, spaced, as Word
    documents typed with half-width digits usually are.
    """
    for source in (report, report.prior):
        if source is None:
            continue
        text = source.preamble + "\n".join(s.text for subs in source.sections.values() for s in subs)
        spaced, tight = len(_SPACED.findall(text)), len(_TIGHT.findall(text))
        if spaced or tight:
            return spaced >= tight
    return True


class _Writer:
    def __init__(self, report: Report, compare: bool) -> None:
        self.report = report
        self.gap = " " if spaced_numbers(report) else ""
        self.prior = report.prior if compare else None
        self.text = ""
        self.figures: list[Figure] = []
        self.blank: list[str] = []

    def say(self, text: str) -> None:
        self.text += text

    def value(self, key: str) -> int:
        """A quantity as the tables stand; a blank counts as 0 (and is noted)."""
        value = QUANTITIES[key].value(self.report)
        if value is None:
            self.blank.append(QUANTITIES[key].name)
            return 0
        return value

    def count(self, key: str, unit: str = "件") -> int:
        """" 60 件", the number a figure."""
        value = self.value(key)
        self.say(self.gap)
        self.figures.append(Figure(key, "count", value, str(value), len(self.text)))
        self.say(f"{value}{self.gap}{unit}")
        return value

    def comparable(self, key: str) -> bool:
        """Whether a 同比 change can be written for ``key`` (last year's report asked for and has it)."""
        return self.prior is not None and QUANTITIES[key].value(self.prior) is not None

    def change(self, key: str, *, bracketed: bool = True) -> None:
        """"（较上年增加 5 件，增长 9.1%）" after a count, when ``comparable``."""
        if not self.comparable(key):
            return
        last = QUANTITIES[key].value(self.prior)  # type: ignore[arg-type]
        this = self.value(key)
        self.say("（较上年" if bracketed else "较上年")
        phrase = change_phrase(this, last, spaced=bool(self.gap))  # type: ignore[arg-type]
        self.figures.append(Figure(key, "change", this - last, phrase, len(self.text)))  # type: ignore[operator]
        self.say(phrase + ("）" if bracketed else ""))

    def items(self, entries: list[tuple[str, str]], sep: str = "，") -> None:
        """"予以公开 3 件，部分公开 2 件" for the entries (label, key) that are not zero."""
        first = True
        for label, key in entries:
            if self.value(key) == 0:
                continue
            if not first:
                self.say(sep)
            self.say(label)
            self.count(key)
            first = False

    def nonzero(self, entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(label, key) for label, key in entries if self.value(key) != 0]

    def paragraph(self) -> Paragraph:
        notes: tuple[str, ...] = ()
        if self.blank:
            names = "、".join(dict.fromkeys(self.blank))
            notes = (f"{names}为空白，按 0 计",)
        return Paragraph(self.text, tuple(self.figures), notes)


# ---------------------------------------------------------------- the wordings of the labels

def _bare(label: str) -> str:
    """"（一）予以公开" → "予以公开"; "1.属于国家秘密" → "属于国家秘密"."""
    if label.startswith("（") and "）" in label:
        label = label[label.index("）") + 1:]
    if len(label) > 2 and label[0].isdigit() and label[1] in ".、":
        label = label[2:]
    return label.split("（")[0]


# （六）其他处理's printed labels are whole sentences; reports name them so
OTHER_REASONS = {"other_no_correction": "申请人逾期不补正", "other_unpaid_fee": "申请人逾期未缴纳费用",
                 "other_other": "其他情形"}
GROUP_LABELS = {label: _bare(label) for label in RESULT_GROUPS}  # "不予公开", …
ROW_LABELS = {r.key: OTHER_REASONS.get(r.key, _bare(r.c or r.b or r.a)) for r in REQUEST_ROWS}
COLUMN_LABELS = dict(REQUEST_COLUMNS)
APPEAL_LABELS = dict(APPEAL_ITEMS)


def _req(key: str) -> str:
    return f"requests.{key}"


def _results(w: _Writer, reasons: str) -> None:
    """"予以公开 3 件，…，不予公开 2 件（其中属于国家秘密 1 件，…），…" — ``reasons``: "none", "denied", "all"."""
    entries: list[tuple[str, str, str, tuple[str, ...]]] = [
        (ROW_LABELS["granted"], "granted", _req("granted.total"), ()),
        (ROW_LABELS["partly_granted"], "partly_granted", _req("partly_granted.total"), ()),
    ]
    for label, rows in RESULT_GROUPS.items():
        group = GROUP_KEYS[label]
        entries.append((GROUP_LABELS[label], group, _req(f"{group}.total"), rows))
    first = True
    for label, group, key, rows in entries:
        if w.value(key) == 0:
            continue
        w.say(label if first else f"，{label}")
        w.count(key)
        first = False
        if rows and (reasons == "all" or (reasons == "denied" and group == "denied")):
            w.say("（其中")
            w.items([(ROW_LABELS[r], _req(f"{r}.total")) for r in rows])
            w.say("）")


def _applicants(w: _Writer, row: str, detail: bool) -> None:
    """"，其中自然人申请 50 件，法人或其他组织申请 10 件" (or "，均为自然人申请")."""
    people, legal = w.value(_req(f"{row}.natural_person")), w.value(_req(f"{row}.legal_persons"))
    if people == 0 and legal == 0:
        return
    if legal == 0:
        w.say("，均为自然人申请")
        return
    if people == 0:
        w.say("，均为法人或其他组织申请")
    else:
        w.say("，其中自然人申请")
        w.count(_req(f"{row}.natural_person"))
        w.say("，法人或其他组织申请")
        w.count(_req(f"{row}.legal_persons"))
    if detail:
        kinds = w.nonzero([(COLUMN_LABELS[c], _req(f"{row}.{c}")) for c in LEGAL_PERSONS])
        if people == 0 or len(kinds) > 1:
            w.say("（")
            w.items(kinds)
            w.say("）")


# ---------------------------------------------------------------- 一（依申请公开）

def _overview(w: _Writer, wording: str) -> None:
    new, over = w.value(_req("new.total")), w.value(_req("carried_over.total"))
    done, forward = w.value(_req("total.total")), w.value(_req("carried_forward.total"))
    w.say(f"{w.report.year}{w.gap}年，")
    if new == 0 and over == 0:
        w.say("未收到政府信息公开申请。")
        return
    verb, answered = ("受理", "答复") if wording == "accepted" else ("收到", "办结")
    if new == 0:
        w.say(f"未{verb}新的政府信息公开申请")
    else:
        w.say(f"共{verb}政府信息公开申请")
        w.count(_req("new.total"))
        w.change(_req("new.total"))
        _applicants(w, "new", detail=False)
    if wording == "accepted":
        w.say(f"；全年{answered}")
        w.count(_req("total.total"))
        inner = []
        if over:
            inner.append(("含上年度结转申请", _req("carried_over.total")))
        if forward:
            inner.append(("另有", _req("carried_forward.total")))
        if inner:
            w.say("（")
            for i, (label, key) in enumerate(inner):
                w.say(("，" if i else "") + label)
                w.count(key)
                if label == "另有":
                    w.say("结转至下年度办理")
            w.say("）")
        w.say("。")
        return
    if over:
        w.say("；上年结转")
        w.count(_req("carried_over.total"))
    if done:
        w.say(f"。全年{answered}")
        w.count(_req("total.total"))
    if forward:
        w.say("，结转下年度继续办理" if done else "。结转下年度继续办理")
        w.count(_req("carried_forward.total"))
    w.say("。")


# ---------------------------------------------------------------- 三

def _requests(w: _Writer, wording: str) -> None:
    new, over = w.value(_req("new.total")), w.value(_req("carried_over.total"))
    done, forward = w.value(_req("total.total")), w.value(_req("carried_forward.total"))
    if new == 0 and over == 0:
        w.say("本年度未收到政府信息公开申请。")
        return
    if wording == "results_only":
        w.say(f"{w.report.year}{w.gap}年，")
        if new:
            w.say("新收政府信息公开申请")
            w.count(_req("new.total"))
            w.change(_req("new.total"))
        else:
            w.say("未收到新的政府信息公开申请")
        if over:
            w.say("，上年结转")
            w.count(_req("carried_over.total"))
        if done:
            w.say("；共办结")
            w.count(_req("total.total"))
            w.say("，其中")
            _results(w, "none")
    else:
        if new:
            w.say("本年度共收到政府信息公开申请")
            w.count(_req("new.total"))
            w.change(_req("new.total"))
            _applicants(w, "new", detail=wording == "all_reasons")
        else:
            w.say("本年度未收到新的政府信息公开申请")
        if over:
            w.say("；上年结转")
            w.count(_req("carried_over.total"))
        if done:
            w.say("。办理结果：")
            _results(w, "all" if wording == "all_reasons" else "denied")
    if forward:
        w.say("；结转下年度继续办理")
        w.count(_req("carried_forward.total"))
    w.say("。")


# ---------------------------------------------------------------- 四

def _outcomes(w: _Writer, group: str) -> None:
    entries = w.nonzero([(APPEAL_LABELS[item], f"appeals.{group}.{item}") for item, _ in APPEAL_ITEMS[:-1]])
    if entries:
        w.say("，其中")
        w.items(entries)


def _appeals(w: _Writer, wording: str) -> None:
    review = w.value("appeals.review.total")
    suits = w.value("appeals.litigation.total")
    w.say(f"{w.report.year}{w.gap}年，")
    if review == 0 and suits == 0:
        w.say("未发生政府信息公开行政复议、行政诉讼案件。")
        return
    if wording == "corrections":
        parts = []
        if review:
            parts.append(("被申请行政复议", "appeals.review.total"))
        if suits:
            parts.append(("被提起行政诉讼", "appeals.litigation.total"))
        w.say("因政府信息公开")
        for i, (label, key) in enumerate(parts):
            w.say(("、" if i else "") + label)
            w.count(key)
            w.change(key)
        if not review:
            w.say("，未发生行政复议")
        if not suits:
            w.say("，未发生行政诉讼")
        corrected = w.value("appeals.corrected.total")
        if corrected:
            w.say("；被纠错")
            w.count("appeals.corrected.total")
            kinds = w.nonzero([("复议纠正", "appeals.review.corrected"), ("诉讼纠正", "appeals.litigation.corrected")])
            w.say("（")
            w.items(kinds)
            w.say("）")
        else:
            w.say("；无被纠错案件")
        w.say("。")
        return
    if review:
        w.say("发生政府信息公开行政复议")
        w.count("appeals.review.total")
        w.change("appeals.review.total")
        if wording == "itemized":
            _outcomes(w, "review")
    else:
        w.say("未发生政府信息公开行政复议案件")
    w.say("；" if wording == "itemized" else "，")
    if suits:
        w.say("发生行政诉讼" if not review else "行政诉讼")
        w.count("appeals.litigation.total")
        kinds = w.nonzero([("未经复议直接起诉", "appeals.litigation_direct.total"),
                           ("复议后起诉", "appeals.litigation_after_review.total")])
        if wording == "itemized" and len(kinds) > 1:
            w.say("（")
            w.items(kinds)
            if w.comparable("appeals.litigation.total"):
                w.say("；")
                w.change("appeals.litigation.total", bracketed=False)
            w.say("）")
        else:
            w.change("appeals.litigation.total")
        if wording == "itemized":
            _outcomes(w, "litigation")
    else:
        w.say("未发生行政诉讼案件")
    w.say("。")


WRITERS = {"overview": _overview, REQUESTS: _requests, APPEALS: _appeals}


def generate(report: Report, part_id: str, wording: str | None = None, *, compare: bool = False) -> Paragraph:
    """The paragraph of ``part_id`` in ``wording`` (the part's first by default), with 同比 when ``compare``.

    ``compare`` adds nothing when the report has no last year.
    """
    try:
        chosen = part(part_id)
    except StopIteration:
        raise GenerationError(f"没有“{part_id}”这一部分的统计段落") from None
    wording = wording or chosen.wordings[0].id
    if wording not in {w.id for w in chosen.wordings}:
        raise GenerationError(f"“{chosen.label}”没有“{wording}”这种写法")
    writer = _Writer(report, compare)
    WRITERS[part_id](writer, wording)
    return writer.paragraph()
