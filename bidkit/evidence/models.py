"""One pydantic model per kind of evidence, built from the value types in `values.py`.

`validate.py` maps pydantic's locations back to files and rows; unknown keys are errors because they are
usually typos.
"""
from __future__ import annotations

import re
import typing
from datetime import date
from functools import lru_cache
from typing import Annotated, Optional

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, create_model, field_validator,
                      model_validator)

from . import taxonomies as tx
from ..i18n.catalogue import N_
from ..problems import Message, Place
from .kinds import KINDS
from .values import (Characteristics, Choice, Count, Date, Email, LongText, Money, Nation, Nations, Number, Period,
                     Ref, Refs, Sdgs, Slug, Text, WellbeingGoals, as_period, check_org_id, check_text, whole_number,
                     Choices, Url)


class Model(BaseModel):
    """Unknown keys are errors: they are usually typos."""

    model_config = ConfigDict(extra="forbid", frozen=False, arbitrary_types_allowed=True)
    _place: Place | None = PrivateAttr(default=None)
    _columns: dict = PrivateAttr(default_factory=dict)     # field -> spreadsheet column letter
    _yaml: object = PrivateAttr(default=None)              # the YAML mapping it was read from (its lines)

    @property
    def place(self) -> Place | None:
        return self._place

    def place_of(self, field: str) -> Place | None:
        """The cell a field came from (`E7`), where the record came from a spreadsheet or CSV."""
        place = self._place
        if place is None or field not in self._columns:
            return place
        return Place(place.file, place.sheet, place.row, self._columns[field])


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
            raise ValueError(Message(N_("ends ({end}) before it starts ({start})"),
                                     {"end": self.end, "start": self.start}))
        return self


class Beneficiaries(Model):
    """Who the funded work is for: one source for the proposal's "Who will benefit", its chart and the form."""
    number: Optional[Count] = None
    characteristics: Optional[Characteristics] = None     # None: focus.characteristics


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
    beneficiaries: Optional[Beneficiaries] = None
    _line_of: dict = PrivateAttr(default_factory=dict)
    _invalid: set = PrivateAttr(default_factory=set)     # keys of project.yaml that have errors (partial project)

    @field_validator("total_cost")
    @classmethod
    def cost_covers_request(cls, value, info):
        asked = info.data.get("amount_requested")
        if value is not None and asked is not None and value < asked:
            raise ValueError(Message(N_("£{cost:,} is less than amount_requested (£{asked:,}); the total cost "
                                        "includes the amount asked for"), {"cost": value, "asked": asked}))
        return value

    @property
    def cost(self) -> int | None:
        """Total cost defaults to the amount requested."""
        return self.total_cost if self.total_cost is not None else self.amount_requested

    @property
    def beneficiary_characteristics(self) -> list[str]:
        """The people the grant is for: `beneficiaries.characteristics`, else `focus.characteristics`."""
        given = self.beneficiaries.characteristics if self.beneficiaries else None
        return list(given) if given else list(self.focus.characteristics)

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else "en"


# What could be read of a project.yaml that has errors: every key optional, so the keys that are valid still let
# the cross-checks run (a meeting naming an unknown partner, the budget against amount_requested, the funder's
# money rules). It never becomes Evidence: the errors of project.yaml are reported with the rest.
PartialProject = create_model(
    "PartialProject", __base__=Project, __doc__="A project.yaml with errors: only its valid keys.",
    **{name: (Optional[f.rebuild_annotation()], None) for name, f in Project.model_fields.items() if f.is_required()})


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


def workstream_number(workstream: str | None) -> int | None:
    """The number a work stream is written with ("1. Network established" -> 1), which orders the streams."""
    found = re.match(r"\s*(\d+)", workstream or "")
    return int(found.group(1)) if found else None


class Action(Model):
    workstream: Text
    activity: LongText
    when: Optional[Annotated[Period, BeforeValidator(as_period)]] = None
    leads: Refs = []
    status: Optional[Choice(tx.ACTION_STATUSES)] = None
    notes: Optional[LongText] = None

    @property
    def workstream_number(self) -> int | None:
        return workstream_number(self.workstream)


Year = Annotated[int, BeforeValidator(whole_number), Field(ge=1)]


class PlannedActivity(Model):
    """One activity of the delivery plan: what the grant pays for, in a year (and a quarter) of the grant."""
    year: Year
    quarter: Optional[Annotated[int, BeforeValidator(whole_number), Field(ge=1, le=4)]] = None
    activity: LongText
    workstream: Optional[Text] = None
    leads: Refs = []
    outputs: Optional[LongText] = None
    milestone: Optional[Choice(tx.YES_NO)] = None
    notes: Optional[LongText] = None

    @property
    def workstream_number(self) -> int | None:
        return workstream_number(self.workstream)

    @property
    def is_milestone(self) -> bool:
        return self.milestone == "yes"


class OtherFunding(Model):
    """Money or support from elsewhere: with the amount requested, it makes up the total cost."""
    source: Text
    amount: Money
    status: Optional[Choice(tx.FUNDING_STATUSES)] = None
    year: Optional[Year] = None
    notes: Optional[LongText] = None


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
    how_measured: Optional[LongText] = None
    targets: Optional[dict[Year, Number]] = None         # year of the grant -> target by the end of that year

    @property
    def is_count(self) -> bool:
        """A cumulative count (people, groups, responses), whose yearly targets cannot fall; a percentage may."""
        return (self.unit or "").strip().lower() not in ("%", "percent", "per cent", "percentage")

    @field_validator("actual")
    @classmethod
    def measure_or_actual(cls, value, info):
        if value is not None and info.data.get("measure"):
            raise ValueError(Message(N_("is given, but 'measure: {measure}' counts it from the evidence; give "
                                        "one or the other, not both"), {"measure": info.data["measure"]}))
        return value


class Outcome(Model):
    id: Slug
    title: Text
    type: Choice(tx.OUTCOME_TYPES) = "outcome"
    phase: Choice(tx.OUTCOME_PHASES) = "development"
    sdgs: Sdgs = []
    wellbeing_goals: WellbeingGoals = []
    indicators: list[Indicator] = []


TABLE_MODELS: dict[str, type[Model]] = {
    "partners": Partner,
    "meetings": Meeting,
    "reading-list": ReadingItem,
    "action-plan": Action,
    "delivery-plan": PlannedActivity,
    "budget": BudgetLine,
    "other-funding": OtherFunding,
    "outcomes": Outcome,
}



def mentions(annotation, types: tuple) -> bool:
    return annotation in types or any(mentions(arg, types) for arg in typing.get_args(annotation))


@lru_cache(maxsize=None)
def dated_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields holding a date or a period: the ones a month-first column could misread, and the ones checked
    against the project's period."""
    return tuple(n for n, f in model.model_fields.items() if mentions(f.annotation, (date, Period)))


assert set(TABLE_MODELS) == set(KINDS), "every kind of evidence needs its model"
