"""The three documents as content: which sections, in which order, saying what.

Sections and headings follow SPEC.md exactly; every figure comes from `figures.Figures`, every label goes
through gettext, and both renderers draw the same `content.Document`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import charts
from . import taxonomies as tx
from .content import Chart, Document, Facts, Heading, Item, ListBlock, Paragraph, Run, Section, Table
from .evidence import Evidence
from .figures import Figures, Reach
from .funders import Profile, count_words
from .i18n import BCP47, format_date, format_money, format_number, gettext_for
from .narrative import to_items

DOCUMENTS = ("concept-paper", "project-report", "funding-proposal")


@dataclass
class Writer:
    """What every section needs: the evidence, its figures, the language, and charts made at most once."""

    ev: Evidence
    fig: Figures
    profile: Profile | None
    lang: str = "en"

    def __post_init__(self):
        self._ = gettext_for(self.lang)
        self._charts: dict[str, Chart] = {}

    # ------------------------------------------------------------ small formatting helpers
    def money(self, amount: int | None) -> str:
        return "—" if amount is None else format_money(amount, self.lang)

    def num(self, value) -> str:
        return "—" if value is None else format_number(value, self.lang)

    def day(self, value: date | None) -> str:
        return "—" if value is None else format_date(value, self.lang)

    def label(self, table: dict, key) -> str:
        return self._(table[key]) if key in table else str(key)

    def names(self, refs: list[str]) -> str:
        found = []
        for ref in refs:
            pid = next((p.id for p in self.ev.partners if tx.fold(ref) in (tx.fold(p.id), tx.fold(p.name))), None)
            found.append(self.ev.partner(pid).name if pid else ref)
        return ", ".join(found)

    def figure_texts(self) -> dict[str, str]:
        return {k: self.money(v) if k == "amount_requested" else self.num(v)
                for k, v in self.fig.counted().items()}

    def prose(self, section_id: str) -> list[Item]:
        text = self.ev.narrative.get(section_id)
        if text is None:
            return [Paragraph([Run(self._("This section is still to be written (narrative/{id}.md).")
                                   .format(id=section_id))], "note")]
        return to_items(text.text, self.figure_texts())

    def chart(self, name: str) -> Chart:
        if name not in self._charts:
            function, args = self.chart_specs()[name]
            self._charts[name] = getattr(charts, function)(*args)
        return self._charts[name]

    def chart_specs(self) -> dict[str, tuple[str, tuple]]:
        """Each chart as (function in charts.py, plain arguments): what build.py draws in parallel and caches."""
        f, lang = self.fig, self.lang
        bars = [(stream, a.activity, a.when.start if a.when else None, a.when.end if a.when else None,
                 self.label(tx.ACTION_STATUSES, a.status or "planned"))
                for stream, actions in f.workstreams for a in actions if a.when is not None]
        return {
            "engagement": ("engagement_over_time", (f.by_month, lang)),
            "nations": ("reach_by_nation", (self.reach_rows(f.by_nation, tx.NATIONS), lang)),
            "characteristics": ("reach_by_characteristic",
                                (self.reach_rows(f.by_characteristic, tx.CHARACTERISTICS), lang)),
            "timeline": ("action_plan_timeline", (bars, self.ev.project.as_of, lang)),
            "budget": ("budget_by_heading", (f.budget_by_heading, lang)),
        }

    def use_charts(self, drawn: dict[str, Chart]) -> None:
        self._charts.update(drawn)

    def reach_rows(self, rows: list[Reach], table: dict) -> list[tuple[str, int, int]]:
        return [(self.label(table, r.key), r.meetings, r.people) for r in rows]

    # ------------------------------------------------------------ shared blocks
    def engagement_facts(self) -> Facts:
        _ = self._
        f = self.fig
        return Facts(_("Engagement at a glance"), [
            (_("Meetings held"), self.num(f.meetings_held)),
            (_("People reached"), self.num(f.people_reached)),
            (_("Organisations met"), self.num(f.organisations_met)),
            (_("Nations covered"), self.num(f.nations_covered)),
            (_("Partners"), self.num(f.partners)),
        ])

    def reach_table(self, caption: str, first: str, rows: list[Reach], table: dict) -> Table:
        _ = self._
        return Table(caption, [first, _("Meetings"), _("People")],
                     [[self.label(table, r.key), self.num(r.meetings), self.num(r.people)] for r in rows],
                     [False, True, True], widths=[3, 1, 1])

    def organisations_table(self) -> Table:
        _ = self._
        rows = [[p.name, self.label(tx.PARTNER_TYPES, p.type), self.label(tx.NATIONS, p.nation),
                 self.num(self.fig.meetings_with[p.id])] for p in self.fig.organisations]
        return Table(_("Organisations we met"), [_("Organisation"), _("Type"), _("Nation"), _("Meetings")], rows,
                     [False, False, False, True], widths=[4, 2, 2, 1.4])

    def meetings_table(self) -> Table:
        _ = self._
        rows = [[self.day(m.date), m.title, self.label(tx.MEETING_KINDS, m.kind),
                 self.label(tx.NATIONS, m.nation) if m.nation else "—", self.num(m.attendees)]
                for m in self.fig.held]
        return Table(_("Meetings held"), [_("Date"), _("Meeting"), _("Kind"), _("Nation"), _("People")], rows,
                     [False, False, False, False, True], footer=["", _("Total"), "", "",
                                                                self.num(self.fig.people_reached)],
                     widths=[2, 5, 1.5, 1.8, 1.4])

    def partners_table(self) -> Table:
        _ = self._
        partners = sorted(self.ev.partners, key=lambda p: (list(tx.PARTNER_ROLES).index(p.role), p.name.casefold()))
        rows = [[p.name, self.label(tx.PARTNER_TYPES, p.type), self.label(tx.NATIONS, p.nation),
                 self.label(tx.PARTNER_ROLES, p.role)] for p in partners]
        return Table(_("Partners"), [_("Partner"), _("Type"), _("Nation"), _("Role")], rows, widths=[4, 2, 2, 2])

    def outcome_items(self, measured_how: bool = False) -> list[Item]:
        _ = self._
        items: list[Item] = []
        for o in self.ev.outcomes:
            items.append(Heading(2, o.title, o.id))
            goals = [f"SDG {n}: {_(tx.SDGS[n])}" for n in o.sdgs]
            goals += [self.label(tx.WELLBEING_GOALS, g) for g in o.wellbeing_goals]
            line = [Run(_("Type") + ": ", bold=True), Run(self.label(tx.OUTCOME_TYPES, o.type))]
            if goals:
                line += [Run(". " + _("Goals") + ": ", bold=True), Run("; ".join(goals))]
            items.append(Paragraph(line))
            if o.indicators:
                rows = []
                for i in o.indicators:
                    how = _("Counted from the evidence") if i.measure else _("Reported by partners")
                    row = [i.name, i.unit or "", self.num(i.baseline), self.num(i.target),
                           self.num(self.fig.actual(o.id, i))]
                    rows.append(row + [how] if measured_how else row)
                columns = [_("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Actual")]
                numeric, widths = [False, False, True, True, True], [4, 1.6, 1.5, 1.5, 1.5]
                if measured_how:
                    columns, numeric, widths = columns + [_("How measured")], numeric + [False], widths + [2.2]
                items.append(Table(_("Indicators for: {title}").format(title=o.title), columns, rows, numeric,
                                   widths=widths))
        if not items:
            items.append(Paragraph([Run(_("No outcomes have been recorded yet (outcomes.yaml)."))], "note"))
        return items

    def action_plan_items(self) -> list[Item]:
        _ = self._
        items: list[Item] = [Facts(_("Activities by status"), [
            (self.label(tx.ACTION_STATUSES, s), self.num(n)) for s, n in self.fig.actions_by_status.items()])]
        if any(a.when for a in self.ev.action_plan):
            items.append(self.chart("timeline"))
        for stream, actions in self.fig.workstreams:
            items.append(Heading(2, stream))
            rows = [[a.activity, a.when.text if a.when else "—", self.names(a.leads) or "—",
                     self.label(tx.ACTION_STATUSES, a.status) if a.status else "—"] for a in actions]
            items.append(Table(_("Activities: {stream}").format(stream=stream),
                               [_("Activity"), _("When"), _("Leads"), _("Status")], rows, widths=[5, 1.6, 2.6, 1.4]))
        return items

    def reading_list(self) -> list[Item]:
        _ = self._
        entries = []
        for item in sorted(self.ev.reading_list, key=lambda r: (r.source.casefold(), r.title.casefold())):
            runs = [Run(item.source + (f" ({item.year})" if item.year else "") + ". "), Run(item.title, italic=True),
                    Run(".")]
            if item.kind:
                runs.append(Run(" " + self.label(tx.READING_KINDS, item.kind) + "."))
            if item.url:
                runs += [Run(" "), Run(item.url, href=item.url)]
            entry: list[Item] = [Paragraph(runs)]
            if item.notes:
                entry.append(Paragraph([Run(item.notes)], "note"))
            entries.append(entry)
        if not entries:
            return [Paragraph([Run(_("The reading list is empty (reading-list.csv)."))], "note")]
        return [ListBlock(True, entries)]

    def focus_items(self) -> list[Item]:
        _ = self._
        focus = self.ev.project.focus
        sdgs = sorted(set(focus.sdgs) | {n for o in self.ev.outcomes for n in o.sdgs})
        goals = list(dict.fromkeys(list(focus.wellbeing_goals) + [g for o in self.ev.outcomes
                                                                  for g in o.wellbeing_goals]))
        items: list[Item] = [Heading(2, _("Sustainable Development Goals"))]
        items.append(ListBlock(False, [[Paragraph([Run(f"SDG {n}: ", bold=True), Run(_(tx.SDGS[n]))])]
                                       for n in sdgs]) if sdgs else
                     Paragraph([Run(_("No goals chosen yet."))], "note"))
        items.append(Heading(2, _("Well-being of Future Generations (Wales) Act goals")))
        items.append(ListBlock(False, [[Paragraph([Run(self.label(tx.WELLBEING_GOALS, g))])] for g in goals])
                     if goals else Paragraph([Run(_("No goals chosen yet."))], "note"))
        rows = [[o.title, ", ".join(str(n) for n in o.sdgs) or "—",
                 "; ".join(self.label(tx.WELLBEING_GOALS, g) for g in o.wellbeing_goals) or "—"]
                for o in self.ev.outcomes]
        if rows:
            items.append(Table(_("How each outcome serves the goals"), [_("Outcome"), _("SDGs"),
                                                                       _("Well-being goals")], rows,
                               widths=[4, 1, 4]))
        return items

    def characteristics_items(self) -> list[Item]:
        _ = self._
        items: list[Item] = []
        if self.fig.by_characteristic:
            items += [self.chart("characteristics"),
                      self.reach_table(_("Reach by protected characteristic"), _("Characteristic"),
                                       self.fig.by_characteristic, tx.CHARACTERISTICS)]
        return items

    def nations_items(self) -> list[Item]:
        _ = self._
        if not self.fig.by_nation:
            return []
        return [self.chart("nations"), self.reach_table(_("Reach by nation"), _("Nation"), self.fig.by_nation,
                                                        tx.NATIONS)]

    def budget_items(self) -> list[Item]:
        _ = self._
        f = self.fig
        if not self.ev.budget:
            return [Paragraph([Run(_("No budget lines yet (budget.csv)."))], "note")]
        years = f.budget_years
        year_label = {y: (_("Year {n}").format(n=y) if y else _("Any year")) for y in years}
        rows = [[heading] + [self.money(cells.get(y, 0)) for y in years] + [self.money(sum(cells.values()))]
                for heading, cells in f.budget_table.items()]
        footer = [_("Total")] + [self.money(sum(c.get(y, 0) for c in f.budget_table.values())) for y in years]
        footer.append(self.money(f.budget_total))
        table = Table(_("Budget by heading and year"), [_("Heading")] + [year_label[y] for y in years] + [_("Total")],
                      rows, [False] + [True] * (len(years) + 1), footer)
        split = Facts(_("Budget summary"), [(self.label(tx.COST_TYPES, t), self.money(v))
                                            for t, v in f.budget_by_type.items()]
                      + [(_("Total requested"), self.money(f.budget_total))])
        return [self.chart("budget"), table, split]

    # ------------------------------------------------------------ the documents
    def concept_paper(self) -> list[Section]:
        _ = self._
        return [
            Section("summary", _("Summary"), self.prose("summary")),
            Section("why-this-matters", _("Why this matters"), self.prose("rationale")),
            Section("goals", _("Sustainable Development Goals and well-being goals"), self.focus_items()),
            Section("open-government", _("Open Government"), self.prose("open-government")),
            Section("approach", _("Our approach"), self.prose("approach")),
            Section("engaged", _("Who we have engaged"), [self.engagement_facts(), *self.nations_items(),
                                                          self.organisations_table()]),
            Section("outcomes", _("Intended outcomes"), self.outcome_items()),
            Section("next-steps", _("Next steps"), self.prose("next-steps")),
            Section("reading-list", _("Reading list"), self.reading_list()),
        ]

    def project_report(self) -> list[Section]:
        _ = self._
        return [
            Section("summary", _("Summary"), [*self.prose("summary"), self.engagement_facts()]),
            Section("background", _("Background and aims"), [*self.prose("rationale"), *self.focus_items()]),
            Section("progress", _("Progress against the action plan"), self.action_plan_items()),
            Section("who-we-met", _("Who we met"), [self.chart("engagement"), self.organisations_table(),
                                                    self.meetings_table()] if self.fig.held else
                    [Paragraph([Run(_("No meetings have been held yet."))], "note")]),
            Section("partners-and-reach", _("Partners and reach"), [self.partners_table(), *self.nations_items(),
                                                                    *self.characteristics_items()]),
            Section("outcomes", _("Outcomes and indicators"), self.outcome_items(measured_how=True)),
            Section("lessons", _("Lessons and next steps"), [*self.prose("lessons"), *self.prose("next-steps")]),
            Section("reading-list", _("Reading list"), self.reading_list()),
        ]

    def funding_proposal(self) -> list[Section]:
        _ = self._
        p = self.ev.project
        glance = Facts(_("Project at a glance"), [
            (_("Project name"), p.title),
            (_("Amount requested"), self.money(p.amount_requested)),
            (_("Total cost"), self.money(p.cost)),
            (_("Duration"), _("{n} years").format(n=p.duration_years) if p.duration_years else "—"),
            (_("Start date"), self.day(p.start_date)),
            (_("Nations"), ", ".join(self.label(tx.NATIONS, n) for n in p.nations)),
            (_("Locations"), p.locations or "—"),
            (_("Lead partner"), self.ev.lead.name),
            (_("Partners"), self.num(self.fig.partners)),
        ])
        sections = [Section("at-a-glance", _("Project at a glance"), [glance])]
        for q in self.profile.questions if self.profile else []:
            items = self.prose(q.id)
            if self.ev.project.status == "draft" and q.id in self.ev.narrative:
                words = count_words(self.ev.narrative[q.id].text)
                limit = f"{words} / {q.max_words}" if q.max_words else str(words)
                note = _("{count} words").format(count=limit)
                if q.min_words:
                    note += " " + _("(at least {n})").format(n=q.min_words)
                items.append(Paragraph([Run(note)], "note"))
            sections.append(Section(q.id, q.title, items))
        leads = [[self.label(tx.NATIONS, n), ", ".join(x.name for x in self.ev.partners
                                                       if x.nation == n and x.role in ("lead", "consortium")) or "—"]
                 for n in tx.NATIONS if any(x.nation == n for x in self.ev.partners)]
        sections += [
            Section("partnership", _("The partnership"), [
                Table(_("Lead and consortium partners in each nation"), [_("Nation"), _("Partners")], leads,
                      widths=[1, 4]), self.partners_table()]),
            Section("who-will-benefit", _("Who will benefit"), [self.benefit_paragraph(),
                                                               *self.characteristics_items(),
                                                               *self.nations_items()]),
            Section("involvement", _("How people have been involved"), [self.engagement_facts(),
                                                                       *self.summit_items(),
                                                                       self.meetings_table()]),
            Section("outcomes", _("Outcomes and how we will measure them"), self.outcome_items(measured_how=True)),
            Section("timetable", _("Timetable"), self.action_plan_items()),
            Section("budget", _("Budget"), self.budget_items()),
        ]
        return sections

    def benefit_paragraph(self) -> Paragraph:
        _ = self._
        chars = list(dict.fromkeys(self.ev.project.focus.characteristics
                                   + [c for p in self.ev.partners for c in p.characteristics]))
        people = ", ".join(self.label(tx.CHARACTERISTICS, c).lower() for c in chars) or _("not yet recorded")
        nations = ", ".join(self.label(tx.NATIONS, n) for n in self.ev.project.nations)
        return Paragraph([Run(_("People who share protected characteristics, and the groups that work with them: "
                                "{people}. The work covers {nations}.").format(people=people, nations=nations))])

    def summit_items(self) -> list[Item]:
        _ = self._
        summits = [m for m in self.fig.held if m.kind == "summit"]
        return [Paragraph([Run(_("Summit") + ": ", bold=True),
                           Run(_("{title}, {date}: {people} people.").format(title=m.title, date=self.day(m.date),
                                                                            people=self.num(m.attendees)))])
                for m in summits]


def subtitle(w: Writer, doc_id: str) -> str:
    _ = w._
    p = w.ev.project
    if doc_id == "funding-proposal" and w.profile:
        return f"{w.profile.funder}: {_(w.profile.programme)}"
    return _("{start} to {end}").format(start=w.day(p.period.start), end=w.day(p.period.end))


def document(w: Writer, doc_id: str) -> Document:
    _ = w._
    names = {"concept-paper": _("Concept paper"), "project-report": _("Project report"),
             "funding-proposal": _("Funding proposal")}
    sections = {"concept-paper": w.concept_paper, "project-report": w.project_report,
                "funding-proposal": w.funding_proposal}[doc_id]()
    p = w.ev.project
    return Document(
        id=doc_id, name=names[doc_id], title=p.title, subtitle=subtitle(w, doc_id), lead=w.ev.lead.name,
        date=w.day(p.as_of), version=p.version or ("1.0" if p.status == "final" else "0.1"),
        draft=p.status == "draft", lang=BCP47.get(p.language, p.language), sections=sections,
        keywords=["Sustainable Development Goals", "Open Government", "equality"],
    )
