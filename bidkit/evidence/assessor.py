"""What a funder's assessor would question in the proposal, as warnings that name the file and what to add.

None of these stops a build: the evidence is valid, but a real application would be marked down for each. `check`
reports them with the other warnings, `bidkit status` lists them apart; a year of the grant with no activity is an
error once `status: final`, since a final draft goes to the funder.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n.catalogue import N_
from ..problems import Label, Place, Problem, plural
from . import taxonomies as tx
from .models import Meeting, OtherFunding, Outcome, Partner, PlannedActivity, Project
from .funded import indicator_place


@dataclass
class Funded:
    """The records the questions are asked of, once each has been checked on its own."""
    project: Project
    partners: list[Partner]
    meetings: list[Meeting]
    outcomes: list[Outcome]
    delivery_plan: list[PlannedActivity]
    other_funding: list[OtherFunding]
    plan_files: list[Place]
    complete: set[str]            # the kinds read without errors: a gap in a kind with errors is not judged


def questions(f: Funded) -> list[Problem]:
    p = f.project
    found = year_gaps(f) + outcome_questions(f.outcomes)
    if not p.funder:
        return found
    line = p._line_of.get
    if p.duration_years is not None and p.start_date is None and "start_date" not in p._invalid:
        found.append(Problem.at(Place("project.yaml", None, line("duration_years")), "start_date",
                                N_("is not given: the Timetable can show years and quarters but not the months "
                                   "they fall in; add start_date, the day the funded work would start"),
                                severity="warning"))
    asked, cost = p.amount_requested, p.total_cost
    if (asked is not None and cost is not None and cost > asked and not f.other_funding
            and "other-funding" in f.complete):
        found.append(Problem.at(Place("project.yaml", None, line("total_cost")), "total_cost",
                                N_("£{cost:,} is £{more:,} more than amount_requested (£{asked:,}), and no other "
                                   "funding says who pays the rest: add other-funding.csv with each source, its "
                                   "amount and whether it is secured, pending or in kind"), cost,
                                severity="warning", args={"cost": cost, "more": cost - asked, "asked": asked}))
    for partner in f.partners:
        if partner.role == "supporter" and partner.type == "public-body":
            found.append(Problem.at(partner.place_of("role"), "role",
                                    N_("'{name}' is a public body counted as supporting the proposal: an "
                                       "assessor reads a public body as a stakeholder unless it has written in "
                                       "support; make its role 'stakeholder', or keep its letter of support with "
                                       "the bid"), partner.role, severity="warning", args={"name": partner.name}))
    if "meetings" in f.complete:
        held = {m.nation for m in f.meetings if m.status == "held"}
        for nation in p.nations or []:          # none when `nations` has an error of its own
            if nation != "uk-wide" and nation not in held:
                found.append(Problem.at(Place("project.yaml", None, line("nations")), "nations",
                                        N_("'{nation}' is named, but no meeting was held in {name}: add the "
                                           "meetings held there (with their nation), or say in the proposal why "
                                           "the work will reach it"), nation, severity="warning",
                                        args={"nation": nation, "name": Label(tx.NATIONS[nation])}))
    return found


def year_gaps(f: Funded) -> list[Problem]:
    """Each year of the grant with no activity in the delivery plan (judged only once the plan has rows and
    none of them has an error)."""
    p = f.project
    if not f.delivery_plan or "delivery-plan" not in f.complete or not p.duration_years:
        return []
    where = f.plan_files[0] if len(f.plan_files) == 1 else Place("project.yaml")
    years = {item.year for item in f.delivery_plan}
    return [Problem.at(where, "year", plural("year {year} of the grant has no activity: the grant runs {n} year "
                                             "(duration_years in project.yaml); add what it pays for in year {year}",
                                             "year {year} of the grant has no activity: the grant runs {n} years "
                                             "(duration_years in project.yaml); add what it pays for in year {year}"),
                       year, severity="error" if p.status == "final" else "warning",
                       args={"year": year, "n": p.duration_years})
            for year in range(1, p.duration_years + 1) if year not in years]


def outcome_questions(outcomes: list[Outcome]) -> list[Problem]:
    """Each indicator of a funded outcome without a target for each year, or without how it will be measured."""
    found = []
    for o in outcomes:
        if o.phase != "funded":
            continue
        if not o.indicators:
            found.append(Problem.at(o.place_of("indicators"), "indicators",
                                    N_("the funded outcome '{id}' has no indicators: add at least one, with its "
                                       "baseline, yearly targets and how it will be measured"), severity="warning",
                                    args={"id": o.id}))
        for index, i in enumerate(o.indicators):
            if i.targets is None:
                found.append(Problem.at(indicator_place(o, index, "id"), f"indicators.{i.id}.targets",
                                        N_("a funded outcome's indicator has no yearly targets: add a target for "
                                           "each year of the grant, e.g. 'targets: {1: 40, 2: 90, 3: 150}'"),
                                        severity="warning"))
            if not i.how_measured:
                found.append(Problem.at(indicator_place(o, index, "id"), f"indicators.{i.id}.how_measured",
                                        N_("does not say how it will be measured: add 'how_measured' (who "
                                           "counts what, from which records)"), severity="warning"))
    return found
