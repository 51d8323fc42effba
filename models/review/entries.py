"""The review as plain data: one entry a file, its findings and flags, the peers' quartiles."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import IMPORT, Finding
from ..checks.presentation import place, rule_name, severity_label, severity_rank
from ..form import CellRef
from ..numbers import Value


@dataclass(frozen=True)
class ReviewFinding:
    """A finding as plain data (read from a ``Finding`` through its public attributes only)."""

    rule: str
    severity: str            # "error", "warning" or "info"
    message: str
    cells: tuple[CellRef, ...] = ()
    section: str | None = None
    template: str = ""       # the message's id and parameters, as the finding had them
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, finding: Finding) -> ReviewFinding:
        return cls(finding.rule, finding.severity.value, finding.message,
                   tuple(CellRef(c.table, c.key) for c in finding.cells), finding.section,
                   finding.template, finding.params)

    @property
    def severity_label(self) -> str:
        return severity_label(self.severity)

    @property
    def rank(self) -> int:
        return severity_rank(self.severity)

    @property
    def rule_name(self) -> str:
        return rule_name(self.rule)

    @property
    def place(self) -> str:
        return place(self.cells, self.section)

    def find_in(self, findings: Iterable[Finding]) -> Finding | None:
        """This finding among a report's findings (the window's): by rule and place, the message only breaking ties."""
        same_place = [f for f in findings if f.rule == self.rule and tuple(f.cells) == self.cells
                      and f.section == self.section]
        return next((f for f in same_place if f.message == self.message), same_place[0] if same_place else None)


@dataclass(frozen=True)
class Flag:
    """Something a reviewer should look at that is not a check of the form: a jump, a figure far from the peers."""

    figure: str              # a KEY_FIGURES key, or "" for the report as a whole
    kind: str                # "jump", "low", "high", "duplicate"
    message: str


@dataclass(frozen=True)
class Quartiles:
    p25: float
    p50: float
    p75: float
    count: int               # reports of the level and year with this figure


@dataclass
class ReviewEntry:
    """One file of the review: what it is, its key figures, its findings; ``error`` when it could not be read."""

    index: int                               # position in the order the files were found
    file: str
    error: str | None = None
    source_format: str = ""
    agency: str = ""
    year: int | None = None
    level: str = ""                          # "区县级部门", "市级政府", … ("" when it cannot be told)
    figures: dict[str, float | int | None] = field(default_factory=dict)
    numbers: tuple[Value, ...] = ()          # every cell, in the order of figures.NUMBER_REFS
    stated: dict[str, Value] = field(default_factory=dict)  # totals as printed, where the file prints them
    findings: list[ReviewFinding] = field(default_factory=list)  # the import's notes first, then the checks'
    import_notes: int = 0                    # how many of the findings are the import's notes
    flags: list[Flag] = field(default_factory=list)
    group: int | None = None                 # entries of one agency share it
    prior_file: str | None = None            # last year's report found in the folder, checked against
    prior_ground: str = ""                   # why that report is the same agency's ("机关名称相同", …)
    spill: str | None = None                 # the report as a draft, between the two passes

    @property
    def readable(self) -> bool:
        return self.error is None

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def first_finding(self) -> ReviewFinding | None:
        """The finding to open the report at: the first of the most serious kind (notes of the import last)."""
        serious = [f for f in self.findings if f.severity != "info"]
        if not serious:
            return None
        return min(serious, key=lambda f: (f.rank, f.rule == IMPORT))

    @property
    def identified(self) -> bool:
        """Whether the report says whose it is and for which year (else it is paired with none, compared with
        no peers, and listed first)."""
        return self.readable and bool(self.agency) and self.year is not None

    @property
    def pairing(self) -> str:
        """The words every view of the review gives the pairing: which report was checked against, on what
        ground ("" when none was)."""
        if not self.prior_file:
            return ""
        ground = f"（{self.prior_ground}）" if self.prior_ground else ""
        return f"已与上年报告 {Path(self.prior_file).name} 跨年核对{ground}"

    @property
    def title(self) -> str:
        agency = self.agency or "（未识别机关名称）"
        return f"{agency} {self.year} 年" if self.year else agency


@dataclass
class ReviewResult:
    entries: list[ReviewEntry]
    quartiles: dict[tuple[str, int], dict[str, Quartiles]] = field(default_factory=dict)  # (level, year) → figure →
    cancelled: bool = False

    @property
    def readable(self) -> list[ReviewEntry]:
        return [e for e in self.entries if e.readable]

    def history(self, entry: ReviewEntry) -> list[ReviewEntry]:
        """The same agency's readable reports in the folder, by year (the entry itself included)."""
        if entry.group is None:
            return [entry]
        same = [e for e in self.entries if e.readable and e.group == entry.group and e.year is not None]
        return sorted(same, key=lambda e: (e.year, e.index))

    def peers_of(self, entry: ReviewEntry) -> dict[str, Quartiles]:
        if not entry.level or entry.year is None:
            return {}
        return self.quartiles.get((entry.level, entry.year), {})

    @property
    def exit_code(self) -> int:
        """0: no report has an error finding; 1: some do; 2: nothing could be read."""
        if not self.readable:
            return 2
        return 1 if any(e.errors for e in self.readable) else 0
