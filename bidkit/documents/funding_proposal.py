"""The funding proposal: the funder's questions answered within their limits, then the partnership,
who will benefit, involvement so far, outcomes, timetable and budget."""
from __future__ import annotations

from ..evidence import taxonomies as tx
from ..evidence.text import count_words
from .blocks import action_plan_items, budget_items, characteristics_items, engagement_facts, meetings_table, nations_items, outcome_items, partners_table
from .content import Facts, Item, Paragraph, Run, Section, Table
from .writer import N_

NAME = N_("Funding proposal")


def sections(w) -> list[Section]:
    _ = w._
    p = w.ev.project
    glance = Facts(_("Project at a glance"), [
        (w.text(w.profile.project_name) if w.profile and w.profile.project_name.has(w.lang) else _("Project name"),
         p.title),
        (_("Amount requested"), w.money(p.amount_requested)),
        (_("Total cost"), w.money(p.cost)),
        (_("Duration"), w.n_("{n} year", "{n} years", p.duration_years).format(n=p.duration_years)
         if p.duration_years else "—"),
        (_("Start date"), w.day(p.start_date)),
        (_("Nations"), ", ".join(w.label(tx.NATIONS, n) for n in p.nations)),
        (_("Locations"), p.locations or "—"),
        (_("Lead partner"), w.ev.lead.name),
        (_("Partners"), w.num(w.fig.partners)),
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
    leads = [[w.label(tx.NATIONS, n), ", ".join(x.name for x in w.ev.partners
                                                   if x.nation == n and x.role in ("lead", "consortium")) or "—"]
             for n in tx.NATIONS if any(x.nation == n for x in w.ev.partners)]
    sections += [
        Section("partnership", _("The partnership"), [
            Table(_("Lead and consortium partners in each nation"), [_("Nation"), _("Partners")], leads,
                  widths=[1, 4]), partners_table(w)]),
        Section("who-will-benefit", _("Who will benefit"), [benefit_paragraph(w),
                                                           *characteristics_items(w),
                                                           *nations_items(w)]),
        Section("involvement", _("How people have been involved"), [engagement_facts(w),
                                                                   *summit_items(w),
                                                                   meetings_table(w)]),
        Section("outcomes", _("Outcomes and how we will measure them"), outcome_items(w, measured_how=True)),
        Section("timetable", _("Timetable"), action_plan_items(w)),
        Section("budget", _("Budget"), budget_items(w)),
    ]
    return sections



def benefit_paragraph(w) -> Paragraph:
    _ = w._
    chars = list(dict.fromkeys(w.ev.project.focus.characteristics
                               + [c for p in w.ev.partners for c in p.characteristics]))
    people = ", ".join(w.label(tx.CHARACTERISTICS, c).lower() for c in chars) or _("not yet recorded")
    nations = ", ".join(w.label(tx.NATIONS, n) for n in w.ev.project.nations)
    return Paragraph([Run(_("People who share protected characteristics, and the groups that work with them: "
                            "{people}. The work covers {nations}.").format(people=people, nations=nations))])


def summit_items(w) -> list[Item]:
    _ = w._
    summits = [m for m in w.fig.held if m.kind == "summit"]
    return [Paragraph([Run(_("Summit") + ": ", bold=True),
                       Run(w.n_("{title}, {date}: {people} person.", "{title}, {date}: {people} people.",
                                m.attendees or 0).format(title=m.title, date=w.day(m.date),
                                                         people=w.num(m.attendees)))])
            for m in summits]


def subtitle(w) -> str | None:
    return f"{w.text(w.profile.funder)}: {w.text(w.profile.programme)}" if w.profile else None
