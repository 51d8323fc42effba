"""The report a clerk fills in: metadata, narrative and the numbers (no Qt)."""
from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field

from .figures import Figure
from .form import CellRef, FormDef
from .form_2021 import FORM_2021
from .numbers import Value


@dataclass
class Subsection:
    """A sub-head (without its （一） numbering, which follows the order) and its text.

    ``figures`` are the numbers written into the text from the tables
    (插入统计段落), anchored in ``text`` so that they can be kept in step.
    """

    heading: str = ""
    text: str = ""
    figures: list[Figure] = field(default_factory=list)


def numbered_heading(index: int, heading: str) -> str:
    """"（一）主动公开" for the first sub-head; empty when there is no heading."""
    if not heading:
        return ""
    numeral = CHINESE_NUMERALS[index] if index < len(CHINESE_NUMERALS) else str(index + 1)
    return f"（{numeral}）{heading}"


def numbered(subsections: list[Subsection]) -> list[tuple[str, Subsection]]:
    """Pair each sub-section with its numbered heading, counting only the headed ones."""
    result, index = [], 0
    for sub in subsections:
        if sub.heading.strip():
            result.append((numbered_heading(index, sub.heading.strip()), sub))
            index += 1
        else:
            result.append(("", sub))
    return result


CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十")


def _default_year() -> int:
    return datetime.date.today().year - 1


@dataclass
class Report:
    """One year's report.

    ``values`` holds the inputs only; totals are computed.  A blank cell is
    ``None`` (absent from ``values``), distinct from 0.  ``stated`` holds totals
    as printed in an imported document, so that checks can compare them with
    the computed ones; ``unread`` the cells such a document prints that could
    not be read, which no check may hold against it.  A report typed in the
    application has neither.
    """

    agency: str = ""
    year: int = field(default_factory=_default_year)
    date: str | None = None  # 成文日期, ISO yyyy-mm-dd
    preamble: str = ""
    sections: dict[str, list[Subsection]] = field(default_factory=dict)
    values: dict[CellRef, Value] = field(default_factory=dict)
    stated: dict[CellRef, Value] = field(default_factory=dict)
    unread: set[CellRef] = field(default_factory=set, compare=False)   # how it was read, not what it says
    prior: Report | None = None
    form: FormDef = field(default=FORM_2021, repr=False, compare=False)

    def __post_init__(self) -> None:
        for section in self.form.narrative_sections:
            if section.id not in self.sections:
                self.sections[section.id] = [Subsection(h) for h in section.default_subheads]

    @classmethod
    def new(cls, **kwargs) -> Report:
        return cls(**kwargs)

    # ------------------------------------------------------------ numbers

    def get(self, ref: CellRef) -> Value:
        """The value of any cell: an input as entered, a total as computed."""
        if self.form.is_input(ref):
            return self.values.get(ref)
        return self.totals()[ref]

    def set(self, ref: CellRef, value: Value) -> None:
        if not self.form.is_input(ref):
            raise KeyError(f"{ref} 是自动计算的合计，不能输入")
        if value is None:
            self.values.pop(ref, None)
        else:
            self.values[ref] = value

    def totals(self) -> dict[CellRef, int | None]:
        """Every computed cell: the sum of its terms; ``None`` when all are blank."""
        result: dict[CellRef, int | None] = {}
        values = self.values
        for d in self.form.computed:
            total, seen = 0, False
            for term in d.terms:
                v = result[term] if term in result else values.get(term)
                if isinstance(v, int):  # a total sums counts; the one decimal cell (fees) is no term
                    total += v
                    seen = True
            result[d.ref] = total if seen else None
        return result

    def blank_inputs(self) -> list[CellRef]:
        return [d.ref for d in self.form.inputs if self.values.get(d.ref) is None]

    # ------------------------------------------------------------ text

    def numbered_subsections(self, section_id: str) -> list[tuple[str, Subsection]]:
        """Each sub-section with its printed heading ("（二）依申请公开", or "" for none).

        Only headed parts are numbered: an opening paragraph without a sub-head
        (as most published reports have before （一）) takes no number.
        """
        return numbered(self.sections.get(section_id, []))

    def section_text(self, section_id: str) -> str:
        """The whole text of a narrative section, sub-heads included."""
        parts = []
        for heading, sub in self.numbered_subsections(section_id):
            if heading:
                parts.append(heading)
            if sub.text:
                parts.append(sub.text)
        return "\n".join(parts)

    @property
    def title_lines(self) -> tuple[str, str]:
        return self.agency, f"{self.year}年政府信息公开工作年度报告"

    def copy(self) -> Report:
        return copy.deepcopy(self)
