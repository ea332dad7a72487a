"""The blocks more than one document shows: engagement at a glance, the standard tables, outcomes, the action
plan, the reading list, goals, reach and budget. Each takes the Writer and returns content items.
"""
from __future__ import annotations

from ..evidence import taxonomies as tx
from ..figures import Reach
from .content import Facts, Heading, Item, ListBlock, Paragraph, Run, Table


def reach_rows(w, rows: list[Reach], table: dict) -> list[tuple[str, int, int]]:
    """(label, meetings, attendances) for a chart or a sheet."""
    return [(w.label(table, r.key), r.meetings, r.people) for r in rows]


def engagement_facts(w) -> Facts:
    _ = w._
    f = w.fig
    return Facts(_("Engagement at a glance"), [
        (_("Meetings held"), w.num(f.meetings_held)),
        (_("People reached (attendances)"), w.num(f.people_reached)),
        (_("Organisations met"), w.num(f.organisations_met)),
        (_("Nations covered"), w.num(f.nations_covered)),
        (_("Partner organisations (all roles)"), w.num(f.partners)),
    ])


def reach_table(w, caption: str, first: str, rows: list[Reach], table: dict) -> Table:
    _ = w._
    return Table(caption, [first, _("Meetings"), _("Attendances")],
                 [[w.label(table, r.key), w.num(r.meetings), w.num(r.people)] for r in rows],
                 [False, True, True], widths=[3, 1, 1])


def organisations_table(w) -> Table:
    _ = w._
    rows = [[p.name, w.label(tx.PARTNER_TYPES, p.type), w.label(tx.NATIONS, p.nation),
             w.num(w.fig.meetings_with[p.id])] for p in sorted(w.fig.organisations, key=lambda p: w.sort_key(p.name))]
    return Table(_("Organisations we met"), [_("Organisation"), _("Type"), _("Nation"), _("Meetings")], rows,
                 [False, False, False, True], widths=[4, 2, 2, 1.4])


def meetings_table(w) -> Table:
    _ = w._
    rows = [[w.day(m.date), m.title, w.label(tx.MEETING_KINDS, m.kind),
             w.label(tx.NATIONS, m.nation) if m.nation else "—", w.num(m.attendees)]
            for m in w.fig.held]
    return Table(_("Meetings held"), [_("Date"), _("Meeting"), _("Kind"), _("Nation"), _("Attendance")], rows,
                 [False, False, False, False, True], footer=["", _("Total"), "", "",
                                                            w.num(w.fig.people_reached)],
                 widths=[1.9, 4.0, 2.3, 1.6, 1.9])     # room for the Welsh "Uwchgynhadledd", "Presenoldeb"


def meeting_summaries(w) -> list[Item]:
    """What each held meeting was about, in its own words (the meetings' `summary`), under the meetings table."""
    _ = w._
    entries = [[Paragraph([Run(f"{w.day(m.date)}, {m.title}: ", bold=True), Run(m.summary)])]
               for m in w.fig.held if m.summary]
    return [Heading(2, _("What each meeting was about")), ListBlock(False, entries)] if entries else []


def partners_table(w) -> Table:
    _ = w._
    partners = sorted(w.ev.partners, key=lambda p: (list(tx.PARTNER_ROLES).index(p.role), w.sort_key(p.name)))
    rows = [[p.name, w.label(tx.PARTNER_TYPES, p.type), w.label(tx.NATIONS, p.nation),
             w.label(tx.PARTNER_ROLES, p.role)] for p in partners]
    return Table(_("Partners"), [_("Partner"), _("Type"), _("Nation"), _("Role")], rows, widths=[4, 2, 2, 2])


def outcome_heading(w, o) -> list[Item]:
    """An outcome's title as a heading, then its type and the goals it serves."""
    _ = w._
    goals = [_("SDG {n}").format(n=n) + f": {_(tx.SDGS[n])}" for n in o.sdgs]
    goals += [w.label(tx.WELLBEING_GOALS, g) for g in o.wellbeing_goals]
    line = [Run(_("Type") + ": ", bold=True), Run(w.label(tx.OUTCOME_TYPES, o.type) + ".")]
    if goals:
        line += [Run(" "), Run(_("Goals") + ": ", bold=True), Run("; ".join(goals) + ".")]
    return [Heading(2, o.title, o.id), Paragraph(line)]


def outcome_items(w, measured_how: bool = False) -> list[Item]:
    _ = w._
    items: list[Item] = []
    for o in w.fig.development_outcomes:          # the funded ones are the proposal's (funded_blocks)
        items += outcome_heading(w, o)
        if o.indicators:
            rows = []
            for i in o.indicators:
                how = _("Counted from the evidence") if i.measure else _("Reported by partners")
                row = [i.name, i.unit or "", w.num(i.baseline), w.num(i.target),
                       w.num(w.fig.actual(o.id, i))]
                rows.append(row + [how] if measured_how else row)
            columns = [_("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Actual")]
            numeric, widths = [False, False, True, True, True], [4, 1.6, 1.5, 1.5, 1.5]
            if measured_how:
                columns, numeric, widths = columns + [_("How measured")], numeric + [False], widths + [2.2]
            items.append(Table(_("Indicators"), columns, rows, numeric, widths=widths))   # under the outcome's heading
    if not items:
        items.append(Paragraph([Run(_("No outcomes have been recorded yet (outcomes.yaml)."))], "note"))
    return items


def action_plan_items(w) -> list[Item]:
    _ = w._
    items: list[Item] = [Facts(_("Activities by status"), [
        (w.label(tx.ACTION_STATUSES, s), w.num(n)) for s, n in w.fig.actions_by_status.items()])]
    if any(a.when for a in w.ev.action_plan):
        items.append(w.chart("timeline"))
    for stream, actions in w.fig.workstreams:
        items.append(Heading(2, stream))
        rows = [[a.activity, w.period(a.when), w.names(a.leads) or "—",
                 w.label(tx.ACTION_STATUSES, a.status) if a.status else "—"] for a in actions]
        items.append(Table(_("Activities"), [_("Activity"), _("When"), _("Leads"), _("Status")], rows,
                           widths=[5, 1.6, 2.6, 1.4]))                     # under the work stream's heading
    return items


def reading_list(w) -> list[Item]:
    _ = w._
    entries = []
    for item in sorted(w.ev.reading_list, key=lambda r: (w.sort_key(r.source), w.sort_key(r.title))):
        runs = [Run(item.source + (f" ({item.year})" if item.year else "") + ". "), Run(item.title, italic=True),
                Run(".")]
        if item.kind:
            runs.append(Run(" " + w.label(tx.READING_KINDS, item.kind) + "."))
        if item.url:
            runs += [Run(" "), Run(item.url, href=item.url)]
        entry: list[Item] = [Paragraph(runs)]
        if item.notes:
            entry.append(Paragraph([Run(item.notes)], "note"))
        entries.append(entry)
    if not entries:
        return [Paragraph([Run(_("The reading list is empty (reading-list.csv)."))], "note")]
    return [ListBlock(True, entries)]


def focus_items(w) -> list[Item]:
    _ = w._
    focus = w.ev.project.focus
    sdgs = sorted(set(focus.sdgs) | {n for o in w.ev.outcomes for n in o.sdgs})
    goals = list(dict.fromkeys(list(focus.wellbeing_goals) + [g for o in w.ev.outcomes
                                                              for g in o.wellbeing_goals]))
    items: list[Item] = [Heading(2, _("Sustainable Development Goals"))]
    items.append(ListBlock(False, [[Paragraph([Run(_("SDG {n}").format(n=n) + ": ", bold=True), Run(_(tx.SDGS[n]))])]
                                   for n in sdgs]) if sdgs else
                 Paragraph([Run(_("No goals chosen yet."))], "note"))
    items.append(Heading(2, _("Well-being of Future Generations (Wales) Act goals")))
    items.append(ListBlock(False, [[Paragraph([Run(w.label(tx.WELLBEING_GOALS, g))])] for g in goals])
                 if goals else Paragraph([Run(_("No goals chosen yet."))], "note"))
    rows = [[o.title, ", ".join(str(n) for n in o.sdgs) or "—",
             "; ".join(w.label(tx.WELLBEING_GOALS, g) for g in o.wellbeing_goals) or "—"]
            for o in w.ev.outcomes]
    if rows:
        items.append(Table(_("How each outcome serves the goals"), [_("Outcome"), _("SDGs"),
                                                                   _("Well-being goals")], rows,
                           widths=[4, 1, 4]))
    return items


def characteristics_items(w) -> list[Item]:
    _ = w._
    items: list[Item] = []
    if w.fig.by_characteristic:
        items += [w.chart("characteristics"),
                  reach_table(w, _("Meetings and attendances by protected characteristic"), _("Characteristic"),
                                   w.fig.by_characteristic, tx.CHARACTERISTICS)]
    return items


def nations_items(w) -> list[Item]:
    _ = w._
    if not w.fig.by_nation:
        return []
    return [w.chart("nations"), reach_table(w, _("Meetings and attendances by nation"), _("Nation"), w.fig.by_nation,
                                                    tx.NATIONS)]


def budget_items(w) -> list[Item]:
    _ = w._
    f = w.fig
    if not w.ev.budget:
        return [Paragraph([Run(_("No budget lines yet (budget.csv)."))], "note")]
    years = f.budget_years
    year_label = {y: (_("Year {n}").format(n=y) if y else _("Any year")) for y in years}
    rows = [[heading] + [w.money(cells.get(y, 0)) for y in years] + [w.money(sum(cells.values()))]
            for heading, cells in f.budget_table.items()]
    footer = [_("Total")] + [w.money(sum(c.get(y, 0) for c in f.budget_table.values())) for y in years]
    footer.append(w.money(f.budget_total))
    table = Table(_("Budget by heading and year"), [_("Heading")] + [year_label[y] for y in years] + [_("Total")],
                  rows, [False] + [True] * (len(years) + 1), footer)
    split = Facts(_("Budget summary"), [(w.label(tx.COST_TYPES, t), w.money(v))
                                        for t, v in f.budget_by_type.items()]
                  + [(_("Total requested"), w.money(f.budget_total))])
    return [w.chart("budget"), table, split]
