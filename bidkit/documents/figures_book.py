"""`figures.xlsx` as content: the shared figures and tables as sheets of plain values (real numbers and dates).

For a facilitator who pastes a table into the funder's form, and a reviewer who wants to re-add a column: every
figure the documents print, from the same Figures, and each meeting with the evidence file and row it came from.
`render/xlsx.py` writes it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..evidence import taxonomies as tx
from ..evidence.dates import grant_span
from .blocks import reach_rows


@dataclass
class Book:
    """What the workbook holds, as plain data: made from the evidence in the build, written in a render worker."""

    sheets: dict[str, tuple[list[str], list[list]]]     # name -> (column headings, rows)
    title: str
    creator: str
    language: str
    months: str                                          # the sheet whose dates are months
    total: str                                           # the label that starts a totals row


def book(writer) -> Book:
    _ = writer._
    return Book(sheets(writer), f"{writer.ev.project.title}: {_('Figures')}", writer.ev.lead.name,
                writer.ev.project.language, _("By month"), _("Total"))


def sheets(writer) -> dict[str, tuple[list[str], list[list]]]:
    """Sheet name -> (column headings, rows), in the order a reader meets them in the project report."""
    _, f, ev = writer._, writer.fig, writer.ev
    nation, kind = (lambda key: writer.label(tx.NATIONS, key)), (lambda key: writer.label(tx.MEETING_KINDS, key))
    figures = [[_("Meetings held"), f.meetings_held], [_("People reached (attendances)"), f.people_reached],
               [_("Organisations met"), f.organisations_met], [_("Nations covered"), f.nations_covered],
               [_("Partners"), f.partners], [_("Amount requested (£)"), f.amount_requested],
               [_("Budget total (£)"), f.budget_total], [_("Other funding (£)"), f.other_funding_total],
               [_("Total cost (£)"), f.total_cost]]
    meetings = [[m.date, m.title, kind(m.kind), nation(m.nation) if m.nation else None, writer.names(m.partners),
                 m.attendees, str(m.place) if m.place else None] for m in f.held]
    indicators = [[o.title, i.name, i.unit, i.baseline, i.target, f.actual(o.id, i),
                   _("Counted from the evidence") if i.measure else _("Reported by partners")]
                  for o in f.development_outcomes for i in o.indicators]
    actions = [[stream, a.activity, writer.period(a.when) if a.when else None, writer.names(a.leads) or None,
                writer.label(tx.ACTION_STATUSES, a.status) if a.status else None]
               for stream, items in f.workstreams for a in items]
    years = f.budget_years
    year_names = [_("Year {n}").format(n=y) if y else _("Year not given") for y in years]
    budget = [[heading, *[by_year.get(y, 0) for y in years], sum(by_year.values())]
              for heading, by_year in f.budget_table.items()]
    if budget:
        budget.append([_("Total"), *[sum(row[1 + k] for row in budget) for k in range(len(years))], f.budget_total])
    return {
        _("Figures"): ([_("Figure"), _("Value")], figures),
        _("Meetings held"): ([_("Date"), _("Meeting"), _("Kind"), _("Nation"), _("Partners"), _("Attendance"),
                              _("Evidence")], meetings),
        _("By month"): ([_("Month"), _("Meetings"), _("Attendances")], [list(row) for row in f.by_month]),
        _("By nation"): ([_("Nation"), _("Meetings"), _("Attendances")],
                         [list(r) for r in reach_rows(writer, f.by_nation, tx.NATIONS)]),
        _("By characteristic"): ([_("Characteristic"), _("Meetings"), _("Attendances")],
                                 [list(r) for r in reach_rows(writer, f.by_characteristic, tx.CHARACTERISTICS)]),
        _("Organisations met"): ([_("Organisation"), _("Type"), _("Nation"), _("Meetings")],
                                 [[p.name, writer.label(tx.PARTNER_TYPES, p.type), nation(p.nation),
                                   f.meetings_with[p.id]] for p in f.organisations]),
        _("Action plan"): ([_("Work stream"), _("Activity"), _("When"), _("Leads"), _("Status")], actions),
        _("Indicators"): ([_("Outcome"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Actual"),
                           _("How measured")], indicators),
        **funded(writer),
        _("Budget"): ([_("Heading"), *year_names, _("Total")], budget),
    }


def funded(writer) -> dict:
    """The funded work: the delivery plan with each quarter's real first and last day, the yearly targets and
    the other funding with its total."""
    _, f, ev = writer._, writer.fig, writer.ev
    start = ev.project.start_date
    plan = [[y, a.quarter, *(grant_span(start, y, a.quarter) if start else (None, None)), a.workstream, a.activity,
             writer.names(a.leads) or None, a.outputs, _("Yes") if a.is_milestone else None]
            for y, items in f.delivery_years for a in items]
    years = sorted({y for o in f.funded_outcomes for i in o.indicators for y in (i.targets or {})})
    targets = [[o.title, i.name, i.unit, i.baseline, *[(i.targets or {}).get(y) for y in years], i.how_measured]
               for o in f.funded_outcomes for i in o.indicators]
    other = [[line.source, writer.label(tx.FUNDING_STATUSES, line.status) if line.status else None, line.year,
              line.amount] for line in ev.other_funding]
    if other:
        other.append([_("Total"), None, None, f.other_funding_total])
    return {
        _("Delivery plan"): ([_("Year"), _("Quarter"), _("From"), _("To"), _("Work stream"), _("Activity"),
                              _("Leads"), _("Outputs"), _("Milestone")], plan),
        _("Yearly targets"): ([_("Outcome"), _("Indicator"), _("Unit"), _("Baseline"),
                               *[_("Year {n}").format(n=y) for y in years], _("How we will measure it")], targets),
        _("Other funding"): ([_("Source"), _("Status"), _("Year"), _("Amount (£)")], other),
    }
