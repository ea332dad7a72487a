"""Regenerate the corpus of real partner files under cases/ (issue 12), then check what was written.

Every file is made the way a partner's software makes it: a source workbook is written with openpyxl and then
saved by LibreOffice Calc headless (xlsx, ods, xls, xlsm, CSV in its encodings and separators), or, for what only
Excel or a text editor writes (Excel's CSV UTF-8 with BOM and CRLF, the owner file `~$…`, hand-typed CSV and
YAML), the bytes are written as that program writes them. A workbook "written by a script" is openpyxl's own
save, with formulas and no saved values.

    .venv/bin/python tests/partner_files/make_corpus.py            # regenerate cases/ and verify it
    .venv/bin/python tests/partner_files/make_corpus.py --verify   # only verify what is there
    .venv/bin/python tests/partner_files/make_corpus.py --assemble CASE DEST
                                            # DEST = the base project (tests/conftest.py MINIMAL), the case's
                                            # `remove` files deleted, the case's files copied in

The expected outcome of each case is in cases.yaml (written by hand: the contract); this script checks that
cases.yaml and cases/ name the same cases and files. Verifying reads every spreadsheet back with python-calamine
and looks inside the files (sheet XML, ODF content, BIFF records through xlrd when it is installed) for what each
case needs to be true: hidden sheets, rows and columns, merged ranges, formulas with and without saved values,
error cells, dropdowns, encodings, byte order marks.
"""
from __future__ import annotations

import argparse
import codecs
import csv
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

import openpyxl
import yaml
from openpyxl.styles import Alignment, Border, Side
from openpyxl.worksheet.datavalidation import DataValidation

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
CASES_YAML = HERE / "cases.yaml"
FIXED_TIME = datetime(2019, 3, 14, 9, 30, 0)          # every workbook's created/modified, every zip entry's time
ZIP_TIME = (2019, 3, 14, 9, 30, 0)

# ---------------------------------------------------------------- the data partners type

COLS = ["date", "title", "partners", "kind", "format", "attendees", "characteristics", "summary"]
#        A       B        C           D       E         F            G                  H

# The standard meetings sheet: five held (118 attendances, wcva and involve, Wales and England) and one planned.
STD = [
    (date(2018, 11, 14), "Open Government network launch", "wcva; involve", "event", "in-person", 32,
     "disability; race", "Launch of the network in Cardiff"),
    (date(2018, 11, 28), "Equality groups roundtable", "wcva", "meeting", "in-person", 14, "age; sex", None),
    (date(2018, 12, 12), "SDG webinar", "involve", "webinar", "online", 41, None,
     "Recorded, for those who could not join"),
    (date(2019, 1, 23), "Women’s network briefing", "wcva", "meeting", "phone", 9, "sex", None),
    (date(2019, 2, 20), "Co-production workshop", "wcva; involve", "workshop", "hybrid", 22, "disability", None),
    (date(2019, 4, 10), "Four-nation summit", "wcva; involve", "summit", "in-person", None, None,
     "Planned for April"),
]

# The same meeting in other hands: an old copy with other numbers (a hidden sheet), and a row the partner hid.
OLD_COPY = [
    (date(2018, 10, 3), "Draft planning meeting", "wcva", "meeting", "in-person", 6, None, None),
    (date(2018, 11, 14), "Open Government network launch", "wcva; involve", "event", "in-person", 320, None, None),
    (date(2018, 11, 28), "Equality groups roundtable", "wcva", "meeting", "in-person", 140, None, None),
]

BASE_PARTNERS = [
    ("wcva", "Wales Council for Voluntary Action", "charity", "wales", "lead"),
    ("involve", "Involve", "charity", "england", "consortium"),
]

DAY_FIRST = "DD/MM/YYYY"
MONTH_FIRST = "M/D/YYYY"
POUNDS = '[$£-809]#,##0.00'


def new_book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.properties.creator = "Partner"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.lastModifiedBy = "Partner"
    return book


def fill(ws, rows, header=COLS, start=1, date_format=DAY_FIRST):
    """Header at row `start`, rows under it; dates become date cells shown `date_format`; None stays empty."""
    if header is not None:
        for col, name in enumerate(header, 1):
            ws.cell(start, col, name)
        start += 1
    for r, row in enumerate(rows, start):
        for col, value in enumerate(row, 1):
            if value is None:
                continue
            cell = ws.cell(r, col, value)
            if isinstance(value, (date, datetime)):
                cell.number_format = date_format
    return ws


def one_sheet(rows, header=COLS, name="Meetings", date_format=DAY_FIRST, start=1):
    book = new_book()
    ws = book.active
    ws.title = name
    fill(ws, rows, header, start, date_format)
    return book


def std_book(**kw):
    return lambda: one_sheet(STD, **kw)


def partners_book():
    return one_sheet(BASE_PARTNERS, header=["id", "name", "type", "nation", "role"], name="Partners")


def text_rows(rows):
    """The same rows with every value as the text a partner typed into a text-formatted cell."""
    return [tuple(None if v is None else str(v) for v in row) for row in rows]


def text_cells(book):
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cell.number_format = "@"
    return book


def csv_text(rows, header, sep=",", newline="\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else (v.strftime("%d/%m/%Y") if isinstance(v, date) else v)
                         for v in row])
    return out.getvalue()


# ---------------------------------------------------------------- how each file is produced

CSV_FILTER = "csv:Text - txt - csv (StarCalc):{sep},34,{charset},1,,2057,false,true,true,false,false"
UTF8, WINDOWS_1252, UTF16 = 76, 1, 65535
FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "xlsm": "xlsm:Calc MS Excel 2007 VBA XML",
    "ods": "ods:calc8",
    "xls": "xls:MS Excel 97",
    "csv": CSV_FILTER.format(sep=44, charset=UTF8),
    "csv-1252": CSV_FILTER.format(sep=44, charset=WINDOWS_1252),
    "csv-semicolon": CSV_FILTER.format(sep=59, charset=UTF8),
    "csv-tab": CSV_FILTER.format(sep=9, charset=UTF8),
    "csv-utf16-tab": CSV_FILTER.format(sep=9, charset=UTF16),
}


@dataclass
class Calc:
    """A workbook built with openpyxl, then opened and saved by LibreOffice Calc as `to` (a FILTERS key)."""
    build: Callable[[], openpyxl.Workbook]
    to: str
    then: Callable[[bytes], bytes] | None = None


@dataclass
class Script:
    """openpyxl's own save: what a script writes (formulas keep no saved value)."""
    build: Callable[[], openpyxl.Workbook]


@dataclass
class Raw:
    """Bytes exactly as a text editor, Excel or another program writes them."""
    data: bytes


@dataclass
class Joined:
    """Bytes of several producers one after the other (a file appended to on another machine)."""
    parts: list


# ---------------------------------------------------------------- the case builders

def hidden_old_copy():
    book = one_sheet(STD)
    old = book.create_sheet("Meetings (old)")
    fill(old, OLD_COPY)
    old.sheet_state = "hidden"
    return book


def hidden_rows_and_columns():
    rows = list(STD)
    rows.insert(2, (date(2018, 11, 28), "Equality groups roundtable", "wcva", "meeting", "in-person", 99, None,
                    "first count, before the sign-in sheets"))
    book = one_sheet(rows, header=COLS + ["Budget code"])
    ws = book.active
    for r in range(2, len(rows) + 2):
        ws.cell(r, 9, f"BC-{r:02d}")
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["I"].hidden = True
    return book


def lists_for_dropdowns():
    book = one_sheet(STD)
    ws = book.active
    lists = book.create_sheet("Lists")
    for i, kind in enumerate(["meeting", "workshop", "webinar", "event", "training", "summit"], 1):
        lists.cell(i, 1, kind)
    for i, fmt in enumerate(["in-person", "online", "phone", "hybrid"], 1):
        lists.cell(i, 2, fmt)
    lists.sheet_state = "hidden"
    for col, ref in (("D", "Lists!$A$1:$A$6"), ("E", "Lists!$B$1:$B$4")):
        dv = DataValidation(type="list", formula1=ref, allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{col}2:{col}200")
    return book


def instructions_first():
    book = new_book()
    ins = book.active
    ins.title = "Instructions"
    for i, line in enumerate([
        "How to fill in this workbook",
        "One row per meeting on the Meetings sheet.",
        "Dates day first (13/11/2018). Partners: ids or names, separated by ;",
        "Send it back to the bid facilitator by 15 March 2019.",
    ], 1):
        ins.cell(i, 1, line)
    fill(book.create_sheet("Meetings"), STD)
    return book


def partners_sheet_inside():
    book = new_book()
    ps = book.active
    ps.title = "Partners"
    fill(ps, [("tai-pawb", "Tai Pawb", "charity", "wales", "consortium")],
         header=["id", "name", "type", "nation", "role"])
    fill(book.create_sheet("Meetings"),
         STD + [(date(2019, 3, 6), "Housing equality forum", "Tai Pawb", "meeting", "in-person", 17, "race", None)])
    return book


MERGED_ROWS = [
    (STD[0][0], STD[0][1], "wcva; involve") + STD[0][3:],
    (STD[1][0], STD[1][1], None) + STD[1][3:],
    (STD[2][0], STD[2][1], None) + STD[2][3:],
    STD[3],
    STD[4],
]


def merged_partners():
    book = one_sheet(MERGED_ROWS)
    book.active.merge_cells("C2:C4")
    book.active["C2"].alignment = Alignment(vertical="center")
    return book


def title_row():
    book = new_book()
    ws = book.active
    ws.title = "Meetings"
    ws["A1"] = "WCVA engagement log 2018–19"
    ws.merge_cells("A1:H1")
    fill(ws, STD, start=3)
    return book


def blank_rows_above():
    rows = [list(r) for r in STD[:5]]
    rows[2][5] = "about 40"
    return one_sheet([tuple(r) for r in rows], start=3)


def blank_and_formatted_rows():
    book = one_sheet(STD[:3] + [(None,) * 8] + STD[3:])
    ws = book.active
    thin = Side(style="thin")
    for r in range(2, 61):
        for c in range(1, 9):
            ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
    return book


def formulas_saved():
    book = new_book()
    ws = book.active
    ws.title = "Meetings"
    fill(ws, STD)
    signin = book.create_sheet("Sign-in")
    fill(signin, [(row[1], row[5]) for row in STD[:5]], header=["meeting", "signed in"])
    ws["A2"] = "=DATE(2018,11,14)"
    ws["A2"].number_format = DAY_FIRST
    ws["B4"] = '="SDG "&"webinar"'
    for r in range(2, 7):
        ws.cell(r, 6, f"='Sign-in'!B{r}")
    return book


def formulas_unsaved():
    book = one_sheet(STD[:3])
    book.active["F2"] = "=20+12"
    book.active["F3"] = "=SUM(8,6)"
    return book


def formula_errors():
    book = one_sheet(STD[:4])
    ws = book.active
    codes = book.create_sheet("Codes")
    fill(codes, [("R1", "Equality groups roundtable"), ("W1", "SDG webinar")], header=None)
    ws["B3"] = '=VLOOKUP("R2",Codes!A1:B2,2,FALSE)'          # #N/A: the code was never added
    ws["F4"] = "=#REF!*1"                                     # #REF!: the sheet it pointed at was deleted
    ws["F5"] = "=ROUND(36/0,0)"                               # #DIV/0!: total divided by sessions, none yet
    return book


def odd_headers():
    header = ["Date\u200b", " TITLE", "PARTNERS\u00a0", "Kind", "format", "Attendees ", "Characteristics",
              "summary "]
    return one_sheet(STD, header=header)


def header_twice():
    book = one_sheet(STD, header=COLS + ["Attendees"])
    for r, n in enumerate([40, 20, 60, 12, 30, 80], 2):
        book.active.cell(r, 9, n)
    return book


def notes_no_header():
    book = one_sheet(STD)
    book.active["I3"] = "Chase the minutes"
    book.active["I5"] = "Invoice sent"
    return book


ALT_ENTER_ROWS = [
    (date(2018, 11, 14), "Open Government network launch", "wcva\ninvolve", "event", "in-person", 32,
     "disability\nrace", None),
    (date(2018, 11, 28), "Equality groups roundtable", "wcva", "meeting", "in-person", 14, "age\nsex", None),
    (date(2018, 12, 12), "SDG webinar", "involve", "webinar", "online", 41, "race", None),
]


def alt_enter():
    book = one_sheet(ALT_ENTER_ROWS)
    for r in (2, 3):
        for c in (3, 7):
            book.active.cell(r, c).alignment = Alignment(wrap_text=True)
    return book


def budget_book():
    rows = [("Staff", "Project coordinator, 0.6 FTE", 30000), ("Events", "Four regional events", 15000)]
    book = one_sheet(rows, header=["heading", "description", "amount"], name="Budget")
    for r in (2, 3):
        book.active.cell(r, 3).number_format = POUNDS
    return book


def budget_pence_book():
    rows = [("Staff", "Project coordinator, 0.6 FTE", 30000), ("Events", "Four regional events", 15000.5)]
    book = one_sheet(rows, header=["heading", "description", "amount"], name="Budget")
    for r in (2, 3):
        book.active.cell(r, 3).number_format = POUNDS
    return book


TEXT_DATES = [
    ("13-Nov-2018", "Open Government network launch", 32),
    ("4-Dec-18", "Equality groups roundtable", 14),
    ("Tue 8 Jan 2019", "SDG webinar", 41),
    ("2018/11/01", "Steering group", 6),
    ("13/12/2018 10:30", "Women’s network briefing", 9),
    ("2019-01-15T10:30:00", "Co-production workshop", 22),
    ("5th of February 2019", "Disability forum", 18),
    ("March 1, 2019", "Race equality roundtable", 11),
]
TEXT_DATE_HEADER = ["date", "title", "partners", "attendees"]


def text_dates_book():
    return text_cells(one_sheet([(d, t, "wcva", str(n)) for d, t, n in TEXT_DATES], header=TEXT_DATE_HEADER))


SHORT_DATES = [
    (date(2018, 11, 13), "Open Government network launch", "wcva", 32),
    (date(2018, 12, 4), "Equality groups roundtable", "wcva", 14),
    (date(2019, 2, 1), "SDG webinar", "involve", 41),
    (date(2019, 1, 3), "Women’s network briefing", "wcva", 9),
]
US_DATES = [
    (date(2018, 11, 13), "Open Government network launch", "wcva", 32),
    (date(2018, 12, 4), "Equality groups roundtable", "wcva", 14),
    (date(2019, 1, 15), "SDG webinar", "involve", 41),
    (date(2019, 2, 5), "Women’s network briefing", "wcva", 9),
]


def with_times():
    rows = [(datetime(r[0].year, r[0].month, r[0].day, 10 + i, 30),) + r[1:] for i, r in enumerate(STD)]
    return one_sheet(rows, date_format="DD/MM/YYYY HH:MM")


def year_1900():
    book = one_sheet(STD[:3])
    book.active["A3"] = 19                 # "19" typed into a date cell: day 19 of Excel's calendar
    book.active["A3"].number_format = DAY_FIRST
    return book


def year_text(bad_row: int, text: str):
    def build():
        rows = [list(r) for r in text_rows(STD[:3])]
        for row, src in zip(rows, STD[:3]):
            row[0] = src[0].strftime("%d/%m/%Y")
        rows[bad_row - 2][0] = text
        return text_cells(one_sheet([tuple(r) for r in rows]))
    return build


def year_2108():
    rows = [list(r) for r in STD[:3]]
    rows[1][0] = date(2108, 11, 28)
    return one_sheet([tuple(r) for r in rows])


def dup_book(rows):
    return lambda: one_sheet(rows, header=["date", "title", "partners", "attendees"])


# ---------------------------------------------------------------- lock files and hand-made bytes

def excel_owner_file(user: str) -> bytes:
    """`~$name.xlsx`: Excel's 165-byte owner file: the user name as one byte length + ANSI, padded with spaces
    to offset 55, then a two-byte length + UTF-16LE, padded with space/NUL pairs."""
    out = bytearray([len(user)]) + user.encode("cp1252")
    out += b" " * (55 - len(out))
    out += struct.pack("<H", len(user)) + user.encode("utf-16-le")
    while len(out) < 165:
        out += b" \x00"
    return bytes(out[:165])


def libreoffice_lock_file() -> bytes:
    """`.~lock.name#`: LibreOffice's one line: name (blank when unset), user, host, date, profile URL."""
    return b",jane,jane-laptop,14.03.2019 09:41,file:///home/jane/.config/libreoffice/4;"


MEETINGS_YAML = """\
# Meetings for the Test project, typed by hand.
- date: 2018-11-14
  title: Open Government network launch
  partners: [wcva, involve]
  kind: event
  format: in-person
  attendees: 32
  characteristics: [disability, race]
  summary: Launch of the network in Cardiff
- date: 2018-11-28
  title: Equality groups roundtable
  partners: wcva
  kind: meeting
  format: in-person
  attendees: 14
  characteristics: [age, sex]
- date: 2018-12-12
  title: SDG webinar
  partners: involve
  kind: webinar
  format: online
  attendees: 41
  summary: Recorded, for those who could not join
- date: 2019-01-23
  title: Women’s network briefing
  partners: wcva
  kind: meeting
  format: phone
  attendees: 9
  characteristics: [sex]
- date: 2019-02-20
  title: Co-production workshop
  partners: [wcva, involve]
  kind: workshop
  format: hybrid
  attendees: 22
  characteristics: [disability]
- date: 2019-04-10
  title: Four-nation summit
  partners: [wcva, involve]
  kind: summit
  format: in-person
  summary: Planned for April
"""

YAML_TABS = (
    "- date: 2018-11-14\n"
    "  title: Open Government network launch\n"
    "\tpartners: wcva; involve\n"
    "  attendees: 32\n"
    "- date: 2018-11-28\n"
    "  title: Equality groups roundtable\n"
    "  partners: wcva\n"
    "  attendees: 14\n"
)
YAML_STRAY_DASH = (
    "- date: 2018-11-14\n"
    "  title: Open Government network launch\n"
    "  partners: wcva; involve\n"
    "  -\n"
    "  attendees: 32\n"
    "- date: 2018-11-28\n"
    "  title: Equality groups roundtable\n"
    "  partners: wcva\n"
    "  attendees: 14\n"
)
YAML_EMPTY_ITEM = (
    "- date: 2018-11-14\n"
    "  title: Open Government network launch\n"
    "  partners: wcva; involve\n"
    "  attendees: 32\n"
    "-\n"
    "- date: 2018-11-28\n"
    "  title: Equality groups roundtable\n"
    "  partners: wcva\n"
    "  attendees: 14\n"
)

NARRATIVE_BRACES = (
    "The summary of a small test project, held {{ meetings_held }} times.\n"
    "\n"
    "We met {{ organisations_met } organisations across Wales and England.\n"
    "\n"
    "Together they came { people_reached } times.\n"
)

BASE_PROJECT = (
    "title: Test project\n"
    "lead_partner: wcva\n"
    "as_of: 2019-03-15\n"
    "period:\n  start: 2018-11-01\n  end: 2019-03-31\n"
    "nations: [wales, england]\n"
)
PROJECT_BLANK_TITLE = BASE_PROJECT.replace("title: Test project\n", "title:\n")
PROJECT_WITH_AMOUNT = BASE_PROJECT + "amount_requested: 45000\n"

LONG_TITLE = "Equality, Good Relations: everybody shaping the SDGs and Open Government in Wales"
assert len(LONG_TITLE) == 81, len(LONG_TITLE)
# a funding proposal needs its delivery plan: one activity in each of the six years the case asks for
DELIVERY_PLAN_SIX_YEARS = "year,activity\n" + "".join(f"{y},Work of year {y}\n" for y in range(1, 7))
PROJECT_MANY_ERRORS = (
    f'title: "{LONG_TITLE}"\n'                       # line 1: 81 characters, one over
    "lead_partner: wcva\n"
    "as_of: 2019-03-15\n"
    "period:\n  start: 2018-11-01\n  end: 2019-03-31\n"
    "nations: [wales, england]\n"
    "funder: tnlcf-funding-proposal\n"             # line 8
    "amount_requested: 9000\n"                     # line 9: under the £10,001 minimum
    "duration_years: 6\n"                          # line 10: over the 5-year maximum
    "start_date: 2019-09-01\n"
    "organisation:\n"
    "  legal_name: Wales Council for Voluntary Action\n"
    "  type: unincorporated-registered-charity\n"
    "  website: https://wcva.cymru\n"
    "  address:\n"
    "    line1: One Canal Parade\n"
    "    town_city: Cardiff\n"
    "    postcode: CF10 5BF\n"
    "beneficiaries:\n"
    "  number: 100\n"
)

ANSWER = ("Equality organisations across Wales and England will meet every quarter to shape how the Sustainable "
          "Development Goals and Open Government commitments are delivered. Each meeting is hosted by a "
          "different partner, in person and online, with travel and care costs paid so that people who are "
          "rarely asked can take part. What they say is written up and taken to the national action plan "
          "groups by the people who said it, and reported back within a month.\n")
assert 50 <= len(ANSWER.split()) <= 300, len(ANSWER.split())

OUTCOMES_BLANK_NAME = """\
- id: engagement
  title: Engagement with equality groups
  type: output
  indicators:
    - id: meetings
      name: Meetings held with equality groups
      unit: meetings
      baseline: 0
      target: 10
      measure: meetings_held
    - id: attendances
      name:
      unit: attendances
      baseline: 0
      target: 150
      measure: people_reached
"""


def std_csv_excel(encoding: str, newline: str = "\r\n", bom: bool = False, trailing_empty: int = 0,
                  blank_rows: int = 0) -> bytes:
    """A CSV the way Excel's Save As writes it: fields quoted only when needed, CRLF, dates as shown."""
    header = COLS + [""] * trailing_empty
    rows = [tuple(r) + ("",) * trailing_empty for r in STD] + [("",) * len(header)] * blank_rows
    text = csv_text(rows, header, newline=newline)
    return (codecs.BOM_UTF8 if bom else b"") + text.encode(encoding)


def nul_header() -> bytes:
    rows = csv_text(STD[:3], header=None)
    return ",".join(h + "\x00" for h in COLS).encode() + b"\n" + rows.encode()


def unquoted_comma() -> bytes:
    return ("date,title,partners,attendees,summary\n"
            "14/11/2018,Open Government network launch,wcva;involve,32,Launch in Cardiff\n"
            "28/11/2018,Equality groups roundtable,wcva,14,Met the board, agreed next steps\n"
            "12/12/2018,SDG webinar,involve,41,Recorded\n").encode()


def typos() -> bytes:
    return ("date,title,partners,format,attendees\n"
            "31/02/2019,Open Government network launch,wcva;involve,in-person,32\n"
            "28/11/2018,Equality groups roundtable,wcva,in-person,c. 20\n"
            "12/12/2018,SDG webinar,involve,face to face,41\n").encode()


def partner_refs() -> bytes:
    return ("date,title,partners,attendees\n"
            "14/11/2018,Open Government network launch,WCVA; Involve,32\n"
            "28/11/2018,Equality groups roundtable,Wales Council for Voluntary Action,14\n"
            "12/12/2018,SDG webinar, INVOLVE ,41\n").encode()


def neither_encoding() -> bytes:
    head = ("date,title,partners,attendees\n"
            "14/11/2018,Open Government network launch,wcva;involve,32\n").encode("utf-8")
    dos = "28/11/2018,Grün forum,wcva,14\n".encode("cp850")      # 0x81: pasted from an old DOS program
    tail = "12/12/2018,SDG webinar – recording,involve,41\n".encode("utf-8")
    return head + dos + tail


def budget_csv(lines) -> bytes:
    return csv_text(lines, ["heading", "description", "amount"]).encode()


MIXED_UTF8_ROWS = [STD[0], (STD[1][0], "Equality groups roundtable – Wrexham") + STD[1][2:], STD[2]]
MIXED_1252_ROW = [(date(2019, 1, 23), "Women’s café briefing", "wcva", "meeting", "phone", 9, "sex",
                   "Added on the office PC")]

W1252_ROWS = [STD[0], (STD[1][0], "Café conversation – Swansea") + STD[1][2:], STD[2], STD[3], STD[4], STD[5]]

CURLY_PARTNERS = [
    ("wcva", "Wales Council for Voluntary Action", "charity", "wales", "lead"),
    ("involve", "Involve", "charity", "england", "consortium"),
    ("wen", "Women’s Equality Network Wales", "network", "wales", "consortium"),
]
CURLY_MEETINGS = [
    (date(2018, 11, 14), "Open Government network launch", "wcva; Women's Equality Network Wales", 32),
    (date(2019, 1, 23), "Women’s network briefing", "women's equality network wales", 9),
    (date(2018, 12, 12), "SDG webinar", "involve", 41),
]
DUP_HEADER = ["date", "title", "partners", "attendees"]


def case_table() -> dict[str, dict[str, object]]:
    """case id -> {path in the project folder: how it is produced}."""
    csv_std = lambda build: Calc(build, "csv")                      # noqa: E731
    return {
        # -- the same meetings in every format partners save
        "format-xlsx": {"meetings.xlsx": Calc(std_book(), "xlsx")},
        "format-ods": {"meetings.ods": Calc(std_book(), "ods")},
        "format-xls": {"meetings.xls": Calc(std_book(), "xls")},
        "format-xlsm": {"meetings.xlsm": Calc(std_book(), "xlsm")},
        "format-csv-libreoffice": {"meetings.csv": csv_std(std_book())},
        "format-yaml": {"meetings.yaml": Raw(MEETINGS_YAML.encode())},
        # -- CSV encodings and separators
        "csv-excel-utf8-bom": {"meetings.csv": Raw(std_csv_excel("utf-8", bom=True))},
        "csv-unicode-text-utf16": {"meetings.csv": Calc(std_book(), "csv-utf16-tab")},
        "csv-tab-separated": {"meetings.csv": Calc(std_book(), "csv-tab")},
        "csv-semicolon": {"meetings.csv": Calc(std_book(), "csv-semicolon")},
        "csv-windows-1252": {"meetings.csv": Calc(lambda: one_sheet(W1252_ROWS), "csv-1252")},
        "csv-excel-trailing-empty-cells": {"meetings.csv": Raw(std_csv_excel("cp1252", trailing_empty=3,
                                                                             blank_rows=2))},
        "csv-mixed-utf8-windows-1252": {"meetings.csv": Joined([
            Calc(lambda: one_sheet(MIXED_UTF8_ROWS), "csv"),
            Calc(lambda: one_sheet(MIXED_1252_ROW, header=None), "csv-1252")])},
        "csv-neither-utf8-nor-windows-1252": {"meetings.csv": Raw(neither_encoding())},
        "csv-nul-in-header": {"meetings.csv": Raw(nul_header())},
        "csv-unquoted-comma": {"meetings.csv": Raw(unquoted_comma())},
        "csv-values-under-no-header": {"meetings.csv": Calc(lambda: _csv_note_book(), "csv")},
        # -- empty and placeholder files, lock files
        "empty-file-0-bytes": {"meetings-involve.csv": Raw(b"")},
        "empty-workbook": {"meetings-involve.xlsx": Calc(lambda: _empty_book(), "xlsx")},
        "header-only-file": {"meetings-involve.csv": Calc(lambda: one_sheet([], header=DUP_HEADER), "csv")},
        "lock-file-excel": {"meetings.xlsx": Calc(std_book(), "xlsx"),
                            "~$meetings.xlsx": Raw(excel_owner_file("Jane Partner"))},
        "lock-file-libreoffice": {"meetings.ods": Calc(std_book(), "ods"),
                                  ".~lock.meetings.ods#": Raw(libreoffice_lock_file())},
        # -- sheets, hidden things, merged cells, rows above the header
        "hidden-sheet-old-copy": {"meetings.xlsx": Calc(hidden_old_copy, "xlsx")},
        "hidden-sheet-old-copy-ods": {"meetings.ods": Calc(hidden_old_copy, "ods")},
        "hidden-rows-and-columns": {"meetings.xlsx": Calc(hidden_rows_and_columns, "xlsx")},
        "hidden-lists-sheet-for-dropdowns": {"meetings.xlsx": Calc(lists_for_dropdowns, "xlsx")},
        "instructions-first-sheet": {"meetings.xlsx": Calc(instructions_first, "xlsx")},
        "partners-sheet-in-meetings-workbook": {"meetings.xlsx": Calc(partners_sheet_inside, "xlsx")},
        "merged-partners-cell": {"meetings.xlsx": Calc(merged_partners, "xlsx")},
        "merged-partners-cell-ods": {"meetings.ods": Calc(merged_partners, "ods")},
        "title-row-above-header": {"meetings.xlsx": Calc(title_row, "xlsx")},
        "blank-rows-above-header-row-numbers": {"meetings.ods": Calc(blank_rows_above, "ods")},
        "blank-and-formatted-rows": {"meetings.xlsx": Calc(blank_and_formatted_rows, "xlsx")},
        # -- formulas and error cells
        "formulas-with-saved-values": {"meetings.xlsx": Calc(formulas_saved, "xlsx")},
        "formulas-without-saved-values": {"meetings.xlsx": Script(formulas_unsaved)},
        "formula-error-cells": {"meetings.xlsx": Calc(formula_errors, "xlsx")},
        "formula-error-cells-xls": {"meetings.xls": Calc(formula_errors, "xls")},
        # -- headers and cells as partners write them
        "header-odd-spelling": {"meetings.xlsx": Calc(odd_headers, "xlsx")},
        "header-given-twice": {"meetings.xlsx": Calc(header_twice, "xlsx")},
        "notes-column-without-header": {"meetings.xlsx": Calc(notes_no_header, "xlsx")},
        "alt-enter-lists": {"meetings.xlsx": Calc(alt_enter, "xlsx")},
        "curly-apostrophe-partner-name": {
            "partners.csv": Calc(lambda: one_sheet(CURLY_PARTNERS, header=["id", "name", "type", "nation", "role"],
                                                   name="Partners"), "csv"),
            "meetings.csv": Calc(lambda: one_sheet(CURLY_MEETINGS, header=DUP_HEADER), "csv")},
        "partner-refs-by-name-and-case": {"meetings.csv": Raw(partner_refs())},
        "partners-xls": {"partners.xls": Calc(partners_book, "xls")},
        # -- money
        "money-whole-pounds-with-pence-zero": {"project.yaml": Raw(PROJECT_WITH_AMOUNT.encode()),
                                               "budget.csv": Calc(budget_book, "csv")},
        "money-currency-cells-xlsx": {"project.yaml": Raw(PROJECT_WITH_AMOUNT.encode()),
                                      "budget.xlsx": Calc(budget_book, "xlsx")},
        "money-real-pence": {"project.yaml": Raw(PROJECT_WITH_AMOUNT.encode()),
                             "budget.csv": Calc(budget_pence_book, "csv")},
        # -- dates
        "dates-text-many-forms-csv": {"meetings.csv": Calc(text_dates_book, "csv")},
        "dates-text-many-forms-xlsx": {"meetings.xlsx": Calc(text_dates_book, "xlsx")},
        "dates-day-first-short": {"meetings.csv": Calc(lambda: one_sheet(SHORT_DATES, header=DUP_HEADER,
                                                                         date_format="D/M/YY"), "csv")},
        "dates-us-month-first-csv": {"meetings.csv": Calc(lambda: one_sheet(US_DATES, header=DUP_HEADER,
                                                                            date_format=MONTH_FIRST), "csv")},
        "dates-us-format-date-cells": {"meetings.xlsx": Calc(std_book(date_format=MONTH_FIRST), "xlsx")},
        "date-cells-with-time-ods": {"meetings.ods": Calc(with_times, "ods")},
        "year-1900-typed-19": {"meetings.xlsx": Calc(year_1900, "xlsx")},
        "year-1018-text": {"meetings.csv": Calc(year_text(3, "28/11/1018"), "csv")},
        "year-2108-date-cell": {"meetings.ods": Calc(year_2108, "ods")},
        "typos-reported-together": {"meetings.csv": Raw(typos())},
        # -- YAML and Markdown
        "yaml-tabs": {"meetings.yaml": Raw(YAML_TABS.encode())},
        "yaml-stray-dash": {"meetings.yaml": Raw(YAML_STRAY_DASH.encode())},
        "yaml-empty-item": {"meetings.yaml": Raw(YAML_EMPTY_ITEM.encode())},
        "narrative-malformed-placeholders": {"narrative/summary.md": Raw(NARRATIVE_BRACES.encode())},
        # -- project.yaml and outcomes.yaml
        "project-error-hides-nothing": {
            "project.yaml": Raw(PROJECT_MANY_ERRORS.encode()),
            "meetings.csv": Raw(("date,title,partners,attendees\n"
                                 "14/11/2018,Open Government network launch,wcva;involve,32\n"
                                 "28/11/2018,Equality groups roundtable,Involv,14\n").encode()),
            "budget.csv": Raw(budget_csv([("Staff", "Project coordinator", 6000),
                                          ("Events", "Two regional events", 2500)])),
            "delivery-plan.csv": Raw(DELIVERY_PLAN_SIX_YEARS.encode()),
            **{f"narrative/{q}.md": Raw(ANSWER.encode()) for q in (
                "your-idea-project", "your-idea-community", "your-idea-activities", "project-organisation",
                "project-spend")},
        },
        "project-blank-title": {"project.yaml": Raw(PROJECT_BLANK_TITLE.encode())},
        "outcomes-blank-indicator-name": {"outcomes.yaml": Raw(OUTCOMES_BLANK_NAME.encode())},
        # -- the same meeting from two partners
        "duplicate-meeting-different-attendance": {
            "meetings-involve.csv": Calc(dup_book([
                (date(2018, 11, 20), "Open Government roundtable", "wcva; involve", 18),
                (date(2018, 12, 12), "SDG webinar", "involve", 41)]), "csv"),
            "meetings-wcva.xlsx": Calc(dup_book([
                (date(2018, 11, 20), "Open Government roundtable", "wcva; involve", 25),
                (date(2018, 11, 28), "Equality groups roundtable", "wcva", 14)]), "xlsx")},
        "duplicate-meeting-curly-apostrophe": {
            "meetings-involve.csv": Calc(dup_book([
                (date(2019, 1, 23), "Women's network briefing", "wcva", 9),
                (date(2018, 12, 12), "SDG webinar", "involve", 41)]), "csv"),
            "meetings-wcva.xlsx": Calc(dup_book([
                (date(2019, 1, 23), "Women’s network briefing", "wcva", 9),
                (date(2018, 11, 28), "Equality groups roundtable", "wcva", 14)]), "xlsx")},
        "duplicate-meeting-double-space": {
            "meetings-involve.csv": Calc(dup_book([
                (date(2018, 11, 20), "Open Government roundtable", "wcva; involve", 18),
                (date(2018, 12, 12), "SDG webinar", "involve", 41)]), "csv"),
            "meetings-wcva.xlsx": Calc(dup_book([
                (date(2018, 11, 20), "Open Government  roundtable", "wcva; involve", 18),
                (date(2018, 11, 28), "Equality groups roundtable", "wcva", 14)]), "xlsx")},
    }


def _csv_note_book():
    book = one_sheet([r[:5] for r in STD[:3]], header=COLS[:5])
    book.active["F3"] = "call back in January"
    return book


def _empty_book():
    book = new_book()
    book.active.title = "Sheet1"
    return book


# ---------------------------------------------------------------- running LibreOffice

def soffice(profile: Path, target: str, files: list[Path], outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", FILTERS[target], "--outdir", str(outdir), *map(str, files)]
    env = {**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    if result.returncode != 0:
        raise SystemExit(f"LibreOffice failed ({target}): {result.stderr}")


SAVE_TIMES = {   # the save time LibreOffice and openpyxl stamp into a workbook's properties
    "docProps/core.xml": [(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<)", r"\g<1>2019-03-14T09:30:00Z\g<2>")],
    "meta.xml": [(r"(<(?:dc:date|meta:creation-date)>)[^<]*(<)", r"\g<1>2019-03-14T09:30:00\g<2>")],
}


def normalise_zip(data: bytes) -> bytes:
    """Same members, same order, same compression; fixed entry times and save times: a rerun writes the same
    bytes. Nothing a reader looks at changes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            for pattern, repl in SAVE_TIMES.get(info.filename, []):
                content = re.sub(pattern, repl, content.decode("utf-8")).encode("utf-8")
            if info.filename == "styles.xml":
                content = sort_master_pages(content.decode("utf-8")).encode("utf-8")
            dst.writestr(fixed, content)
    return out.getvalue()


def sort_master_pages(xml: str) -> str:
    """LibreOffice writes an .ods's page styles (one per sheet) in no fixed order; put them in name order."""
    block = re.search(r"<office:master-styles>(.*)</office:master-styles>", xml, re.S)
    if not block:
        return xml
    pages = re.findall(r"<style:master-page .*?</style:master-page>", block.group(1), re.S)
    if "".join(pages) != block.group(1):
        return xml
    ordered = sorted(pages, key=lambda page: re.search(r'style:name="([^"]*)"', page).group(1))
    return xml[:block.start(1)] + "".join(ordered) + xml[block.end(1):]


FILETIME_EPOCH = 116444736000000000      # 1601-01-01 to 1970-01-01 in 100 ns


def normalise_xls(data: bytes, started: float) -> bytes:
    """The one save time in an .xls (a VT_FILETIME in its SummaryInformation), set to FIXED_TIME."""
    low = int((started - 86400) * 10**7) + FILETIME_EPOCH
    high = int((datetime.now().timestamp() + 86400) * 10**7) + FILETIME_EPOCH
    fixed = struct.pack("<Q", int(FIXED_TIME.replace(tzinfo=timezone.utc).timestamp() * 10**7) + FILETIME_EPOCH)
    out = bytearray(data)
    for i in range(4, len(out) - 8):
        if out[i - 4:i] == b"\x40\x00\x00\x00" and low < struct.unpack_from("<Q", out, i)[0] < high:
            out[i:i + 8] = fixed
    return bytes(out)


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def generate() -> None:
    started = datetime.now().timestamp()
    table = case_table()
    work = Path(tempfile.mkdtemp(prefix="corpus-"))
    profile = Path(tempfile.mkdtemp(prefix="lo-corpus-"))
    try:
        jobs: dict[str, list[tuple[Path, object]]] = {}
        made: dict[int, bytes] = {}
        producers: list[object] = []

        def collect(producer):
            if isinstance(producer, Joined):
                for part in producer.parts:
                    collect(part)
            elif isinstance(producer, Calc):
                n = len(producers)
                producers.append(producer)
                source = work / "src" / producer.to / f"f{n:03d}.xlsx"
                source.parent.mkdir(parents=True, exist_ok=True)
                producer.build().save(source)
                jobs.setdefault(producer.to, []).append((source, producer))
                producer._n = n  # type: ignore[attr-defined]

        for files in table.values():
            for producer in files.values():
                collect(producer)
        for target, items in sorted(jobs.items()):
            outdir = work / "out" / target
            soffice(profile, target, [s for s, _ in items], outdir)
            ext = target.split("-")[0]
            for source, producer in items:
                produced = outdir / f"{source.stem}.{ext}"
                if not produced.exists():
                    raise SystemExit(f"LibreOffice wrote no {produced.name} for {target}")
                made[producer._n] = produced.read_bytes()  # type: ignore[attr-defined]

        def bytes_of(producer) -> bytes:
            if isinstance(producer, Raw):
                return producer.data
            if isinstance(producer, Joined):
                return b"".join(bytes_of(p) for p in producer.parts)
            if isinstance(producer, Script):
                buffer = io.BytesIO()
                producer.build().save(buffer)
                return buffer.getvalue()
            data = made[producer._n]  # type: ignore[attr-defined]
            return producer.then(data) if producer.then else data

        if CASES_DIR.exists():
            shutil.rmtree(CASES_DIR)
        for case, files in table.items():
            for rel, producer in files.items():
                data = bytes_of(producer)
                if is_zip(data):
                    data = normalise_zip(data)
                elif data[:8] == bytes.fromhex("d0cf11e0a1b11ae1"):
                    data = normalise_xls(data, started)
                path = CASES_DIR / case / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


# ---------------------------------------------------------------- looking inside what was written

def zip_text(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(member).decode("utf-8")


def xlsx_sheet_xml(path: Path, sheet: str) -> str:
    """The worksheet XML of the sheet named `sheet`."""
    book = zip_text(path, "xl/workbook.xml")
    rels = zip_text(path, "xl/_rels/workbook.xml.rels")
    rid = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(sheet), book)
    if rid is None:
        rid = re.search(r'<sheet [^>]*r:id="([^"]+)"[^>]*name="%s"' % re.escape(sheet), book)
    assert rid, f"{path.name}: no sheet {sheet!r}"
    target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid.group(1), rels)
    if target is None:
        target = re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid.group(1), rels)
    name = target.group(1).lstrip("/")
    return zip_text(path, name if name.startswith("xl/") else "xl/" + name)


def xlsx_cell(path: Path, sheet: str, ref: str) -> str:
    xml = xlsx_sheet_xml(path, sheet)
    found = re.search(r'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % ref, xml)
    assert found, f"{path.name}[{sheet}]: no cell {ref}"
    return found.group(0)


def ods_content(path: Path) -> str:
    return zip_text(path, "content.xml")


def sheets_of(path: Path) -> dict[str, str]:
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(str(path))
    return {s.name: str(s.visible).rsplit(".", 1)[-1].lower() for s in book.sheets_metadata}


def rows_of(path: Path, sheet: str | None = None) -> list[list]:
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(sheet or book.sheet_names[0]).to_python()


def xls_book(path: Path):
    try:
        import xlrd
    except ImportError:
        return None
    return xlrd.open_workbook(str(path), formatting_info=True)


def decoded_csv(path: Path, encoding: str, sep: str = ",") -> list[list[str]]:
    text = path.read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


class Verifier:
    def __init__(self):
        self.notes: list[str] = []
        self.failures: list[str] = []

    def check(self, case: str, ok: bool, what: str):
        (self.notes if ok else self.failures).append(f"{case}: {what}")


def verify_case(case: str, v: Verifier) -> None:
    d = CASES_DIR / case
    c = lambda ok, what: v.check(case, bool(ok), what)   # noqa: E731

    # every spreadsheet opens, every sheet reads
    for path in sorted(d.rglob("*")):
        if path.suffix in (".xlsx", ".xlsm", ".ods", ".xls") and not path.name.startswith(("~$", ".~lock")):
            sheets = sheets_of(path)
            for name in sheets:
                rows_of(path, name)
            c(sheets, f"{path.name} opens with calamine: sheets {sheets}")
            if path.suffix in (".xlsx", ".xlsm"):
                book = openpyxl.load_workbook(path)
                c(book.sheetnames == list(sheets), f"{path.name} opens with openpyxl too")
            if path.suffix == ".xls" and xls_book(path) is not None:
                c(xls_book(path).sheet_names() == list(sheets), f"{path.name} opens with xlrd too")
        if path.suffix in (".yaml", ".yml"):
            text = path.read_text(encoding="utf-8")
            try:
                yaml.safe_load(text)
                parsed = True
            except yaml.YAMLError:
                parsed = False
            c(parsed == (case not in ("yaml-tabs", "yaml-stray-dash")),
              f"{path.name} {'parses' if parsed else 'does not parse'} as YAML, as intended")

    std_rows = [[r[0], r[1], r[2], r[3], r[4], float(r[5]) if r[5] is not None else "", r[6] or "", r[7] or ""]
                for r in STD]

    def same_as_std(path, sheet=None, offset=0):
        rows = rows_of(path, sheet)[offset:]
        got = [[x for x in row] for row in rows[1:7]]
        c(rows[0][:8] == COLS and got == std_rows, f"{path.name} holds the standard meetings (calamine)")

    if case in ("format-xlsx", "format-ods", "format-xls", "format-xlsm", "lock-file-excel",
                "lock-file-libreoffice", "instructions-first-sheet", "hidden-lists-sheet-for-dropdowns",
                "hidden-sheet-old-copy", "hidden-sheet-old-copy-ods"):
        path = next(p for p in d.iterdir() if p.suffix in (".xlsx", ".ods", ".xls", ".xlsm")
                    and not p.name.startswith(("~$", ".~lock")))
        same_as_std(path, "Meetings")
    if case == "format-xlsm":
        ct = zip_text(d / "meetings.xlsm", "[Content_Types].xml")
        c("sheet.macroEnabled.main+xml" in ct, "xlsm has the macro-enabled workbook content type")
    if case == "format-xls":
        c((d / "meetings.xls").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1"), "xls is an OLE2/BIFF8 file")

    if case.startswith("hidden-sheet-old-copy"):
        path = next(d.iterdir())
        sheets = sheets_of(path)
        c(sheets.get("Meetings (old)") == "hidden" and sheets.get("Meetings") == "visible",
          f"'Meetings (old)' is hidden in {path.name}: {sheets}")
        c(rows_of(path, "Meetings (old)")[2][5] == 320, "the hidden copy holds other numbers (320)")
        if path.suffix == ".ods":
            c('table:display="false"' in ods_content(path), "ODS table style has table:display=false")
    if case == "hidden-lists-sheet-for-dropdowns":
        path = d / "meetings.xlsx"
        c(sheets_of(path).get("Lists") == "hidden", "Lists sheet hidden")
        xml = xlsx_sheet_xml(path, "Meetings")
        c('type="list"' in xml and "Lists!$A$1:$A$6" in xml and "Lists!$B$1:$B$4" in xml,
          "dropdowns (list validations from the Lists sheet) survived LibreOffice's save")
    if case == "hidden-rows-and-columns":
        path = d / "meetings.xlsx"
        xml = xlsx_sheet_xml(path, "Meetings")
        c(re.search(r'<row r="4"[^>]*hidden="true"', xml), "row 4 hidden in the sheet XML")
        c(re.search(r'<col [^>]*hidden="true"[^>]*max="9" min="9"', xml), "column I hidden in the sheet XML")
        c(rows_of(path)[3][5] == 99 and rows_of(path)[0][8] == "Budget code", "hidden row and column hold values")
    if case == "instructions-first-sheet":
        c(list(sheets_of(d / "meetings.xlsx")) == ["Instructions", "Meetings"], "Instructions is the first sheet")
    if case == "partners-sheet-in-meetings-workbook":
        path = d / "meetings.xlsx"
        c(list(sheets_of(path)) == ["Partners", "Meetings"], "Partners is the first sheet, Meetings second")
        c(rows_of(path, "Partners")[1][:2] == ["tai-pawb", "Tai Pawb"], "Partners sheet holds Tai Pawb")

    if case == "merged-partners-cell":
        path = d / "meetings.xlsx"
        c('<mergeCell ref="C2:C4"/>' in xlsx_sheet_xml(path, "Meetings"), "C2:C4 merged in the sheet XML")
        rows = rows_of(path)
        c(rows[1][2] == "wcva; involve" and rows[2][2] == "" and rows[3][2] == "",
          "only the top cell of the merge holds the value (C3, C4 empty in the file)")
    if case == "merged-partners-cell-ods":
        xml = ods_content(d / "meetings.ods")
        c('table:number-rows-spanned="3"' in xml and "<table:covered-table-cell" in xml,
          "ODS: a cell spans 3 rows, covered cells under it")
    if case == "title-row-above-header":
        path = d / "meetings.xlsx"
        c('<mergeCell ref="A1:H1"/>' in xlsx_sheet_xml(path, "Meetings"), "title merged over A1:H1")
        rows = rows_of(path)
        c(rows[0][0] == "WCVA engagement log 2018–19" and not any(rows[1]) and rows[2][:8] == COLS,
          "title in row 1, row 2 blank, header in row 3")
    if case == "blank-rows-above-header-row-numbers":
        xml = ods_content(d / "meetings.ods")
        rows = rows_of(d / "meetings.ods")
        # calamine starts at the first non-empty row; the ODS keeps the two leading empty rows
        c(rows[0][:8] == COLS and re.search(r'<table:table-row [^>]*table:number-rows-repeated="2"', xml),
          "ODS: two empty rows, then the header (row 3)")
        c("about 40" in xml, "the typed 'about 40' is in the file")
    if case == "blank-and-formatted-rows":
        xml = xlsx_sheet_xml(d / "meetings.xlsx", "Meetings")
        c(re.search(r'<row r="60"', xml), "formatted empty rows up to row 60 are in the sheet XML")
        c(not any(rows_of(d / "meetings.xlsx")[4]), "row 5 is blank")

    if case == "formulas-with-saved-values":
        path = d / "meetings.xlsx"
        for ref, value in (("A2", "43418"), ("B4", "SDG webinar"), ("F2", "32"), ("F6", "22")):
            cell = xlsx_cell(path, "Meetings", ref)
            has = "<f" in cell and ("<v>%s</v>" % value in cell or value in zip_text(path, "xl/sharedStrings.xml")
                                    if ref == "B4" else "<v>%s</v>" % value in cell)
            c(has, f"{ref} has a formula and its saved value {value}")
        c(rows_of(path)[1][5] == 32.0 and rows_of(path)[3][1] == "SDG webinar", "calamine reads the saved values")
    if case == "formulas-without-saved-values":
        path = d / "meetings.xlsx"
        for ref in ("F2", "F3"):
            cell = xlsx_cell(path, "Meetings", ref)
            c("<f>" in cell and re.search(r"<v>\s*</v>|<v/>", cell) or ("<f>" in cell and "<v>" not in cell),
              f"{ref} has a formula and no saved value: {cell}")
        c("openpyxl" in zip_text(path, "docProps/app.xml").lower(), "written by openpyxl, never opened by Calc")
    if case == "formula-error-cells":
        path = d / "meetings.xlsx"
        for ref, err in (("B3", "#N/A"), ("F4", "#REF!"), ("F5", "#DIV/0!")):
            cell = xlsx_cell(path, "Meetings", ref)
            c('t="e"' in cell and f"<v>{err}</v>" in cell and "<f" in cell, f"{ref} is an error cell {err}")
    if case == "formula-error-cells-xls":
        book = xls_book(d / "meetings.xls")
        if book is None:
            v.notes.append(f"{case}: xlrd not installed; BIFF error cells not inspected")
        else:
            import xlrd
            sh = book.sheet_by_name("Meetings")
            for (r, col), code in (((2, 1), 0x2A), ((3, 5), 0x17), ((4, 5), 0x07)):
                cell = sh.cell(r, col)
                c(cell.ctype == xlrd.XL_CELL_ERROR and cell.value == code,
                  f"xls cell {'ABCDEFGH'[col]}{r + 1} is error {xlrd.error_text_from_code[code]}")
    if case in ("format-xls",):
        book = xls_book(d / "meetings.xls")
        if book is not None:
            import xlrd
            sh = book.sheet_by_name("Meetings")
            c(sh.cell(1, 0).ctype == xlrd.XL_CELL_DATE, "xls A2 is a date cell")

    if case == "header-odd-spelling":
        header = rows_of(d / "meetings.xlsx")[0]
        c(header[0] == "Date\u200b" and header[2] == "PARTNERS\u00a0" and header[1] == " TITLE",
          "zero-width space, non-breaking space and a leading space kept in the header cells")
    if case == "header-given-twice":
        header = rows_of(d / "meetings.xlsx")[0]
        c(header[5] == "attendees" and header[8] == "Attendees", "attendees in F and again in I")
    if case == "notes-column-without-header":
        rows = rows_of(d / "meetings.xlsx")
        c(len(rows[0]) >= 9 and rows[0][8] == "" and rows[2][8] == "Chase the minutes", "I1 empty, I3 has a note")
    if case == "alt-enter-lists":
        rows = rows_of(d / "meetings.xlsx")
        c(rows[1][2] == "wcva\ninvolve" and rows[1][6] == "disability\nrace", "cells hold line breaks")

    if case == "money-currency-cells-xlsx":
        rows = rows_of(d / "budget.xlsx")
        c(rows[1][2] == 30000.0 and isinstance(rows[1][2], float), "amounts are number cells (floats) in £ format")
        c(POUNDS.replace('"', "") in zip_text(d / "budget.xlsx", "xl/styles.xml").replace("&quot;", ""),
          "the £ currency format is saved")
    if case in ("money-whole-pounds-with-pence-zero", "money-real-pence"):
        rows = decoded_csv(d / "budget.csv", "utf-8")
        want = "£15,000.50" if case == "money-real-pence" else "£15,000.00"
        c(rows[1][2] == "£30,000.00" and rows[2][2] == want, f"amounts as shown: {rows[1][2]}, {rows[2][2]}")

    # CSV encodings and shapes
    if case == "format-csv-libreoffice":
        rows = decoded_csv(d / "meetings.csv", "utf-8")
        c(rows[1][0] == "14/11/2018" and rows[3][7] == "Recorded, for those who could not join",
          "UTF-8, day-first dates as shown, comma in a summary quoted")
    if case == "csv-excel-utf8-bom":
        data = (d / "meetings.csv").read_bytes()
        c(data.startswith(codecs.BOM_UTF8) and b"\r\n" in data, "UTF-8 with BOM, CRLF")
    if case == "csv-unicode-text-utf16":
        data = (d / "meetings.csv").read_bytes()
        rows = decoded_csv(d / "meetings.csv", "utf-16", "\t")
        c(data[:2] == codecs.BOM_UTF16_LE and rows[0] == COLS and rows[4][1] == "Women’s network briefing",
          "UTF-16 LE with BOM, tab separated")
    if case == "csv-tab-separated":
        rows = decoded_csv(d / "meetings.csv", "utf-8", "\t")
        c(rows[0] == COLS and len(rows[1]) == 8, "tab separated, saved as .csv")
    if case == "csv-semicolon":
        rows = decoded_csv(d / "meetings.csv", "utf-8", ";")
        c(rows[0] == COLS and rows[1][2] == "wcva; involve" and b'"wcva; involve"' in (d / "meetings.csv").read_bytes(),
          "; separated; a cell holding ; is quoted")
    if case == "csv-windows-1252":
        data = (d / "meetings.csv").read_bytes()
        c(b"Caf\xe9 conversation \x96 Swansea" in data and b"Women\x92s" in data,
          "Windows-1252 bytes for é, en dash and ’")
    if case == "csv-excel-trailing-empty-cells":
        rows = decoded_csv(d / "meetings.csv", "cp1252")
        c(rows[0][-3:] == ["", "", ""] and rows[-1] == [""] * 11, "three empty header cells, two all-empty rows")
    if case == "csv-mixed-utf8-windows-1252":
        data = (d / "meetings.csv").read_bytes()
        lines = data.split(b"\n")
        c(lines[2].decode("utf-8").endswith(",") or "–" in lines[2].decode("utf-8"), "row 3 is UTF-8 (en dash)")
        try:
            lines[4].decode("utf-8")
            ok = False
        except UnicodeDecodeError:
            ok = lines[4].decode("cp1252").startswith("23/01/2019,Women’s café briefing")
        c(ok, "row 5 is Windows-1252, not UTF-8")
    if case == "csv-neither-utf8-nor-windows-1252":
        line = (d / "meetings.csv").read_bytes().split(b"\n")[2]
        for enc in ("utf-8", "cp1252"):
            try:
                line.decode(enc)
                c(False, f"row 3 decodes as {enc}")
            except UnicodeDecodeError:
                c(True, f"row 3 does not decode as {enc}")
    if case == "csv-nul-in-header":
        data = (d / "meetings.csv").read_bytes()
        c(data.split(b"\n")[0].count(b"\x00") == 8 and b"\x00" not in data.split(b"\n", 1)[1],
          "NUL bytes in the header only")
    if case == "csv-unquoted-comma":
        rows = decoded_csv(d / "meetings.csv", "utf-8")
        c(len(rows[0]) == 5 and len(rows[2]) == 6, "row 3 has 6 cells, the header 5")
    if case == "csv-values-under-no-header":
        rows = decoded_csv(d / "meetings.csv", "utf-8")
        c(rows[0][-1] == "" and len(rows[0]) == 6 and rows[2][5] == "call back in January",
          "F1 empty, F3 holds a note")
    if case == "empty-file-0-bytes":
        c((d / "meetings-involve.csv").stat().st_size == 0, "0 bytes")
    if case == "empty-workbook":
        rows = rows_of(d / "meetings-involve.xlsx")
        c(not any(any(r) for r in rows), f"no cell holds a value: {rows}")
    if case == "header-only-file":
        c((d / "meetings-involve.csv").read_text() == "date,title,partners,attendees\n", "header only")
    if case == "lock-file-excel":
        data = (d / "~$meetings.xlsx").read_bytes()
        c(len(data) == 165 and data[0] == 12 and data[1:13] == b"Jane Partner", "165-byte Excel owner file")
    if case == "lock-file-libreoffice":
        text = (d / ".~lock.meetings.ods#").read_text()
        c(text.startswith(",jane,") and text.endswith(";"), "LibreOffice lock line")

    if case.startswith("dates-text-many-forms"):
        path = next(d.iterdir())
        rows = rows_of(path) if path.suffix == ".xlsx" else decoded_csv(path, "utf-8")
        c([r[0] for r in rows[1:]] == [t for t, _, _ in TEXT_DATES], "dates kept as the text typed")
    if case == "dates-day-first-short":
        rows = decoded_csv(d / "meetings.csv", "utf-8")
        c([r[0] for r in rows[1:]] == ["13/11/18", "4/12/18", "1/2/19", "3/1/19"], "D/M/YY as shown")
    if case == "dates-us-month-first-csv":
        rows = decoded_csv(d / "meetings.csv", "utf-8")
        c([r[0] for r in rows[1:]] == ["11/13/2018", "12/4/2018", "1/15/2019", "2/5/2019"], "M/D/YYYY as shown")
    if case == "dates-us-format-date-cells":
        path = d / "meetings.xlsx"
        c(rows_of(path)[1][0] == date(2018, 11, 14) and "M/D/YYYY" in zip_text(path, "xl/styles.xml").upper(),
          "date cells shown month first")
    if case == "date-cells-with-time-ods":
        xml = ods_content(d / "meetings.ods")
        c('office:date-value="2018-11-14T10:30:00"' in xml, "ODS date-time cells")
    if case == "year-1900-typed-19":
        cell = xlsx_cell(d / "meetings.xlsx", "Meetings", "A3")
        c("<v>19</v>" in cell and rows_of(d / "meetings.xlsx")[2][0].year == 1900, "A3 is serial 19, a 1900 date")
    if case == "year-1018-text":
        c(decoded_csv(d / "meetings.csv", "utf-8")[2][0] == "28/11/1018", "row 3 says 28/11/1018")
    if case == "year-2108-date-cell":
        c('office:date-value="2108-11-28"' in ods_content(d / "meetings.ods"), "A3 is a date cell in 2108")
    if case.startswith("duplicate-meeting"):
        rows = rows_of(d / "meetings-wcva.xlsx")
        other = decoded_csv(d / "meetings-involve.csv", "utf-8")
        c(rows[1][0] == date(2018, 11, 20) or rows[1][0] == date(2019, 1, 23), "wcva's row 2 is a date cell")
        c(other[1][0] in ("20/11/2018", "23/01/2019"), "involve's row 2 date as shown")
    if case == "project-error-hides-nothing":
        title = yaml.safe_load((d / "project.yaml").read_text())["title"]
        c(len(title) == 81, "title is 81 characters")


def check_cases_yaml() -> list[str]:
    """cases.yaml and cases/ agree: the same ids, and each case's `files` are exactly what is on disk."""
    trouble = []
    if not CASES_YAML.exists():
        return ["cases.yaml is missing"]
    listed = yaml.safe_load(CASES_YAML.read_text(encoding="utf-8"))["cases"]
    ids = [c["id"] for c in listed]
    on_disk = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())
    if len(set(ids)) != len(ids):
        trouble.append("cases.yaml repeats an id")
    for missing in sorted(set(on_disk) - set(ids)):
        trouble.append(f"{missing}: made but not in cases.yaml")
    for missing in sorted(set(ids) - set(on_disk)):
        trouble.append(f"{missing}: in cases.yaml but not made")
    for c in listed:
        d = CASES_DIR / c["id"]
        if not d.is_dir():
            continue
        files = sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())
        if sorted(c.get("files", [])) != files:
            trouble.append(f"{c['id']}: files {sorted(c.get('files', []))} but on disk {files}")
        for key in ("what", "made_by", "remove", "expect"):
            if key not in c:
                trouble.append(f"{c['id']}: no {key}")
        expect = c.get("expect", {})
        for p in expect.get("problems", []):
            for key in ("severity", "file", "sheet", "row", "cell", "field", "says"):
                if key not in p:
                    trouble.append(f"{c['id']}: a problem without {key}")
        if "figures" not in expect and not any(p.get("severity") == "error" for p in expect.get("problems", [])):
            trouble.append(f"{c['id']}: neither figures nor an error expected")
        if "figures" in expect and any(p.get("severity") == "error" for p in expect.get("problems", [])):
            trouble.append(f"{c['id']}: figures given though an error is expected")
    return trouble


def reopen_in_calc(v: Verifier) -> None:
    """Every workbook written (after its zip was normalised) opens again in LibreOffice: one CSV out per file."""
    if shutil.which("soffice") is None:
        v.notes.append("corpus: soffice not found; workbooks not reopened in LibreOffice")
        return
    work = Path(tempfile.mkdtemp(prefix="corpus-reopen-"))
    try:
        books = [p for p in sorted(CASES_DIR.rglob("*")) if p.suffix in (".xlsx", ".xlsm", ".ods", ".xls")
                 and not p.name.startswith(("~$", ".~lock"))]
        copies = []
        for path in books:
            copy = work / "in" / path.relative_to(CASES_DIR).as_posix().replace("/", "__")
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
            copies.append(copy)
        soffice(work / "profile", "csv", copies, work / "out")
        for path, copy in zip(books, copies):
            out = work / "out" / (copy.stem + ".csv")
            v.check(path.parent.name, out.exists(), f"{path.name} reopens in LibreOffice")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def verify() -> int:
    v = Verifier()
    for case in sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir()):
        try:
            verify_case(case, v)
        except Exception as exc:               # a file that does not open is a failure, not a crash
            v.failures.append(f"{case}: {type(exc).__name__}: {exc}")
    reopen_in_calc(v)
    v.failures += check_cases_yaml()
    size = sum(p.stat().st_size for p in CASES_DIR.rglob("*") if p.is_file())
    count = len([p for p in CASES_DIR.iterdir() if p.is_dir()])
    for note in v.notes:
        print("ok  ", note)
    for failure in v.failures:
        print("FAIL", failure)
    print(f"{count} cases, {size:,} bytes; {len(v.notes)} checks passed, {len(v.failures)} failed")
    return 1 if v.failures else 0


def assemble(case: str, dest: Path) -> Path:
    """The base project with the case dropped in, as a test would build it."""
    sys.path.insert(0, str(HERE.parent))
    from conftest import MINIMAL, write_tree          # noqa: E402  (tests/conftest.py)
    entry = next(c for c in yaml.safe_load(CASES_YAML.read_text(encoding="utf-8"))["cases"] if c["id"] == case)
    write_tree(dest, {**MINIMAL, **{rel: None for rel in entry["remove"]}})
    for path in (CASES_DIR / case).rglob("*"):
        if path.is_file():
            target = dest / path.relative_to(CASES_DIR / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verify", action="store_true", help="only verify the corpus that is there")
    parser.add_argument("--assemble", nargs=2, metavar=("CASE", "DEST"), help="write the project for one case")
    args = parser.parse_args(argv)
    if args.assemble:
        print(assemble(args.assemble[0], Path(args.assemble[1])))
        return 0
    if not args.verify:
        generate()
    return verify()


if __name__ == "__main__":
    sys.exit(main())
