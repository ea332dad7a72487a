"""The values partners write, typed: text with its limit, whole pounds, counts, dates, lists, reference lists.

Every type takes text (or a spreadsheet date) and turns it into a value with a validator that raises a
plain-English ValueError, because the message is shown to the person who typed the cell.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from ..i18n.catalogue import N_
from ..problems import Message
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
        if value is None:           # validate.py drops blanks first; this keeps "None" out of any text
            raise ValueError(Message(N_("is required but not given")))
        if isinstance(value, (list, dict)):
            raise ValueError(Message(N_("should be a single piece of text, not a list")))
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()   # Windows and old Mac line ends
        bad = CONTROL.search(text)
        if bad:
            raise ValueError(Message(N_("contains the control character U+{code:04X}; remove it"),
                                     {"code": ord(bad.group())}))
        if len(text) > limit:
            raise ValueError(Message(N_("is {n:,} characters long; at most {limit:,} are allowed"),
                                     {"n": len(text), "limit": limit}))
        return text
    return validate


def split_list(value) -> list:
    """A real list in YAML; in a cell, items separated by `;` or line breaks (Alt+Enter in Excel), or by `,`
    where the cell has neither (a name with a comma in it is safe once the cell uses `;`)."""
    if isinstance(value, list):
        return [v.strip() if isinstance(v, str) else v for v in value if v not in (None, "")]
    text = str(value)
    if "\n" in text or "\r" in text:
        parts = re.split(r"[;\r\n]", text)
    else:
        parts = text.split(";" if ";" in text else ",")
    return [part.strip() for part in parts if part.strip()]


# Thousands written as people write them: `12,500`, `12 500` (a space, or the non-breaking one a French or
# Welsh keyboard setting gives); `12,50` is not a thousands separator and is refused, never read as 1250.
GROUPED = re.compile(r"-?\d{1,3}(?:([, \u00a0\u202f])\d{3})?(?:\1\d{3})*")
WHOLE = re.compile(r"-?\d+")


def digits(text: str) -> str | None:
    """`12,500` -> `12500`; None when the separators are not thousands separators."""
    if WHOLE.fullmatch(text):
        return text
    if GROUPED.fullmatch(text):
        return re.sub(r"[, \u00a0\u202f]", "", text)
    return None


def split_pence(text: str) -> tuple[str | None, str]:
    """(whole part, pence) of `30,000.00`; pence is '' when there is no decimal point. `1.000` or `12.500` is
    what a laptop set to German or French writes for a thousand: ambiguous, so it raises (never read as 1)."""
    whole, point, pence = text.partition(".")
    if point and not re.fullmatch(r"\d+", pence):
        return None, ""
    if point and len(pence) == 3 and re.fullmatch(r"[1-9]\d{0,2}", whole.strip()):
        small, large = f"{float(whole.strip() + '.' + pence):g}", int(whole.strip() + pence)
        raise ValueError(Message(N_("'{text}' could be {small} or {large:,} (some computers write a full stop "
                                    "between thousands); write {large:,} if you mean {large:,}, or {small} if you "
                                    "mean {small}"), {"text": text, "small": small, "large": large}))
    return digits(whole), pence


def money(value) -> int:
    """Whole pounds: `12500`, `12,500`, `£12,500`, `£30,000.00` (a currency cell's `.00` is whole pounds)."""
    text = str(value).strip().replace("£", "", 1).strip()
    whole, pence = split_pence(text)
    if whole is not None and not pence.strip("0"):
        return int(whole)
    if whole is not None:
        pounds = round(float(f"{whole}.{pence}"))
        raise ValueError(Message(N_("'{value}' has pence; funders take whole pounds (write {pounds:,})"),
                                 {"value": str(value), "pounds": pounds}))
    raise ValueError(Message(N_("'{value}' is not an amount in pounds (write e.g. 12500 or £12,500)"),
                             {"value": str(value)}))


def whole_number(value) -> int:
    """`25`, `1,200`, and `25.0` as a spreadsheet may give a count; `25.5` is not a whole number."""
    text = str(value).strip()
    whole, pence = split_pence(text)
    if whole is not None and not pence.strip("0"):
        return int(whole)
    raise ValueError(Message(N_("'{value}' is not a whole number"), {"value": str(value)}))


def number(value) -> float | int:
    text = str(value).strip().rstrip("%").strip()
    whole, fraction = split_pence(text)
    if whole is None:
        raise ValueError(Message(N_("'{value}' is not a number"), {"value": str(value)}))
    result = float(f"{whole}.{fraction or 0}")
    return int(result) if result.is_integer() else result


def choice(table: dict):
    def validate(value):
        return tx.match(str(value), table)
    return validate


def slug(value) -> str:
    text = str(value).strip()
    if not SLUG.match(text):
        raise ValueError(Message(N_("'{text}' is not a valid id; use lower-case letters, digits and '-' "
                                    "(e.g. 'wcva')"), {"text": text}))
    return text


def url(value) -> str:
    text = str(value).strip()
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", text, re.IGNORECASE):
        raise ValueError(Message(N_("'{text}' is not a web address starting with http:// or https://"),
                                 {"text": text}))
    return text


def email(value) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValueError(Message(N_("'{text}' is not an email address"), {"text": text}))
    return text


def check_org_id(value) -> str:
    text = str(value).strip()
    if not ORG_ID.match(text):
        raise ValueError(Message(N_("'{text}' is not an org-id.guide identifier such as GB-CHC-1171234 or "
                                    "GB-COH-01234567"), {"text": text}))
    return text


def sdg(value) -> int:
    n = whole_number(value)
    if not 1 <= n <= 17:
        raise ValueError(Message(N_("'{value}' is not a Sustainable Development Goal (they are numbered 1 to "
                                    "17)"), {"value": str(value)}))
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
