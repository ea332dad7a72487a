"""Dates and periods as partners write them: always day first, never month first.

Spreadsheets from four nations arrive with `14/11/2018`, `14 Nov 2018`, `June 17` or `Early Sept 17`. Each is read
the way a person in the UK would read it (`05/06/2018` is 5 June, never May 6), and a date that cannot exist says
why in plain English, because the message is shown to the person who typed it. Pure stdlib, no locale: the same
text gives the same dates on every machine.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime

# The one month-name table: every spelling a partner may use, lower case.
MONTH_NAMES = [
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"),
]
MONTHS = {name: number for number, names in enumerate(MONTH_NAMES, start=1) for name in names}
MONTH_TITLES = [names[0].title() for names in MONTH_NAMES]      # "February", for messages (calendar is locale-bound)
MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"   # longest first: "sept" before "sep"
YEAR = r"(\d{4}|\d{2})"
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
RANGE = re.compile(r"\s*[–—]\s*|\s+(?:-|to)\s+", re.IGNORECASE)
HINT = "write it as 2018-11-14 or 14/11/2018"
PERIOD_HINT = ("write a date (14/11/2018), a month (June 2017, Jun 17), part of a month (Early Sept 17), "
               "a season (Autumn 2017), a year (2018), a range (Nov 2018 - Jan 2019) or Ongoing")


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
    """The date, or a DateError saying in words why it cannot exist."""
    if not 1 <= month <= 12:
        raise DateError(f"'{written}' is not a real date (there is no month {month})")
    if not 1 <= year <= 9999:
        raise DateError(f"'{written}' is not a real date (there is no year {year})")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(f"'{written}' is not a real date ({MONTH_TITLES[month - 1]} {year} has {days} days)")
    return date(year, month, day)


def exact_date(text: str) -> date | None:
    """A single day, or None when the text is not written as one."""
    t = " ".join(text.lower().split())
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t):
        return make_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\2" + YEAR, t):   # day first, one separator throughout
        return make_date(year_of(m[4]), int(m[3]), int(m[1]), text)
    if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)? {MONTH},? {YEAR}", t):
        return make_date(year_of(m[3]), MONTHS[m[2]], int(m[1]), text)
    return None


def parse_date(value: str | date) -> date:
    """One day. An Excel date cell (date or datetime) is taken as it is."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _parse_text_date(str(value).strip())


@lru_cache(maxsize=4096)
def _parse_text_date(text: str) -> date:
    """Cached: a spreadsheet repeats the same few dates thousands of times (errors are not cached)."""
    found = exact_date(text)
    if found is None:
        raise DateError(f"'{text}' is not a date bidkit understands; {HINT}")
    return found


def span(text: str) -> tuple[date, date] | None:
    """The first and last day one expression (not a range) covers, or None when it is not one."""
    t = " ".join(text.lower().split())
    if day := exact_date(text):
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", t):
        year, month = int(m[1]), int(m[2])
        return make_date(year, month, 1, text), month_end(year, month)
    if m := re.fullmatch(rf"(early|mid|late)[ -]{MONTH} {YEAR}", t):
        year, month = year_of(m[3]), MONTHS[m[2]]
        first, last = PARTS[m[1]]
        return date(year, month, first), date(year, month, min(last, month_end(year, month).day))
    if m := re.fullmatch(rf"{MONTH} {YEAR}", t):
        year, month = year_of(m[2]), MONTHS[m[1]]
        return date(year, month, 1), month_end(year, month)
    if m := re.fullmatch(rf"({'|'.join(SEASONS)}) {YEAR}", t):
        year, (first, last) = year_of(m[2]), SEASONS[m[1]]
        return date(year, first, 1), month_end(year + 1 if last < first else year, last)
    if re.fullmatch(r"\d{4}", t) and int(t) >= 1:
        return date(int(t), 1, 1), date(int(t), 12, 31)
    return None


def parse_period(value: str | date) -> Period:
    """When something happens: a start and an end date, with the text kept as written for display."""
    if isinstance(value, (date, datetime)):
        day = parse_date(value)
        return Period(f"{day.day} {MONTH_TITLES[day.month - 1][:3]} {day.year}", day, day)
    text = str(value).strip()
    if text.lower() == "ongoing":
        return Period(text, None, None)
    parts = RANGE.split(text, maxsplit=1)
    spans = [span(part) for part in parts]
    if not text or any(s is None for s in spans):
        raise DateError(f"'{text}' is not a period bidkit understands; {PERIOD_HINT}")
    start, end = spans[0][0], spans[-1][1]
    if end < start:
        raise DateError(f"'{text}' ends before it starts")
    return Period(text, start, end)


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from the one `first` falls in to the one `last` falls in."""
    months, current = [], date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months
