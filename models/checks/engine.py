"""The rule engine: each rule has an id, a severity and yields findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..form import CellRef
from ..report import Report
from .messages import Said

if TYPE_CHECKING:
    from ..profile import Profile


class Severity(Enum):
    ERROR = "error"      # an identity that must hold
    WARNING = "warning"  # should hold; worth a look
    INFO = "info"        # a check that passed and is worth saying (e.g. CARRY agrees)

    @property
    def label(self) -> str:
        """错误, 警告 or 提示."""
        return SEVERITIES[self][0]

    @property
    def rank(self) -> int:
        """The order findings are listed in: errors first."""
        return SEVERITIES[self][1]


# The one table of severities: how each is written and where it sorts.
SEVERITIES: dict[Severity, tuple[str, int]] = {
    Severity.ERROR: ("错误", 0),
    Severity.WARNING: ("警告", 1),
    Severity.INFO: ("提示", 2),
}

# The findings of an import (what a reader tolerated, mapped or could not read) are not a rule's.
IMPORT = "IMPORT"


@dataclass(frozen=True)
class Quote:
    """A figure quoted in the text: the figure as written and the sub-section (index) where it stands."""

    figure: str
    subsection: int | None = None
    phrase: str = ""  # the words around it, as matched ("收到政府信息公开申请17件")


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, how serious, where, and a Chinese message.

    Where is data, never read out of the message: ``cells`` are the table
    cells concerned (the grid marks them); ``section`` the narrative section,
    ``subsection`` the index of its sub-section, ``quote`` the figure in the
    text, when the problem is in the text.
    """

    rule: str
    severity: Severity
    message: str
    cells: tuple[CellRef, ...] = ()
    section: str | None = None
    subsection: int | None = None
    quote: Quote | None = None
    template: str = ""   # the declared message's id ("T3-BAL.unbalanced"); "" for free text
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, rule: str, severity: Severity, said: Said | str, cells: Iterable[CellRef] = (),
           section: str | None = None, subsection: int | None = None, quote: Quote | None = None) -> Finding:
        """A finding saying a declared message (or, from an older caller, free text)."""
        if isinstance(said, Said):
            return cls(rule, severity, str(said), tuple(cells), section, subsection, quote,
                       said.message.id, said.params)
        return cls(rule, severity, said, tuple(cells), section, subsection, quote)

    @property
    def arguments(self) -> dict[str, object]:
        """The message's parameters by name."""
        return dict(self.params)

    @property
    def rule_name(self) -> str:
        """The rule's Chinese name ("表三平衡")."""
        return rule_name(self.rule)


@dataclass(frozen=True)
class Context:
    """What a rule reads: the report, last year's, the computed totals, and the 本地要求 chosen (if any)."""

    report: Report
    prior: Report | None
    totals: dict[CellRef, int | None] = field(default_factory=dict)
    profile: Profile | None = None

    @property
    def last(self) -> Report:
        """Last year's report, for a rule that ``needs_prior`` (only run when there is one)."""
        assert self.prior is not None
        return self.prior

    def value(self, ref: CellRef):
        if ref in self.totals:
            return self.totals[ref]
        return self.report.values.get(ref)


@dataclass(frozen=True)
class Found:
    """What a rule yields when a tuple is not enough (a quoted figure, a sub-section)."""

    message: Said | str
    cells: tuple[CellRef, ...] = ()
    section: str | None = None
    severity: Severity | None = None
    subsection: int | None = None
    quote: Quote | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    name: str   # short Chinese name, shown beside the id ("表三平衡")
    title: str  # what the rule asks, in Chinese
    run: Callable[[Context], Iterable[tuple | Found]]
    needs_prior: bool = False

    def findings(self, ctx: Context) -> Iterator[Finding]:
        """The rule's yields — ``Found`` or (message, cells, section[, severity]) — as findings."""
        for item in self.run(ctx):
            if isinstance(item, Found):
                yield Finding.of(self.id, item.severity or self.severity, item.message, item.cells,
                                 item.section, item.subsection, item.quote)
                continue
            message, cells, section = item[:3]
            severity = item[3] if len(item) > 3 else self.severity
            yield Finding.of(self.id, severity, message, cells, section)


RULES: list[Rule] = []  # as declared so far: read them through rules()
# the modules of this package that declare no rule: the engine, the messages and how findings are shown
MACHINERY = frozenset({"engine", "messages", "presentation"})
_all_loaded = False
# names and titles of findings that come from elsewhere than a rule
OTHER_SOURCES = {IMPORT: ("导入记录", "读取文件时容忍、换算或未能读出的内容")}


def rule(rule_id: str, severity: Severity, name: str, title: str, *, needs_prior: bool = False):
    """Declare a rule: the decorated function yields ``Found`` or (message, cells, section[, severity])."""
    def register(fn):
        if any(r.id == rule_id for r in RULES):
            raise ValueError(f"规则 {rule_id} 重复定义")
        RULES.append(Rule(rule_id, severity, name, title, fn, needs_prior))
        return fn
    return register


def rules() -> list[Rule]:
    """Every rule: the first call imports each module of this package that declares rules."""
    global _all_loaded
    if not _all_loaded:
        import importlib
        import pkgutil
        package = importlib.import_module(__package__)
        modules = [f"{__package__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)
                   if m.name not in MACHINERY]
        for module in modules:
            importlib.import_module(module)
        # in the package's order whichever module was imported first: findings come in the same order in
        # every process (the 审查台's workers load the rules by this call, a window may have imported one before)
        order = {name: i for i, name in enumerate(modules)}
        RULES.sort(key=lambda r: order.get(r.run.__module__, len(order)))
        _all_loaded = True
    return RULES


def rule_name(rule_id: str) -> str:
    """The Chinese name of a rule (or of the import record); the id itself when unknown."""
    for r in rules():
        if r.id == rule_id:
            return r.name
    return OTHER_SOURCES[rule_id][0] if rule_id in OTHER_SOURCES else rule_id


def rule_title(rule_id: str) -> str:
    """What a rule asks, in Chinese (a tooltip beside its name); the name when there is no more to say."""
    for r in rules():
        if r.id == rule_id:
            return r.title
    return OTHER_SOURCES[rule_id][1] if rule_id in OTHER_SOURCES else rule_id


def run_checks(report: Report, prior: Report | None = None, *, profile: Profile | None = None) -> list[Finding]:
    """Every finding for the report; ``prior`` defaults to the report's own prior year; with a ``profile``
    (本地要求), the rule LOCAL checks its requirements too."""
    prior = prior if prior is not None else report.prior
    ctx = Context(report, prior, report.totals(), profile)
    findings: list[Finding] = []
    for r in rules():
        if r.needs_prior and prior is None:
            continue
        findings.extend(r.findings(ctx))
    return findings
