"""Fixed labels, dates and money in the project's language.

English is the source language; a Welsh catalogue (`locale/cy/LC_MESSAGES/bidkit.mo`) is picked up when it
exists, so adding Welsh means translating a catalogue, not rewriting templates.
"""
from __future__ import annotations

import gettext as _gettext
from datetime import date
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
BCP47 = {"en": "en-GB", "cy": "cy-GB"}
BABEL = {"en": "en_GB", "cy": "cy_GB"}


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation("bidkit", LOCALE_DIR, languages=[lang], fallback=True)


def gettext_for(lang: str):
    return translations(lang).gettext


def ngettext_for(lang: str):
    return translations(lang).ngettext


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
