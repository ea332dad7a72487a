"""Dates, months, money and numbers as a reader of the document's language writes them (babel, imported late)."""
from __future__ import annotations

from datetime import date

BABEL = {"en": "en_GB", "cy": "cy_GB"}


def format_date(value: date, lang: str = "en", fmt: str = "long") -> str:
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
    en_GB); empty for no items."""
    from babel.lists import format_list as babel_list

    return babel_list(list(items), locale=BABEL.get(lang, "en_GB")) if items else ""
