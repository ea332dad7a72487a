"""The gettext catalogue: fixed labels in the document's language.

English is the source language; a Welsh catalogue (`locale/cy/LC_MESSAGES/bidkit.mo`) is picked up when it
exists, so adding Welsh means translating a catalogue, not rewriting templates.
"""
from __future__ import annotations

import gettext as _gettext
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
BCP47 = {"en": "en-GB", "cy": "cy-GB"}


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation("bidkit", LOCALE_DIR, languages=[lang], fallback=True)


def gettext_for(lang: str):
    return translations(lang).gettext


def ngettext_for(lang: str):
    return translations(lang).ngettext
