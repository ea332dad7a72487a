"""Dates and periods as partners write them: always day first, never month first.

Spreadsheets from four nations arrive with `14/11/2018`, `14 Nov 2018`, `June 17` or `Early Sept 17`; each is
read the way a person in the UK would read it, and an impossible date says why it is impossible.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

MONTHS = {name: number for number, names in enumerate([
    (), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")]) for name in names}
MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
HINT = "write it as 2018-11-14 or 14/11/2018"


class DateError(ValueError):
    """The message is plain English, shown to a spreadsheet user as it is."""


@dataclass(frozen=True)
class Period:
    text: str
    start: date | None
    end: date | None

    @property
    def ongoing(self) -> bool:
        return self.start is None

    def __str__(self) -> str:
        return self.text


def year_of(text: str) -> int:
    """A two-digit year is 20YY."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def make_date(year: int, month: int, day: int, written: str) -> date:
    if not 1 <= month <= 12:
        raise DateError(f"'{written}' is not a real date (there is no month {month})")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(f"'{written}' is not a real date ({calendar.month_name[month]} {year} has {days} days)")
    return date(year, month, day)


def exact_date(text: str) -> date | None:
    """A single day, or None when the text is not written as one."""
    t = text.strip().lower()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t):
        return make_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})", t):
        return make_date(year_of(m[3]), int(m[2]), int(m[1]), text)
    if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(\d{{4}}|\d{{2}})", t):
        return make_date(year_of(m[3]), MONTHS[m[2]], int(m[1]), text)
    return None


def parse_date(value: str | date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    found = exact_date(text)
    if found is None:
        raise DateError(f"'{text}' is not a date bidkit understands; {HINT}")
    return found


def span(text: str) -> tuple[date, date] | None:
    """The first and last day a single expression (not a range) covers."""
    t = " ".join(text.strip().lower().split())
    day = exact_date(t)
    if day:
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", t):
        year, month = int(m[1]), int(m[2])
        make_date(year, month, 1, text)
        return date(year, month, 1), month_end(year, month)
    if m := re.fullmatch(rf"(early|mid|late)[\s-]+{MONTH}\s+(\d{{4}}|\d{{2}})", t):
        year, month = year_of(m[3]), MONTHS[m[2]]
        first, last = PARTS[m[1]]
        return date(year, month, first), date(year, month, min(last, month_end(year, month).day))
    if m := re.fullmatch(rf"{MONTH}\s+(\d{{4}}|\d{{2}})", t):
        year, month = year_of(m[2]), MONTHS[m[1]]
        return date(year, month, 1), month_end(year, month)
    if m := re.fullmatch(r"(spring|summer|autumn|fall|winter)\s+(\d{4}|\d{2})", t):
        year, (first, last) = year_of(m[2]), SEASONS[m[1]]
        end_year = year + 1 if last < first else year
        return date(year, first, 1), month_end(end_year, last)
    if re.fullmatch(r"\d{4}", t):
        return date(int(t), 1, 1), date(int(t), 12, 31)
    return None


def parse_period(value: str | date) -> Period:
    if isinstance(value, (date, datetime)):
        day = parse_date(value)
        return Period(day.strftime("%d %b %Y").lstrip("0"), day, day)
    text = " ".join(str(value).split())
    if text.lower() == "ongoing":
        return Period(text, None, None)
    parts = re.split(r"\s+(?:-|–|—|to)\s+", text, maxsplit=1, flags=re.IGNORECASE)
    spans = [span(part) for part in parts]
    if any(s is None for s in spans):
        raise DateError(f"'{text}' is not a period bidkit understands; write a date (14/11/2018), a month "
                        "(June 2017, Jun 17), a part of a month (Early Sept 17), a range (Nov 2018 - Jan 2019) "
                        "or Ongoing")
    start, end = spans[0][0], spans[-1][1]
    if end < start:
        raise DateError(f"'{text}' ends before it starts")
    return Period(text, start, end)
