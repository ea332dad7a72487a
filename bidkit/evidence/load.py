"""A project folder into validated Evidence, or every problem found in it.

Each file is read, each row validated on its own (one bad row never hides the next), then the records are
checked against each other: references, duplicates, the budget against the amount requested, the funder's rules.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from ..paths import refused
from ..i18n.catalogue import N_
from ..problems import BidkitError, EvidenceInvalid, Message, Place, Problem, errors, message_of
from . import taxonomies as tx
from .checks import (Directory, check_actions, check_budget, check_dates, check_meetings, check_outcomes,
                     check_partners, check_refused_references, not_a_partner, partner_keys)
from .files import evidence_files, kind_of_name
from . import assessor
from .funded import check_delivery_plan, check_other_funding, check_targets
from .funders.profile import Profile, check as check_profile, check_answers, load_profile, untranslated
from .kinds import KINDS
from .models import (Action, BudgetLine, Meeting, OtherFunding, Outcome, PartialProject, Partner, PlannedActivity,
                     Project, ReadingItem)
from .narrative import NARRATIVE_SECTIONS, Narrative, check_languages, check_sections, read_narratives
from .owners import PartnerKeys
from .readers import read_tables
from .tables import ReadError, Table
from .validate import given, validate, validate_table
from .values import split_list
from .yamlfile import YMap, read_yaml


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
    profile: Profile | None = None          # the funder's, loaded once with the evidence
    warnings: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    delivery_plan: list[PlannedActivity] = field(default_factory=list)     # what the grant will pay for
    other_funding: list[OtherFunding] = field(default_factory=list)        # the rest of the total cost
    questions: list[Problem] = field(default_factory=list)    # what an assessor would question (also in warnings)
    narratives: dict[str, dict[str, Narrative]] = field(default_factory=dict)   # language -> sections

    @property
    def languages(self) -> list[str]:
        return list(dict.fromkeys(self.project.languages or ["en"]))

    def narrative_in(self, lang: str) -> dict[str, Narrative]:
        """The sections written in `lang` (the first language's are `narrative`)."""
        return self.narratives.get(lang, self.narrative if lang == self.project.language else {})

    def partner(self, pid: str) -> Partner:
        return next(p for p in self.partners if p.id == pid)

    def find_partner(self, ref: str) -> Partner | None:
        """The partner someone meant by an id or a name as written (case, spaces and `-` aside)."""
        pid = self._keys.find(ref)
        return self.partner(pid) if pid else None

    @cached_property
    def _keys(self) -> PartnerKeys:
        return partner_keys(self.partners)

    @property
    def lead(self) -> Partner:
        return self.partner(self.project.lead_partner)


def failed_kinds(name: str, tables: list[Table], trouble: list[Problem]) -> tuple[set[str | None], list]:
    """What the read-time errors of one file leave unjudged: the kinds of its tables that failed as a whole, and
    (kind, table, problem) for each row that was refused on its own (a row with more cells than the header
    names, a cell of bytes no encoding explains), whose table was read without it. A table's problem names its
    sheet, so a column given twice in consortium.xlsx[Budget] leaves only budget lines unjudged, never the
    meetings of another file; None (any kind) for an error of a whole file whose name is no kind."""
    by_sheet = {t.place.sheet: t for t in tables}
    of_table = {id(p): t.kind for t in tables for p in t.problems}
    kinds: set[str | None] = set()
    rows: list[tuple[str, Table, Problem]] = []
    for p in errors(trouble):
        table = by_sheet.get(p.sheet)
        if p.kind is not None:                  # the reader knows what it left unread (a misnamed sheet or file)
            kinds.add(p.kind)
        elif id(p) in of_table:
            kinds.add(of_table[id(p)])
        elif table is not None and table.header_row is not None and p.row is not None and p.row > table.header_row:
            rows.append((table.kind, table, p))
        elif p.sheet is not None and (table is not None or kind_of_name(p.sheet)):
            kinds.add(table.kind if table is not None else kind_of_name(p.sheet))
        else:
            kinds.add(kind_of_name(name))
    return kinds, rows


def refused_partner(table: Table, p: Problem) -> list[dict]:
    """What can be read of the id and name of a partners row refused while reading, as rows for
    `Directory(rejected=...)`: the cell's own value for a cell refused at its field; else the cells of the row as
    the problem gives them, by the header's positions. A row with more cells than names has a separator typed
    inside a value (`copro,Co-Production Network, Wales,...`), so each way the extra cells may join is taken: the
    id `copro` and the names `Co-Production Network` and `Co-Production Network, Wales`. [] when neither id nor
    name can be read."""
    if p.field is not None:
        return [{p.field: p.value}] if p.field in ("id", "name") and p.value else []
    if not p.value:
        return []
    text = p.value[:-3] if len(p.value) == 80 and p.value.endswith("...") else p.value
    sep, cells = max(((d, next(csv.reader([text], delimiter=d), [])) for d in (",", ";", "\t")),
                     key=lambda found: len(found[1]))
    known = len(cells) - (text != p.value)        # a cell cut short by the problem's 80 characters is unknown
    extra = max(len(cells) - len(table.headers), 0)
    found = []
    for i, header in enumerate(table.headers):
        key = tx.fold(header)
        if key not in ("id", "name"):
            continue
        for start in range(i, i + extra + 1):
            for end in range(start + 1, i + extra + 2):
                value = sep.join(cells[start:end]).strip()
                if end <= known and value:
                    found.append({key: value})
    return found


def funder_profile(root: Path, project: Project) -> tuple[Profile | None, list[Problem]]:
    if not project.funder:
        return None, []
    try:
        profile = load_profile(project.funder, root)
    except BidkitError as exc:
        return None, [Problem.at(Place("project.yaml", None, project._line_of.get("funder")), "funder",
                                 message_of(exc), project.funder)]
    problems = []
    for lang in project.languages or []:
        missing = untranslated(profile, lang)
        if missing:
            problems.append(Problem.at(Place("project.yaml", None, project._line_of.get("funder")), "funder",
                                       N_("the funder profile '{id}' has no '{lang}' text for {missing}; the "
                                          "'{lang}' documents would show it in English"), project.funder,
                                       severity="warning",
                                       args={"id": profile.id, "lang": lang, "missing": ", ".join(missing[:4])
                                             + (" …" if len(missing) > 4 else "")}))
    return profile, problems


def load(root: Path) -> Evidence:
    """Evidence, or EvidenceInvalid with every problem; BidkitError when there is no folder to read."""
    evidence, problems, complete = read_evidence(root)
    if not complete:
        raise EvidenceInvalid(problems)
    return evidence


def read_evidence(root: Path) -> tuple[Evidence, list[Problem], bool]:
    """(Evidence of every record that is valid, every problem, whether it is all valid): `bidkit diff` compares
    a folder with errors where it can be read. BidkitError when there is no folder to read.

    Every check runs on whatever is valid: a project.yaml with errors still gives its valid keys to the checks
    that need only those, and a file that cannot be read hides nothing of the others."""
    root = Path(root)
    if not root.is_dir():
        raise BidkitError(Message(N_("there is no project folder at '{folder}'"), {"folder": str(root)}))
    problems: list[Problem] = []
    project = load_project(root, problems)
    facts = project if project is not None else PartialProject()     # the checks that need no project.yaml
    profile = None

    tables: list[Table] = []
    files = ["project.yaml"]
    # kinds of the files that could not be read (None: any kind), so references into them are not judged
    paths, trouble = evidence_files(root)
    problems += trouble
    unread: set[str | None] = {kind_of_name(p.file) for p in trouble}
    refused: list[tuple[str, Table, Problem]] = []     # rows refused while reading; the rest of their table read
    for path in paths:
        rel = path.relative_to(root).as_posix()
        files.append(rel)
        found, trouble = read_tables(path, rel)
        tables += found
        problems += trouble
        kinds, rows = failed_kinds(path.name, found, trouble)
        unread |= kinds
        refused += rows
    records: dict[str, list] = {kind: [] for kind in KINDS}
    # partners whose rows were refused, by what can be read of them: references to them are not judged; a
    # partner neither of whose names can be read leaves no reference to be judged
    rejected_partners: list[dict] = []
    for kind, table, p in refused:
        if kind == "partners":
            found = refused_partner(table, p)
            rejected_partners += found
            if not found:
                unread.add("partners")
    incomplete = set(unread) | {kind for kind, _, _ in refused}   # ... and the kinds some of whose rows have errors
    refused_references: list[tuple] = []       # the partners named by rows refused for another error
    for table in tables:
        found, trouble = validate_table(table, rejected_partners if table.kind == "partners" else None,
                                        refused_references)
        records[table.kind] += found
        problems += trouble
        if errors(trouble):
            incomplete.add(table.kind)
    unreadable_partners = bool({"partners", None} & unread)

    partners = records["partners"]
    problems += check_partners(partners)
    directory = Directory(partners, rejected_partners, unreadable_partners)
    languages = list(dict.fromkeys(getattr(project, "languages", None) or ["en"]))
    narratives, trouble = read_narratives(root, languages)
    narrative = narratives[languages[0]]
    problems += trouble
    files += [n.file for texts in narratives.values() for n in texts.values()]
    problems += check_outcomes(records["outcomes"])
    problems += check_actions(records["action-plan"], directory)
    problems += check_dates(records, facts)
    meetings, trouble = check_meetings(records["meetings"], directory, facts)
    problems += trouble
    if errors(trouble):
        incomplete.add("meetings")       # a meeting left out for its error may be the one held in a nation
    problems += check_refused_references(refused_references, directory)
    def files_of(kind: str) -> list[Place]:
        return sorted({Place(t.place.file, t.place.sheet) for t in tables if t.kind == kind})

    def complete(kind: str) -> bool:
        return not {kind, None} & incomplete

    problems += check_budget(records["budget"], directory, facts, files_of("budget"), complete=complete("budget"))
    problems += check_delivery_plan(records["delivery-plan"], directory, facts, complete("delivery-plan"),
                                    needed=project is not None and bool(project.funder))
    problems += check_other_funding(records["other-funding"], facts, files_of("other-funding"),
                                    complete("other-funding") and "total_cost" not in facts._invalid
                                    and "amount_requested" not in facts._invalid)
    problems += check_targets(records["outcomes"], facts)
    asked = assessor.questions(assessor.Funded(facts, partners, meetings, records["outcomes"],
                                               records["delivery-plan"], records["other-funding"],
                                               files_of("delivery-plan"), {k for k in KINDS if complete(k)}))
    problems += asked
    if project is not None:
        if not partners and not unreadable_partners:
            problems.append(Problem.at(Place("project.yaml"), None, N_("no partners found: add partners.csv "
                                                                       "(or .xlsx/.yaml) with at least the lead "
                                                                       "partner")))
        elif project.lead_partner is not None:
            lead = directory.find(project.lead_partner)
            if lead is None and not directory.is_rejected(project.lead_partner):
                problems.append(not_a_partner(Place("project.yaml", None, project._line_of.get("lead_partner")),
                                              "lead_partner", project.lead_partner, directory))
            elif lead is not None:
                project.lead_partner = lead
        profile, trouble = funder_profile(root, project)
        problems += trouble
        if profile is not None:
            problems += [p for p in check_profile(profile, project, narrative, records["budget"], project._line_of)
                         if (p.field or "").split(".")[0] not in project._invalid]
            for lang in languages[1:]:
                problems += check_answers(profile, narratives[lang], project.status == "final", lang,
                                          missing=False)
        questions = [q.id for q in profile.questions] if profile else []
        for lang in languages:
            problems += check_sections(narratives[lang], questions, missing=lang == languages[0])
        problems += check_languages(narratives, languages, list(NARRATIVE_SECTIONS) + questions,
                                    project.status == "final")

    problems.sort(key=lambda p: (p.file, p.sheet or "", p.row or 0))
    complete = not (project is None or project._invalid or errors(problems))
    evidence = Evidence(root, project if project is not None else facts, partners, meetings, records["outcomes"],
                        records["reading-list"], records["action-plan"], records["budget"], narrative, profile,
                        problems, sorted(files), records["delivery-plan"], records["other-funding"], asked, narratives)
    return evidence, problems, complete


def main_language(root: Path) -> str:
    """The language project.yaml names first, read before the evidence is checked so that its problems can be
    told in it; English when the file or its `languages:` cannot be read (check then says why, in English)."""
    try:
        data = read_yaml(root / "project.yaml", "project.yaml", root)
    except (ReadError, OSError, ValueError):
        return "en"
    found = data.get("languages") if isinstance(data, YMap) else None
    listed = split_list(found) if isinstance(found, str) else found if isinstance(found, list) else []
    try:                                  # as the project reads it: `[Cymraeg, English]` and `cy, en` too
        return tx.match(str(listed[0]).strip(), tx.LANGUAGES) if listed else "en"
    except ValueError:
        return "en"


def load_project(root: Path, problems: list[Problem]) -> Project | None:
    """The project, or when project.yaml has errors a PartialProject of its valid keys (`_invalid` names the
    others); None when there is no project.yaml to read."""
    path = root / "project.yaml"
    if not path.is_file() and not path.is_symlink():
        problems.append(Problem.at(Place("project.yaml"), None, N_("is missing: every project folder needs one "
                                                                   "(`bidkit init DIR` makes a new project from "
                                                                   "the example)")))
        return None
    why = refused(root, Path("project.yaml"))
    if why is not None:
        problems.append(Problem.at(Place("project.yaml"), None, N_("was not read: {why}"), args={"why": why}))
        return None
    try:
        data = read_yaml(path, "project.yaml")
    except ReadError as exc:
        problems.append(Problem.at(Place("project.yaml", None, getattr(exc, "line", None)), None, message_of(exc)))
        return None
    except OSError as exc:
        problems.append(Problem.at(Place("project.yaml"), None, N_("cannot be read ({why})"),
                                   args={"why": str(exc.strerror or exc)}))
        return None
    if not isinstance(data, YMap):
        problems.append(Problem.at(Place("project.yaml"), None, N_("should be a set of 'key: value' lines")))
        return None
    project, trouble = validate(Project, dict(data), Place("project.yaml"), root=data)
    problems += [p.reworded(N_("unknown key '{key}'{hint}"),
                            {"key": p.field, "hint": tx.suggest(p.field, list(Project.model_fields))})
                 if p.message == "is not a known key" else p for p in trouble]
    if project is None:
        project = partial_project(data, {(p.field or "").split(".")[0] for p in trouble})
    project._line_of = dict(data.lines)
    return project


def partial_project(data: YMap, invalid: set[str]) -> Project:
    """The keys of project.yaml that are valid, as a PartialProject; a key found invalid only once others are
    left out (total_cost against amount_requested) is left out too."""
    invalid = set(invalid)
    for _attempt in range(3):
        kept = {k: v for k, v in data.items() if k not in invalid and k in Project.model_fields}
        try:
            project = PartialProject.model_validate(given(kept))
            break
        except ValidationError as exc:
            invalid |= {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
    else:
        project = PartialProject()
    project._invalid = invalid | {k for k, f in Project.model_fields.items() if f.is_required() and k not in data}
    return project
