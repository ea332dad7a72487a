"""The one path from a project folder to documents: folder → Evidence → Figures → content, per output name.

`bidkit build`, `bidkit status` (and later diff and batch) all go this way, so a figure is counted the same for
every command. Nothing here writes a file or renders a format: the build does that with what this returns.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .documents import DOCUMENTS, document
from .documents.charts import specs
from .documents.figures_book import book
from .documents.form import proposal_json
from .documents.writer import Writer
from .evidence import Evidence, load
from .figures import Figures, compute
from .problems import BidkitError
from .render import WORKBOOK


@dataclass
class Drafts:
    evidence: Evidence
    figures: Figures
    writer: Writer

    def without_unwritable(self, names: list[str], asked: list[str] | None) -> list[str]:
        """A document that needs a funder is left out when there is none, unless it was asked for by name."""
        if self.evidence.profile is not None:
            return names
        for kind in DOCUMENTS.values():
            if kind.needs_funder and any(n.startswith(kind.id + ".") for n in names):
                if asked and kind.id in asked:
                    raise BidkitError(f"the {kind.id.replace('-', ' ')} needs a funder: add 'funder: "
                                      "tnlcf-funding-proposal' (or another profile) to project.yaml")
                names = [n for n in names if not n.startswith(kind.id + ".")]
        return names

    def chart_specs(self) -> dict[str, tuple[str, tuple]]:
        return specs(self.writer)

    def data(self, name: str) -> bytes | None:
        """The bytes of an output that needs no renderer (funding-proposal.json), else None."""
        if any(kind.data_file == name for kind in DOCUMENTS.values()):
            return proposal_json(self.writer)
        return None

    def contents(self, names: list[str]) -> dict[str, tuple[str, object]]:
        """Output name -> (format, content) for every output a renderer writes; charts must be in by now."""
        documents: dict[str, object] = {}
        found = {}
        for name in names:
            stem, fmt = name.rsplit(".", 1)
            if name == WORKBOOK:
                found[name] = (fmt, book(self.writer))
            elif stem in DOCUMENTS:
                if stem not in documents:
                    documents[stem] = document(self.writer, stem)
                found[name] = (fmt, documents[stem])
        return found


def open_project(project: Path) -> Drafts:
    """Evidence, its figures and a Writer in the project's language; raises EvidenceInvalid or BidkitError."""
    evidence = load(project)
    figures = compute(evidence)
    return Drafts(evidence, figures, Writer(evidence, figures, evidence.profile, evidence.project.language))
