"""What changed between two drafts of a project folder: figures, evidence records, narrative (`bidkit diff`).

Comparing is pure (two folders read, nothing written): `compare(old, new)` gives Changes, which the CLI prints
and, with `--out`, turns into `changes.html` (`report.py`) and one `NAME.changes.docx` per document and language
(`NAME.cy.changes.docx` for Welsh as the second), the new DOCX in that language with its narrative's differences
as tracked changes (`tracked_docx.py`).

A folder with evidence errors is still compared where it can be read: its valid records and its narrative. Its
figures are not, since a figure counted from part of the evidence would be a wrong figure; its problems are listed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..evidence import Evidence
from ..evidence.load import read_evidence
from ..problems import Problem, errors
from .narrative import SectionChange, compare_narrative
from .records import RecordChange, compare_records

EXTRA_FIGURES = ("budget_total",)        # shared figures beyond the ones a narrative may quote


@dataclass
class FigureChange:
    name: str
    old: object
    new: object


@dataclass
class Side:
    folder: Path
    evidence: Evidence
    problems: list[Problem]
    complete: bool                  # no errors: its figures can be counted and its documents built


@dataclass
class Changes:
    old: Side
    new: Side
    figures: list[FigureChange] = field(default_factory=list)
    records: list[RecordChange] = field(default_factory=list)
    narrative: list[SectionChange] = field(default_factory=list)

    @property
    def figures_compared(self) -> bool:
        return self.old.complete and self.new.complete

    @property
    def count(self) -> int:
        return len(self.figures) + len(self.records) + len(self.narrative)

    @property
    def has_errors(self) -> bool:
        return not self.figures_compared

    def as_dict(self) -> dict:
        return {
            "old": str(self.old.folder), "new": str(self.new.folder),
            "figures_compared": self.figures_compared,
            "figures": [vars(f) for f in self.figures],
            "records": [r.as_dict() for r in self.records],
            "narrative": [s.as_dict() for s in self.narrative],
            "changes": self.count,
            "problems": {side: [p.as_dict() for p in getattr(self, side).problems if p.severity == "error"]
                         for side in ("old", "new")},
        }


def shared_figures(ev: Evidence) -> dict:
    from ..figures import compute

    fig = compute(ev)
    return {**fig.counted(), **{name: getattr(fig, name) for name in EXTRA_FIGURES}}


def read_side(folder: Path) -> Side:
    evidence, problems, complete = read_evidence(Path(folder))
    return Side(Path(folder), evidence, errors(problems), complete)


def compare(old: Path, new: Path) -> Changes:
    """Changes from OLD to NEW; BidkitError when either is no project folder."""
    found = Changes(read_side(old), read_side(new))
    if found.figures_compared:
        before, after = shared_figures(found.old.evidence), shared_figures(found.new.evidence)
        found.figures = [FigureChange(k, before.get(k), v) for k, v in after.items() if before.get(k) != v]
    found.records = compare_records(found.old.evidence, found.new.evidence)
    found.narrative = compare_narrative(found.old.evidence, found.new.evidence)
    return found


__all__ = ["Changes", "compare"]
