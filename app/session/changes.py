"""What a change to the open report touched, as the session announces it to its listeners."""
from __future__ import annotations

from dataclasses import dataclass

from models.form import CellRef


@dataclass(frozen=True)
class Change:
    """One notification: the parts of the report that changed.

    ``cells`` are inputs whose value changed (the totals that follow them are
    the listener's to recompute); ``texts`` are (section, index) of sub-sections
    whose heading or text changed; ``structure`` are sections whose sub-sections
    were added, removed, moved or replaced (indexes are no longer valid there);
    ``meta`` names basic-information fields; ``prior`` says last year's report
    was set or dropped; ``document`` says the whole report was replaced;
    ``saved`` says whether the report now differs from its file.
    """

    cells: frozenset[CellRef] = frozenset()
    texts: frozenset[tuple[str, int]] = frozenset()
    structure: frozenset[str] = frozenset()
    meta: frozenset[str] = frozenset()
    prior: bool = False
    document: bool = False
    saved_state: bool = False

    def __or__(self, other: Change) -> Change:
        return Change(self.cells | other.cells, self.texts | other.texts, self.structure | other.structure,
                      self.meta | other.meta, self.prior or other.prior, self.document or other.document,
                      self.saved_state or other.saved_state)

    @property
    def content(self) -> bool:
        """Whether anything of the report changed (not only its saved state)."""
        return bool(self.cells or self.texts or self.structure or self.meta or self.prior or self.document)

    def sections(self) -> frozenset[str]:
        """Narrative sections whose content changed in any way."""
        return frozenset(s for s, _ in self.texts) | self.structure


NOTHING = Change()
EVERYTHING = Change(document=True)
