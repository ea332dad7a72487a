"""One pydantic model per kind of evidence, typed from the text partners write.

Every field takes text (or an Excel date) and turns it into a value with a validator that raises a plain-English
ValueError; `evidence.py` maps pydantic's locations back to files and rows.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from . import taxonomies as tx
from .dates import Period, parse_date, parse_period
from .problems import Place

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ORG_ID = re.compile(r"^(?:GB|XI)-[A-Z]{2,5}-[A-Za-z0-9]+$")


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def check_text(limit: int):
    def validate(value):
        if isinstance(value, (list, dict)):
            raise ValueError("should be a single piece of text, not a list")
        text = str(value).strip()
        bad = CONTROL.search(text)
        if bad:
            raise ValueError(f"contains the control character U+{ord(bad.group()):04X}; remove it")
        if len(text) > limit:
            raise ValueError(f"is {len(text):,} characters long; at most {limit:,} are allowed")
        return text
    return validate


def split_list(value) -> list:
    """`a; b` or `a, b` in a cell; a real list in YAML."""
    if isinstance(value, list):
        return [v.strip() if isinstance(v, str) else v for v in value if v not in (None, "")]
    text = str(value)
    sep = ";" if ";" in text else ","
    return [part.strip() for part in text.split(sep) if part.strip()]


def money(value) -> int:
    text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        raise ValueError(f"'{value}' has pence; funders take whole pounds (write {round(float(text)):,})")
    raise ValueError(f"'{value}' is not an amount in pounds (write e.g. 12500 or £12,500)")


def whole_number(value) -> int:
    text = str(value).strip().replace(",", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValueError(f"'{value}' is not a whole number")


def number(value) -> float | int:
    text = str(value).strip().replace(",", "").rstrip("%")
    try:
        result = float(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a number") from None
    return int(result) if result.is_integer() else result


def choice(table: dict):
    def validate(value):
        return tx.match(str(value), table)
    return validate


def slug(value) -> str:
    text = str(value).strip()
    if not SLUG.match(text):
        raise ValueError(f"'{text}' is not a valid id; use lower-case letters, digits and '-' (e.g. 'wcva')")
    return text


def url(value) -> str:
    text = str(value).strip()
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", text, re.IGNORECASE):
        raise ValueError(f"'{text}' is not a web address starting with http:// or https://")
    return text


def email(value) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValueError(f"'{text}' is not an email address")
    return text


def check_org_id(value) -> str:
    text = str(value).strip()
    if not ORG_ID.match(text):
        raise ValueError(f"'{text}' is not an org-id.guide identifier such as GB-CHC-1171234 or GB-COH-01234567")
    return text


def sdg(value) -> int:
    n = whole_number(value)
    if not 1 <= n <= 17:
        raise ValueError(f"'{value}' is not a Sustainable Development Goal (they are numbered 1 to 17)")
    return n


def as_date(value) -> date:
    return parse_date(value)


def as_period(value) -> Period:
    return parse_period(value)


def listed(item):
    def validate(value):
        return [item(v) for v in split_list(value)]
    return validate


Text = Annotated[str, BeforeValidator(check_text(200))]
LongText = Annotated[str, BeforeValidator(check_text(2000))]
Slug = Annotated[str, BeforeValidator(slug)]
Ref = Annotated[str, BeforeValidator(check_text(200))]
Money = Annotated[int, BeforeValidator(money), Field(ge=0)]
Count = Annotated[int, BeforeValidator(whole_number), Field(ge=0)]
Number = Annotated[float, BeforeValidator(number)]
Date = Annotated[date, BeforeValidator(as_date)]
Url = Annotated[str, BeforeValidator(url)]
Email = Annotated[str, BeforeValidator(email)]


def Choice(table: dict):
    return Annotated[Literal[tuple(table)], BeforeValidator(choice(table))]


def Choices(table: dict):
    return Annotated[list[Literal[tuple(table)]], BeforeValidator(listed(choice(table)))]


Nation = Choice(tx.NATIONS)
Nations = Choices(tx.NATIONS)
Characteristics = Choices(tx.CHARACTERISTICS)
WellbeingGoals = Choices(tx.WELLBEING_GOALS)
Sdgs = Annotated[list[int], BeforeValidator(listed(sdg))]
Refs = Annotated[list[str], BeforeValidator(listed(check_text(200)))]


class Model(BaseModel):
    """Unknown keys are errors: they are usually typos."""

    model_config = ConfigDict(extra="forbid", frozen=False, arbitrary_types_allowed=True)
    _place: Place | None = PrivateAttr(default=None)

    @property
    def place(self) -> Place | None:
        return self._place


# ---------------------------------------------------------------- project.yaml

class Address(Model):
    line1: Text
    line2: Optional[Text] = None
    town_city: Text
    county: Optional[Text] = None
    postcode: Annotated[str, BeforeValidator(check_text(10))]


class Organisation(Model):
    legal_name: Text
    type: Choice(tx.ORGANISATION_TYPES)
    website: Optional[Url] = None
    address: Optional[Address] = None


class Contact(Model):
    """Internal: never printed in any document."""
    name: Optional[Text] = None
    email: Optional[Email] = None
    phone: Optional[Annotated[str, BeforeValidator(check_text(40))]] = None


class Focus(Model):
    sdgs: Sdgs = []
    wellbeing_goals: WellbeingGoals = []
    characteristics: Characteristics = []


class DateRange(Model):
    start: Date
    end: Date

    @model_validator(mode="after")
    def ordered(self):
        if self.end < self.start:
            raise ValueError(f"ends ({self.end:%d %b %Y}) before it starts ({self.start:%d %b %Y})")
        return self


class Project(Model):
    title: Annotated[str, BeforeValidator(check_text(80))]
    lead_partner: Ref
    status: Choice(tx.PROJECT_STATUSES) = "draft"
    version: Optional[Annotated[str, BeforeValidator(check_text(40))]] = None
    as_of: Date
    period: DateRange
    funder: Optional[Slug] = None
    amount_requested: Optional[Money] = None
    total_cost: Optional[Money] = None
    duration_years: Optional[Annotated[int, BeforeValidator(whole_number), Field(ge=1)]] = None
    start_date: Optional[Date] = None
    nations: Annotated[Nations, Field(min_length=1)]
    locations: Optional[Annotated[str, BeforeValidator(check_text(255))]] = None
    organisation: Optional[Organisation] = None
    contact: Optional[Contact] = None
    focus: Focus = Focus()
    languages: Choices(tx.LANGUAGES) = ["en"]
    _line_of: dict = PrivateAttr(default_factory=dict)

    @field_validator("total_cost")
    @classmethod
    def cost_covers_request(cls, value, info):
        asked = info.data.get("amount_requested")
        if value is not None and asked is not None and value < asked:
            raise ValueError(f"£{value:,} is less than amount_requested (£{asked:,}); the total cost includes "
                             "the amount asked for")
        return value

    @property
    def cost(self) -> int | None:
        """Total cost defaults to the amount requested."""
        return self.total_cost if self.total_cost is not None else self.amount_requested

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else "en"


# ---------------------------------------------------------------- tables

class Partner(Model):
    id: Optional[Slug] = None
    name: Text
    type: Choice(tx.PARTNER_TYPES)
    nation: Nation
    role: Choice(tx.PARTNER_ROLES)
    org_id: Optional[Annotated[str, BeforeValidator(check_org_id)]] = None
    characteristics: Characteristics = []
    website: Optional[Url] = None
    contact_email: Optional[Email] = None


class Meeting(Model):
    date: Date
    title: Text
    partners: Annotated[Refs, Field(min_length=1)]
    kind: Choice(tx.MEETING_KINDS) = "meeting"
    format: Optional[Choice(tx.MEETING_FORMATS)] = None
    status: Optional[Choice(tx.MEETING_STATUSES)] = None
    attendees: Optional[Count] = None
    nation: Optional[Nation] = None
    characteristics: Characteristics = []
    summary: Optional[LongText] = None


class ReadingItem(Model):
    title: Text
    source: Text
    url: Optional[Url] = None
    year: Optional[Annotated[int, BeforeValidator(whole_number), Field(ge=1000, le=2100)]] = None
    kind: Optional[Choice(tx.READING_KINDS)] = None
    notes: Optional[LongText] = None


class Action(Model):
    workstream: Text
    activity: LongText
    when: Optional[Annotated[Period, BeforeValidator(as_period)]] = None
    leads: Refs = []
    status: Optional[Choice(tx.ACTION_STATUSES)] = None
    notes: Optional[LongText] = None

    @property
    def workstream_number(self) -> int | None:
        found = re.match(r"\s*(\d+)", self.workstream)
        return int(found.group(1)) if found else None


class BudgetLine(Model):
    heading: Text
    description: Optional[LongText] = None
    year: Optional[Annotated[int, BeforeValidator(whole_number), Field(ge=1)]] = None
    amount: Money
    cost_type: Choice(tx.COST_TYPES) = "revenue"
    partner: Optional[Ref] = None


class Indicator(Model):
    id: Slug
    name: Text
    unit: Optional[Text] = None
    baseline: Optional[Number] = None
    target: Optional[Number] = None
    measure: Optional[Choice(tx.MEASURES)] = None
    actual: Optional[Number] = None

    @field_validator("actual")
    @classmethod
    def measure_or_actual(cls, value, info):
        if value is not None and info.data.get("measure"):
            raise ValueError(f"is given, but 'measure: {info.data['measure']}' counts it from the evidence; "
                             "give one or the other, not both")
        return value


class Outcome(Model):
    id: Slug
    title: Text
    type: Choice(tx.OUTCOME_TYPES) = "outcome"
    sdgs: Sdgs = []
    wellbeing_goals: WellbeingGoals = []
    indicators: list[Indicator] = []


TABLE_MODELS: dict[str, type[Model]] = {
    "partners": Partner,
    "meetings": Meeting,
    "reading-list": ReadingItem,
    "action-plan": Action,
    "budget": BudgetLine,
    "outcomes": Outcome,
}
