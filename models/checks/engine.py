"""The rule engine: each rule has an id, a severity and yields findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from collections.abc import Callable, Iterable, Iterator

from ..form import CellRef
from ..report import Report


class Severity(Enum):
    ERROR = "error"      # an identity that must hold
    WARNING = "warning"  # should hold; worth a look
    INFO = "info"        # a check that passed and is worth saying (e.g. CARRY agrees)

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, how serious, where, and a Chinese message.

    ``cells`` are the table cells concerned (the grid marks them); ``section``
    is the narrative section concerned, when the problem is in the text.
    """

    rule: str
    severity: Severity
    message: str
    cells: tuple[CellRef, ...] = ()
    section: str | None = None

    @property
    def place(self) -> str:
        """Where, for a list or the command line: the table or section id."""
        if self.cells:
            tables = sorted({c.table for c in self.cells})
            return ",".join(tables)
        return self.section or ""


@dataclass(frozen=True)
class Context:
    report: Report
    prior: Report | None
    totals: dict[CellRef, int | None] = field(default_factory=dict)

    def value(self, ref: CellRef):
        if ref in self.totals:
            return self.totals[ref]
        return self.report.values.get(ref)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    run: Callable[[Context], Iterable[tuple]]
    needs_prior: bool = False

    def findings(self, ctx: Context) -> Iterator[Finding]:
        """The rule's yields, (message, cells, section[, severity]), as findings."""
        for item in self.run(ctx):
            message, cells, section = item[:3]
            severity = item[3] if len(item) > 3 else self.severity
            yield Finding(self.id, severity, message, tuple(cells), section)


RULES: list[Rule] = []


def rule(rule_id: str, severity: Severity, title: str, *, needs_prior: bool = False):
    """Declare a rule: the decorated function yields (message, cells, section[, severity])."""
    def register(fn):
        RULES.append(Rule(rule_id, severity, title, fn, needs_prior))
        return fn
    return register


def run_checks(report: Report, prior: Report | None = None) -> list[Finding]:
    """Every finding for the report; ``prior`` defaults to the report's own prior year."""
    prior = prior if prior is not None else report.prior
    ctx = Context(report, prior, report.totals())
    findings: list[Finding] = []
    for r in RULES:
        if r.needs_prior and prior is None:
            continue
        findings.extend(r.findings(ctx))
    return findings
