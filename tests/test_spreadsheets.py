"""Workbooks as Excel and LibreOffice save them: .xlsx, .ods and .xls read the same, or are refused at their cell.

The files under tests/spreadsheets/files/ were saved by LibreOffice Calc from one source each
(tests/spreadsheets/make_sheets.py), so every case below runs on all three formats and must give the same problems
at the same cells and the same figures. `*.script.xlsx` are openpyxl's own saves: what a script writes.
"""
from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bidkit.evidence import load
from bidkit.figures import compute
from conftest import MINIMAL, problems_of, write_tree, xlsx

FILES = Path(__file__).resolve().parent / "spreadsheets" / "files"
FORMATS = ["xlsx", "ods", "xls"]


def cells(problems) -> list[tuple]:
    """(file, sheet, row, cell, field, severity): where a partner goes, and what is wrong there."""
    return [(p.file, p.sheet, p.row, p.cell, p.field, p.severity) for p in problems]


@pytest.fixture
def project(tmp_path):
    """project(case, fmt) -> MINIMAL with the case's workbook as meetings.<fmt> (or `as_name`)."""
    def make(case: str, fmt: str, as_name: str = "meetings", extra: dict | None = None) -> Path:
        root = write_tree(tmp_path / "project", {**MINIMAL, **(extra or {})})
        if as_name == "meetings":
            (root / "meetings.csv").unlink()
        source = FILES / (f"{case}.{fmt}" if fmt != "script" else f"{case}.script.xlsx")
        shutil.copy(source, root / f"{as_name}.{'xlsx' if fmt == 'script' else fmt}")
        return root
    return make


def figures(root: Path) -> tuple[int, int, int]:
    counted = compute(load(root)).counted()
    return counted["meetings_held"], counted["people_reached"], counted["organisations_met"]


# ---------------------------------------------------------------- the same in every format

@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_meetings_in_every_format(project, fmt):
    root = project("standard", fmt)
    evidence = load(root)
    assert evidence.warnings == []
    assert figures(root) == (5, 118, 2)
    first = evidence.meetings[0]
    assert (first.date, first.title, first.partners, first.attendees) == \
        (date(2018, 11, 14), "Network launch", ["wcva", "involve"], 32)
    assert evidence.meetings[3].title == "Women’s network briefing"
    assert str(first.place_of("attendees")) == f"meetings.{fmt}[Meetings]!F2"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hidden_old_copy_is_named_and_never_wins(project, fmt):
    """The hidden 'Meetings (old)' says 320 attended the launch; the visible sheet's 32 counts. The hidden Lists
    sheet behind the dropdowns is no evidence and no warning."""
    root = project("hidden-sheets", fmt)
    found = problems_of(root)
    assert cells(found) == [(f"meetings.{fmt}", "Meetings (old)", None, None, None, "warning")]
    assert "'Meetings (old)' is hidden and was not read" in found[0].message
    assert figures(root) == (5, 118, 2)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hidden_rows_and_columns_are_not_evidence(project, fmt):
    """Row 4 (a first count of 99, hidden) and column I (budget codes, hidden) are skipped, each with a warning."""
    root = project("hidden-rows-and-columns", fmt)
    found = problems_of(root)
    assert cells(found) == [
        (f"meetings.{fmt}", "Meetings", 1, "I1", None, "warning"),
        (f"meetings.{fmt}", "Meetings", 4, None, None, "warning"),
    ]
    assert found[0].message.startswith("column I ('Budget code') is hidden and not read")
    assert found[1].message.startswith("row 4 is hidden and not read")
    assert figures(root) == (5, 118, 2)
    assert [m.place.row for m in load(root).meetings] == [2, 3, 5, 6, 7, 8]


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_a_filter_hides_are_still_evidence(project, fmt):
    """A filter showing only `meeting` rows is a view: the rows it hides still count, unsaid."""
    root = project("filtered", fmt)
    assert problems_of(root) == []
    assert figures(root) == (5, 118, 2)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_merged_cell_gives_its_value_to_every_cell_it_covers(project, fmt):
    """C2:C4 is one partners cell for three meetings: each of the three names wcva and involve."""
    root = project("merged", fmt)
    evidence = load(root)
    assert evidence.warnings == []
    assert [m.partners for m in evidence.meetings[:3]] == [["wcva", "involve"]] * 3
    assert evidence.meetings[3].partners == ["wcva"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(project, fmt):
    root = project("title-rows", fmt)
    found = problems_of(root)
    assert cells(found) == [
        (f"meetings.{fmt}", "Meetings", 1, "A1", None, "warning"),
        (f"meetings.{fmt}", "Meetings", 7, "F7", "attendees", "error"),
    ]
    assert found[0].message == ("rows 1 and 2 are above the column names (row 4) and not read: "
                                "'WCVA engagement log 2018–19'")
    assert found[1].line() == f"meetings.{fmt}[Meetings]!F7: attendees: 'about 40' is not a whole number"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_that_starts_at_c3_keeps_its_cells(project, fmt):
    """Blank rows and columns before the table are skipped silently; cells are the sheet's own (H5, not F3)."""
    found = problems_of(project("offset", fmt))
    assert cells(found) == [(f"meetings.{fmt}", "Meetings", 5, "H5", "attendees", "error")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_instructions_sheet_first_is_passed_over(project, fmt):
    """No sheet is named Meetings: the first visible sheet holding meetings columns is read, not Instructions."""
    root = project("instructions-first", fmt)
    evidence = load(root)
    assert evidence.warnings == []
    assert figures(root) == (5, 118, 2)
    assert {m.place.sheet for m in evidence.meetings} == {"Sheet2"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_sheets_named_after_other_kinds_are_read_as_those_kinds(project, fmt):
    """meetings.xlsx with a Partners sheet first: Tai Pawb is a partner, and its meeting counts; the Sign-in
    sheet is nobody's evidence."""
    root = project("kinds-in-one", fmt)
    evidence = load(root)
    assert evidence.warnings == []
    tai_pawb = evidence.partner("tai-pawb")
    assert (tai_pawb.place.file, tai_pawb.place.sheet, tai_pawb.place.row) == (f"meetings.{fmt}", "Partners", 2)
    assert figures(root) == (6, 135, 3)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_workbook_of_several_kinds(project, fmt):
    """consortium.xlsx is named after no kind: its Meetings, Partners and Reading list sheets are read; a sheet
    with meetings columns under another name is not, and that is an error (its rows would be missing from every
    figure), saying what to rename it."""
    from bidkit.evidence.readers import read_tables

    root = project("consortium", fmt, as_name="consortium")
    found = problems_of(root)
    assert cells(found) == [(f"consortium.{fmt}", "More meetings", None, None, None, "error")]
    assert "has the columns of meetings" in found[0].message and "'Meetings 2'" in found[0].message
    tables, _ = read_tables(root / f"consortium.{fmt}", f"consortium.{fmt}")
    assert sorted(t.kind for t in tables) == ["meetings", "partners", "reading-list"]
    assert [len(t.rows) for t in tables if t.kind == "reading-list"] == [1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_formula_errors_are_errors_at_their_cells(project, fmt):
    """#N/A is never a meeting title, nor #REF! or #DIV/0! a blank attendance."""
    found = problems_of(project("errors", fmt))
    assert cells(found) == [
        (f"meetings.{fmt}", "Meetings", 3, "B3", "title", "error"),
        (f"meetings.{fmt}", "Meetings", 4, "F4", "attendees", "error"),
        (f"meetings.{fmt}", "Meetings", 5, "F5", "attendees", "error"),
    ]
    assert [p.value for p in found] == ["#N/A", "#REF!", "#DIV/0!"]
    assert found[0].message.startswith("the cell shows #N/A, an error from its formula (a lookup found no match)")
    assert "correct the formula, or type the value in its place" in found[2].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_formulas_give_their_saved_values(project, fmt):
    root = project("formulas-saved", fmt)
    evidence = load(root)
    assert evidence.warnings == []
    assert evidence.meetings[0].date == date(2018, 11, 14)           # =DATE(2018,11,14)
    assert evidence.meetings[2].title == "SDG webinar"                # ="SDG "&"webinar"
    assert figures(root) == (5, 118, 2)                              # ='Sign-in'!B2 ...


def test_a_formula_with_no_saved_value_is_an_error_that_says_to_save(project):
    found = problems_of(project("unsaved-formulas", "script"))
    assert cells(found) == [
        ("meetings.xlsx", "Meetings", 2, "F2", "attendees", "error"),
        ("meetings.xlsx", "Meetings", 3, "F3", "attendees", "error"),
    ]
    assert found[0].value == "=20+12"
    assert "open the file in Excel or LibreOffice, save it, and check again" in found[0].message


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_workbook_is_one_warning_that_says_so(project, fmt):
    root = project("empty", fmt)
    found = problems_of(root)
    assert cells(found) == [(f"meetings.{fmt}", "Sheet1", None, None, None, "warning")]
    assert found[0].message == "the sheet is empty: no meetings were read from it"


@pytest.mark.parametrize("fmt", ["script", "ods"])
def test_a_stray_far_cell_is_refused_before_it_is_read(project, fmt):
    """One value at XFD1048576 would make calamine allocate 17 billion cells (the process would abort)."""
    found = problems_of(project("far-cell", fmt))
    name = "meetings.xlsx" if fmt == "script" else "meetings.ods"
    assert cells(found) == [(name, None, None, None, None, "error")]
    assert "reaches cell XFD1048576" in found[0].message and "Ctrl+End" in found[0].message


# ---------------------------------------------------------------- files beside and instead of workbooks

def test_lock_files_beside_open_workbooks_are_skipped(make_project):
    owner = bytes([4]) + b"Jane" + b" " * 50 + b"\x04\x00" + "Jane".encode("utf-16-le") + b" \x00" * 51
    root = make_project({"~$meetings.xlsx": owner, ".~lock.meetings.xlsx#": b",jane,laptop,14.03.2019 09:41,;"})
    assert problems_of(root) == []


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_a_workbook_is_read_by_what_it_is_not_by_its_name(project, fmt):
    """An .ods or .xls renamed .xlsx reads right: the bytes say what it is."""
    root = project("standard", fmt)
    (root / f"meetings.{fmt}").rename(root / "meetings.xlsx")
    assert problems_of(root) == []
    assert figures(root) == (5, 118, 2)


@pytest.mark.parametrize("data, gist", [
    (b"date,title,partners\n14/11/2018,Launch,wcva\n", "not a real workbook (it holds text: save it as .xlsx, "
                                                       "or name it .csv)"),
    (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600), "the .xls file is damaged"),
    (b"\x00\x01binary", "not a real workbook (it may be a renamed file"),
])
def test_what_is_not_a_workbook_is_one_error(make_project, data, gist):
    found = problems_of(make_project({"meetings.csv": None, "meetings.xlsx": data}))
    assert cells(found) == [("meetings.xlsx", None, None, None, None, "error")]
    assert gist in found[0].message


def test_a_zip_with_no_sheets_and_a_cut_workbook_are_one_error_each(make_project):
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    whole = xlsx({"Meetings": [["date", "title", "partners"], ["14/11/2018", "Launch", "wcva"]]})
    root = make_project({"meetings.csv": None, "meetings.xlsx": docx.getvalue(),
                         "meetings-cut.xlsx": whole[:len(whole) // 2]})
    found = problems_of(root)
    assert cells(found) == [("meetings-cut.xlsx", None, None, None, None, "error"),
                            ("meetings.xlsx", None, None, None, None, "error")]
    assert "a zip file with no sheets in it" in found[1].message
    assert "save it" in found[0].message


def test_error_text_in_a_csv_is_refused_at_its_cell(make_project):
    """A CSV saved from a workbook with an error cell holds the text `#N/A`: never a meeting title."""
    root = make_project({"meetings.csv": "date,title,partners,attendees\n14/11/2018,#N/A,wcva,5\n"
                                         "15/11/2018,Second,wcva,#DIV/0!\n16/11/2018,Third,wcva,Err:502\n"})
    assert cells(problems_of(root)) == [
        ("meetings.csv", None, 2, None, "title", "error"),
        ("meetings.csv", None, 3, None, "attendees", "error"),
        ("meetings.csv", None, 4, None, "attendees", "error"),
    ]


def test_a_row_with_an_error_cell_gives_no_record_and_no_second_problem(make_project):
    """The title is an error: the row is not counted, and 'title is required' is not said as well."""
    root = make_project({"meetings.csv": None, "meetings.xlsx": xlsx({"Meetings": [
        ["date", "title", "partners"], ["14/11/2018", "#N/A", "wcva"], ["15/11/2018", "Second", "wcva"]]})})
    found = problems_of(root)
    assert cells(found) == [("meetings.xlsx", "Meetings", 2, "B2", "title", "error")]


# ---------------------------------------------------------------- damaged files: one error, never an abort

def rezipped(data: bytes, member: str, change) -> bytes:
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


def test_a_claim_of_four_billion_strings_is_refused_before_calamine_reserves_them(make_project):
    """calamine would reserve 96 GB for the claimed shared strings and abort the process."""
    import re

    data = rezipped((FILES / "standard.xlsx").read_bytes(), "xl/sharedStrings.xml",
                    lambda body: re.sub(rb'uniqueCount="\d+"', b'uniqueCount="4000000000"', body))
    found = problems_of(make_project({"meetings.csv": None, "meetings.xlsx": data}))
    assert cells(found) == [("meetings.xlsx", None, None, None, None, "error")]
    assert "damaged" in found[0].message


def test_an_xls_whose_size_record_is_impossible_is_refused(make_project):
    """tests/spreadsheets/damaged-dimensions.xls is files/standard.xls with its DIMENSIONS record's first row made 83,886,080 (found by
    fuzzing): calamine sizes the sheet by it and would abort on a 1.3 TB allocation."""
    data = (FILES.parent / "damaged-dimensions.xls").read_bytes()
    found = problems_of(make_project({"meetings.csv": None, "meetings.xls": data}))
    assert cells(found) == [("meetings.xls", None, None, None, None, "error")]
    assert found[0].message.startswith("the .xls file is damaged")


def test_a_broken_zip_inside_a_workbook_is_one_error(make_project):
    """A corrupted member (bad CRC, bad deflate data) raises from zipfile and zlib: one error, no traceback."""
    data = bytearray((FILES / "standard.xlsx").read_bytes())
    start = data.index(b"xl/workbook.xml") + 40
    data[start:start + 20] = bytes(20)
    found = problems_of(make_project({"meetings.csv": None, "meetings.xlsx": bytes(data)}))
    assert cells(found) == [("meetings.xlsx", None, None, None, None, "error")]
    assert "open it in Excel or LibreOffice and save it again" in found[0].message
