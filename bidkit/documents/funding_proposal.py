"""The funding proposal: the funder's questions answered within their limits, then the partnership,
who will benefit, involvement so far, outcomes, timetable and budget."""
from __future__ import annotations

from ..evidence import taxonomies as tx
from ..evidence.text import count_words
from ..i18n import format_list
from .blocks import budget_items, characteristics_items, engagement_facts, meetings_table, nations_items
from .content import Facts, Item, Paragraph, Run, Section
from .funded_blocks import benefit_items, delivery_plan_items, funded_outcome_items, funding_items, partnership_items
from .writer import N_

NAME = N_("Funding proposal")


def sections(w) -> list[Section]:
    _ = w._
    p = w.ev.project
    glance = Facts(_("Key facts"), [                    # the section is "Project at a glance"
        (w.text(w.profile.project_name) if w.profile and w.profile.project_name.has(w.lang) else _("Project name"),
         p.title),
        (_("Amount requested"), w.money(p.amount_requested)),
        (_("Other funding"), w.money(w.fig.other_funding_total)),
        (_("Total cost"), w.money(w.fig.total_cost)),
        (_("Duration"), w.n_("{n} year", "{n} years", p.duration_years).format(n=p.duration_years)
         if p.duration_years else "—"),
        (_("Start date"), w.day(p.start_date)),
        (_("Nations"), format_list([w.label(tx.NATIONS, n) for n in p.nations], w.lang)),
        (_("Locations"), p.locations or "—"),
        (_("Lead partner"), w.ev.lead.name),
        (_("Consortium members"), w.num(sum(w.fig.partners_by_role.get(r, 0) for r in ("lead", "consortium")))),
        (_("People who will benefit"), w.num(w.fig.beneficiaries)),
    ])
    sections = [Section("at-a-glance", _("Project at a glance"), [glance])]
    for q in w.profile.questions if w.profile else []:
        items = w.prose(q.id)
        if w.ev.project.status == "draft" and q.id in w.narrative:
            words = count_words(w.narrative[q.id].text)
            limit = f"{words} / {q.max_words}" if q.max_words else str(words)
            note = _("{count} words").format(count=limit)
            if q.min_words:
                note += " " + _("(at least {n})").format(n=q.min_words)
            items.append(Paragraph([Run(note)], "note"))
        sections.append(Section(q.id, w.text(q.title), items))
    sections += [
        Section("partnership", _("The partnership"), partnership_items(w)),
        Section("who-will-benefit", _("Who will benefit"), benefit_items(w)),
        Section("involvement", _("How people have been involved"), [
            Paragraph([Run(_("Before applying, we met the people the work is for. These figures are the "
                             "development work so far, not the plan."))]),
            engagement_facts(w), *summit_items(w), meetings_table(w), *nations_items(w),
            *characteristics_items(w)]),
        Section("outcomes", _("Outcomes and how we will measure them"), funded_outcome_items(w)),
        Section("timetable", _("Timetable"), delivery_plan_items(w)),
        Section("budget", _("Budget"), funding_items(w) + budget_items(w)),
    ]
    return sections



def summit_items(w) -> list[Item]:
    _ = w._
    summits = [m for m in w.fig.held if m.kind == "summit"]
    return [Paragraph([Run(_("Summit") + ": ", bold=True),
                       Run(w.n_("{title}, {date}: attended by {people} person.",
                                "{title}, {date}: attended by {people} people.",
                                m.attendees or 0).format(title=m.title, date=w.day(m.date),
                                                         people=w.num(m.attendees)))])
            for m in summits]


def subtitle(w) -> str | None:
    return f"{w.text(w.profile.funder)}: {w.text(w.profile.programme)}" if w.profile else None
