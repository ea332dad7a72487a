"""Evidence and Figures into format-neutral documents: DOCUMENTS, the one registry of what bidkit writes.

Adding a document is a module here (NAME, `sections(w)`, optionally `subtitle(w)`) and one line below. This module
imports nothing heavy, so a build with nothing to do can plan from the registry without loading any document.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from ..i18n.catalogue import N_


@dataclass(frozen=True)
class DocumentKind:
    id: str
    module: str                      # bidkit.documents.<module>
    needs_funder: bool = False       # written only when project.yaml names a funder profile
    data_file: str | None = None     # a data file written beside it (the answers under the form's field names)


DOCUMENTS = {kind.id: kind for kind in (
    DocumentKind("concept-paper", "concept_paper"),
    DocumentKind("project-report", "project_report"),
    DocumentKind("funding-proposal", "funding_proposal", needs_funder=True, data_file="funding-proposal.json"),
)}
KEYWORDS = [N_("Sustainable Development Goals"), N_("Open Government"), N_("equality")]   # PDF and DOCX metadata


def module_of(doc_id: str):
    return import_module(f"{__name__}.{DOCUMENTS[doc_id].module}")


def document(w, doc_id: str):
    """One document's content (a `content.Document`), from the Writer `w`."""
    from ..i18n import BCP47
    from .content import Document

    module = module_of(doc_id)
    w = w.for_document(doc_id)
    p = w.ev.project
    subtitle = getattr(module, "subtitle", lambda w: None)(w) or \
        w._("{start} to {end}").format(start=w.day(p.period.start), end=w.day(p.period.end))
    return Document(
        id=doc_id, name=w._(module.NAME), title=p.title, subtitle=subtitle, lead=w.ev.lead.name,
        date=w.day(p.as_of), version=p.version or ("1.0" if p.status == "final" else "0.1"),
        draft=p.status == "draft", lang=BCP47.get(w.lang, w.lang), sections=module.sections(w),
        keywords=[w._(k) for k in KEYWORDS],
    )
