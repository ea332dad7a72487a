"""A pybabel extraction method for the Word templates: their Jinja tags live inside `word/*.xml`, where the
jinja2 extractor cannot look. Used by babel.cfg (`[bidkit.i18n.extract.extract_docx: templates/docx/**.docx]`).

Word may split a tag over several runs (`{{ _("Pa` `ge") }}`), so the text of each part is joined before the
`_("...")` calls are found; the line number given is the XML part's ordinal, enough for a translator to find it.
"""
from __future__ import annotations

import re
import zipfile

CALL = re.compile(r"""\b_\(\s*(["'])((?:(?!\1).)+)\1\s*\)""")
TAG = re.compile(r"<[^>]+>")


def extract_docx(fileobj, keywords, comment_tags, options):
    """Yields (line, funcname, message, comments) for every `_("...")` in the document's XML parts."""
    import html

    with zipfile.ZipFile(fileobj) as archive:
        parts = sorted(n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml"))
        for number, name in enumerate(parts, start=1):
            text = html.unescape(TAG.sub("", archive.read(name).decode("utf-8")))
            for match in CALL.finditer(text):
                yield number, "_", match.group(2), [f"Word template part {name}"]
