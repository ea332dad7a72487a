"""Regenerate the workbooks tests/test_spreadsheets.py reads: each case saved by LibreOffice Calc as .xlsx, .ods
and .xls (what partners' spreadsheet programs write), and a few as openpyxl's own save (what a script writes:
formulas with no saved value, a stray far cell).

    .venv/bin/python tests/spreadsheets/make_sheets.py

The files are committed, so the tests need neither LibreOffice nor this script. Each source workbook is built
with openpyxl, then converted by one headless LibreOffice per format; zip entries get a fixed time so a rerun
writes the same bytes.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation

HERE = Path(__file__).resolve().parent
OUT = HERE / "files"
FORMATS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods:calc8", "xls": "xls:MS Excel 97"}
FIXED = datetime(2019, 3, 14, 9, 30)

COLS = ["date", "title", "partners", "kind", "format", "attendees", "characteristics", "summary"]
#        A       B        C           D       E         F            G                  H
# Five held meetings (118 attendances; wcva and involve) and one planned.
MEETINGS = [
    (date(2018, 11, 14), "Network launch", "wcva; involve", "event", "in-person", 32, "disability; race",
     "Launch in Cardiff"),
    (date(2018, 11, 28), "Equality roundtable", "wcva", "meeting", "in-person", 14, "age; sex", None),
    (date(2018, 12, 12), "SDG webinar", "involve", "webinar", "online", 41, None, "Recorded"),
    (date(2019, 1, 23), "Women’s network briefing", "wcva", "meeting", "phone", 9, "sex", None),
    (date(2019, 2, 20), "Co-production workshop", "wcva; involve", "workshop", "hybrid", 22, "disability", None),
    (date(2019, 4, 10), "Four-nation summit", "wcva; involve", "summit", "in-person", None, None, "Planned"),
]


def book() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.properties.creator = wb.properties.lastModifiedBy = "Partner"
    wb.properties.created = wb.properties.modified = FIXED
    return wb


def fill(ws, rows, header=COLS, top=1, left=1):
    """The header at (top, left), the rows under it; dates shown day first; None left empty."""
    for c, name in enumerate(header or [], left):
        ws.cell(top, c, name)
    for r, row in enumerate(rows, top + (1 if header else 0)):
        for c, value in enumerate(row, left):
            if value is not None:
                cell = ws.cell(r, c, value)
                if isinstance(value, date):
                    cell.number_format = "DD/MM/YYYY"
    return ws


def sheet(name="Meetings", rows=MEETINGS, **kw):
    wb = book()
    wb.active.title = name
    fill(wb.active, rows, **kw)
    return wb


def standard():
    return sheet()


def hidden_sheets():
    wb = sheet()
    old = wb.create_sheet("Meetings (old)")
    fill(old, [(date(2018, 11, 14), "Network launch", "wcva; involve", "event", "in-person", 320, None, None),
               (date(2018, 10, 3), "Draft planning meeting", "wcva", "meeting", "in-person", 6, None, None)])
    old.sheet_state = "hidden"
    lists = wb.create_sheet("Lists")
    for i, kind in enumerate(["meeting", "workshop", "webinar", "event", "training", "summit"], 1):
        lists.cell(i, 1, kind)
    lists.sheet_state = "hidden"
    dv = DataValidation(type="list", formula1="Lists!$A$1:$A$6", allow_blank=True)
    wb["Meetings"].add_data_validation(dv)
    dv.add("D2:D200")
    return wb


def hidden_rows_and_columns():
    rows = list(MEETINGS)
    rows.insert(2, (date(2018, 11, 28), "Equality roundtable", "wcva", "meeting", "in-person", 99, None,
                    "first count, before the sign-in sheets"))          # row 4, hidden
    wb = sheet(rows=rows, header=COLS + ["Budget code"])
    ws = wb.active
    for r in range(2, len(rows) + 2):
        ws.cell(r, 9, f"BC-{r:02d}")
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["I"].hidden = True
    return wb


def filtered():
    """A filter on the kind column shows only meetings: the rows it hides are a view, still evidence."""
    wb = sheet()
    ws = wb.active
    ws.auto_filter.ref = "A1:H7"
    ws.auto_filter.add_filter_column(3, ["meeting"])
    for r in (2, 4, 6, 7):                           # event, webinar, workshop, summit
        ws.row_dimensions[r].hidden = True
    return wb


def merged():
    rows = [list(r) for r in MEETINGS[:5]]
    rows[1][2] = rows[2][2] = None
    rows[0][2] = "wcva; involve"
    wb = sheet(rows=[tuple(r) for r in rows])
    wb.active.merge_cells("C2:C4")                   # one partners cell for the first three meetings
    wb.active["C2"].alignment = Alignment(vertical="center")
    return wb


def title_rows():
    rows = [list(r) for r in MEETINGS]
    rows[2][5] = "about 40"                          # F7
    wb = sheet(rows=[tuple(r) for r in rows], top=4)
    ws = wb.active
    ws["A1"] = "WCVA engagement log 2018–19"
    ws.merge_cells("A1:H1")
    ws["A2"] = "Filled in by Jane, March 2019"
    return wb


def offset():
    """The table starts at C3: two blank rows, two blank columns."""
    rows = [list(r) for r in MEETINGS[:3]]
    rows[1][5] = "fourteen"                          # H5
    return sheet(rows=[tuple(r) for r in rows], top=3, left=3)


def instructions_first():
    wb = book()
    ins = wb.active
    ins.title = "Instructions"
    for i, line in enumerate(["How to fill in this workbook", "One row per meeting on the next sheet.",
                              "Dates day first (13/11/2018); partners by id or name, separated by ;"], 1):
        ins.cell(i, 1, line)
    fill(wb.create_sheet("Sheet2"), MEETINGS)
    return wb


def kinds_in_one():
    wb = book()
    ps = wb.active
    ps.title = "Partners"
    fill(ps, [("tai-pawb", "Tai Pawb", "charity", "wales", "consortium")], header=["id", "name", "type", "nation",
                                                                                    "role"])
    fill(wb.create_sheet("Meetings"), MEETINGS + [(date(2019, 3, 6), "Housing equality forum", "Tai Pawb",
                                                   "meeting", "in-person", 17, "race", None)])
    fill(wb.create_sheet("Sign-in"), [("Network launch", 32)], header=["meeting", "signed in"])
    return wb


def consortium():
    """Not named after a kind: its sheets say what they hold."""
    wb = book()
    fill(wb.active, [(date(2019, 3, 6), "Housing equality forum", "tai-pawb", None, None, 17, None, None)])
    wb.active.title = "Meetings"
    fill(wb.create_sheet("Partners"), [("tai-pawb", "Tai Pawb", "charity", "wales", "consortium")],
         header=["id", "name", "type", "nation", "role"])
    fill(wb.create_sheet("Reading list"), [("Open Government in Wales", "WCVA", 2018)],
         header=["title", "source", "year"])
    fill(wb.create_sheet("More meetings"), [(date(2019, 3, 7), "Tenants forum", "tai-pawb")],
         header=["date", "title", "partners"])
    return wb


def errors():
    wb = sheet(rows=MEETINGS[:4])
    ws = wb.active
    codes = wb.create_sheet("Codes")
    fill(codes, [("R1", "Equality roundtable")], header=None)
    ws["B3"] = '=VLOOKUP("R2",Codes!A1:B1,2,FALSE)'      # #N/A
    ws["F4"] = "=#REF!*1"                                 # #REF!
    ws["F5"] = "=ROUND(36/0,0)"                           # #DIV/0!
    return wb


def formulas_saved():
    wb = sheet()
    ws = wb.active
    signin = wb.create_sheet("Sign-in")
    fill(signin, [(row[1], row[5]) for row in MEETINGS[:5]], header=["meeting", "signed in"])
    ws["A2"] = "=DATE(2018,11,14)"
    ws["A2"].number_format = "DD/MM/YYYY"
    ws["B4"] = '="SDG "&"webinar"'
    for r in range(2, 7):
        ws.cell(r, 6, f"='Sign-in'!B{r}")
    return wb


def empty():
    wb = book()
    wb.active.title = "Sheet1"
    return wb


def far_cell():
    wb = sheet(rows=MEETINGS[:2])
    wb.active["XFD1048576"] = "x"
    return wb


def unsaved_formulas():
    wb = sheet(rows=MEETINGS[:3])
    wb.active["F2"] = "=20+12"
    wb.active["F3"] = "=SUM(8,6)"
    return wb


# case -> (builder, formats): "script" is openpyxl's own .xlsx save
CASES = {
    "standard": (standard, ["xlsx", "ods", "xls"]),
    "hidden-sheets": (hidden_sheets, ["xlsx", "ods", "xls"]),
    "hidden-rows-and-columns": (hidden_rows_and_columns, ["xlsx", "ods", "xls"]),
    "filtered": (filtered, ["xlsx", "ods", "xls"]),
    "merged": (merged, ["xlsx", "ods", "xls"]),
    "title-rows": (title_rows, ["xlsx", "ods", "xls"]),
    "offset": (offset, ["xlsx", "ods", "xls"]),
    "instructions-first": (instructions_first, ["xlsx", "ods", "xls"]),
    "kinds-in-one": (kinds_in_one, ["xlsx", "ods", "xls"]),
    "consortium": (consortium, ["xlsx", "ods", "xls"]),
    "errors": (errors, ["xlsx", "ods", "xls"]),
    "formulas-saved": (formulas_saved, ["xlsx", "ods", "xls"]),
    "empty": (empty, ["xlsx", "ods", "xls"]),
    "far-cell": (far_cell, ["script", "ods"]),
    "unsaved-formulas": (unsaved_formulas, ["script"]),
}


def fixed_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = info.compress_type
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="sheets-"))
    profile = Path(tempfile.mkdtemp(prefix="lo-sheets-"))
    try:
        if OUT.exists():
            shutil.rmtree(OUT)
        OUT.mkdir()
        for fmt, filt in FORMATS.items():
            sources = []
            for case, (build, formats) in CASES.items():
                if fmt in formats:
                    src = work / fmt / f"{case}.xlsx"
                    src.parent.mkdir(parents=True, exist_ok=True)
                    build().save(src)
                    sources.append(src)
            subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                            "--convert-to", filt, "--outdir", str(work / "out" / fmt), *map(str, sources)],
                           check=True, capture_output=True, timeout=900,
                           env={**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"})
            for src in sources:
                data = (work / "out" / fmt / f"{src.stem}.{fmt}").read_bytes()
                (OUT / f"{src.stem}.{fmt}").write_bytes(fixed_zip(data) if fmt != "xls" else data)
        for case, (build, formats) in CASES.items():
            if "script" in formats:
                buffer = io.BytesIO()
                build().save(buffer)
                (OUT / f"{case}.script.xlsx").write_bytes(fixed_zip(buffer.getvalue()))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)
    for path in sorted(OUT.iterdir()):
        print(f"{path.stat().st_size:>8}  {path.name}")


if __name__ == "__main__":
    main()
