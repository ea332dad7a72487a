"""`bidkit workbook`: the workbook a partner fills in, read back as Excel and LibreOffice would see it.

Cases: the sheets, the column names bidkit reads (each with a note, required ones bold and "(required)"), every
cell rule (dropdowns from the hidden Lists sheet, dates only and shown day first, whole numbers, text limits), the
Instructions, the rows on file for one partner (formula-like text kept as text), the same bytes with
SOURCE_DATE_EPOCH, and exit 2 for a wrong --partner or --kinds.

The round trip: the workbook filled in (openpyxl, as Excel would save it), saved again by LibreOffice Calc as .xlsx
and as .ods, returned into a partner's folder: check finds the same problems at the same cells in every copy, a
correctly filled one checks clean, and the dropdowns, date rules, notes and day-first format survive Calc's save.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bidkit.cli import cli
from bidkit.documents.partner_workbook import COLUMNS, DEFAULT_KINDS, SHEET_TITLES
from bidkit.evidence.files import kind_of_name
from bidkit.evidence.models import TABLE_MODELS
from bidkit.evidence.kinds import TABLE_KINDS
from conftest import MINIMAL, problems_of, write_tree, xlsx

ON_FILE = {
    "partners.csv": (
        "id,name,type,nation,role,characteristics\n"
        "wcva,Wales Council for Voluntary Action,charity,wales,lead,age;race\n"
        "involve,Involve,charity,england,consortium,\n"
    ),
    "partners/involve/meetings.csv": (         # involve's own file: every row is involve's to correct
        "date,title,partners,attendees,format,characteristics\n"
        '20/11/2018,"=HYPERLINK(""http://x.example"",""y"")",wcva,9,online,disability;race\n'
        "21/11/2018,Only the lead was there,wcva,4,,\n"
        "2018-12-03,Second meeting,Involve,8,,\n"
    ),
    "partners/involve/plans.xlsx": xlsx({       # involve's too, by its folder, whatever the file is called
        "Action plan": [["workstream", "activity", "when", "leads", "colour"],
                        ["1. Network", "Meet", "June 2018", "involve", "blue"]],
        "Budget": [["heading", "amount", "partner", "year"], ["Staff", "£1,000", "Involve", "1"]],
    }),
    "meetings-wcva.csv": (                      # wcva's, by its name
        "date,title,partners,attendees\n"
        "2018-12-04,Without involve,wcva,lots\n"
    ),
    # the facilitator's files: rows naming involve here are not involve's to change
    "meetings.csv": (
        "date,title,partners,attendees,characteristics\n"
        "14/11/2018,First meeting,wcva;involve,12,disability;race\n"
    ),
    "consortium.xlsx": xlsx({
        "Action plan": [["workstream", "activity", "when", "leads"],
                        ["1. Network", "Invite", "May 2018", "involve"],
                        ["1. Network", "Write", "July 2018", "wcva"]],
        "Budget": [["heading", "amount", "partner", "year"], ["Travel", "£300", "Involve", "1"],
                   ["Venues", "500", "wcva", "1"]],
    }),
}


@pytest.fixture
def project(make_project):
    return make_project(ON_FILE)


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def make(root, tmp_path, *args) -> openpyxl.Workbook:
    out = tmp_path / "out" / "workbook.xlsx"
    result = run("workbook", str(root), "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def rules(sheet) -> dict[str, object]:
    """Column letter -> the data validation that covers row 2 of it."""
    found = {}
    for dv in sheet.data_validations.dataValidation:
        for cells in dv.sqref.ranges:
            assert cells.min_row == 2 and cells.max_row >= 1001, cells.coord
            found[cells.coord.split(":")[0].rstrip("0123456789")] = dv
    return found


def test_the_columns_are_the_models_fields():
    for kind in TABLE_KINDS:
        model = TABLE_MODELS[kind]
        assert [c.name for c in COLUMNS[kind]] == list(model.model_fields), kind
        assert {c.name for c in COLUMNS[kind] if c.required} == \
            {n for n, f in model.model_fields.items() if f.is_required()}, kind
        assert kind_of_name(SHEET_TITLES[kind]) == kind


def test_text_limits_are_the_models():
    """A text cell takes exactly what the model takes: `limit` characters, not one more."""
    required = {"partners": {"name": "x", "type": "charity", "nation": "wales", "role": "lead"},
                "meetings": {"date": "14/11/2018", "title": "x", "partners": "wcva"},
                "reading-list": {"title": "x", "source": "y"}, "action-plan": {"workstream": "1", "activity": "a"},
                "budget": {"heading": "h", "amount": "1"}, "delivery-plan": {"year": "1", "activity": "a"},
                "other-funding": {"source": "s", "amount": "1"}}
    for kind in TABLE_KINDS:
        for column in COLUMNS[kind]:
            if column.type != "text":
                continue
            model = TABLE_MODELS[kind]
            model.model_validate({**required[kind], column.name: "x" * column.limit})
            with pytest.raises(ValueError):
                model.model_validate({**required[kind], column.name: "x" * (column.limit + 1)})


def test_sheets_headers_notes_and_required_marks(project, tmp_path):
    book = make(project, tmp_path)
    assert book.sheetnames == ["Instructions", "Partners", "Meetings", "Reading list", "Action plan", "Budget",
                               "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    assert [book[n].sheet_state for n in book.sheetnames[:-1]] == ["visible"] * 6
    for kind in DEFAULT_KINDS:
        sheet = book[SHEET_TITLES[kind]]
        headers = [c.value for c in sheet[1]]
        assert headers == list(TABLE_MODELS[kind].model_fields)
        assert sheet.max_row == 1                                   # nothing on file without --partner
        assert sheet.freeze_panes == "A2"
        for cell in sheet[1]:
            field = TABLE_MODELS[kind].model_fields[cell.value]
            note = cell.comment.text
            assert note.splitlines()[0] == cell.value + (" (required)" if field.is_required() else "")
            assert len(note.splitlines()[1]) > 20
            assert cell.font.b == field.is_required(), (kind, cell.value)


def test_every_cell_rule(project, tmp_path):
    book = make(project, tmp_path)
    lists = book["Lists"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)
                                        if lists.cell(r, c).value is not None]
               for c in range(1, lists.max_column + 1)}

    def offered(dv) -> list:
        sheet_name, cells = dv.formula1.split("!")
        assert sheet_name == "Lists"
        first, last = cells.replace("$", "").split(":")
        column = lists[first[0]]
        return [c.value for c in column[int(first[1:]) - 1:int(last[1:])]]

    meetings = rules(book["Meetings"])
    assert meetings["A"].type == "date" and meetings["A"].operator == "between"
    assert (meetings["A"].formula1, meetings["A"].formula2) == \
        (str((date(2008, 1, 1) - date(1899, 12, 30)).days), str((date(2029, 12, 31) - date(1899, 12, 30)).days))
    assert meetings["A"].showErrorMessage and "day first" in meetings["A"].error
    assert (meetings["B"].type, meetings["B"].operator, meetings["B"].formula1) == \
        ("textLength", "lessThanOrEqual", "200")
    assert offered(meetings["C"]) == ["Involve", "Wales Council for Voluntary Action", "involve", "wcva"]
    assert meetings["C"].type == "list" and not meetings["C"].showErrorMessage     # several may be typed
    assert offered(meetings["D"]) == ["Meeting", "Workshop", "Webinar", "Event", "Training", "Summit"]
    assert meetings["D"].showErrorMessage and meetings["D"].errorStyle == "stop"
    assert offered(meetings["E"]) == ["In person", "Online", "Phone", "Hybrid"]
    assert offered(meetings["F"]) == ["Held", "Planned", "Cancelled"]
    assert (meetings["G"].type, meetings["G"].operator, meetings["G"].formula1) == ("whole", "greaterThanOrEqual", "0")
    assert offered(meetings["H"]) == columns["Nations"] == ["England", "Scotland", "Wales", "Northern Ireland",
                                                              "UK-wide"]
    assert offered(meetings["I"]) == columns["Characteristics"] and not meetings["I"].showErrorMessage
    assert meetings["J"].formula1 == "2000"
    assert book["Meetings"].column_dimensions["A"].number_format == "dd/mm/yyyy"
    assert book["Meetings"].column_dimensions["B"].number_format == "@"          # text stays text
    partners = rules(book["Partners"])
    assert offered(partners["C"]) == columns["Partner types"] and partners["C"].showErrorMessage
    assert offered(partners["E"]) == ["Lead", "Consortium member", "Supporter", "Stakeholder"]
    assert "A" not in partners and "F" not in partners                          # id and org_id: free text
    budget = rules(book["Budget"])
    assert (budget["C"].type, budget["C"].operator, budget["C"].formula1, budget["C"].formula2) == \
        ("whole", "greaterThanOrEqual", "1", None)                             # no duration_years given
    assert (budget["D"].type, budget["D"].formula1) == ("whole", "0")
    assert budget["F"].showErrorMessage and offered(budget["F"]) == offered(meetings["C"])
    assert book["Budget"].column_dimensions["D"].number_format == "£#,##0"
    reading = rules(book["Reading list"])
    assert (reading["D"].operator, reading["D"].formula1, reading["D"].formula2) == ("between", "1000", "2100")
    action = rules(book["Action plan"])
    assert "C" not in action and book["Action plan"].column_dimensions["C"].number_format == "@"   # `June 17`
    assert not action["D"].showErrorMessage                                     # leads may be outside bodies


def test_instructions_in_plain_english(project, tmp_path):
    sheet = make(project, tmp_path, "--partner", "involve")["Instructions"]
    text = "\n".join(str(c.value) for c in sheet["A"] if c.value)
    assert text.startswith("Test project: evidence workbook for Involve")
    for words in ("Meetings: one row per meeting", "day first, as 14/11/2018", "separate them with ;",
                  "How to send it back", "send it back by email", "What happens next", "what we have on file",
                  "(required)"):
        assert words in text, words


def test_the_rows_of_one_partners_own_files(project, tmp_path):
    """Only rows of involve's own files (its folder), which its returned workbook replaces: not the meeting in
    the facilitator's meetings.csv that names involve, nor the action it leads or the line it spends in
    consortium.xlsx, nor its row in partners.csv."""
    book = make(project, tmp_path, "--partner", "Involve")

    def rows(title):
        return [[c.value for c in row] for row in book[title].iter_rows(min_row=2)]

    assert rows("Partners") == []
    meetings = rows("Meetings")
    assert [r[:4] for r in meetings] == [
        [datetime(2018, 11, 20), '=HYPERLINK("http://x.example","y")', "wcva", None],   # in involve's file
        [datetime(2018, 11, 21), "Only the lead was there", "wcva", None],
        [datetime(2018, 12, 3), "Second meeting", "Involve", None],
    ]
    assert [r[4:7] for r in meetings] == [["Online", None, 9], [None, None, 4], [None, None, 8]]
    assert meetings[0][8] == "Disability; Race"
    formula = book["Meetings"]["B2"]
    assert formula.data_type == "s" and formula.quotePrefix                    # text, never a formula
    assert book["Meetings"]["A2"].number_format == "dd/mm/yyyy"
    assert rows("Action plan") == [["1. Network", "Meet", "June 2018", "involve", None, None, "blue"]]
    assert book["Action plan"]["G1"].value == "colour"                          # kept, and its note says why
    assert "does not read this column" in book["Action plan"]["G1"].comment.text
    assert rows("Budget") == [["Staff", None, 1, 1000, None, "Involve"]]
    assert book["Budget"]["D2"].data_type == "n"
    assert rows("Reading list") == []
    wcva = make(project, tmp_path, "--partner", "wcva")
    assert [[c.value for c in row][:4] for row in wcva["Meetings"].iter_rows(min_row=2)] == [
        [datetime(2018, 12, 4), "Without involve", "wcva", None]]
    assert wcva["Meetings"]["G2"].value == "lots"                               # kept as written, to correct


def test_a_partners_own_row_in_its_own_partners_file(make_project, tmp_path):
    root = make_project({"partners.csv": "id,name,type,nation,role\n"
                                         "wcva,Wales Council for Voluntary Action,charity,wales,lead\n",
                         "partners/involve/partners.csv": "id,name,type,nation,role,characteristics\n"
                                                          "involve,Involve,charity,england,consortium,age\n"})
    book = make(root, tmp_path, "--partner", "involve")
    assert [[c.value for c in row] for row in book["Partners"].iter_rows(min_row=2)] == [
        ["involve", "Involve", "Charity", "England", "Consortium member", None, "Age", None, None]]


def test_a_joint_meeting_in_another_partners_file_is_not_offered_to_correct(make_project, tmp_path):
    """Review t11: the joint workshop lies in involve's file and names wcva. Offered in wcva's workbook, corrected
    there (date, attendees 20 -> 22) and returned into wcva's folder, it was counted twice, silently. Now wcva's
    workbook leaves it out and says to ask the facilitator; returned, the figures are what they were."""
    from bidkit.evidence import load
    from bidkit.figures import compute

    root = make_project({"meetings.csv": None,
                         "meetings-involve.csv": "date,title,partners,attendees\n"
                                                 "13/11/2018,Joint workshop,involve; wcva,20\n",
                         "partners/wcva/meetings.csv": "date,title,partners,attendees\n"
                                                       "20/11/2018,Board,wcva,5\n"})
    before = compute(load(root))
    out = tmp_path / "wcva.xlsx"
    assert run("workbook", str(root), "--out", str(out), "--partner", "wcva", "--kinds", "meetings").exit_code == 0
    book = openpyxl.load_workbook(out)
    assert [[c.value for c in row][:4] for row in book["Meetings"].iter_rows(min_row=2)] == [
        [datetime(2018, 11, 20), "Board", "wcva", None]]
    text = "\n".join(str(c.value) for c in book["Instructions"]["A"] if c.value)
    assert ("Rows held in other partners' files or in the bid facilitator's own files are not included, even when "
            "they name you") in text
    assert "ask the bid facilitator to change it" in text
    (root / "partners" / "wcva" / "meetings.csv").unlink()
    shutil.copyfile(out, root / "partners" / "wcva" / "workbook.xlsx")
    evidence = load(root)
    after = compute(evidence)
    assert (after.meetings_held, after.people_reached) == (before.meetings_held, before.people_reached) == (2, 25)
    assert [p for p in evidence.warnings if "same meeting" in p.message] == []


def test_same_bytes_with_source_date_epoch(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1552608000")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (first, second):
        assert run("workbook", str(project), "--out", str(out), "--partner", "wcva").exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        assert b"2019-03-15T00:00:00Z" in zf.read("docProps/core.xml")


def test_kinds_chooses_the_sheets(project, tmp_path):
    book = make(project, tmp_path, "--kinds", "budget, Reading list")
    assert book.sheetnames == ["Instructions", "Budget", "Reading list", "Lists"]
    assert book["Lists"].cell(1, 1).value == "Reading kinds"                     # only the lists they use


def test_no_partners_yet_gives_no_dropdown_that_refuses_all(make_project, tmp_path):
    book = make(make_project({"partners.csv": None}), tmp_path)
    assert "C" not in rules(book["Meetings"]) and "F" not in rules(book["Budget"])
    assert "D" in rules(book["Meetings"])                                   # the reference lists stay


def test_an_empty_workbook_in_the_project_checks_clean(project, tmp_path):
    """Made outside the project (bidkit refuses to write it inside), then put in it as a partner returns it."""
    assert run("workbook", str(project), "--out", str(tmp_path / "workbook.xlsx")).exit_code == 0
    shutil.copyfile(tmp_path / "workbook.xlsx", project / "workbook.xlsx")
    assert [p.message for p in problems_of(project) if p.file == "workbook.xlsx"] == []


@pytest.mark.parametrize("args, words", [
    (["--partner", "invlove"], "--partner: 'invlove' is not a partner of this project (did you mean 'involve'?); "
                               "the partners are: wcva, involve"),
    (["--kinds", "meetngs"], "--kinds: 'meetngs' is not a kind of evidence (did you mean 'meetings'?); choose "
                             "from partners, meetings, reading-list, action-plan, delivery-plan, budget, other-funding"),
    (["--kinds", "outcomes"], "--kinds: outcomes are written in YAML (outcomes.yaml), not in the workbook"),
    (["--kinds", ","], "--kinds: name at least one of partners, meetings"),
])
def test_a_wrong_option_exits_2_with_a_plain_message(project, tmp_path, args, words):
    out = tmp_path / "w.xlsx"
    proc = subprocess.run([sys.executable, "-m", "bidkit", "workbook", str(project), "--out", str(out), *args],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith("bidkit: " + words)
    assert "Traceback" not in proc.stderr and not out.exists()


def test_out_must_be_an_xlsx(project, tmp_path):
    result = CliRunner().invoke(cli, ["workbook", str(project), "--out", str(tmp_path / "w.csv")])
    assert result.exit_code == 2 and "should end in .xlsx" in result.output


# ------------------------------------------------------------------ the round trip through LibreOffice

FILLED = {      # sheet -> rows typed in: each wrong one is wrong in one cell, named in EXPECTED
    "Partners": [["edf", "Equality and Diversity Forum", "Network", "England", "Supporter"],
                 [None, "Cymru Org", "Charity", "N. Ireland", "Supporter"]],
    "Meetings": [[datetime(2018, 11, 20), "Workshop in Cardiff", "wcva; Involve", "Workshop", "In person", None, 14,
                  "Wales", "Disability; Race", "Good."],
                 [datetime(2019, 1, 10), "Webinar on the SDGs", "Wales Council for Voluntary Action", "Webinar",
                  "Online", "Held", 30],
                 ["31/02/2019", "Bad date", "wcva"],
                 [datetime(2018, 12, 5), "Typo", "wvca"],
                 [datetime(2018, 12, 6), "Negative", "wcva", None, None, None, -3],
                 [datetime(2018, 12, 7), "Seminar", "wcva", "Seminar"]],
    "Reading list": [["A report", None, None, 2018]],
    "Action plan": [["1. Network", "Meet", "June 2018", "wcva; Open Government Network", "In progress"]],
    "Budget": [["Staff", "Coordinator", 1, 1000, "Revenue", "wcva"],
               ["Venue", None, 1, 100.5, None, "Involve"]],
}
WRONG = {("Partners", 3), ("Meetings", 4), ("Meetings", 5), ("Meetings", 6), ("Meetings", 7), ("Reading list", 2),
         ("Action plan", 2), ("Budget", 3)}
EXPECTED = [
    ("error", "Budget", 3, "D3", "amount", "'100.5' has pence; funders take whole pounds (write 100)"),
    ("error", "Meetings", 4, "A4", "date", "'31/02/2019' is not a real date (February 2019 has 28 days)"),
    ("error", "Meetings", 6, "G6", "attendees", "must be 0 or more"),
    ("error", "Meetings", 7, "D7", "kind", "'Seminar' is not one of meeting, workshop, webinar, event, training, "
                                            "summit"),
    ("error", "Partners", 3, "D3", "nation", "'N. Ireland' is not one of england, scotland, wales, northern-ireland, "
                                              "uk-wide"),
    ("error", "Reading list", 2, "B2", "source", "is required but not given"),
    ("warning", "Action plan", 2, "D2", "leads", "'Open Government Network' is not a partner; it is shown as "
                                                 "written"),
    ("error", "Meetings", 5, "C5", "partners", "'wvca' is not a partner (did you mean 'wcva'?)"),
]
needs_calc = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice is not installed (scripts/setup --test)")


def fill(blank: Path, out: Path, correct: bool) -> Path:
    """The workbook as a partner returns it from Excel: rows typed in, the workbook's rules left as they were."""
    book = openpyxl.load_workbook(blank)
    for title, rows in FILLED.items():
        sheet = book[title]
        for number, row in enumerate(rows, start=2):
            if correct and (title, number) in WRONG:
                continue
            for i, value in enumerate(row, start=1):     # a typed cell takes its column's format, as in Excel
                cell = sheet.cell(sheet.max_row + 1 if i == 1 else sheet.max_row, i)
                cell.number_format = sheet.column_dimensions[cell.column_letter].number_format
                cell.value = value
    book.save(out)
    return out


def calc_save(files: list[Path], fmt: str, out: Path, tmp: Path) -> None:
    """Open each file in LibreOffice Calc and save it as `fmt` (xlsx or ods), as a partner using Calc would."""
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile",
                             "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """name -> path: the filled and the correct workbook, saved by openpyxl, by Calc as .xlsx and as .ods."""
    from bidkit.pipeline import partner_workbook

    tmp = tmp_path_factory.mktemp("roundtrip")
    root = write_tree(tmp / "project", MINIMAL)
    blank = tmp / "blank.xlsx"
    blank.write_bytes(partner_workbook(root)[1])
    files = [fill(blank, tmp / "filled.xlsx", False), fill(blank, tmp / "correct.xlsx", True)]
    found = {f"openpyxl-{f.stem}": f for f in files}
    if shutil.which("soffice"):
        calc_save(files, "xlsx", tmp / "calc-xlsx", tmp)
        calc_save(files, "ods", tmp / "calc-ods", tmp)
        for f in files:
            found[f"calc-xlsx-{f.stem}"] = tmp / "calc-xlsx" / f"{f.stem}.xlsx"
            found[f"calc-ods-{f.stem}"] = tmp / "calc-ods" / f"{f.stem}.ods"
    return found


def checked(workbook: Path, tmp_path: Path) -> list[tuple]:
    """The problems `bidkit check` finds in the workbook, returned by involve into its own folder."""
    root = write_tree(tmp_path / workbook.name, MINIMAL)
    target = root / "partners" / "involve" / f"workbook{workbook.suffix}"
    target.parent.mkdir(parents=True)
    shutil.copyfile(workbook, target)
    found = problems_of(root)
    assert {p.file for p in found} <= {target.relative_to(root).as_posix()}, [p.line() for p in found]
    return [(p.severity, p.sheet, p.row, p.cell, p.field, p.message) for p in found]


def test_openpyxl_saved_mistakes_are_found_at_their_cells(saved, tmp_path):
    assert sorted(checked(saved["openpyxl-filled"], tmp_path)) == sorted(EXPECTED)


def test_a_correctly_filled_workbook_checks_with_no_problem(saved, tmp_path):
    assert checked(saved["openpyxl-correct"], tmp_path) == []


@needs_calc
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_calc_saved_copies_give_the_same_problems_at_the_same_cells(saved, tmp_path, fmt):
    filled, correct = saved[f"calc-{fmt}-filled"], saved[f"calc-{fmt}-correct"]
    assert sorted(checked(filled, tmp_path)) == sorted(EXPECTED)
    assert checked(correct, tmp_path) == []


def sheet_xml(path: Path) -> dict[str, str]:
    """Sheet name -> its worksheet XML, from an .xlsx as Calc saved it."""
    with zipfile.ZipFile(path) as zf:
        book, rels = zf.read("xl/workbook.xml").decode(), zf.read("xl/_rels/workbook.xml.rels").decode()
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels)) | \
            {a: b for b, a in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)}
        return {name: zf.read("xl/" + targets[rid]).decode()
                for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="(rId\d+)"', book)}


@needs_calc
def test_the_rules_survive_calc_saving_as_xlsx(saved):
    path = saved["calc-xlsx-filled"]
    sheets = sheet_xml(path)
    meetings = sheets["Meetings"]
    rules = dict(re.findall(r'<dataValidation [^>]*sqref="([A-Z]+)2:[A-Z]+1001"[^>]*>(.*?)</dataValidation>',
                            meetings))
    assert re.search(r'<dataValidation [^>]*type="date"[^>]*>', meetings)
    assert rules["A"].startswith("<formula1>39448</formula1><formula2>47483</formula2>")   # 1 Jan 2008 - 2029
    assert rules["C"].startswith("<formula1>Lists!$K$2:$K$5</formula1>")                 # the partners
    assert rules["D"].startswith("<formula1>Lists!$E$2:$E$7</formula1>")                 # meeting kinds
    assert re.search(r'type="whole"[^>]*sqref="G2:G1001"|sqref="G2:G1001"[^>]*type="whole"', meetings)
    assert re.search(r'sqref="B2:B1001"[^>]*type="textLength"', meetings)
    assert len(re.findall("<dataValidation ", sheets["Partners"])) == 5
    with zipfile.ZipFile(path) as zf:
        assert re.search(r'<sheet name="Lists"[^>]*state="hidden"', zf.read("xl/workbook.xml").decode())
        assert 'formatCode="dd/mm/yyyy"' in zf.read("xl/styles.xml").decode()
        notes = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/comments"))
        assert "date (required)" in notes and "day first: 14/11/2018" in notes


@needs_calc
def test_the_rules_survive_calc_saving_as_ods(saved):
    with zipfile.ZipFile(saved["calc-ods-filled"]) as zf:
        content = zf.read("content.xml").decode()
        styles = content + zf.read("styles.xml").decode()
    conditions = re.findall(r'<table:content-validation [^>]*table:condition="([^"]+)"', content)
    assert "of:cell-content-is-date() and cell-content-is-between(39448,47483)" in conditions
    assert "of:cell-content-is-in-list([$Lists.$K$2:.$K$5])" in conditions
    assert "of:cell-content-is-in-list([$Lists.$E$2:.$E$7])" in conditions
    assert "of:cell-content-is-whole-number() and cell-content()&gt;=0" in conditions
    assert "of:cell-content-text-length()&lt;=200" in conditions
    lists_style = re.search(r'<table:table table:name="Lists" table:style-name="([^"]+)"', content).group(1)
    assert re.search(rf'<style:style style:name="{lists_style}"[^>]*><style:table-properties '
                     r'table:display="false"', content)
    assert re.search(r'<number:date-style [^>]*><number:day number:style="long"/><number:text>/</number:text>'
                     r'<number:month number:style="long"/><number:text>/</number:text><number:year', styles)
    assert "date (required)" in content


@needs_calc
def test_calc_shows_the_dates_day_first(saved, tmp_path):
    from calc import sheet_as_csv

    rows = sheet_as_csv(saved["calc-xlsx-filled"], 3, tmp_path)          # Meetings, the third sheet
    assert rows[0][:3] == ["date", "title", "partners"]
    assert [row[0] for row in rows[1:7]] == ["20/11/2018", "10/01/2019", "31/02/2019", "05/12/2018",
                                              "06/12/2018", "07/12/2018"]


def test_a_partners_workbook_returned_as_it_is_says_what_its_old_files_said(make_project, tmp_path):
    """Made for involve from its own files, and put back in their place unchanged: the same records, the same
    problems at the same rows (the wrong value kept as written for the partner to correct), now at their cells."""
    root = make_project({
        "meetings.csv": None,
        "partners/involve/meetings.csv": "title,date,partners,attendees\nA,20/11/2018,involve,lots\n"
                                         "B,21 Nov 2018,involve;wcva,4\n",
        "partners/involve/budget.csv": "heading,amount,partner\nStaff,\"£1,000\",involve\n",
    })
    before = [(p.row, p.field, p.message) for p in problems_of(root)]
    assert before == [(2, "attendees", "'lots' is not a whole number")]
    out = tmp_path / "involve.xlsx"
    assert run("workbook", str(root), "--out", str(out), "--partner", "involve",
               "--kinds", "meetings,budget").exit_code == 0
    for old in (root / "partners" / "involve").iterdir():
        old.unlink()
    shutil.copyfile(out, root / "partners" / "involve" / "workbook.xlsx")
    after = problems_of(root)
    assert [(p.row, p.field, p.message) for p in after] == before
    assert [(p.file, p.sheet, p.cell) for p in after] == [("partners/involve/workbook.xlsx", "Meetings", "G2")]
