"""A project folder into validated Evidence, or every problem found in it.

Each file is read, each row validated on its own (one bad row never hides the next), then the records are
checked against each other: references, duplicates, the budget against the amount requested.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import taxonomies as tx
from .models import (TABLE_MODELS, Action, BudgetLine, Meeting, Model, Outcome, Partner, Project,
                     ReadingItem)
from .problems import BidkitError, EvidenceInvalid, Place, Problem, errors
from .readers import (KINDS, ReadError, Table, YList, YMap, evidence_files, kind_of_name, read_tables,
                      read_yaml)

NARRATIVE_SECTIONS = ("summary", "rationale", "approach", "open-government", "lessons", "next-steps")
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


@dataclass
class Narrative:
    id: str
    file: str          # relative to the project folder
    text: str


@dataclass
class Evidence:
    """Everything a document may say, validated; records keep their places (`record.place`)."""

    root: Path
    project: Project
    partners: list[Partner]
    meetings: list[Meeting]
    outcomes: list[Outcome]
    reading_list: list[ReadingItem]
    action_plan: list[Action]
    budget: list[BudgetLine]
    narrative: dict[str, Narrative]
    warnings: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def partner(self, pid: str) -> Partner:
        return next(p for p in self.partners if p.id == pid)

    @property
    def lead(self) -> Partner:
        return self.partner(self.project.lead_partner)


# ---------------------------------------------------------------- pydantic errors into plain English

def plain_message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "missing":
        return "is required but not given"
    if kind == "extra_forbidden":
        return "is not a known key"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be {ctx.get('ge', ctx.get('gt'))} or more"
    if kind in ("less_than_equal", "less_than"):
        return f"must be {ctx.get('le', ctx.get('lt'))} or less"
    if kind == "too_short":
        return "needs at least one value"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "should be a set of 'key: value' lines"
    if kind == "list_type":
        return "should be a list"
    if kind == "literal_error":
        return f"is not one of {ctx.get('expected', '')}".replace("'", "")
    return err["msg"][0].lower() + err["msg"][1:]


def raw_at(data, loc):
    for key in loc:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, (str, int, float)) or hasattr(data, "isoformat") else None


def line_at(data, loc) -> int | None:
    line = getattr(data, "line", None)
    for key in loc:
        if isinstance(data, YMap) and key in data:
            line, data = data.lines[key], data[key]
        elif isinstance(data, YList) and isinstance(key, int) and key < len(data):
            line, data = data.lines[key], data[key]
        else:
            break
    return line


def validate(model: type[BaseModel], data: dict, place: Place, lines: dict | None = None,
             root=None) -> tuple[Model | None, list[Problem]]:
    """One record; pydantic's locations become (file, row or line, field)."""
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            name = ".".join(str(k) for k in loc if isinstance(k, str)) or None
            where = place
            line = line_at(root, loc) if root is not None else (lines or {}).get(loc[0]) if loc else None
            if line:
                where = Place(place.file, place.sheet, line)
            problems.append(Problem.at(where, name, plain_message(err), raw_at(data, loc)))
        return None, problems
    record._place = place
    return record, []


# ---------------------------------------------------------------- tables

def field_names(model: type[BaseModel]) -> dict[str, str]:
    return {tx.fold(name): name for name in model.model_fields}


def validate_table(table: Table, rejected: list[dict] | None = None) -> tuple[list[Model], list[Problem]]:
    """Every row of one table; rows that fail are appended to `rejected` (as header -> value)."""
    model = TABLE_MODELS[table.kind]
    known = field_names(model)
    problems: list[Problem] = []
    from_yaml = any(row.lines for row in table.rows)
    header_place = Place(table.place.file, table.place.sheet, None if from_yaml else 1)

    def unknown(header: str) -> str:
        return (f"unknown column '{header}'{tx.suggest(header, model.model_fields)}; "
                f"the columns are {', '.join(model.model_fields)}")

    if not from_yaml:
        for header in table.headers:
            if header and tx.fold(header) not in known:
                problems.append(Problem.at(header_place, header, unknown(header)))
        seen = {known[tx.fold(h)] for h in table.headers if tx.fold(h) in known}
        missing = [n for n, f in model.model_fields.items() if f.is_required() and n not in seen]
        for name in missing:
            problems.append(Problem.at(header_place, name, f"the required column '{name}' is missing"))
        if missing and table.rows:
            return [], problems

    records = []
    name_of: dict[str, str | None] = {}       # header as written -> field, folded once per table
    for row in table.rows:
        data, lines = {}, {}
        for header, value in row.values.items():
            if value is None:
                continue
            if header not in name_of:
                name_of[header] = known.get(tx.fold(header))
            name = name_of[header]
            if name is None:
                if from_yaml:
                    problems.append(Problem.at(row.place_of(header), header,
                                               unknown(header).replace("column", "key")))
                continue
            data[name] = value
            lines[name] = row.lines.get(header)
        record, found = validate(model, data, row.place, {k: v for k, v in lines.items() if v},
                                 root=row.values if from_yaml else None)
        problems += found
        if record is not None:
            records.append(record)
        elif rejected is not None:
            rejected.append(data)
    return records, problems


# ---------------------------------------------------------------- cross-checks

def slugify(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "partner"


class Directory:
    """Finds a partner by id or name as partners write them, and suggests the nearest when it cannot."""

    def __init__(self, partners: list[Partner], rejected: list[dict] = (), incomplete: bool = False):
        self.partners = partners
        self.incomplete = incomplete      # a partners file could not be read: no reference can be judged
        # partners whose own rows have errors: references to them are not reported a second time
        self.rejected = {tx.fold(str(row[k])) for row in rejected for k in ("id", "name") if k in row}
        self.by_key = {}
        for p in partners:
            self.by_key.setdefault(tx.fold(p.id), p.id)
            self.by_key.setdefault(tx.fold(p.name), p.id)

    def find(self, ref: str) -> str | None:
        return self.by_key.get(tx.fold(ref))

    def is_rejected(self, ref: str) -> bool:
        return self.incomplete or tx.fold(ref) in self.rejected

    def hint(self, ref: str) -> str:
        names = [p.id for p in self.partners] + [p.name for p in self.partners]
        return tx.suggest(ref, names)


def check_partners(partners: list[Partner]) -> list[Problem]:
    problems, ids, names = [], {}, {}
    for p in partners:
        if p.id is None:
            p.id = slugify(p.name)
        if p.id in ids:
            problems.append(Problem.at(p.place, "id", f"the id '{p.id}' is also used at {ids[p.id]}", p.id))
        else:
            ids[p.id] = p.place
        key = p.name.casefold()
        if key in names:
            problems.append(Problem.at(p.place, "name", f"'{p.name}' is also listed at {names[key]}", p.name))
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
                problems.append(Problem.at(m.place, "partners",
                                           f"'{ref}' is not a partner{directory.hint(ref)}", ref))
            elif pid not in ids:
                ids.append(pid)
        if not ok:
            continue
        m.partners = ids
        if m.nation is None:
            m.nation = directory_partner(directory, ids[0]).nation
        if m.status is None:
            m.status = "held" if m.date <= project.as_of else "planned"
        elif m.status == "held" and m.date > project.as_of:
            problems.append(Problem.at(m.place, "status", f"is 'held' but the meeting is on {m.date:%d %B %Y}, "
                                       f"after as_of ({project.as_of:%d %B %Y}) in project.yaml", m.status))
        key = (m.date, m.title.casefold(), frozenset(ids))
        if key in seen:
            problems.append(Problem.at(m.place, None, f"the same meeting ('{m.title}', {m.date:%d %B %Y}) is also "
                                       f"reported at {seen[key]}; it is counted once", severity="warning"))
            continue
        seen[key] = m.place
        kept.append(m)
    return kept, problems


def directory_partner(directory: Directory, pid: str) -> Partner:
    return next(p for p in directory.partners if p.id == pid)


def check_actions(actions: list[Action], directory: Directory) -> list[Problem]:
    problems = []
    for a in actions:
        for ref in a.leads:
            if directory.find(ref) is None and not directory.is_rejected(ref):
                problems.append(Problem.at(a.place, "leads", f"'{ref}' is not a partner{directory.hint(ref)}; "
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
                problems.append(Problem.at(line.place, "partner", f"'{line.partner}' is not a partner"
                                           f"{directory.hint(line.partner)}", line.partner))
        if line.year is not None and project.duration_years and line.year > project.duration_years:
            problems.append(Problem.at(line.place, "year", f"is year {line.year}, but duration_years in "
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
            problems.append(Problem.at(o.place, "id", f"the outcome id '{o.id}' is also used at {ids[o.id]}", o.id))
        ids.setdefault(o.id, o.place)
    return problems


# ---------------------------------------------------------------- narrative

def read_narrative(root: Path) -> tuple[dict[str, Narrative], list[Problem]]:
    found, problems = {}, []
    folder = root / "narrative"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem.at(Place(rel), None, "the file is not UTF-8 text; save it as UTF-8"))
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for match in PLACEHOLDER.finditer(line):
                name = match.group(1).strip()
                if name not in tx.MEASURES and name not in ("nations_covered", "amount_requested"):
                    known = list(tx.MEASURES) + ["nations_covered", "amount_requested"]
                    problems.append(Problem.at(Place(rel, None, number), None, f"unknown figure '{name}'"
                                               f"{tx.suggest(name, known)}; the figures are {', '.join(known)}",
                                               match.group(0)))
        found[path.stem] = Narrative(path.stem, rel, text)
    return found, problems


def check_funder(root: Path, project: Project, narrative: dict, budget: list) -> list[Problem]:
    """The funder's rules, and narrative files that no document uses."""
    from .funders import check, load_profile

    questions: list[str] = []
    problems: list[Problem] = []
    if project.funder:
        try:
            profile = load_profile(project.funder, root)
        except BidkitError as exc:
            return [Problem.at(Place("project.yaml", None, project._line_of.get("funder")), "funder", str(exc),
                               project.funder)]
        questions = [q.id for q in profile.questions]
        problems += check(profile, project, narrative, budget, project._line_of)
    for section in NARRATIVE_SECTIONS:
        if section not in narrative:
            problems.append(Problem.at(Place(f"narrative/{section}.md"), None, "is missing; its section will "
                                       "say it is still to be written", severity="warning"))
    for name, text in narrative.items():
        if name not in NARRATIVE_SECTIONS and name not in questions:
            known = list(NARRATIVE_SECTIONS) + questions
            problems.append(Problem.at(Place(text.file), None, f"no document uses '{name}'{tx.suggest(name, known)}"
                                       f"; the sections are {', '.join(known)}", severity="warning"))
    return problems


# ---------------------------------------------------------------- the whole folder

def load(root: Path) -> Evidence:
    """Evidence, or EvidenceInvalid with every problem; BidkitError when there is no folder to read."""
    root = Path(root)
    if not root.is_dir():
        raise BidkitError(f"there is no project folder at '{root}'")
    problems: list[Problem] = []
    project = load_project(root, problems)

    tables: list[Table] = []
    files = ["project.yaml"]
    unreadable_partners = False
    for path in evidence_files(root):
        rel = path.relative_to(root).as_posix()
        files.append(rel)
        found, trouble = read_tables(path, rel)
        tables += found
        problems += trouble
        if errors(trouble) and kind_of_name(path.name) in ("partners", None):
            unreadable_partners = True
    records: dict[str, list] = {kind: [] for kind in KINDS}
    rejected_partners: list[dict] = []
    for table in tables:
        found, trouble = validate_table(table, rejected_partners if table.kind == "partners" else None)
        records[table.kind] += found
        problems += trouble

    partners = records["partners"]
    problems += check_partners(partners)
    directory = Directory(partners, rejected_partners, unreadable_partners)
    meetings = records["meetings"]
    narrative, trouble = read_narrative(root)
    problems += trouble
    files += [n.file for n in narrative.values()]
    problems += check_outcomes(records["outcomes"])
    problems += check_actions(records["action-plan"], directory)
    if project is not None:
        if not partners and not unreadable_partners:
            problems.append(Problem.at(Place("project.yaml"), None, "no partners found: add partners.csv "
                                       "(or .xlsx/.yaml) with at least the lead partner"))
        else:
            lead = directory.find(project.lead_partner)
            if lead is None and not directory.is_rejected(project.lead_partner):
                problems.append(Problem.at(Place("project.yaml", None, project._line_of.get("lead_partner")),
                                           "lead_partner", f"'{project.lead_partner}' is not a partner"
                                           f"{directory.hint(project.lead_partner)}", project.lead_partner))
            elif lead is not None:
                project.lead_partner = lead
        meetings, trouble = check_meetings(meetings, directory, project)
        problems += trouble
        budget_places = sorted({Place(t.place.file, t.place.sheet) for t in tables if t.kind == "budget"})
        problems += check_budget(records["budget"], directory, project, budget_places)
        problems += check_funder(root, project, narrative, records["budget"])

    problems.sort(key=lambda p: (p.file, p.sheet or "", p.row or 0))
    if project is None or errors(problems):
        raise EvidenceInvalid(problems)
    return Evidence(root, project, partners, meetings, records["outcomes"], records["reading-list"],
                    records["action-plan"], records["budget"], narrative, problems, sorted(files))


def load_project(root: Path, problems: list[Problem]) -> Project | None:
    path = root / "project.yaml"
    if not path.is_file():
        problems.append(Problem.at(Place("project.yaml"), None, "is missing: every project folder needs one "
                                   "(`bidkit init DIR` makes a new project from the example)"))
        return None
    try:
        data = read_yaml(path, "project.yaml")
    except ReadError as exc:
        problems.append(Problem.at(Place("project.yaml", None, getattr(exc, "line", None)), None, str(exc)))
        return None
    if not isinstance(data, YMap):
        problems.append(Problem.at(Place("project.yaml"), None, "should be a set of 'key: value' lines"))
        return None
    project, trouble = validate(Project, dict(data), Place("project.yaml"), root=data)
    problems += [replace(p, message=f"unknown key '{p.field}'{tx.suggest(p.field, list(Project.model_fields))}")
                 if p.message == "is not a known key" else p for p in trouble]
    if project is not None:
        project._line_of = dict(data.lines)
    return project
