#!/usr/bin/env python3
"""The catalogue workflow in one command: extract every fixed label (code, HTML templates, Word templates) into
bidkit/i18n/locale/bidkit.pot with pybabel, then update each language's .po from it.

Run after any change to a label (or after a merge): new labels arrive in the .po untranslated, labels no
longer used are marked obsolete (`#~`); a translator fills in the first and deletes the second. bidkit reads
the .po directly, so there is nothing to compile.

    .venv/bin/python scripts/translations.py            extract -> update, then report what is left to do
    .venv/bin/python scripts/translations.py --check    only report: exit 1 when a label has no translation or
                                                         an entry is no longer used (the tests do the same)
    .venv/bin/python scripts/translations.py --init xx  start a catalogue for language xx
    .venv/bin/python scripts/translations.py --fill cy FILE.json
                                                         put in translations from a JSON object, each English
                                                         label to its translation (a list of the language's
                                                         plural forms for a label with a plural)
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOCALE = ROOT / "bidkit" / "i18n" / "locale"
POT = LOCALE / "bidkit.pot"
MAPPING = ROOT / "babel.cfg"
KEYWORDS = ["n_:1,2", "plural:1,2"]   # besides pybabel's defaults (_, N_, gettext, ngettext, ...)
HEADER = {"project": "bidkit", "copyright_holder": "bidkit contributors", "msgid_bugs_address": ""}


def pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "-q", *args])


def extract_args(output: Path) -> list[str]:
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    return ["extract", "-F", str(MAPPING), *keywords, "--no-location", "--sort-output", "--omit-header",
            "-o", str(output), str(ROOT)]


def extracted():
    """A fresh extraction (what the code and templates use now), as a babel Catalog, without touching the .pot."""
    import tempfile

    from babel.messages.pofile import read_po

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bidkit.pot"
        pybabel(*extract_args(out))
        return read_po(io.BytesIO(out.read_bytes()))


def problems(lang: str, fresh=None) -> tuple[list[str], list[str]]:
    """(labels with no translation, entries no longer used) of one language's .po against a fresh extraction."""
    from babel.messages.pofile import read_po

    fresh = fresh if fresh is not None else extracted()
    path = LOCALE / lang / "LC_MESSAGES" / "bidkit.po"
    po = read_po(io.BytesIO(path.read_bytes()), locale=lang)
    used = {m.id for m in fresh if m.id}
    missing = []
    for m in fresh:
        if not m.id:
            continue
        entry = po.get(m.id)
        strings = ([entry.string] if isinstance(entry.string, str) else list(entry.string)) if entry else []
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(m.id if isinstance(m.id, str) else m.id[0])
    unused = [m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id and m.id not in used]
    unused += [key if isinstance(key, str) else key[0] for key in po.obsolete]
    return missing, unused


def fill(lang: str, source: Path) -> int:
    """Sets each label's translation from `source`; a label the catalogue does not have is an error (run the
    extraction first), so a typing slip in a msgid cannot pass as translated."""
    import json

    from babel.messages.pofile import read_po, write_po

    path = LOCALE / lang / "LC_MESSAGES" / "bidkit.po"
    po = read_po(io.BytesIO(path.read_bytes()), locale=lang)
    unknown = []
    for label, text in json.loads(source.read_text(encoding="utf-8")).items():
        entry = po.get(label) or next((m for m in po if isinstance(m.id, tuple) and m.id[0] == label), None)
        if entry is None:
            unknown.append(label)
            continue
        if isinstance(entry.id, tuple) != isinstance(text, list):
            unknown.append(f"{label} (give {'a list of plural forms' if isinstance(entry.id, tuple) else 'a string'})")
            continue
        entry.string = tuple(text) if isinstance(text, list) else text
        entry.flags.discard("fuzzy")
    for label in unknown:
        print(f"{lang}: not in the catalogue: {label!r}")
    buffer = io.BytesIO()
    write_po(buffer, po, omit_header=False, include_previous=True, sort_output=True)
    path.write_bytes(buffer.getvalue())
    return 1 if unknown else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--init", metavar="LANG")
    parser.add_argument("--fill", nargs=2, metavar=("LANG", "FILE"))
    options = parser.parse_args()
    if options.fill:
        return fill(options.fill[0], Path(options.fill[1]))
    langs = sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/bidkit.po"))
    if not options.check:
        pybabel(*extract_args(POT))
        if options.init:
            pybabel("init", "-i", str(POT), "-d", str(LOCALE), "-D", "bidkit", "-l", options.init)
        pybabel("update", "-i", str(POT), "-d", str(LOCALE), "-D", "bidkit", "--no-fuzzy-matching",
                "--previous")
    fresh = extracted()
    failed = False
    for lang in sorted(set(langs) | ({options.init} if options.init else set())):
        missing, unused = problems(lang, fresh)
        for label in missing:
            print(f"{lang}: no translation for {label!r}")
        for label in unused:
            print(f"{lang}: {label!r} is no longer used: delete its entry")
        failed |= bool(missing or unused)
        total = len([m for m in fresh if m.id])
        print(f"{lang}: {total - len(missing)} of {total} labels translated")
    return 1 if failed and options.check else 0


if __name__ == "__main__":
    sys.exit(main())
