"""Dates and periods as partners write them: always day first, never month first.

Spreadsheets from four nations arrive with `14/11/2018`, `13-Nov-18`, `Tue 13 Nov 2018`, `June 17` or
`Early Sept 17`. Each is read the way a person in the UK would read it (`05/06/2018` is 5 June, never May 6); a
month written as a word is unambiguous wherever it stands (`November 13, 2018`), and a date with a time of day is
the day. A date that cannot exist says why in plain words (English or Welsh), because the message is shown to the person
who typed it. Pure stdlib, no locale: the same text gives the same dates on every machine.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta

from ..i18n.catalogue import N_
from ..i18n.formats import MONTH_TITLES, format_date
from ..problems import Label, Message

# The one month-name table: every spelling a partner may use, lower case.
MONTH_NAMES = [
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
    ("december", "dec"),
]
MONTHS = {name: number for number, names in enumerate(MONTH_NAMES, start=1) for name in names}
# "February", for messages, where a Welsh reader reads "Chwefror" (calendar is locale-bound)
DAY_TITLES = [N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
              N_("Sunday")]
WEEKDAYS = {name: number for number, names in enumerate([
    ("monday", "mon"), ("tuesday", "tues", "tue"), ("wednesday", "weds", "wed"),
    ("thursday", "thurs", "thur", "thu"), ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")])
    for name in names}
MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"   # longest first: "sept" before "sep"
YEAR = r"(\d{4}|\d{2})"
ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
RANGE = re.compile(r"\s*[–—]\s*|\s+(?:-|to)\s+", re.IGNORECASE)

WEEKDAY_PREFIX = re.compile("(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,? (.*)")
# A time of day after the date (`10:30`, `10:30:00`, `T10:30:00Z`, `3pm`): the day is what counts.
TIME = re.compile(r"(.*?\d)(?:t| at |, | )(\d{1,2})(?:(?:[:.](\d{2}))(?::(\d{2})(?:\.\d+)?)?\s?(am|pm)?"
                  r"|\s?(am|pm))(?:z|[+-]\d{2}:?\d{2})?")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
YEAR_FIRST = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})")
DAY_FIRST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2" + YEAR)      # one separator throughout
WORD_DAY_FIRST = re.compile(ORDINAL + r"(?: of)?(?: |-|/)" + MONTH + r"(?:,? |-|/)" + YEAR)
WORD_MONTH_FIRST = re.compile(MONTH + r"(?: |-)" + ORDINAL + r"(?:,? |,|-)(\d{4})")
# Any number written as day/month/year in a text, for telling a column typed month first (validate.py).
NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.\-])")


class DateError(ValueError):
    """Raised with a `Message`: shown to the person who typed the date, in their language (`str()` is the
    English)."""


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


def is_real(year: int, month: int, day: int) -> bool:
    return 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def make_date(year: int, month: int, day: int, written: str) -> date:
    """The date, or a DateError saying in words why it cannot exist."""
    if not 1 <= month <= 12:
        raise DateError(Message(N_("'{written}' is not a real date (there is no month {month})"),
                                {"written": written, "month": month}))
    if not 1 <= year <= 9999:
        raise DateError(Message(N_("'{written}' is not a real date (there is no year {year})"),
                                {"written": written, "year": year}))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(Message(N_("'{written}' is not a real date ({month} {year} has {days} days)"),
                                {"written": written, "month": Label(MONTH_TITLES[month - 1]), "year": year,
                                 "days": days}))
    return date(year, month, day)


def long_date(day: date) -> str:
    return format_date(day, "en")


def written_as(day: date) -> dict:
    """A date's arguments for a message: `meant` written in the reader's language, and the two ways to type it."""
    return {"meant": day, "numeric": f"{day:%d/%m/%Y}", "iso": f"{day:%Y-%m-%d}"}


def day_first(first: int, second: int, year: int, written: str) -> date:
    """`first/second/year` read day first; when only month first makes it real, the message says how to write it."""
    if not is_real(year, second, first) and is_real(year, first, second):
        meant = date(year, first, second)
        raise DateError(Message(N_("'{written}' is not a real date (there is no month {month}); dates are read day "
                                   "first, so if you meant {meant} write {numeric} or {iso}"),
                                {"written": written, "month": second, **written_as(meant)}))
    return make_date(year, second, first, written)


def _core_date(t: str, text: str) -> date | None:
    """A day written without weekday or time, or None when `t` (folded) is not written as one."""
    if m := ISO.fullmatch(t):
        return make_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := YEAR_FIRST.fullmatch(t):
        return make_date(int(m[1]), int(m[3]), int(m[4]), text)
    if m := DAY_FIRST.fullmatch(t):
        return day_first(int(m[1]), int(m[3]), year_of(m[4]), text)
    if m := WORD_DAY_FIRST.fullmatch(t):
        return make_date(year_of(m[3]), MONTHS[m[2]], int(m[1]), text)
    if m := WORD_MONTH_FIRST.fullmatch(t):       # the month is a word: unambiguous wherever it stands
        return make_date(int(m[3]), MONTHS[m[1]], int(m[2]), text)
    return None


def _real_time(m: re.Match) -> bool:
    hour, minute, second, half = int(m[2]), int(m[3] or 0), int(m[4] or 0), m[5] or m[6]
    return (1 <= hour <= 12 if half else hour <= 23) and minute <= 59 and second <= 59


def exact_date(text: str) -> date | None:
    """A single day, or None when the text is not written as one. A weekday before it must be that day's."""
    t = " ".join(text.lower().split())
    weekday = None
    if m := WEEKDAY_PREFIX.fullmatch(t):
        weekday, t = WEEKDAYS[m[1]], m[2]
    found = _core_date(t, text)
    if found is None and (m := TIME.fullmatch(t)) and _real_time(m):
        found = _core_date(m[1], text)
    if found is not None and weekday is not None and found.weekday() != weekday:
        raise DateError(Message(N_("'{text}' cannot be right: {meant} is a {weekday}, not a {written_day}; check "
                                   "the date and write it as {numeric} or {iso}"),
                                {"text": text, "weekday": Label(DAY_TITLES[found.weekday()]),
                                 "written_day": Label(DAY_TITLES[weekday]), **written_as(found)}))
    return found


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
        raise DateError(Message(N_("'{text}' is not a date bidkit understands; write it as 2018-11-14 or "
                                   "14/11/2018"), {"text": text}))
    return found


@lru_cache(maxsize=4096)
def reading_order(text: str) -> frozenset[str]:
    """How the numeric dates in a text (`12/4/2018`, `11/13/18 - 1/2/19`) can be read: a set of `day-first`
    (only day first makes them real), `month-first` (only month first does), `either` and `neither`. Empty when
    the text has none; ISO and year-first dates are unambiguous and not counted."""
    orders = set()
    for m in NUMERIC.finditer(str(text)):
        first, second, year = int(m[1]), int(m[3]), year_of(m[4])
        as_day, as_month = is_real(year, second, first), is_real(year, first, second)
        if as_day and as_month:
            orders.add("either")
        elif as_day or as_month:
            orders.add("day-first" if as_day else "month-first")
        else:
            orders.add("neither")
    return frozenset(orders)


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
        raise DateError(Message(N_("'{text}' is not a period bidkit understands; write a date (14/11/2018), a month "
                                   "(June 2017, Jun 17), part of a month (Early Sept 17), a season (Autumn 2017), a "
                                   "year (2018), a range (Nov 2018 - Jan 2019) or Ongoing"), {"text": text}))
    start, end = spans[0][0], spans[-1][1]
    if end < start:
        raise DateError(Message(N_("'{text}' ends before it starts"), {"text": text}))
    return Period(text, start, end)


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from the one `first` falls in to the one `last` falls in."""
    months, current = [], date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter: 31 Aug + 6 months = 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, month_end(year, month + 1).day))


def grant_span(start: date, year: int, quarter: int | None = None) -> tuple[date, date]:
    """First and last day of a year of the grant, or of one of its quarters: quarter 1 of year 1 starts on
    `start` (the project's start_date), and each quarter is three months."""
    first = (year - 1) * 12 + ((quarter - 1) * 3 if quarter else 0)
    return add_months(start, first), add_months(start, first + (3 if quarter else 12)) - timedelta(days=1)
