"""The records checked against each other: partner references, duplicates, the budget against the request.

A reference to a partner whose own row has errors is not reported a second time: the partner fixes the row.
"""
from __future__ import annotations

import re
import unicodedata

from ..problems import Place, Problem
from . import taxonomies as tx
from .models import Action, BudgetLine, Meeting, Outcome, Partner, Project


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "partner"


def partner_keys(partners: list[Partner]) -> dict[str, str]:
    """Folded id and name -> id: the one way a partner is found from what someone wrote."""
    keys: dict[str, str] = {}
    for p in partners:
        keys.setdefault(tx.fold(p.id), p.id)
        keys.setdefault(tx.fold(p.name), p.id)
    return keys


class Directory:
    """Finds a partner by id or name as partners write them, and suggests the nearest when it cannot."""

    def __init__(self, partners: list[Partner], rejected: list[dict] = (), incomplete: bool = False):
        self.partners = partners
        self.incomplete = incomplete      # a partners file could not be read: no reference can be judged
        # partners whose own rows have errors: references to them are not reported a second time
        self.rejected = {tx.fold(str(row[k])) for row in rejected for k in ("id", "name") if k in row}
        self.by_key = partner_keys(partners)

    def find(self, ref: str) -> str | None:
        return self.by_key.get(tx.fold(ref))

    def is_rejected(self, ref: str) -> bool:
        return self.incomplete or tx.fold(ref) in self.rejected

    def partner(self, pid: str) -> Partner:
        return next(p for p in self.partners if p.id == pid)

    def hint(self, ref: str) -> str:
        names = [p.id for p in self.partners] + [p.name for p in self.partners]
        return tx.suggest(ref, names)


def check_partners(partners: list[Partner]) -> list[Problem]:
    problems, ids, names = [], {}, {}
    for p in partners:
        if p.id is None:
            p.id = slugify(p.name)
        if p.id in ids:
            problems.append(Problem.at(p.place_of("id"), "id", f"the id '{p.id}' is also used at {ids[p.id]}", p.id))
        else:
            ids[p.id] = p.place
        key = tx.fold_text(p.name)
        if key in names:
            problems.append(Problem.at(p.place_of("name"), "name", f"'{p.name}' is also listed at {names[key]}", p.name))
        else:
            names[key] = p.place
    return problems


def check_meetings(meetings: list[Meeting], directory: Directory, project: Project) -> tuple[list, list]:
    problems, kept, seen = [], [], {}
    for m in meetings:
        ids, ok = [], True
        for ref in m.partners:
            pid = directory.find(ref)
            if pid is None:
                ok = False
                if directory.is_rejected(ref):
                    continue
                problems.append(Problem.at(m.place_of("partners"), "partners",
                                           f"'{ref}' is not a partner{directory.hint(ref)}", ref))
            elif pid not in ids:
                ids.append(pid)
        if not ok:
            continue
        m.partners = ids
        if m.nation is None:
            m.nation = directory.partner(ids[0]).nation
        if m.status is None:
            m.status = "held" if m.date <= project.as_of else "planned"
        elif m.status == "held" and m.date > project.as_of:
            problems.append(Problem.at(m.place_of("status"), "status", f"is 'held' but the meeting is on {m.date:%d %B %Y}, "
                                       f"after as_of ({project.as_of:%d %B %Y}) in project.yaml", m.status))
        key = (m.date, tx.fold_text(m.title), frozenset(ids))
        if key in seen:
            problems.append(Problem.at(m.place, None, f"the same meeting ('{m.title}', {m.date:%d %B %Y}) is also "
                                       f"reported at {seen[key]}; it is counted once", severity="warning"))
            continue
        seen[key] = m.place
        kept.append(m)
    return kept, problems


def check_actions(actions: list[Action], directory: Directory) -> list[Problem]:
    problems = []
    for a in actions:
        for ref in a.leads:
            if directory.find(ref) is None and not directory.is_rejected(ref):
                problems.append(Problem.at(a.place_of("leads"), "leads", f"'{ref}' is not a partner{directory.hint(ref)}; "
                                           "it is shown as written", ref, severity="warning"))
    return problems


def check_budget(lines: list[BudgetLine], directory: Directory, project: Project,
                 budget_files: list[Place]) -> list[Problem]:
    problems = []
    for line in lines:
        if line.partner is not None:
            pid = directory.find(line.partner)
            if pid is not None:
                line.partner = pid
            elif not directory.is_rejected(line.partner):
                problems.append(Problem.at(line.place_of("partner"), "partner", f"'{line.partner}' is not a partner"
                                           f"{directory.hint(line.partner)}", line.partner))
        if line.year is not None and project.duration_years and line.year > project.duration_years:
            problems.append(Problem.at(line.place_of("year"), "year", f"is year {line.year}, but duration_years in "
                                       f"project.yaml is {project.duration_years}", line.year))
    if lines and project.amount_requested is not None:
        total = sum(line.amount for line in lines)
        if total != project.amount_requested:
            diff = total - project.amount_requested
            where = budget_files[0] if len(budget_files) == 1 else Place("project.yaml")
            problems.append(Problem.at(where, "amount", f"the budget lines add up to £{total:,} but "
                                       f"amount_requested is £{project.amount_requested:,} (a difference of "
                                       f"£{abs(diff):,} {'over' if diff > 0 else 'under'})", total))
    return problems


def check_outcomes(outcomes: list[Outcome]) -> list[Problem]:
    problems, ids = [], {}
    for o in outcomes:
        if o.id in ids:
            problems.append(Problem.at(o.place_of("id"), "id", f"the outcome id '{o.id}' is also used at {ids[o.id]}", o.id))
        ids.setdefault(o.id, o.place)
    return problems

