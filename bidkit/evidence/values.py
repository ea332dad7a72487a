"""The values partners write, typed: text with its limit, whole pounds, counts, dates, lists, reference lists.

Every type takes text (or a spreadsheet date) and turns it into a value with a validator that raises a
plain-English ValueError, because the message is shown to the person who typed the cell.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Optional

from pydantic import BeforeValidator, Field

from . import taxonomies as tx
from .dates import Period, parse_date, parse_period

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ORG_ID = re.compile(r"^(?:GB|XI)-[A-Z]{2,5}-[A-Za-z0-9]+$")


# The longest text a cell may hold (SPEC, Values): a name or title, and a summary or note. The partner workbook
# gives its text columns the same limits.
TEXT_LIMIT = 200
LONG_TEXT_LIMIT = 2000

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def check_text(limit: int):
    def validate(value):
        if isinstance(value, (list, dict)):
            raise ValueError("should be a single piece of text, not a list")
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()   # Windows and old Mac line ends
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


Text = Annotated[str, BeforeValidator(check_text(TEXT_LIMIT))]
LongText = Annotated[str, BeforeValidator(check_text(LONG_TEXT_LIMIT))]
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
