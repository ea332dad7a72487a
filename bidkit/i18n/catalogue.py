"""The gettext catalogue: fixed labels in the document's language, from the `.po` files in the repository.

English is the source language (its labels are the msgids). Every other language must have a catalogue,
`locale/<lang>/LC_MESSAGES/bidkit.po`, read directly (no compiled `.mo` to go stale beside it): asking for a
language that has none is an error, never a silent English fallback. Whether every label has its translation,
and every entry is still used, is checked by the tests against a fresh extraction (`scripts/translations`).
"""
from __future__ import annotations

import gettext as _gettext
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from pathlib import Path

from ..problems import BidkitError

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "bidkit"
SOURCE = "en"
BCP47 = {"en": "en-GB", "cy": "cy-GB"}


def N_(message: str) -> str:
    """Marks a label for translation where it is defined (so pybabel extracts it); it is translated where it is
    shown (`w._(NAME)`, `w.label(table, key)`)."""
    return message


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def catalog(lang: str):
    """The language's babel Catalog, as translators wrote it (fuzzy entries count as untranslated)."""
    from babel.messages.pofile import read_po

    path = po_path(lang)
    if not path.is_file():
        raise BidkitError(f"bidkit has no '{lang}' catalogue ({path}); the languages are "
                          f"{', '.join(languages())}")
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """English labels as written; any other language from its catalogue, compiled in memory."""
    if lang == SOURCE:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog(lang), use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def languages() -> list[str]:
    """English and every language with a catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE, *[lang for lang in found if lang != SOURCE]]


@dataclass(frozen=True)
class Words:
    """A reader's language for lines and messages (`Problem.line(words)`): its code, gettext and ngettext."""
    lang: str
    _: Callable[[str], str]
    n_: Callable[[str, str, int], str]


def words(lang: str) -> Words:
    return Words(lang, gettext_for(lang), ngettext_for(lang))


def gettext_for(lang: str):
    return translations(lang).gettext


def ngettext_for(lang: str):
    return translations(lang).ngettext
