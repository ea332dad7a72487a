"""The funded work checked against itself and the project: the delivery plan's years, the other funding against
the total cost, and the yearly targets of the funded outcomes.

These are what a funder's assessor reads as the plan, so a hole in them (a year with nothing in it, a total cost
that nothing explains, targets that fall) is reported at its file and row like any other mistake.
"""
from __future__ import annotations

from ..i18n.catalogue import N_
from ..problems import Label, Place, Problem, plural
from .checks import Directory, beyond_duration, check_actions, difference
from .models import Indicator, OtherFunding, Outcome, PlannedActivity, Project
from .validate import line_at


def check_delivery_plan(items: list[PlannedActivity], directory: Directory, project: Project,
                        complete: bool = True, needed: bool = False) -> list[Problem]:
    """Leads as in the action plan (a name that is no partner is a warning) and years within the grant (a year
    with no activity is an assessor's question: `assessor.py`); `needed`: the project has a funding proposal,
    which cannot be written without a delivery plan."""
    problems = check_actions(items, directory)
    for item in items:
        problems += beyond_duration(item, project)
    if not items and needed and complete:
        problems.append(Problem.at(Place("project.yaml", None, project._line_of.get("funder")), "funder",
                                   N_("the funding proposal has no delivery plan: add delivery-plan.csv (or a "
                                      "'Delivery plan' sheet) with what the grant will pay for, year by year")))
    return problems


def check_other_funding(lines: list[OtherFunding], project: Project, files: list[Place],
                        complete: bool = True) -> list[Problem]:
    """Years within the grant, and the amount requested plus the other funding equal to the total cost."""
    problems = [p for line in lines for p in beyond_duration(line, project)]
    if lines and complete and project.amount_requested is not None:
        other = sum(line.amount for line in lines)
        cost = project.cost
        if project.amount_requested + other != cost:
            diff = project.amount_requested + other - cost
            where = files[0] if len(files) == 1 else Place("project.yaml")
            problems.append(Problem.at(where, "amount", N_("amount_requested (£{asked:,}) plus the other funding "
                                                           "(£{other:,}) is £{sum:,}, but total_cost is £{cost:,} "
                                                           "{difference}"), other,
                                       args={"asked": project.amount_requested, "other": other, "cost": cost,
                                             "sum": project.amount_requested + other, "difference": difference(diff)}))
    return problems


def indicator_place(outcome: Outcome, index: int, *keys) -> Place:
    """The YAML line of an indicator's key (`targets`, or one year of them), else the outcome's."""
    place = outcome.place
    line = line_at(outcome._yaml, ("indicators", index, *keys)) if outcome._yaml is not None else None
    return Place(place.file, place.sheet, line) if line else place


def check_targets(outcomes: list[Outcome], project: Project) -> list[Problem]:
    """Yearly targets only for funded outcomes, for years 1 to duration_years, each year given, not falling for
    a count, and ending at `target` (a funded indicator without them is an assessor's question: `assessor.py`)."""
    problems = []
    for o in outcomes:
        for index, indicator in enumerate(o.indicators):
            field = f"indicators.{indicator.id}.targets"
            if indicator.targets is None:
                continue
            if o.phase != "funded":
                problems.append(Problem.at(indicator_place(o, index, "targets"), field,
                                           N_("yearly targets are for the funded work: give the outcome 'phase: "
                                              "funded', or remove them")))
                continue
            problems += yearly_targets(o, index, indicator, project.duration_years)
    return problems


def yearly_targets(o: Outcome, index: int, indicator: Indicator, years: int | None) -> list[Problem]:
    field = f"indicators.{indicator.id}.targets"
    targets = indicator.targets
    problems = []
    for year in sorted(targets):
        if years and year > years:
            problems.append(Problem.at(indicator_place(o, index, "targets", str(year)), field,
                                       N_("has a target for year {year}, but duration_years in project.yaml is "
                                          "{years}"), year, args={"year": year, "years": years}))
    if years:
        missing = [str(y) for y in range(1, years + 1) if y not in targets]
        if missing:
            problems.append(Problem.at(indicator_place(o, index, "targets"), field,
                                       plural("has no target for year {missing} of the grant (it runs {n} year)",
                                              "has no target for year {missing} of the grant (it runs {n} years)"),
                                       args={"missing": ", ".join(missing), "n": years}))
    ordered = sorted(targets.items())
    if indicator.is_count:
        for (before, low), (year, high) in zip(ordered, ordered[1:]):
            if high < low:
                problems.append(Problem.at(indicator_place(o, index, "targets", str(year)), field,
                                           N_("falls from {low:g} in year {before} to {high:g} in year {year}: a "
                                              "count of {unit} so far cannot fall"), high,
                                           args={"low": low, "before": before, "high": high, "year": year,
                                                 "unit": indicator.unit or Label(N_("things"))}))
    last_year, last = ordered[-1]
    if indicator.target is None:
        problems.append(Problem.at(indicator_place(o, index, "targets"), field,
                                   N_("gives yearly targets but the indicator has no 'target'; give it the last "
                                      "year's, {last:g}"), args={"last": last}))
    elif last != indicator.target:
        problems.append(Problem.at(indicator_place(o, index, "targets", str(last_year)), field,
                                   N_("ends at {last:g} in year {year}, but the indicator's target is {target:g}: "
                                      "the last year's target is the target"), last,
                                   args={"last": last, "year": last_year, "target": indicator.target}))
    return problems
