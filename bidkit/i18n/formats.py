"""Dates, months, money and numbers as a reader of the document's language writes them (babel, imported late)."""
from __future__ import annotations

from datetime import date

from .catalogue import N_

BABEL = {"en": "en_GB", "cy": "cy_GB"}
# English's months as bidkit writes them, and the msgids of every other language's (a month in a message)
MONTH_TITLES = [N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
                N_("August"), N_("September"), N_("October"), N_("November"), N_("December")]


def format_date(value: date, lang: str = "en", fmt: str = "long") -> str:
    """`13 November 2018`, `13 Tachwedd 2018`. An English long date is written here without babel, so a check
    whose messages name a date does not pay babel's import (about 90 ms); babel's en_GB writes it the same."""
    if lang == "en" and fmt == "long":
        return f"{value.day} {MONTH_TITLES[value.month - 1]} {value.year}"
    from babel.dates import format_date as babel_date

    return babel_date(value, format="d MMMM y" if fmt == "long" else fmt, locale=BABEL.get(lang, "en_GB"))


def format_month(value: date, lang: str = "en") -> str:
    from babel.dates import format_date as babel_date

    return babel_date(value, format="MMM y", locale=BABEL.get(lang, "en_GB"))


def format_money(amount: int, lang: str = "en") -> str:
    """Whole pounds: £12,500."""
    from babel.numbers import format_currency

    return format_currency(amount, "GBP", format="¤#,##0", locale=BABEL.get(lang, "en_GB"), currency_digits=False)


def format_number(value, lang: str = "en") -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=BABEL.get(lang, "en_GB"))


def format_list(items: list[str], lang: str = "en") -> str:
    """`England, Scotland and Wales`: a list in a sentence, with the language's own "and" (no Oxford comma in
    en_GB); empty for no items. Welsh is joined here, not by babel (whose `cy` pattern writes "a(c)" and a comma
    before it): see `welsh_list`."""
    from babel.lists import format_list as babel_list

    items = list(items)
    if not items:
        return ""
    if lang == "cy":
        return welsh_list(items)
    return babel_list(items, locale=BABEL.get(lang, "en_GB"))


WELSH_VOWELS = set("aeiouwyâêîôûŵŷáéíóúàèìòùẁỳäëïöüẅÿ")
ASPIRATE = {"C": "Ch", "P": "Ph", "T": "Th", "c": "ch", "p": "ph", "t": "th"}


def welsh_list(items: list[str]) -> str:
    """`Cymru, Lloegr, yr Alban a Gogledd Iwerddon`: the Welsh "and" is `a` before a consonant, `ac` before a
    vowel and `a'r` before the article (`a'r Alban`); `a` brings the aspirate mutation (`Lloegr a Chymru`), so
    this is for lists of Welsh words such as the reference lists' labels, not of names as written. An article
    after the first item is written small (`yr Alban`), as inside a sentence."""
    def article(word: str) -> tuple[str, str] | None:          # ("yr", "Alban") for "Yr Alban"
        head, _, rest = word.partition(" ")
        return (head.lower(), rest) if rest and head.lower() in ("y", "yr") else None

    def inside(word: str) -> str:
        found = article(word)
        return f"{found[0]} {found[1]}" if found else word

    if len(items) == 1:
        return items[0]
    first = [items[0]] + [inside(w) for w in items[1:-1]]
    last = items[-1]
    found = article(last)
    if found:
        joined = f"a'r {found[1]}"
    elif last[:1].lower() in WELSH_VOWELS:
        joined = f"ac {last}"
    elif last[:1] in ASPIRATE and last[1:2].lower() != "h":
        joined = f"a {ASPIRATE[last[0]]}{last[1:]}"
    else:
        joined = f"a {last}"
    return f"{', '.join(first)} {joined}"
