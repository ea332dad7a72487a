"""CSV and YAML files as partners' software really writes them: read right, or refused at their row and cell.

The CSV files are made the way partners make them: a workbook (openpyxl) saved by LibreOffice Calc headless in
each encoding and separator it offers, and the bytes Excel writes (its "Unicode text": UTF-16 LE with a byte order
mark, tab-separated, CRLF; "CSV UTF-8" with a BOM; plain "CSV" in Windows-1252; Excel for Mac's CSV in Mac Roman
with CR line ends). Each test states the exact problems, as (file, sheet, row, cell, field, severity), and the
gist of the message, or the figures the documents would print.

Row numbers are those Excel and LibreOffice Calc show: a quoted cell with line breaks is one row, a blank line is
a row (checked against LibreOffice opening the same CSV).
"""
from __future__ import annotations

import codecs
import csv
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from bidkit.evidence import load
from bidkit.figures import compute
from bidkit.messages import YAML
from conftest import MINIMAL, problems_of

HEADER = ["date", "title", "partners", "attendees", "summary"]
#          A       B        C           D            E
# Three meetings held (32 + 14 + 41 = 87 people) and one planned; a comma, a line break (Alt+Enter), curly
# quotes, an en dash and an accent, which every encoding below must carry.
MEETINGS = [
    (date(2018, 11, 14), "Open Government network launch – Cardiff", "wcva; involve", 32, "Launch, with a café lunch"),
    (date(2018, 11, 28), "Women’s network briefing", "wcva", 14, "First line\nsecond line"),
    (date(2018, 12, 12), "Equality roundtable", "involve", 41, None),
    (date(2019, 4, 10), "Four-nation summit", "wcva; involve", None, "Planned"),
]
TITLES = [m[1] for m in MEETINGS]
HELD, PEOPLE = 3, 87


def rows_as_shown(rows=MEETINGS) -> list[list[str]]:
    """The cells as a spreadsheet shows them on a UK machine, as Excel writes them into text."""
    return [[d.strftime("%d/%m/%Y"), t, p, "" if n is None else str(n), s or ""] for d, t, p, n, s in rows]


def text_table(rows, sep=",", newline="\r\n", header=HEADER) -> str:
    """As Excel writes a table as text: a cell is quoted when it holds the separator, a quote or a line break."""
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in (sep, '"', "\r", "\n")) else value
    return "".join(sep.join(cell(v) for v in row) + newline for row in ([header] if header else []) + list(rows))


def project(tmp_path: Path, files: dict[str, bytes | str | None], name: str = "project") -> Path:
    """MINIMAL with its meetings.csv replaced by the given files."""
    from conftest import write_tree
    return write_tree(tmp_path / name, {**MINIMAL, "meetings.csv": None, **files})


def figures(root: Path) -> tuple[int, int, list[str]]:
    ev = load(root)
    assert ev.warnings == [], [p.line() for p in ev.warnings]
    fig = compute(ev)
    return fig.meetings_held, fig.people_reached, [m.title for m in ev.meetings]


def where(problems) -> list[tuple]:
    return [(p.file, p.sheet, p.row, p.cell, p.field, p.severity) for p in problems]


# ---------------------------------------------------------------- LibreOffice Calc's CSV, in each encoding

# separator, text delimiter ("), character set, first line, column formats, language en-GB, quote all text (no),
# detect special numbers, save cell contents as shown, export formulas (no), remove space (no)
CALC_CSV = "csv:Text - txt - csv (StarCalc):{sep},34,{charset},1,,2057,false,true,true,false,false"
CALC_EXPORTS = {          # name -> (separator code, character set code, how to read the bytes back)
    "utf-8 comma": (44, 76, "utf-8", ","),
    "windows-1252 comma": (44, 1, "cp1252", ","),
    "utf-8 semicolon": (59, 76, "utf-8", ";"),
    "utf-8 tab": (9, 76, "utf-8", "\t"),
    "utf-16 tab": (9, 65535, "utf-16", "\t"),
}


def soffice(tmp: Path, args: list[str]) -> None:
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", *args],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def calc_exports(tmp_path_factory) -> dict[str, bytes]:
    """The meetings workbook saved by LibreOffice as CSV in each encoding and separator (date cells shown
    DD/MM/YYYY, as on a UK machine)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    import openpyxl

    tmp = tmp_path_factory.mktemp("calc")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Meetings"
    sheet.append(HEADER)
    for row in MEETINGS:
        sheet.append(list(row))
        sheet.cell(sheet.max_row, 1).number_format = "DD/MM/YYYY"
    book.save(tmp / "meetings.xlsx")
    out = {}
    for name, (sep, charset, _, _) in CALC_EXPORTS.items():
        target = tmp / name.replace(" ", "-")
        soffice(tmp, ["--convert-to", CALC_CSV.format(sep=sep, charset=charset), "--outdir", str(target),
                      str(tmp / "meetings.xlsx")])
        out[name] = (target / "meetings.csv").read_bytes()
    return out


@pytest.mark.parametrize("name", CALC_EXPORTS)
def test_libreoffice_csv_in_every_encoding_and_separator_gives_the_same_figures(calc_exports, tmp_path, name):
    data = calc_exports[name]
    _, _, encoding, sep = CALC_EXPORTS[name]
    written = list(csv.reader(io.StringIO(data.decode(encoding), newline=""), delimiter=sep))
    assert written[0] == HEADER and written[1][0] == "14/11/2018"       # what LibreOffice really wrote
    if name == "utf-16 tab":
        assert data.startswith(codecs.BOM_UTF16_LE)
    root = project(tmp_path, {"meetings.csv": data})
    assert figures(root) == (HELD, PEOPLE, TITLES)
    ev = load(root)
    assert [m.summary for m in ev.meetings] == ["Launch, with a café lunch", "First line\nsecond line", None,
                                                "Planned"]
    assert [m.place.row for m in ev.meetings] == [2, 3, 4, 5]


def test_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path):
    """A quoted cell with line breaks is one row and a blank line is a row, in bidkit as in LibreOffice Calc
    opening the same file (Excel shows it the same way)."""
    rows = rows_as_shown()
    rows[3][3] = "twelve"
    text = text_table(rows[:3] + [[""] * 5] + rows[3:])     # a blank line before the last meeting
    root = project(tmp_path, {"meetings.csv": text.encode("utf-8")})
    assert where(problems_of(root)) == [("meetings.csv", None, 6, None, "attendees", "error")]
    assert text.splitlines()[6].startswith("10/04/2019")                # line 7 in a text editor
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    import openpyxl

    soffice(tmp_path, ["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path / "calc"),
                       str(root / "meetings.csv")])
    sheet = openpyxl.load_workbook(tmp_path / "calc" / "meetings.xlsx").active
    assert sheet["D6"].value == "twelve" and sheet["E3"].value == "First line\nsecond line"


# ---------------------------------------------------------------- the bytes Excel (and others) write

def excel_unicode_text(rows=None) -> bytes:
    """Excel's "Unicode text" (also what it writes when told to save UTF-16 as .csv): BOM, UTF-16 LE, tabs, CRLF."""
    return codecs.BOM_UTF16_LE + text_table(rows or rows_as_shown(), sep="\t").encode("utf-16-le")


EXCEL_LIKE = {
    "Excel 'Unicode text' (UTF-16 LE, BOM, tabs)": excel_unicode_text(),
    "UTF-16 BE with BOM": codecs.BOM_UTF16_BE + text_table(rows_as_shown(), sep="\t").encode("utf-16-be"),
    "UTF-16 LE without BOM (found by its NUL bytes)": text_table(rows_as_shown(), sep="\t").encode("utf-16-le"),
    "UTF-32 with BOM": text_table(rows_as_shown()).encode("utf-32"),
    "Excel 'CSV UTF-8' (BOM, CRLF)": codecs.BOM_UTF8 + text_table(rows_as_shown()).encode("utf-8"),
    "Excel 'CSV' on Windows (Windows-1252, CRLF)": text_table(rows_as_shown()).encode("cp1252"),
    "Excel 'CSV' on a German or French machine (;)": text_table(rows_as_shown(), sep=";").encode("cp1252"),
    "Excel for Mac 'CSV' (Mac Roman, CR line ends)": text_table(rows_as_shown(), newline="\r").encode("mac_roman"),
    "UTF-8 with CR line ends": text_table(rows_as_shown(), newline="\r").encode("utf-8"),
    "LF, no newline after the last line": text_table(rows_as_shown(), newline="\n").rstrip("\n").encode("utf-8"),
    "CRLF, no newline after the last line": text_table(rows_as_shown()).rstrip("\r\n").encode("cp1252"),
    "Excel's 'sep=;' first line (not a row)": b"sep=;\r\n" + text_table(rows_as_shown(), sep=";").encode("utf-8"),
    "two files joined, the second's BOM left at a line start": codecs.BOM_UTF8 + "".join(
        ("\ufeff" if i == 4 else "") + line
        for i, line in enumerate(text_table(rows_as_shown()).replace("\r\n", "\n").splitlines(keepends=True))
    ).encode("utf-8"),
}


@pytest.mark.parametrize("name", EXCEL_LIKE)
def test_what_excel_and_others_write_gives_the_same_figures(tmp_path, name):
    root = project(tmp_path, {"meetings.csv": EXCEL_LIKE[name]})
    assert figures(root) == (HELD, PEOPLE, TITLES)
    rows = [m.place.row for m in load(root).meetings]
    assert rows == [2, 3, 4, 5]


def test_a_tsv_file_is_read_as_csv(tmp_path):
    root = project(tmp_path, {"meetings.tsv": text_table(rows_as_shown(), sep="\t").encode("utf-8")})
    assert figures(root) == (HELD, PEOPLE, TITLES)


@pytest.mark.parametrize("header, sep", [
    ('date\ttitle\tpartners\tattendees\tsummary', "\t"),                  # commas and ; only inside cells
    ('date;title;partners;attendees;summary', ";"),
    ('"date","title","partners","attendees","summary"', ","),
])
def test_the_separator_comes_from_the_header_outside_quotes(tmp_path, header, sep):
    row = ["14/11/2018", "Launch, Cardiff; Wales", "wcva", "32", "a; b, c\td"]
    body = text_table([row], sep=sep, header=[])
    root = project(tmp_path, {"meetings.csv": (header + "\r\n" + body).encode("utf-8")})
    [meeting] = load(root).meetings
    assert (meeting.title, meeting.attendees, meeting.summary) == ("Launch, Cardiff; Wales", 32, "a; b, c\td")


# ---------------------------------------------------------------- mixed and unknown encodings

def test_rows_pasted_from_a_windows_1252_file_into_a_utf8_one_are_read_line_by_line(tmp_path):
    shown = rows_as_shown()
    shown[2][1] = "Equality roundtable – Café"
    data = text_table(shown[:2]).encode("utf-8") + text_table(shown[2:], header=[]).encode("cp1252")
    assert "–".encode("utf-8") in data and b"\x96 Caf\xe9" in data   # a UTF-8 en dash, then Windows-1252 ones
    root = project(tmp_path, {"meetings.csv": data})
    assert figures(root) == (HELD, PEOPLE, TITLES[:2] + ["Equality roundtable – Café"] + TITLES[3:])


def test_a_row_in_neither_encoding_is_refused_at_its_cell_and_the_others_are_read(tmp_path):
    head = text_table(rows_as_shown()[:1]).encode("utf-8")              # UTF-8, with an en dash
    dos = "28/11/2018,Grün forum,wcva,14,\r\n".encode("cp850")           # ü is 0x81: pasted from a DOS program
    tail = text_table(rows_as_shown()[2:], header=[]).encode("utf-8")
    found = problems_of(project(tmp_path, {"meetings.csv": head + dos + tail}))
    assert where(found) == [("meetings.csv", None, 3, None, "title", "error")]
    assert found[0].value == "Gr?n forum"
    assert "neither UTF-8 nor Windows-1252 (byte 0x81" in found[0].message and "retype it" in found[0].message


def test_a_file_wholly_in_another_code_page_is_refused_once(tmp_path):
    data = text_table([["14/11/2018", "Grün forum", "wcva", "14", ""]]).encode("cp850")
    found = problems_of(project(tmp_path, {"meetings.csv": data}))
    assert where(found) == [("meetings.csv", None, None, None, None, "error")]
    assert found[0].message.startswith("the file is neither UTF-8 nor Windows-1252 text (see line 2)")
    assert "CSV UTF-8" in found[0].message


def test_column_names_in_neither_encoding_refuse_the_file_at_row_1(tmp_path):
    data = b"date,Teitl\x81,partners\n14/11/2018,x,wcva\n12/12/2018," + "– y".encode("utf-8") + b",wcva\n"
    found = problems_of(project(tmp_path, {"meetings.csv": data}))
    assert where(found) == [("meetings.csv", None, 1, None, None, "error")]
    assert found[0].message.startswith("the column names hold a letter that is neither UTF-8 nor Windows-1252")


def test_a_header_printed_back_with_nul_bytes_is_read_right(tmp_path):
    header = ",".join(h + "\x00" for h in HEADER).encode("utf-8")
    data = header + b"\r\n" + text_table(rows_as_shown(), header=[]).encode("utf-8")
    assert figures(project(tmp_path, {"meetings.csv": data})) == (HELD, PEOPLE, TITLES)


def test_a_nul_byte_in_a_cell_is_refused_at_its_cell(tmp_path):
    rows = rows_as_shown()
    rows[1][3] = "1\x004"
    found = problems_of(project(tmp_path, {"meetings.csv": text_table(rows).encode("utf-8")}))
    assert where(found) == [("meetings.csv", None, 3, None, "attendees", "error")]
    assert found[0].value == "14" and "NUL character" in found[0].message


@pytest.mark.parametrize("data, gist", [
    (text_table(rows_as_shown(), sep="\t").encode("utf-16-le")[:-1], "starts as UTF-16 text but is damaged"),
    (b"PK\x03\x04" + b"\x00" * 40, "really a workbook (.xlsx or .ods)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old Excel workbook (.xls)"),
    (b"%PDF-1.7\n", "a PDF, not a table"),
])
def test_what_is_not_text_is_refused_plainly(tmp_path, data, gist):
    found = problems_of(project(tmp_path, {"meetings.csv": data}))
    assert where(found) == [("meetings.csv", None, None, None, None, "error")]
    assert gist in found[0].message


# ---------------------------------------------------------------- quotes

@pytest.mark.parametrize("lines, expected, gist", [
    # a quote never closed: the rest of the file would be one cell
    (['14/11/2018,"Launch,wcva,32,', '28/11/2018,Roundtable,wcva,14,'],
     ("meetings.csv", None, 2, None, "title", "error"), "opens this cell and is never closed"),
    # a quote closed only rows later, at the next quote: the rows between would vanish into one cell
    (['14/11/2018,"Launch,wcva,32,', '28/11/2018,Roundtable,wcva,14,', '12/12/2018,"SDG webinar",involve,41,'],
     ("meetings.csv", None, 2, None, "title", "error"), "closed only on line 4 of the file"),
    # text after the closing quote
    (['14/11/2018,"Launch" in Cardiff,wcva,32,'],
     ("meetings.csv", None, 2, None, "title", "error"), "has more text after its closing quote"),
    # after a cell with a line break, the row and the text editor's line differ, and both are said
    (['14/11/2018,Launch,wcva,32,"two', 'lines"', '28/11/2018,Roundtable,wcva,14,"never closed'],
     ("meetings.csv", None, 3, None, "summary", "error"), "never closed, so the rest of the file"),
])
def test_a_row_that_cannot_be_parsed_is_refused_at_its_row_and_cell(tmp_path, lines, expected, gist):
    text = ",".join(HEADER) + "\r\n" + "\r\n".join(lines) + "\r\n"
    found = problems_of(project(tmp_path, {"meetings.csv": text.encode("utf-8")}))
    assert where(found) == [expected]
    assert gist in found[0].message
    if expected[2] == 3:
        assert found[0].message.endswith("(line 4 in a text editor)")


def test_an_unclosed_quote_in_a_big_file_and_an_absurdly_long_cell(tmp_path):
    unclosed = ",".join(HEADER) + '\r\n14/11/2018,"Launch,wcva,32,\r\n' + "28/11/2018,x,wcva,1,\r\n" * 8000
    found = problems_of(project(tmp_path, {"meetings.csv": unclosed.encode()}, "a"))
    assert where(found) == [("meetings.csv", None, 2, None, "title", "error")]
    assert "never closed" in found[0].message
    long = ",".join(HEADER) + "\r\n14/11/2018,x,wcva,1," + "notes " * 30000 + "\r\n"
    found = problems_of(project(tmp_path, {"meetings.csv": long.encode()}, "b"))
    assert where(found) == [("meetings.csv", None, 2, None, None, "error")]
    assert "more than 131,072 characters long" in found[0].message


# ---------------------------------------------------------------- empty files

@pytest.mark.parametrize("name, data", [
    ("meetings-involve.csv", b""),
    ("meetings-involve.csv", codecs.BOM_UTF8),
    ("meetings-involve.csv", codecs.BOM_UTF16_LE),
    ("meetings-involve.csv", b" \r\n\r\n\t\r\n"),
    ("meetings-involve.csv", b",,,,\r\n,,,,\r\n"),                       # an empty sheet saved as CSV
    ("meetings-involve.yaml", b""),
    ("meetings-involve.yaml", b"# the involve meetings go here\n"),
])
def test_an_empty_file_is_one_warning_and_the_rest_is_read(make_project, name, data):
    root = make_project({name: data})
    ev = load(root)
    assert where(ev.warnings) == [(name, None, None, None, None, "warning")]
    assert ev.warnings[0].message.startswith("the file is empty")
    assert compute(ev).meetings_held == 2                                # MINIMAL's own meetings.csv


def test_a_header_only_file_and_an_empty_yaml_list_are_fine(make_project):
    root = make_project({"meetings-involve.csv": "date,title,partners,attendees\r\n",
                         "meetings-wcva.yaml": "[]\n"})
    assert problems_of(root) == []


def test_an_empty_project_yaml_says_so(make_project):
    found = problems_of(make_project({"project.yaml": "\n"}))
    assert where(found) == [("project.yaml", None, None, None, None, "error")]
    assert found[0].message.startswith("the file is empty; it needs at least title")


# ---------------------------------------------------------------- what programs leave behind

def excel_owner_file(user: str = "Jane Jones") -> bytes:
    """`~$meetings.xlsx`, 165 bytes: the user's name as a length byte + ANSI, then as UTF-16, space padded."""
    out = bytearray([len(user)]) + user.encode("cp1252")
    out += b" " * (55 - len(out)) + len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    while len(out) < 165:
        out += b" \x00"
    return bytes(out[:165])


def test_lock_owner_temporary_and_hidden_files_are_skipped_without_a_word(make_project):
    root = make_project({
        "~$meetings.xlsx": excel_owner_file(),                   # Excel, beside an open workbook
        "~$partners.csv": excel_owner_file(),
        "partners/wcva/~$meetings-wcva.xlsx": excel_owner_file(),
        ".~lock.meetings.xlsx#": b",jane,jane-laptop,14.03.2019 09:41,file:///home/jane/.config/libreoffice/4;",
        "._meetings.csv": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",    # macOS AppleDouble twin
        "__MACOSX/meetings-old.csv": b"date,title,partners\n",
        ".DS_Store": b"\x00\x00\x00\x01Bud1", "Thumbs.db": b"\xd0\xcf\x11\xe0", "desktop.ini": b"[.ShellClassInfo]",
        "meetings.csv.tmp": b"x", "meetings.csv~": b"x", "meetings.bak": b"x", "~WRL0001.tmp": b"x",
    })
    ev = load(root)
    assert ev.warnings == []
    assert compute(ev).meetings_held == 2 and "meetings.csv" in ev.files and len(ev.files) == 3 + 6


@pytest.mark.parametrize("name", ["meetings.txt", "meetings-wcva.numbers", "partners.xlsb"])
def test_a_file_named_after_a_kind_that_bidkit_cannot_read_is_not_skipped_silently(make_project, name):
    """An error, not a warning: its rows would be missing from every figure."""
    found = problems_of(make_project({name: b"anything"}))
    assert where(found) == [(name, None, None, None, None, "error")]
    assert "none of its rows were counted" in found[0].message


def test_an_unrelated_text_file_is_left_alone(make_project):
    assert problems_of(make_project({"README.txt": "notes", "minutes/meetings-minutes.pdf": b"%PDF"})) == []


# ---------------------------------------------------------------- YAML in plain English

YAML_CASES = [
    # (what, text, line, words from messages.YAML the message must hold)
    ("a tab to indent", "- date: 2018-11-14\n  title: x\n\tpartners: wcva\n", 3, "indented with a tab"),
    ("a tab after a key", "- date: 2018-11-14\n  title:\tx\n  partners: wcva\n", 2, "a tab after its key"),
    ("a stray '-'", "- date: 2018-11-14\n  title: x\n  -\n  partners: wcva\n", 3, "this '-' is out of place"),
    ("a list item among keys", "- date: 2018-11-14\n  title: x\n  partners: wcva\n- wcva\nfoo: bar\n", 5,
     "where YAML expects the next '- ' entry"),
    ("a key indented further than the one above", "- date: 2018-11-14\n   title: x\n  partners: wcva\n", 2,
     "YAML did not expect a key here"),
    ("a key indented less", "- date: 2018-11-14\n title: x\n", 2, "indented differently from the lines above"),
    ("a list indented less than the one above", "- date: 2018-11-14\n  partners:\n    - wcva\n   - involve\n", 4,
     "this list is indented differently"),
    ("a colon in an unquoted value", "- date: 2018-11-14\n  title: Launch: the first meeting\n", 2,
     "put the whole value in quotes (title: \"Meeting: the launch\")"),
    ("a quote never closed (at the line it opens)",
     "- date: 2018-11-14\n  title: \"Launch\n  partners: wcva\n- date: 2018-11-28\n", 2,
     "a quote opens a value here and is never closed"),
    ("text after a closing quote", "- date: 2018-11-14\n  title: \"Launch\" in Cardiff\n", 2,
     "a value in quotes must end at its closing quote"),
    ("a '[' never closed", "- date: 2018-11-14\n  partners: [wcva, involve\n  title: x\n", 3,
     "the '[' on line 2 is never closed"),
    ("a '{' never closed", "- date: 2018-11-14\n  partners: {wcva\n", 3, "the '{' on line 2 is never closed"),
    ("a ']' with no '['", "- date: 2018-11-14\n  partners: [wcva]]\n", 2, "a ']' with no opening bracket"),
    ("a value starting with '@'", "- date: 2018-11-14\n  title: @home meeting\n", 2, "cannot start with '@'"),
    ("a value starting with '&'", "- date: 2018-11-14\n  title: & friends\n", 2, "cannot start with '&' or '*'"),
    ("a backslash in double quotes", "- date: 2018-11-14\n  title: \"C:\\Users\\notes\"\n", 2,
     "a backslash (\\) inside double quotes"),
    ("a key without ':'", "- date: 2018-11-14\n  title x\n  partners: wcva\n", 2, "has no ':' after its key"),
    ("a list on its key's line", "- date: 2018-11-14\n  partners: - wcva\n", 2,
     "cannot start on the same line as its key"),
    ("text after '|'", "- date: 2018-11-14\n  summary: | notes\n    more\n", 2, "after '|' or '>'"),
    ("a '%' at a line's start", "- date: 2018-11-14\n%notes: x\n", 2, "cannot start with '%'"),
    ("a control character", "- date: 2018-11-14\n  title: bell\x07\n", 2, "the control character U+0007"),
]


@pytest.mark.parametrize("what, text, line, words", YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_yaml_parser_errors_in_plain_english_at_their_line(make_project, what, text, line, words):
    found = problems_of(make_project({"meetings.csv": None, "meetings.yaml": text}))
    assert where(found) == [("meetings.yaml", None, line, None, None, "error")]
    assert found[0].message.startswith("this is not valid YAML: ")
    assert words in found[0].message
    assert "token" not in found[0].message and "<block" not in found[0].message   # never the parser's words


def test_every_yaml_message_in_the_table_is_reached(tmp_path):
    messages = []
    for i, (_, text, _, _) in enumerate(YAML_CASES):
        messages += [p.message for p in problems_of(project(tmp_path, {"meetings.yaml": text}, f"p{i}"))]
    reached = "\n".join(messages)
    unreached = [words for *_, words in YAML if words.split("{")[0][:40] not in reached]
    assert unreached == []


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_yaml_lines_are_counted_whatever_the_line_ends(make_project, newline):
    text = newline.join(["- date: 2018-11-14", "  title: x", "  partners: wcva", "- date: 2018-11-28",
                         "  title: y", "\tpartners: wcva", ""])
    found = problems_of(make_project({"meetings.csv": None, "meetings.yaml": text.encode("utf-8")}))
    assert where(found) == [("meetings.yaml", None, 6, None, None, "error")]


YAML_MEETINGS = "- date: 2018-11-14\n  title: Women’s café – Cardiff\n  partners: wcva\n  attendees: 12\n"


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + YAML_MEETINGS.encode("utf-16-le"),             # Notepad's "Unicode"
    codecs.BOM_UTF8 + YAML_MEETINGS.encode("utf-8"),
    YAML_MEETINGS.encode("cp1252"),                                     # Notepad's "ANSI"
    YAML_MEETINGS.replace("\n", "\r\n").encode("utf-8").rstrip(b"\r\n"),
])
def test_yaml_in_the_encodings_editors_write(make_project, data):
    ev = load(make_project({"meetings.csv": None, "meetings.yaml": data}))
    assert [(m.title, m.attendees) for m in ev.meetings] == [("Women’s café – Cardiff", 12)]


def test_a_yaml_line_in_neither_encoding_is_refused_at_its_line(make_project):
    data = ("- date: 2018-11-14\n  title: Launch – Cardiff\n".encode("utf-8")
            + "- date: 2018-11-28\n  title: Grün forum\n".encode("cp850"))
    found = problems_of(make_project({"meetings.csv": None, "meetings.yaml": data}))
    assert where(found) == [("meetings.yaml", None, 4, None, None, "error")]
    assert found[0].message.startswith("'title: Gr?n forum' holds a letter that is neither UTF-8 nor Windows-1252")


def test_an_empty_yaml_entry_is_skipped_with_a_warning_and_a_bare_value_is_an_error(make_project):
    text = ("- date: 2018-11-14\n  title: a\n  partners: wcva\n"
            "-\n"
            "- Open Government launch\n"
            "- date: 2018-11-28\n  title: b\n  partners: wcva\n")
    found = problems_of(make_project({"meetings.csv": None, "meetings.yaml": text}))
    assert where(found) == [("meetings.yaml", None, 4, None, None, "warning"),
                            ("meetings.yaml", None, 5, None, None, "error")]
    assert found[0].message.startswith("this entry is empty")
    assert found[1].message.startswith("this entry is just 'Open Government launch'; each entry should be")


def test_the_command_line_shows_them_compiler_style(make_project):
    from click.testing import CliRunner

    from bidkit.cli import cli
    root = make_project({"meetings.csv": None, "meetings-wcva.csv": excel_unicode_text(), "meetings-involve.csv": b"",
                         "meetings-ehrc.csv": b'date,title,partners\r\n14/11/2018,"Launch,wcva\r\n'})
    result = CliRunner().invoke(cli, ["check", str(root)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "meetings-ehrc.csv:2: title: a quote (\") opens this cell and is never closed, so the rest of the file would "
        "be read as one cell; add the closing quote, or remove the opening one (a quote inside a quoted cell is "
        "written twice: \"\")",
        "meetings-involve.csv: warning: the file is empty, so nothing was read from it; fill it in (the column names "
        "in the first row) or delete it",
        "1 error, 1 warning in 2 files",
    ]
    import json
    data = json.loads(CliRunner().invoke(cli, ["check", "--json", str(root)]).output)
    assert [(p["file"], p["row"], p["cell"]) for p in data["problems"]] == [("meetings-ehrc.csv", 2, None),
                                                                             ("meetings-involve.csv", None, None)]


# ---------------------------------------------------------------- review: the header is found once, by one rule

def test_a_note_line_above_the_header_does_not_let_a_value_be_cut_short(make_project):
    """A note line with commas above the header, and an unquoted comma in a value: an error at that row, never
    1 attendee read from `1,200`."""
    root = make_project({"meetings.csv": "Prepared by WCVA, Cardiff, for the EGR project, November 2018, version 2\n"
                                         "date,title,partners,attendees\n13/11/2018,AGM,wcva,1,200\n"
                                         "14/11/2018,Second,involve,10\n"})
    found = problems_of(root)
    assert where(found) == [("meetings.csv", None, 1, None, None, "warning"),
                            ("meetings.csv", None, 3, None, None, "error")]
    assert "the column names (row 2) name 4 columns" in found[1].message


def test_a_two_cell_title_row_is_skipped_not_taken_for_the_header(make_project):
    root = make_project({"meetings.csv": "Meetings log,2018-19\ndate,title,partners,attendees\n"
                                         "13/11/2018,AGM,wcva,12\n"})
    found = problems_of(root)
    assert where(found) == [("meetings.csv", None, 1, None, None, "warning")]
    assert compute(load(root)).people_reached == 12


def test_a_title_line_with_semicolons_does_not_decide_the_separator(make_project):
    root = make_project({"meetings.csv": "Meetings 2018; WCVA; draft\ndate,title,partners,attendees\n"
                                         "13/11/2018,AGM,wcva,25\n"})
    assert compute(load(root)).people_reached == 25
