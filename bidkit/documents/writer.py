"""What every section of every document needs: the evidence, its figures, the language, and small formatters.

A block or a document takes the Writer `w` and returns content; the Writer holds no document's layout, so a new
document is a new module beside the others, not a new method here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..evidence import Evidence
from ..evidence.funders.profile import Profile
from ..figures import Figures
from ..i18n import N_, format_date, format_money, format_number, gettext_for, ngettext_for, sort_key
from . import charts
from .content import Chart, Item, Paragraph, Run
from .markdown import to_items

__all__ = ["N_", "Writer"]


@dataclass
class Writer:
    ev: Evidence
    fig: Figures
    profile: Profile | None
    lang: str = "en"
    doc: str | None = None          # the document being written: its own narrative sections come first

    def __post_init__(self):
        self._ = gettext_for(self.lang)
        self.n_ = ngettext_for(self.lang)
        self._charts: dict[str, Chart] = {}

    def money(self, amount: int | None) -> str:
        return "—" if amount is None else format_money(amount, self.lang)

    def num(self, value) -> str:
        return "—" if value is None else format_number(value, self.lang)

    def day(self, value: date | None) -> str:
        return "—" if value is None else format_date(value, self.lang)

    def period(self, when) -> str:
        """An action-plan period: as written in English; in another language made from its dates, so no English
        month name stands in Welsh text (`Nov 2018 - Jan 2019` -> `Tachwedd 2018 i Ionawr 2019`)."""
        if when is None:
            return "—"
        if self.lang == "en":
            return when.text
        if when.start is None:
            return self._("Ongoing")
        whole_months = when.start.day == 1 and (when.end + timedelta(days=1)).day == 1
        show = (lambda d: format_date(d, self.lang, "MMMM y")) if whole_months else self.day
        first, last = show(when.start), show(when.end)
        return first if first == last else self._("{start} to {end}").format(start=first, end=last)

    def label(self, table: dict, key) -> str:
        """A reference list's label in the document's language (the tables hold `N_`-marked English)."""
        return self._(table[key]) if key in table else str(key)

    def text(self, funder_text) -> str:
        """A funder profile's text (`LangText`) in the document's language."""
        return funder_text.get(self.lang)

    def sort_key(self, text: str):
        """Names in the order of the document's alphabet (Welsh: ch, dd, ff, ng, ll, ph, rh, th are letters)."""
        return sort_key(text, self.lang)

    @property
    def narrative(self) -> dict:
        """The sections written in the document's language."""
        return self.ev.narrative_in(self.lang)

    def names(self, refs: list[str]) -> str:
        """Partner references as the partners' names; a name that is no partner is shown as written."""
        found = [self.ev.find_partner(ref) for ref in refs]
        return ", ".join(p.name if p else ref for p, ref in zip(found, refs))

    def figure_texts(self) -> dict[str, str]:
        return {k: self.money(v) if k == "amount_requested" else self.num(v)
                for k, v in self.fig.counted().items()}

    def for_document(self, doc_id: str) -> "Writer":
        """This Writer for one document, sharing its drawn charts (a chart is drawn once for all documents)."""
        from copy import copy

        view = copy(self)
        view.doc = doc_id
        return view

    def prose(self, section_id: str) -> list[Item]:
        """The document's own version of a section in the document's language (`narrative/<document>/<id>.md`,
        in Welsh `narrative/cy/<document>/<id>.md`) when there is one, else the shared `<id>.md` beside it."""
        texts = self.narrative
        text = (texts.get(f"{self.doc}/{section_id}") if self.doc else None) or texts.get(section_id)
        if text is None:
            from ..evidence.narrative import language_folder

            where = f"{language_folder(self.ev.languages, self.lang)}/{section_id}.md"
            return [Paragraph([Run(self._("This section is still to be written ({file}).")
                                   .format(file=where))], "note")]
        return to_items(text.text, self.figure_texts())

    def chart(self, name: str) -> Chart:
        """A chart drawn here when the build has not drawn it already (in its workers, or from its cache)."""
        if name not in self._charts:
            function, args = charts.specs(self)[name]
            self._charts[name] = getattr(charts, function)(*args)
        return self._charts[name]

    def use_charts(self, drawn: dict[str, Chart]) -> None:
        self._charts.update(drawn)
