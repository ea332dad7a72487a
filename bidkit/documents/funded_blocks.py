"""The blocks of the funded work, which only the funding proposal shows: the delivery plan as its Timetable, the
funded outcomes with their yearly targets, the total cost with the other funding, who will benefit and the
partnership by role. The development work (the action plan so far, meetings held) is never shown as the plan.
"""
from __future__ import annotations

from ..evidence import taxonomies as tx
from ..evidence.dates import grant_span
from ..i18n import format_list, format_month
from .blocks import outcome_heading
from .content import Facts, Heading, Item, ListBlock, Paragraph, Run, Table


def span_text(w, year: int, quarter: int | None = None) -> str:
    """`Sep 2019 – Nov 2019`: the real months of a year or quarter of the grant, from start_date."""
    start = w.ev.project.start_date
    if start is None:
        return ""
    first, last = grant_span(start, year, quarter)
    return f"{format_month(first, w.lang)} – {format_month(last, w.lang)}"


def year_label(w, year: int) -> str:
    """`Year 1` over `from Sept 2019`, for a chart's axis."""
    start = w.ev.project.start_date
    label = w._("Year {n}").format(n=year)
    return label + ("\n" + w._("from {month}").format(month=format_month(grant_span(start, year)[0], w.lang))
                    if start else "")


def quarter_label(w, year: int, quarter: int | None) -> str:
    """`Q2 (Dec 2019 – Feb 2020)`, `Whole year (Sept 2020 – Aug 2021)`: a quarter in real months."""
    _ = w._
    months = span_text(w, year, quarter)
    name = _("Q{n}").format(n=quarter) if quarter else _("Whole year")
    return f"{name} ({months})" if months else name


def year_title(w, year: int) -> str:
    months = span_text(w, year)
    title = w._("Year {n}").format(n=year)
    return f"{title}: {months}" if months else title


def delivery_plan_items(w) -> list[Item]:
    """The Timetable: the grant's years and quarters in real months, each activity with its leads, outputs and
    whether it is a milestone, a chart of the whole grant by quarter, and the milestones on their own."""
    _ = w._
    p, f = w.ev.project, w.fig
    if not f.delivery_years:
        return [Paragraph([Run(_("No delivery plan yet (delivery-plan.csv): add what the grant will pay for, "
                                 "year by year."))], "note")]
    items: list[Item] = []
    if p.start_date and p.duration_years:
        first, last = grant_span(p.start_date, 1)[0], grant_span(p.start_date, p.duration_years)[1]
        items.append(Paragraph([Run(w.n_("The grant runs for {n} year, from {start} to {end}. Each year has four "
                                         "quarters of three months, counted from the start date.",
                                         "The grant runs for {n} years, from {start} to {end}. Each year has four "
                                         "quarters of three months, counted from the start date.", p.duration_years)
                                    .format(n=p.duration_years, start=w.day(first), end=w.day(last)))]))
    streams = sorted({(a.workstream_number or 999, a.workstream) for _y, acts in f.delivery_years for a in acts
                      if a.workstream})
    if streams:
        items += [Heading(2, _("Work streams")),
                  ListBlock(False, [[Paragraph([Run(s)])] for _n, s in streams])]
    items.append(w.chart("delivery"))
    for year, activities in f.delivery_years:
        items.append(Heading(2, year_title(w, year)))
        rows = [[quarter_label(w, year, a.quarter), a.activity, w.names(a.leads) or "—", a.outputs or "—",
                 _("Yes") if a.is_milestone else ""] for a in activities]
        items.append(Table(_("Activities in year {n}").format(n=year),
                           [_("When"), _("Activity"), _("Leads"), _("Outputs"), _("Milestone")], rows,
                           widths=[2.1, 3.8, 3.0, 3.0, 2.3]))
    milestones = [[year_title(w, y).split(":")[0] + ", " + quarter_label(w, y, a.quarter), a.activity]
                  for y, acts in f.delivery_years for a in acts if a.is_milestone]
    if milestones:
        items += [Heading(2, _("Milestones")),
                  Table(_("Milestones of the grant, in order"), [_("When"), _("Milestone")], milestones,
                        widths=[2, 5])]
    return items


def target_years(w) -> list[int]:
    years = w.ev.project.duration_years
    found = {y for o in w.fig.funded_outcomes for i in o.indicators for y in (i.targets or {})}
    return list(range(1, (years or max(found, default=0)) + 1))


def funded_outcome_items(w) -> list[Item]:
    """Each funded outcome, each indicator with its baseline, its target for each year of the grant and how it
    will be measured: what an assessor scores the plan against."""
    _ = w._
    outcomes = w.fig.funded_outcomes
    if not outcomes:
        return [Paragraph([Run(_("No funded outcomes yet: add the outcomes the grant will deliver to outcomes.yaml "
                                 "with 'phase: funded', each indicator with its targets by year."))], "note")]
    years = target_years(w)
    items: list[Item] = [Paragraph([Run(_("What the grant will deliver. Each target is the total by the end of "
                                          "that year of the grant."))])]
    for o in outcomes:
        items += outcome_heading(w, o)
        rows = [[i.name, i.unit or "", w.num(i.baseline)]
                + [w.num((i.targets or {}).get(y)) for y in years]
                + [i.how_measured or _("Not yet stated")] for i in o.indicators]
        heads = [_("Year {n}").format(n=y) for y in years]
        items.append(Table(_("Yearly targets"),
                           [_("Indicator"), _("Unit"), _("Baseline"), *heads, _("How we will measure it")], rows,
                           [False, False, True] + [True] * len(years),
                           widths=[2.4, 2.5, 1.5] + [2.05] * len(years) + [2.85]))   # "Blwyddyn 1" unbroken
    return items


def funding_items(w) -> list[Item]:
    """The total cost as the amount requested plus the other funding, first (what an assessor checks first), then
    each source of the other funding; the cost lines follow (`blocks.budget_items`)."""
    _ = w._
    f, p = w.fig, w.ev.project
    pairs = [(_("Amount requested"), w.money(p.amount_requested))]
    pairs += [(_("Other funding: {status}").format(status=w.label(tx.FUNDING_STATUSES, s).lower() if s
                                                   else _("status not stated")), w.money(v))
              for s, v in f.other_funding_by_status.items()]
    pairs.append((_("Total cost"), w.money(f.total_cost)))
    items: list[Item] = [Facts(_("How the total cost is met"), pairs)]
    if w.ev.other_funding:
        rows = [[line.source, w.label(tx.FUNDING_STATUSES, line.status) if line.status else _("Not stated"),
                 _("Year {n}").format(n=line.year) if line.year else _("Any year"), w.money(line.amount)]
                for line in w.ev.other_funding]
        items.append(Table(_("Other funding"), [_("Source"), _("Status"), _("Year"), _("Amount")], rows,
                           [False, False, False, True], ["", "", _("Total"), w.money(f.other_funding_total)],
                           widths=[4.5, 1.6, 1.4, 1.6]))
    elif f.total_cost is not None and p.amount_requested is not None and f.total_cost > p.amount_requested:
        items.append(Paragraph([Run(_("{amount} of the total cost is not yet explained: add other-funding.csv.")
                                    .format(amount=w.money(f.total_cost - p.amount_requested)))], "note"))
    return items


def benefit_items(w) -> list[Item]:
    """Who will benefit, from one list: `beneficiaries.characteristics`, else the project's focus."""
    _ = w._
    f = w.fig
    chars = [w.label(tx.CHARACTERISTICS, c) for c in f.beneficiary_characteristics]
    nations = format_list([w.label(tx.NATIONS, n) for n in w.ev.project.nations], w.lang)
    number = (w.n_("{n} person will benefit over the grant.", "{n} people will benefit over the grant.",
                   f.beneficiaries).format(n=w.num(f.beneficiaries)) + " "
              if f.beneficiaries else "")
    items: list[Item] = [Paragraph([Run(number + _("They are people who share protected characteristics and are "
                                                   "furthest from decision-making, and the groups that work with "
                                                   "them, in {nations}.").format(nations=nations))])]
    if chars:
        items += [Paragraph([Run(_("The protected characteristics of the people the work is for:"))]),
                  ListBlock(False, [[Paragraph([Run(c)])] for c in chars])]
    else:
        items.append(Paragraph([Run(_("Not yet recorded: add beneficiaries to project.yaml."))], "note"))
    return items


def partnership_items(w) -> list[Item]:
    """The consortium counted apart from the organisations that support it and the public bodies and others
    that are stakeholders: only the consortium delivers the work."""
    _ = w._
    ev = w.ev
    by_role = {role: sorted((x for x in ev.partners if x.role == role), key=lambda x: w.sort_key(x.name))
               for role in tx.PARTNER_ROLES}
    consortium = by_role["lead"] + by_role["consortium"]
    items: list[Item] = [Paragraph([Run(_("The consortium has {n} members, led by {lead}. {s} more organisations "
                                          "support the proposal, and {k} are stakeholders we work with.")
                                        .format(n=w.num(len(consortium)), lead=ev.lead.name,
                                                s=w.num(len(by_role["supporter"])),
                                                k=w.num(len(by_role["stakeholder"]))))])]
    rows = [[x.name, w.label(tx.PARTNER_TYPES, x.type), w.label(tx.NATIONS, x.nation),
             w.label(tx.PARTNER_ROLES, x.role)] for x in consortium]
    items.append(Table(_("Consortium members"), [_("Partner"), _("Type"), _("Nation"), _("Role")], rows,
                       widths=[4, 2, 2, 2]))
    for role, caption in (("supporter", _("Supporters")), ("stakeholder", _("Stakeholders"))):
        if by_role[role]:
            rows = [[x.name, w.label(tx.PARTNER_TYPES, x.type), w.label(tx.NATIONS, x.nation)]
                    for x in by_role[role]]
            items.append(Table(caption, [_("Organisation"), _("Type"), _("Nation")], rows, widths=[4, 2, 2]))
    return items
