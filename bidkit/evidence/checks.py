"""The records checked against each other: partner references, duplicates, the budget against the request.

A reference to a partner whose own row has errors is not reported a second time: the partner fixes the row.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..i18n.catalogue import N_
from ..problems import Message, Place, Problem
from . import taxonomies as tx
from .dates import Period
from .models import Action, BudgetLine, Meeting, Outcome, Partner, Project, dated_fields
from .owners import PartnerKeys


def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "partner"


def partner_keys(partners: list[Partner]) -> PartnerKeys:
    """The partners as `PartnerKeys` finds them (exact id, exact name, then folded): the one way a partner is found
    from what someone wrote, the same as a file's owner (`owners.owner_of`)."""
    return PartnerKeys((p.id, p.name) for p in partners)


class Directory:
    """Finds a partner by id or name as partners write them, and suggests the nearest when it cannot."""

    def __init__(self, partners: list[Partner], rejected: list[dict] = (), incomplete: bool = False):
        self.partners = partners
        self.incomplete = incomplete      # a partners file could not be read: no reference can be judged
        # partners whose own rows have errors: references to them are not reported a second time
        self.rejected = {tx.fold(str(row[k])) for row in rejected for k in ("id", "name") if k in row}
        self.by_key = partner_keys(partners)

    def find(self, ref: str) -> str | None:
        return self.by_key.find(ref)

    def is_rejected(self, ref: str) -> bool:
        return self.incomplete or tx.fold(ref) in self.rejected

    def partner(self, pid: str) -> Partner:
        return next(p for p in self.partners if p.id == pid)

    def hint(self, ref: str) -> Message | str:
        names = [p.id for p in self.partners] + [p.name for p in self.partners]
        return tx.suggest(ref, names)


def check_partners(partners: list[Partner]) -> list[Problem]:
    """Ids and names each used once; and no id or name that, folded (case, spaces, `-` and `_` aside), is
    another partner's id or name: a meeting, a budget line or a file named `cardiff-volunteer-centre` must never
    be able to mean two partners."""
    problems, ids, names = [], {}, {}
    claimed: dict[str, tuple[Partner, str]] = {}      # folded id or name -> the partner and field that has it
    for p in partners:
        if p.id is None:
            p.id = slugify(p.name)
        if p.id in ids:
            problems.append(Problem.at(p.place_of("id"), "id", N_("the id '{id}' is also used at {place}"), p.id,
                                       args={"id": p.id, "place": str(ids[p.id])}))
        else:
            ids[p.id] = p.place
        key = tx.fold_text(p.name)
        if key in names:
            problems.append(Problem.at(p.place_of("name"), "name", N_("'{name}' is also listed at {place}"), p.name,
                                       args={"name": p.name, "place": str(names[key])}))
        else:
            names[key] = p.place
        for name in ("id", "name"):
            value = getattr(p, name)
            key = tx.fold(value)
            other, its = claimed.setdefault(key, (p, name))
            if other is p:
                continue
            if (p.id == other.id and key == tx.fold(p.id)) or \
                    (tx.fold_text(p.name) == tx.fold_text(other.name) and key == tx.fold(p.name)):
                continue                                  # the same id or name twice: reported above
            theirs = getattr(other, its)
            problems.append(Problem.at(p.place_of(name), name, N_("'{value}' is too like the {its} '{theirs}' of "
                                                                  "the partner at {place}: a meeting, a budget line "
                                                                  "or a file naming either could mean the other; "
                                                                  "make them differ by more than case, spaces, - or "
                                                                  "_"), value,
                                       args={"value": value, "its": its, "theirs": theirs,
                                             "place": str(other.place_of(its))}))
    return problems


def check_meetings(meetings: list[Meeting], directory: Directory, project: Project) -> tuple[list, list]:
    """Partner references resolved, status defaulted from as_of, and the same meeting reported twice counted once."""
    problems, kept = [], []
    as_of = project.as_of
    for m in meetings:
        ids, ok = [], True
        for ref in m.partners:
            pid = directory.find(ref)
            if pid is None:
                ok = False
                if directory.is_rejected(ref):
                    continue
                problems.append(not_a_partner(m.place_of("partners"), "partners", ref, directory))
            elif pid not in ids:
                ids.append(pid)
        if not ok:
            continue
        m.partners = ids
        if m.nation is None:
            m.nation = directory.partner(ids[0]).nation
        if as_of is not None and m.status is None:     # as_of with an error: held or planned cannot be told
            m.status = "held" if m.date <= as_of else "planned"
        elif as_of is not None and m.status == "held" and m.date > as_of:
            problems.append(Problem.at(m.place_of("status"), "status", N_("is 'held' but the meeting is on {date}, "
                                                                          "after as_of ({as_of}) in project.yaml"),
                                       m.status, args={"date": m.date, "as_of": as_of}))
        kept.append(m)
    counted, trouble = without_duplicates(kept, final=project.status == "final")
    return counted, problems + trouble


COMPARED = ("attendees", "format", "status")     # what changes a figure or what the documents say of a meeting


def without_duplicates(meetings: list[Meeting], final: bool) -> tuple[list[Meeting], list[Problem]]:
    """The same meeting (same date, same title as people mean it, same partners) counts once. When two reports
    give different attendance, the smaller counts: a bid's figures should claim no more than both partners agree
    on, and a facilitator can defend that number to a funder. A report that gives the attendance counts over one
    that leaves it blank; otherwise the first in file order counts. Reports that disagree are a warning naming
    both places and both values, an error in a final draft."""
    groups: dict[tuple, list[Meeting]] = {}
    for m in meetings:
        groups.setdefault((m.date, tx.fold_text(m.title), frozenset(m.partners)), []).append(m)
    problems, counted = [], []
    for group in groups.values():
        if len(group) == 1:
            counted.append(group[0])
            continue
        given = [m for m in group if m.attendees is not None]
        chosen = min(given, key=lambda m: m.attendees) if given else group[0]
        if len({m.attendees for m in given}) > 1:
            why = Message(N_("it has the smaller attendance, so no figure claims more than both reports agree on"))
        else:
            why = Message(N_("it comes first") if chosen is group[0] else N_("it gives the attendance"))
        counted.append(chosen)
        for m in group:
            if m is not chosen:
                problems.append(duplicate(m, chosen, why, final))
    return counted, problems


def duplicate(m: Meeting, chosen: Meeting, why: Message, final: bool) -> Problem:
    differ = [(f, getattr(m, f), getattr(chosen, f)) for f in COMPARED
              if getattr(m, f) is not None and getattr(chosen, f) is not None and getattr(m, f) != getattr(chosen, f)]
    if not differ:
        return Problem.at(m.place, None, N_("the same meeting ('{title}', {date}) is also reported at {there}; it "
                                            "is counted once"), severity="warning",
                          args={"title": m.title, "date": m.date, "there": str(chosen.place)})
    field = differ[0][0]
    values = tuple(Message(N_("{field} {here} here and {there} there"), {"field": f, "here": here, "there": there})
                   for f, here, there in differ)
    return Problem.at(m.place_of(field), field, N_("the same meeting ('{title}', {date}) is also reported at "
                                                   "{place}, with {values}; that one counts ({why}): make the two "
                                                   "reports agree, or remove one"), differ[0][1],
                      severity="error" if final else "warning",
                      args={"title": m.title, "date": m.date, "place": str(chosen.place_of(field)), "values": values,
                            "why": why})


def not_a_partner(place: Place, field: str, ref: str, directory: Directory, shown_as_written: bool = False):
    """A reference to no partner: an error, or a warning where the name is shown as written (an action's lead)."""
    if shown_as_written:
        return Problem.at(place, field, N_("'{ref}' is not a partner{hint}; it is shown as written"), ref,
                          severity="warning", args={"ref": ref, "hint": directory.hint(ref)})
    return Problem.at(place, field, N_("'{ref}' is not a partner{hint}"), ref,
                      args={"ref": ref, "hint": directory.hint(ref)})


def difference(diff: int) -> Message:
    """`(a difference of £500 over)`: a total against the amount it should be."""
    if diff > 0:
        return Message(N_("(a difference of £{diff:,} over)"), {"diff": diff})
    return Message(N_("(a difference of £{diff:,} under)"), {"diff": abs(diff)})


def check_actions(actions: list[Action], directory: Directory) -> list[Problem]:
    problems = []
    for a in actions:
        for ref in a.leads:
            if directory.find(ref) is None and not directory.is_rejected(ref):
                problems.append(not_a_partner(a.place_of("leads"), "leads", ref, directory, shown_as_written=True))
    return problems


def check_refused_references(refused: list[tuple], directory: Directory) -> list[Problem]:
    """The partner references of rows refused for another error (`validate.refused_references`: kind, field,
    place, references), checked as `check_meetings`, `check_actions` and `check_budget` check a record's: a
    meeting with a wrong date and the partner 'wcvaa' is told both. The row still gives no record."""
    problems = []
    for kind, field, place, refs in refused:
        for ref in refs:
            if directory.find(ref) is not None or directory.is_rejected(ref):
                continue
            problems.append(not_a_partner(place, field, ref, directory, shown_as_written=kind == "action-plan"))
    return problems


def beyond_duration(record, project: Project) -> list[Problem]:
    """A budget line, a planned activity or other funding in a year after the grant ends."""
    if record.year is None or not project.duration_years or record.year <= project.duration_years:
        return []
    return [Problem.at(record.place_of("year"), "year", N_("is year {year}, but duration_years in project.yaml is "
                                                           "{years}"), record.year,
                       args={"year": record.year, "years": project.duration_years})]


def check_budget(lines: list[BudgetLine], directory: Directory, project: Project,
                 budget_files: list[Place], complete: bool = True) -> list[Problem]:
    """Partners and years of the budget lines, and their total against amount_requested; the total is not
    compared when a budget line has an error of its own (its amount is not known, so neither is the total)."""
    problems = []
    for line in lines:
        if line.partner is not None:
            pid = directory.find(line.partner)
            if pid is not None:
                line.partner = pid
            elif not directory.is_rejected(line.partner):
                problems.append(not_a_partner(line.place_of("partner"), "partner", line.partner, directory))
        problems += beyond_duration(line, project)
    if lines and complete and project.amount_requested is not None:
        total = sum(line.amount for line in lines)
        if total != project.amount_requested:
            diff = total - project.amount_requested
            where = budget_files[0] if len(budget_files) == 1 else Place("project.yaml")
            problems.append(Problem.at(where, "amount", N_("the budget lines add up to £{total:,} but "
                                                           "amount_requested is £{asked:,} {difference}"), total,
                                       args={"total": total, "asked": project.amount_requested,
                                             "difference": difference(diff)}))
    return problems


YEARS = 10        # a date further than this from the project's period is a slip of the keyboard


def period_of(project: Project) -> tuple[date, date, Message] | None:
    """The project's period and how to name it, or as_of alone when the period has an error; None when neither
    is known."""
    if project.period is not None:
        start, end = project.period.start, project.period.end
        return start, end, Message(N_("the project's period ({start} to {end} in project.yaml)"),
                                   {"start": start, "end": end})
    if project.as_of is not None:
        return project.as_of, project.as_of, Message(N_("as_of ({day} in project.yaml)"), {"day": project.as_of})
    return None


def years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:                     # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def slip(year: int, low: int, high: int) -> int | None:
    """The one year in range that one slip of the keyboard makes `year` (two digits swapped, else one digit
    mistyped): 2108 -> 2018, 1018 -> 2018; None when there is no single such year."""
    text = str(year).zfill(4)
    swapped = {int(text[:i] + text[i + 1] + text[i] + text[i + 2:]) for i in range(len(text) - 1)}
    typed = {int(text[:i] + d + text[i + 1:]) for i in range(len(text)) for d in "0123456789"}
    for found in (swapped, typed):
        found = {y for y in found if low <= y <= high and y != year}
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None


def far_date(day: date, window: tuple[date, date, Message]) -> Message | None:
    """Why `day` cannot be right ("more than 10 years before the project's period ..."), or None when it is
    within ten years of the project's period."""
    start, end, named = window
    low, high = years_from(start, -YEARS), years_from(end, YEARS)
    if low <= day <= high:
        return None
    args = {"years": YEARS, "named": named}
    said = Message(N_("more than {years} years before {named}") if day < low else
                   N_("more than {years} years after {named}"), args)
    if day.year in (1899, 1900):
        return Message(N_("{said}: a year of {year} is what a spreadsheet shows when a number (such as 19) is "
                          "typed into a date cell; type the whole date, e.g. {example}"),
                       {"said": said, "year": day.year, "example": f"{start:%d/%m/%Y}"})
    if day > high:
        said = Message(N_("{said}; a date this far ahead would count as planned"), {"said": said})
    meant = slip(day.year, low.year, high.year)
    if meant:
        return Message(N_("{said}; did you mean {year}? check the year"), {"said": said, "year": meant})
    return Message(N_("{said}; check the year"), {"said": said})


def check_dates(records: dict[str, list], project: Project) -> list[Problem]:
    """Every date and period of every record, and as_of and start_date, within ten years of the project's period:
    1900 (19 typed into a date cell), 1018 or 2108 are slips, and would fill the charts with a thousand months
    or count a meeting as planned. A reading-list year is when something was published, so it may be long ago;
    one after as_of's year is a warning."""
    window = period_of(project)
    if window is None:
        return []
    problems = []
    for key in ("as_of", "start_date"):
        day = getattr(project, key)
        if day is not None and (why := far_date(day, window)):
            problems.append(Problem.at(Place("project.yaml", None, project._line_of.get(key)), key,
                                       N_("{day} is {why}"), day, args={"day": day, "why": why}))
    for found in records.values():
        for record in found:
            for name in dated_fields(type(record)):
                value = getattr(record, name)
                if isinstance(value, Period):
                    days = [(value.start, N_("'{text}' starts on {day}, {why}")),
                            (value.end, N_("'{text}' ends on {day}, {why}"))] if value.start else []
                else:
                    days = [(value, N_("{day} is {why}"))] if value is not None else []
                for day, text in days:
                    if why := far_date(day, window):
                        problems.append(Problem.at(record.place_of(name), name, text, value,
                                                   args={"text": getattr(value, "text", None), "day": day,
                                                         "why": why}))
                        break
    as_of = project.as_of
    for item in records.get("reading-list", []) if as_of is not None else []:
        if item.year is not None and item.year > as_of.year:
            problems.append(Problem.at(item.place_of("year"), "year", N_("is {year}, later than as_of in "
                                                                         "project.yaml ({as_of}); a publication "
                                                                         "year cannot be in the future: check it"),
                                       item.year, severity="warning", args={"year": item.year, "as_of": as_of}))
    return problems


def check_outcomes(outcomes: list[Outcome]) -> list[Problem]:
    problems, ids = [], {}
    for o in outcomes:
        if o.id in ids:
            problems.append(Problem.at(o.place_of("id"), "id", N_("the outcome id '{id}' is also used at {place}"),
                                       o.id, args={"id": o.id, "place": str(ids[o.id])}))
        ids.setdefault(o.id, o.place)
    return problems

