"""What a figure in the text can state: one cell of tables 三 and 四, or a sum the text customarily names.

Every cell is a quantity under its own key (``"requests.new.total"``); the sums
the paragraphs name are declared here from the form's rows and columns:
法人或其他组织 (the five non-natural-person columns), 不予公开 … 其他处理 (the
rows of each group), 行政诉讼 (both kinds of suit) and 纠错 (结果纠正 of all three).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..form import PLACE_SEPARATOR, CellRef
from ..form_2021 import APPEAL_ITEMS, APPEALS, APPLICANT_COLUMNS, FORM_2021, REQUEST_ROWS, REQUESTS
from ..report import Report


@dataclass(frozen=True)
class Quantity:
    key: str
    name: str                     # Chinese, for messages: "表三 一、本年新收政府信息公开申请数量 · 法人或其他组织"
    terms: tuple[CellRef, ...]

    def value(self, report: Report) -> int | None:
        """The sum of the terms as the tables stand; ``None`` when every term is blank."""
        values = [report.get(term) for term in self.terms]
        if all(v is None for v in values):
            return None
        return sum(int(v) for v in values if v is not None)


def _req(key: str) -> CellRef:
    return FORM_2021.ref(REQUESTS, key)


def _app(key: str) -> CellRef:
    return FORM_2021.ref(APPEALS, key)


LEGAL_PERSONS = tuple(c for c in APPLICANT_COLUMNS if c != "natural_person")

# The result groups of table 三 with more than one row, by the printed label of column B.
RESULT_GROUPS: dict[str, tuple[str, ...]] = {
    label: tuple(r.key for r in REQUEST_ROWS if r.c and r.b == label)
    for label in dict.fromkeys(r.b for r in REQUEST_ROWS if r.c)
}
GROUP_KEYS = {label: rows[0].split("_")[0] for label, rows in RESULT_GROUPS.items()}  # "denied", "unable", …


def _build() -> dict[str, Quantity]:
    found: dict[str, Quantity] = {}
    for table in (REQUESTS, APPEALS):
        for ref in FORM_2021.table(table).refs:
            found[str(ref)] = Quantity(str(ref), FORM_2021.name_of(ref), (ref,))

    def add(key: str, name: str, terms: tuple[CellRef, ...]) -> None:
        found[key] = Quantity(key, name, terms)

    for row in ("new", "carried_over"):
        label = next(r.name for r in REQUEST_ROWS if r.key == row)
        add(f"requests.{row}.legal_persons", f"表三 {label}{PLACE_SEPARATOR}法人或其他组织",
            tuple(_req(f"{row}.{c}") for c in LEGAL_PERSONS))
    add("requests.received.total", f"表三 一、本年新收 + 二、上年结转{PLACE_SEPARATOR}总计",
        (_req("new.total"), _req("carried_over.total")))
    for label, rows in RESULT_GROUPS.items():
        add(f"requests.{GROUP_KEYS[label]}.total", f"表三 {label}{PLACE_SEPARATOR}总计", tuple(_req(f"{r}.total") for r in rows))
    suits = ("litigation_direct", "litigation_after_review")
    for item, item_name in APPEAL_ITEMS:
        add(f"appeals.litigation.{item}", f"表四 行政诉讼（两类之和） {item_name}",
            tuple(_app(f"{s}.{item}") for s in suits))
    add("appeals.corrected.total", "表四 结果纠正（行政复议与行政诉讼之和）",
        tuple(_app(f"{g}.corrected") for g in ("review",) + suits))
    return found


QUANTITIES: dict[str, Quantity] = _build()


def quantity(key: str) -> Quantity:
    """The quantity ``key``; KeyError when there is none (a draft naming an unknown one)."""
    return QUANTITIES[key]

