"""What every section of every document needs: the evidence, its figures, the language, and small formatters.

A block or a document takes the Writer `w` and returns content; the Writer holds no document's layout, so a new
document is a new module beside the others, not a new method here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..evidence import Evidence
from ..evidence.funders.profile import Profile
from ..figures import Figures
from ..i18n import format_date, format_money, format_number, gettext_for
from . import charts
from .content import Chart, Item, Paragraph, Run
from .markdown import to_items


def N_(message: str) -> str:
    """Marks a label for translation where it is defined; it is translated where it is shown (`w._(NAME)`)."""
    return message


@dataclass
class Writer:
    ev: Evidence
    fig: Figures
    profile: Profile | None
    lang: str = "en"
    doc: str | None = None          # the document being written: its own narrative sections come first

    def __post_init__(self):
        self._ = gettext_for(self.lang)
        self._charts: dict[str, Chart] = {}

    def money(self, amount: int | None) -> str:
        return "—" if amount is None else format_money(amount, self.lang)

    def num(self, value) -> str:
        return "—" if value is None else format_number(value, self.lang)

    def day(self, value: date | None) -> str:
        return "—" if value is None else format_date(value, self.lang)

    def label(self, table: dict, key) -> str:
        return self._(table[key]) if key in table else str(key)

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
        """`narrative/<document>/<id>.md` when the document has its own version, else `narrative/<id>.md`."""
        text = self.ev.narrative.get(f"{self.doc}/{section_id}") or self.ev.narrative.get(section_id)
        if text is None:
            return [Paragraph([Run(self._("This section is still to be written (narrative/{id}.md).")
                                   .format(id=section_id))], "note")]
        return to_items(text.text, self.figure_texts())

    def chart(self, name: str) -> Chart:
        """A chart drawn here when the build has not drawn it already (in its workers, or from its cache)."""
        if name not in self._charts:
            function, args = charts.specs(self)[name]
            self._charts[name] = getattr(charts, function)(*args)
        return self._charts[name]

    def use_charts(self, drawn: dict[str, Chart]) -> None:
        self._charts.update(drawn)
