"""The figures and tables every document shares, counted once from the evidence (pure: no I/O).

Counting in one place is how the concept paper, the report and the proposal, in both formats, always agree.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from .evidence import Evidence
from .evidence import taxonomies as tx
from .evidence.dates import months_between
from .evidence.models import Action, Indicator, Meeting, Outcome, Partner, PlannedActivity


@dataclass
class Reach:
    key: str            # a slug: nation or characteristic
    meetings: int
    people: int


@dataclass
class Figures:
    meetings_held: int
    people_reached: int
    organisations_met: int
    partners: int
    nations_covered: int
    amount_requested: int | None
    held: list[Meeting]
    organisations: list[Partner]
    meetings_with: dict[str, int]                   # partner id -> held meetings naming it
    by_month: list[tuple[date, int, int]]
    by_nation: list[Reach]
    by_characteristic: list[Reach]
    workstreams: list[tuple[str, list[Action]]]
    actions_by_status: dict[str, int]
    actuals: dict[tuple[str, str], float | int | None]   # (outcome id, indicator id) -> actual
    budget_total: int
    budget_by_heading: list[tuple[str, int]]
    budget_years: list[int]
    budget_table: dict[str, dict[int, int]]          # heading -> year (0: not given) -> pounds
    budget_by_type: dict[str, int] = field(default_factory=dict)
    # the funded work, as the funding proposal shows it
    delivery_years: list[tuple[int, list[PlannedActivity]]] = field(default_factory=list)   # by quarter in each
    funded_outcomes: list[Outcome] = field(default_factory=list)
    development_outcomes: list[Outcome] = field(default_factory=list)
    other_funding_total: int = 0
    other_funding_by_status: dict[str, int] = field(default_factory=dict)   # status ("": not stated) -> pounds
    total_cost: int | None = None              # amount requested + other funding, when other funding is given
    beneficiaries: int | None = None
    beneficiary_characteristics: list[str] = field(default_factory=list)
    partners_by_role: dict[str, int] = field(default_factory=dict)

    def counted(self) -> dict[str, int | None]:
        """The figures a narrative may quote, by name: the one list, `taxonomies.FIGURES`, in its order."""
        return {name: getattr(self, name) for name in tx.FIGURES}

    def actual(self, outcome_id: str, indicator: Indicator):
        return self.actuals.get((outcome_id, indicator.id))


def reach(meetings: list[Meeting], keys_of) -> list[Reach]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in meetings:
        for key in keys_of(m):
            counts[key][0] += 1
            counts[key][1] += m.attendees or 0
    return [Reach(k, *v) for k, v in counts.items()]


def compute(ev: Evidence) -> Figures:
    held = sorted((m for m in ev.meetings if m.status == "held"), key=lambda m: (m.date, m.title))
    met = Counter(pid for m in held for pid in m.partners)
    organisations = sorted((ev.partner(pid) for pid in met), key=lambda p: p.name.casefold())

    by_month_map: dict[date, list[int]] = {}
    if held:
        by_month_map = {d: [0, 0] for d in months_between(held[0].date, held[-1].date)}
        for m in held:
            slot = by_month_map[date(m.date.year, m.date.month, 1)]
            slot[0] += 1
            slot[1] += m.attendees or 0

    nation_order = list(tx.NATIONS)
    by_nation = sorted(reach(held, lambda m: [m.nation] if m.nation else []),
                       key=lambda r: nation_order.index(r.key))
    char_order = list(tx.CHARACTERISTICS)
    by_char = sorted(reach(held, lambda m: m.characteristics), key=lambda r: char_order.index(r.key))

    streams: dict[str, list[Action]] = {}
    for action in ev.action_plan:
        streams.setdefault(action.workstream, []).append(action)
    workstreams = sorted(streams.items(), key=lambda kv: (kv[1][0].workstream_number or 999, kv[0]))
    statuses = Counter(a.status or "planned" for a in ev.action_plan)

    counted = {"meetings_held": len(held), "organisations_met": len(met),
               "people_reached": sum(m.attendees or 0 for m in held), "partners": len(ev.partners)}
    actuals = {(o.id, i.id): counted[i.measure] if i.measure else i.actual
               for o in ev.outcomes for i in o.indicators}

    table: dict[str, dict[int, int]] = {}
    by_type: Counter = Counter()
    for line in ev.budget:
        row = table.setdefault(line.heading, {})
        row[line.year or 0] = row.get(line.year or 0, 0) + line.amount
        by_type[line.cost_type] += line.amount
    by_heading = [(h, sum(years.values())) for h, years in table.items()]

    years: dict[int, list[PlannedActivity]] = {}
    for item in ev.delivery_plan:
        years.setdefault(item.year, []).append(item)
    delivery = [(y, sorted(items, key=lambda a: a.quarter or 0)) for y, items in sorted(years.items())]
    funding: Counter = Counter()
    for line in ev.other_funding:
        funding[line.status or ""] += line.amount
    other = sum(funding.values())
    p = ev.project
    roles = Counter(x.role for x in ev.partners)

    return Figures(
        meetings_held=counted["meetings_held"], people_reached=counted["people_reached"],
        organisations_met=counted["organisations_met"], partners=counted["partners"],
        nations_covered=len({m.nation for m in held if m.nation and m.nation != "uk-wide"}),
        amount_requested=ev.project.amount_requested, held=held, organisations=organisations,
        meetings_with=dict(met), by_month=[(d, *v) for d, v in by_month_map.items()],
        by_nation=by_nation, by_characteristic=by_char, workstreams=workstreams,
        actions_by_status={s: statuses[s] for s in tx.ACTION_STATUSES if statuses[s]}, actuals=actuals,
        budget_total=sum(line.amount for line in ev.budget), budget_by_heading=by_heading,
        budget_years=sorted({y for years in table.values() for y in years}), budget_table=table,
        budget_by_type={t: by_type[t] for t in tx.COST_TYPES if by_type[t]},
        delivery_years=delivery, funded_outcomes=[o for o in ev.outcomes if o.phase == "funded"],
        development_outcomes=[o for o in ev.outcomes if o.phase == "development"], other_funding_total=other,
        other_funding_by_status={s: funding[s] for s in [*tx.FUNDING_STATUSES, ""] if funding[s]},
        total_cost=(p.amount_requested or 0) + other if ev.other_funding else p.cost,
        beneficiaries=p.beneficiaries.number if p.beneficiaries else None,
        beneficiary_characteristics=p.beneficiary_characteristics,
        partners_by_role={r: roles[r] for r in tx.PARTNER_ROLES if roles[r]},
    )
