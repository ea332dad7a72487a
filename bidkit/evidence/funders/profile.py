"""Funder profiles (data, not code) and the funder's own rules: word limits, money, lengths.

A proposal the funder's form would reject is worthless, so the limits are checked the way the form checks them:
words are runs of non-whitespace in the answer as plain text, after Markdown markup is removed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ...paths import FUNDERS
from ...i18n.catalogue import N_
from ...problems import BidkitError, Message, Place, Problem, message_of, plural
from ..tables import ReadError
from ..text import count_chars, count_words
from ..yamlfile import read_yaml

SHIPPED = FUNDERS


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LangText(Strict):
    """A funder's words in English and Welsh (`title: {en: ..., cy: ...}`; plain text is English only). Shown as
    English where no language is asked for (messages, f-strings), so code that predates Welsh keeps working."""
    en: str = Field(description="the text in English")
    cy: str = Field("", description="the text in Welsh (Cymraeg)")

    @model_validator(mode="before")
    @classmethod
    def from_text(cls, value):
        return {"en": value} if isinstance(value, str) else value

    def __str__(self) -> str:
        return self.en

    def has(self, lang: str) -> bool:
        return bool(getattr(self, lang, ""))

    def get(self, lang: str) -> str:
        """The text in `lang`; English only when the profile has none (load reports that as a warning)."""
        return getattr(self, lang, "") or self.en

    shown_in = get          # as a message's argument: the words in the reader's language


def lang_text(value) -> LangText:
    return value if isinstance(value, LangText) else LangText.model_validate(value or "")


class Question(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    field: str
    title: LangText
    guidance: LangText = LangText(en="")
    min_words: Optional[int] = Field(default=None, ge=0)
    max_words: Optional[int] = Field(default=None, ge=1)
    max_chars: Optional[int] = Field(default=None, ge=1)

    def breaches(self, words: int, chars: int) -> list[tuple[str, int, int]]:
        """(`over`, `under` or `over-chars`, what was counted, the limit) for each limit the answer breaks."""
        found = []
        if self.max_words and words > self.max_words:
            found.append(("over", words, self.max_words))
        if self.min_words and words < self.min_words:
            found.append(("under", words, self.min_words))
        if self.max_chars and chars > self.max_chars:
            found.append(("over-chars", chars, self.max_chars))
        return found

    def state(self, words: int | None, chars: int | None) -> str:
        """missing, over, under or ok: what `bidkit status` shows beside the answer."""
        if words is None:
            return "missing"
        kinds = {kind for kind, _counted, _limit in self.breaches(words, chars or 0)}
        return "over" if kinds & {"over", "over-chars"} else "under" if kinds else "ok"

    @property
    def limit_text(self) -> str:
        if self.max_words:
            return f"{self.max_words} words"
        return f"{self.max_chars} characters" if self.max_chars else ""


class Rules(Strict):
    project_name_max_chars: Optional[int] = None
    locations_max_chars: Optional[int] = None
    amount_min: Optional[int] = None
    amount_max: Optional[int] = None
    amount_at_most_total_cost: bool = True
    duration_years_min: Optional[int] = None
    duration_years_max: Optional[int] = None
    budget_rows_max: Optional[int] = None


class Profile(Strict):
    id: str
    funder: LangText
    programme: LangText
    project_name: LangText = LangText(en="Project name")    # the form's own title for the project's name
    source: str
    rules: Rules
    questions: list[Question]

    @model_validator(mode="after")
    def unique_ids(self):
        ids = [q.id for q in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError(Message(N_("question ids must be unique")))
        return self


def untranslated(profile: Profile, lang: str) -> list[str]:
    """The profile's texts a document in `lang` would show in English: what the load warns about."""
    if lang == "en":
        return []
    found = [name for name in ("funder", "programme") if not getattr(profile, name).has(lang)]
    for q in profile.questions:
        found += [f"questions.{q.id}.{name}" for name in ("title", "guidance")
                  if getattr(q, name).en and not getattr(q, name).has(lang)]
    return found


def profile_paths(project: Path | None) -> list[Path]:
    """A project's own `funders/*.yaml` first, then the shipped ones."""
    paths = sorted((project / "funders").glob("*.yaml")) if project and (project / "funders").is_dir() else []
    return paths + sorted(SHIPPED.glob("*.yaml"))


def load_profile(funder_id: str, project: Path | None = None) -> Profile:
    for path in profile_paths(project):
        if path.stem != funder_id:
            continue
        own = path.parent if project is not None and path.parent == project / "funders" else None
        try:
            return Profile.model_validate(plain(read_yaml(path, path.name, own)))
        except ReadError as exc:
            line = getattr(exc, "line", None)
            raise BidkitError(Message(N_("funder profile {path} (line {line}): {why}") if line else
                                      N_("funder profile {path}: {why}"),
                                      {"path": str(path), "line": line, "why": message_of(exc)})) from None
        except ValidationError as exc:
            raise BidkitError(Message(N_("funder profile {path} is not valid: {why}; fix it and run again"),
                                      {"path": str(path), "why": profile_errors(exc)})) from None
    known = ", ".join(sorted({p.stem for p in profile_paths(project)}))
    raise BidkitError(Message(N_("no funder profile '{id}' (known: {known})"), {"id": funder_id, "known": known}))


def profile_errors(exc: ValidationError) -> str:
    """pydantic's errors as which key and what is wrong, without its own text or the values it was given."""
    words = []
    for error in exc.errors(include_url=False, include_input=False)[:5]:
        key = ".".join(str(part) for part in error.get("loc", ())) or "the profile"
        kind = error.get("type", "")
        what = {"missing": "is missing", "extra_forbidden": "is not a key a profile has",
                "int_parsing": "should be a whole number", "int_type": "should be a whole number",
                "float_parsing": "should be a number", "bool_parsing": "should be true or false",
                "string_type": "should be text", "list_type": "should be a list ('- ' entries)",
                "dict_type": "should be a set of 'key: value' lines",
                "model_type": "should be a set of 'key: value' lines"}.get(kind)
        if what is None and kind == "value_error":
            what = str(error.get("msg", "")).removeprefix("Value error, ")
        if what is None:
            what = "is not what a profile allows there"
        words.append(f"'{key}' {what}" if error.get("loc") else what)
    return "; ".join(words)


def plain(data):
    """YAML text into numbers where a profile wants them (profiles are ours, so typing is safe here)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    if isinstance(data, str) and data.isdigit():
        return int(data)
    if data in ("true", "false"):
        return data == "true"
    return data


BREACHES = {"over": plural("{n} word; the funder allows at most {limit}",
                           "{n} words; the funder allows at most {limit}"),
            "under": plural("{n} word; the funder asks for at least {limit}",
                            "{n} words; the funder asks for at least {limit}"),
            "over-chars": plural("{n} character; the funder allows at most {limit}",
                                 "{n} characters; the funder allows at most {limit}")}


def check_answers(profile: Profile, narrative: dict, final: bool, lang: str = "en",
                  missing: bool = True) -> list[Problem]:
    """Each answer (in one language) against its limits, counted the same way in every language; over or under a
    limit is a warning in draft and an error in final. A missing answer is an error when `missing`."""
    problems = []
    for q in profile.questions:
        answer = narrative.get(q.id)
        if answer is None:
            if missing:
                problems.append(Problem.at(Place(f"narrative/{q.id}.md"), None,
                                           N_("the answer to \"{title}\" is missing; write it in "
                                              "narrative/{id}.md"), args={"title": q.title, "id": q.id}))
            continue
        for kind, counted, limit in q.breaches(count_words(answer.text), count_chars(answer.text)):
            problems.append(Problem.at(Place(answer.file), None, BREACHES[kind], severity="error" if final else
                                       "warning", args={"n": counted, "limit": limit}))
    return problems


def check(profile: Profile, project, narrative: dict, budget: list, lines: dict) -> list[Problem]:
    """Every breach of the profile, naming its field; over/under a word limit is a warning unless final."""
    final = project.status == "final"
    rules = profile.rules
    problems: list[Problem] = []

    def at(key: str, message: str, value=None, severity="error", args: dict | None = None):
        problems.append(Problem.at(Place("project.yaml", None, lines.get(key.split(".")[0])), key, message,
                                   value, severity, args=args))

    problems += check_answers(profile, narrative, final)

    if rules.project_name_max_chars and project.title and len(project.title) > rules.project_name_max_chars:
        at("title", N_("is {n} characters; the funder allows {limit}"),
           args={"n": len(project.title), "limit": rules.project_name_max_chars})
    if rules.locations_max_chars and project.locations and len(project.locations) > rules.locations_max_chars:
        at("locations", N_("is {n} characters; the funder allows {limit}"),
           args={"n": len(project.locations), "limit": rules.locations_max_chars})
    amount = project.amount_requested
    if amount is None:
        at("amount_requested", N_("is needed for the funding proposal"))
    else:
        if rules.amount_min is not None and amount < rules.amount_min:
            at("amount_requested", N_("£{amount:,} is less than the £{limit:,} minimum"), amount,
               args={"amount": amount, "limit": rules.amount_min})
        if rules.amount_max is not None and amount > rules.amount_max:
            at("amount_requested", N_("£{amount:,} is more than the £{limit:,} maximum"), amount,
               args={"amount": amount, "limit": rules.amount_max})
        if rules.amount_at_most_total_cost and project.total_cost is not None and amount > project.total_cost:
            at("amount_requested", N_("£{amount:,} is more than total_cost (£{cost:,})"), amount,
               args={"amount": amount, "cost": project.total_cost})
    years = project.duration_years
    if years is None:
        if rules.duration_years_min is not None or rules.duration_years_max is not None:
            at("duration_years", N_("is needed for the funding proposal"))
    else:
        if rules.duration_years_min is not None and years < rules.duration_years_min:
            at("duration_years", N_("{years} is shorter than the funder's {limit}"), years,
               args={"years": years, "limit": rules.duration_years_min})
        if rules.duration_years_max is not None and years > rules.duration_years_max:
            at("duration_years", N_("{years} is longer than the funder's {limit}"), years,
               args={"years": years, "limit": rules.duration_years_max})
    if project.organisation is None:
        at("organisation", N_("is needed for the funding proposal (legal_name, type, address)"))
    if project.beneficiaries is None or project.beneficiaries.number is None:
        at("beneficiaries", N_("is needed for the funding proposal: how many people will benefit over the grant "
                               "('beneficiaries:' then '  number: 1200'); their characteristics default to "
                               "focus.characteristics"))
    if rules.budget_rows_max is not None and len(budget) > rules.budget_rows_max:
        first = budget[rules.budget_rows_max].place if budget[rules.budget_rows_max].place else Place("budget")
        problems.append(Problem.at(first, None, N_("the budget has {n} rows; the funder's form takes at most "
                                                   "{limit}"), args={"n": len(budget), "limit": rules.budget_rows_max}))
    return problems
