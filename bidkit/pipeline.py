"""The one path from a project folder to documents: folder → Evidence → Figures → content, per output name.

`bidkit build`, `bidkit status` (and later diff and batch) all go this way, so a figure is counted the same for
every command. Nothing here writes a file: the build (or the CLI, for the partner workbook and the per-partner
reports, each one file made at once) writes what this returns.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .documents import DOCUMENTS, document
from .documents.charts import specs
from .documents.figures_book import book
from .documents.form import proposal_json
from .documents.writer import Writer
from .evidence import Evidence, load
from .figures import Figures, compute
from .i18n.names import split_name
from .i18n.catalogue import N_
from .problems import BidkitError, Message
from .render import WORKBOOK


@dataclass
class Drafts:
    evidence: Evidence
    figures: Figures
    writer: Writer                                          # the main language's
    writers: dict[str, Writer] = field(default_factory=dict)    # every language's, the main one first

    def writer_for(self, lang: str | None) -> Writer:
        if lang is None or lang == self.writer.lang:
            return self.writer
        if lang not in self.writers:
            self.writers[lang] = Writer(self.evidence, self.figures, self.evidence.profile, lang)
        return self.writers[lang]

    def language_of(self, name: str) -> str:
        return split_name(name, list(self.evidence.languages) + ["en", "cy"])[1] or self.writer.lang

    def use_charts(self, drawn: dict) -> None:
        """Charts drawn by the build, keyed `lang/name`, handed to each language's writer."""
        for key, chart in drawn.items():
            lang, name = key.split("/", 1)
            self.writer_for(lang).use_charts({name: chart})

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

    def chart_specs(self, langs: list[str] | None = None) -> dict[str, tuple[str, tuple]]:
        """`lang/name` -> spec for the charts of each language asked for (default: the main one)."""
        return {f"{lang}/{name}": spec for lang in (langs or [self.writer.lang])
                for name, spec in specs(self.writer_for(lang)).items()}

    def data(self, name: str) -> bytes | None:
        """The bytes of an output that needs no renderer (funding-proposal.json, every language's answers in
        one file), else None."""
        if any(kind.data_file == name for kind in DOCUMENTS.values()):
            return proposal_json(self.writer, [self.writer_for(lang) for lang in self.evidence.languages])
        return None

    def contents(self, names: list[str]) -> dict[str, tuple[str, object]]:
        """Output name -> (format, content) for every output a renderer writes; charts must be in by now."""
        documents: dict[str, object] = {}
        found = {}
        for name in names:
            stem, lang, fmt = split_name(name, list(self.evidence.languages) + ["en", "cy"])
            if name == WORKBOOK:
                found[name] = (fmt, book(self.writer))
            elif stem in DOCUMENTS:
                key = (stem, lang)
                if key not in documents:
                    documents[key] = document(self.writer_for(lang), stem)
                found[name] = (fmt, documents[key])
        return found


def open_project(project: Path) -> Drafts:
    """Evidence, its figures and a Writer in the project's language; raises EvidenceInvalid or BidkitError."""
    evidence = load(project)
    figures = compute(evidence)
    main = Writer(evidence, figures, evidence.profile, evidence.project.language)
    return Drafts(evidence, figures, main, {main.lang: main})


def partner_workbook(project: Path, kinds: str | None = None, partner: str | None = None, lang: str | None = None):
    """The workbook a partner fills in: (its content, its bytes), in `lang` (default the project's main language).
    Made from the files as they are, errors and all, so a partner can be sent one while the evidence is still being
    gathered; BidkitError for a wrong option."""
    from .documents.partner_workbook import parse_kinds, workbook
    from .evidence.load import main_language
    from .evidence.on_file import read_on_file
    from .render.partner_workbook import partner_workbook_xlsx

    asked = parse_kinds(kinds)
    if not Path(project).is_dir():
        raise BidkitError(Message(N_("there is no project folder at '{folder}'"), {"folder": str(project)}))
    content = workbook(read_on_file(Path(project)), asked, partner, lang or main_language(Path(project)))
    return content, partner_workbook_xlsx(content)


def partner_reports(project: Path, problems: list, lang: str | None = None) -> dict[str, bytes]:
    """`<partner-id>.html` and `.csv` for every partner on file, and `facilitator.html` and `.csv` for what
    belongs to nobody, in `lang` (default the project's main language): file name -> bytes. Partners are taken
    from the files as they are, so a partner whose own row has an error still gets its report."""
    from .documents.partner_report import partner_reports as sort_reports
    from .evidence.load import main_language
    from .evidence.on_file import read_on_file
    from .i18n import format_date
    from .paths import template_folders
    from .render.partner_report import render
    from .render.reproducible import moment

    lang = lang or main_language(Path(project))
    on_file = read_on_file(Path(project))
    reports = sort_reports(problems, on_file.partners(), on_file.title or Path(project).name,
                           format_date(moment(), lang), lang)
    folders = template_folders(Path(project))
    return {name: data for report in reports for name, data in render(report, folders).items()}
