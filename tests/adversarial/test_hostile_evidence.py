"""Hostile evidence files: each case states the bad input and the expected outcome.

Readers refuse what could hurt before parsing it (zip bombs, YAML aliases and tags), and every refusal is a
problem that names the file, row and field — never a traceback, never a hang.
"""
from __future__ import annotations

import io
import zipfile

import pytest

from conftest import places, problems_of, xlsx


def zip_bomb(name: str = "xl/worksheets/sheet1.xml", megabytes: int = 300) -> bytes:
    """A small zip that claims to expand to hundreds of megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open(name, "w") as handle:
            chunk = b"\0" * (1 << 20)
            for _ in range(megabytes):
                handle.write(chunk)
    return buffer.getvalue()


CASES = [
    # (what, files, expected (file, sheet, row, field, severity) list, a phrase of the message)
    ("an XLSX zip bomb is refused before parsing",
     {"meetings.csv": None, "meetings.xlsx": zip_bomb()},
     [("meetings.xlsx", None, None, None, "error")], "zip bomb"),
    ("a renamed file that is not a workbook",
     {"meetings.csv": None, "meetings.xlsx": b"date,title\n"},
     [("meetings.xlsx", None, None, None, "error")], "not a real workbook"),
    ("a billion-laughs alias bomb in YAML",
     {"partners.csv": None, "partners.yaml": "a: &a ['lol','lol']\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                                              "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"},
     [("partners.yaml", None, 1, None, "error")], "anchors and aliases"),
    ("a python object tag in YAML",
     {"project.yaml": "title: !!python/object/apply:os.system ['echo pwned']\n"},
     [("project.yaml", None, 1, None, "error")], "tags such as"),
    ("a duplicate key in YAML",
     {"partners.csv": None, "partners.yaml": "- id: wcva\n  id: other\n  name: W\n  type: charity\n"
                                              "  nation: wales\n  role: lead\n"},
     [("partners.yaml", None, 2, None, "error")], "appears twice"),
    ("a NUL byte and control characters in a CSV cell",
     {"meetings.csv": "date,title,partners\n14/11/2018,Bell\x07 here,wcva\n"},
     [("meetings.csv", None, 2, "title", "error")], "U+0007"),
    ("a lone surrogate cannot be written in UTF-8, so the file falls back to Windows-1252 as text",
     {"meetings.csv": "date,title,partners\n14/11/2018,Caf\xe9,wcva\n".encode("cp1252")}, [], ""),
    ("U+FFFE (a non-character) in a title",
     {"meetings.csv": "date,title,partners\n14/11/2018,Odd \ufffe char,wcva\n"},
     [("meetings.csv", None, 2, "title", "error")], "U+FFFE"),
    ("a 2,001-character title and a 2,001-character summary",
     {"meetings.csv": f"date,title,partners,summary\n14/11/2018,{'t' * 201},wcva,{'s' * 2001}\n"},
     [("meetings.csv", None, 2, "summary", "error"), ("meetings.csv", None, 2, "title", "error")], "at most"),
    ("Excel date serial 60 (the 1900 leap-year bug) as a number in a date column",
     {"meetings.csv": None, "meetings.xlsx": xlsx({"Meetings": [["date", "title", "partners"], [60, "x", "wcva"]]})},
     [("meetings.xlsx", "Meetings", 2, "date", "error")], "not a date"),
    ("a file that is neither UTF-8 nor Windows-1252",
     {"meetings.csv": b"date,title,partners\n14/11/2018,\x81\x8d\x8f\x90,wcva\n"},
     [("meetings.csv", None, None, None, "error")], "neither UTF-8 nor Windows-1252"),
    ("invalid YAML syntax",
     {"outcomes.yaml": "- id: a\n  title: [unclosed\n"},
     [("outcomes.yaml", None, 3, None, "error")], "not valid YAML"),
]


@pytest.mark.parametrize("what, files, expected, phrase", CASES, ids=[c[0] for c in CASES])
def test_hostile_evidence(make_project, what, files, expected, phrase):
    found = problems_of(make_project(files))
    assert sorted(places(found)) == sorted(expected)
    assert all(phrase in p.message for p in found)
