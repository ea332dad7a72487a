"""`bidkit workbook --lang cy`: the partner workbook in Welsh, read back as Excel and LibreOffice would see it.

Cases: every fixed text a partner reads is Welsh (the Instructions, each column's note, the lists' headings and
labels, every cell rule's error) and none of the English ones is left; sheet and column names stay as bidkit
reads them; a project whose main language is Welsh gets the Welsh workbook unasked; the printed line is Welsh; the
same bytes on a rebuild. The round trip: the Welsh and the English workbook filled in the same way (a date cell,
values picked from the dropdowns, several values typed), returned into a copy of the example project, give the
same records, figures and problems.
"""
from __future__ import annotations

import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bidkit.cli import cli
from bidkit.documents.partner_workbook import CHOICE_LISTS, COLUMNS, SEVERAL, SHEET_TITLES, WHAT_EACH_SHEET_HOLDS
from bidkit.i18n import gettext_for
from conftest import EXAMPLE, MINIMAL, problems_of, write_tree
from test_partner_workbook import ON_FILE, calc_save, needs_calc, rules

CY = gettext_for("cy")
ALL_KINDS = ",".join(SHEET_TITLES)


@pytest.fixture
def project(make_project):
    return make_project(ON_FILE)


def make(root: Path, out: Path, *args) -> tuple[openpyxl.Workbook, str]:
    result = CliRunner().invoke(cli, ["workbook", str(root), "--out", str(out), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out), result.output


def fixed_texts(book: openpyxl.Workbook) -> list[str]:
    """Every fixed text a partner can read: the first sheet's lines, each header's note (after its first line,
    the column's name), the Lists sheet's headings and every cell rule's title and error."""
    found = [str(c.value) for c in book.worksheets[0]["A"] if c.value]
    for sheet in book.worksheets[1:-1]:
        found += [c.comment.text.split("\n", 1)[1] for c in sheet[1] if c.comment]
        found += [text for dv in sheet.data_validations.dataValidation for text in (dv.errorTitle, dv.error) if text]
    lists = book["Lists"]
    return found + [lists.cell(1, c).value for c in range(1, lists.max_column + 1)]


def english_msgids() -> set[str]:
    """The English labels the workbook takes from the catalogue and that Welsh writes differently."""
    ids = {c.note for columns in COLUMNS.values() for c in columns} | set(WHAT_EACH_SHEET_HOLDS.values())
    ids |= {SEVERAL, *CHOICE_LISTS} | {label for table in CHOICE_LISTS.values() for label in table.values()}
    return {i for i in ids if CY(i) != i}


def test_every_fixed_text_is_welsh(project, tmp_path):
    english, _ = make(project, tmp_path / "en.xlsx", "--partner", "involve", "--kinds", ALL_KINDS)
    welsh, _ = make(project, tmp_path / "cy.xlsx", "--partner", "involve", "--kinds", ALL_KINDS, "--lang", "cy")
    texts = fixed_texts(welsh)
    blob = "\n".join(texts)
    unnamed = re.sub("|".join(SHEET_TITLES.values()), "", blob)            # "Other funding: un rhes i bob …"
    left = [i for i in english_msgids() if re.search(rf"(?<![\w']){re.escape(i)}(?![\w'])", unnamed)]
    assert left == ["Ongoing"]                  # in the note on `when`, a word bidkit reads there, in English
    # every phrase of the English workbook's own texts is gone too (its examples, 14/11/2018, may stay)
    phrases = {s.strip() for text in fixed_texts(english) for s in re.split(r"(?<=[.:;])\s", text)
               if len(re.findall(r"[A-Za-z]{3,}", s)) >= 3}
    assert len(phrases) > 100 and sorted(s for s in phrases if s in blob) == []
    assert len(texts) == len(fixed_texts(english))


def test_welsh_instructions_notes_and_rules(project, tmp_path):
    book, _ = make(project, tmp_path / "cy.xlsx", "--partner", "involve", "--lang", "cy")
    assert book.sheetnames == ["Cyfarwyddiadau", "Partners", "Meetings", "Reading list", "Action plan", "Budget",
                               "Lists"]
    lines = [str(c.value) for c in book["Cyfarwyddiadau"]["A"] if c.value]
    assert lines[0] == "Test project: llyfr gwaith tystiolaeth ar gyfer Involve"
    assert "• Meetings: un rhes i bob cyfarfod, gweithdy, gweminar neu ddigwyddiad (mae cyfarfod a gynhaliwyd " \
           "ddwywaith yn ddwy res)." in lines
    assert ("Mae'r dalennau eisoes yn dal yr hyn sydd gennym ar ffeil ar gyfer Involve yn y ffeiliau a anfonodd "
            "Involve.") in lines[lines.index("Beth i'w lenwi") + 6]
    rule = next(line for line in lines if line.startswith("• Mae rhes 1 pob dalen"))
    assert "peidiwch â'u newid na'u cyfieithu, a pheidiwch ag ailenwi'r dalennau" in rule   # names stay as read
    assert "• Cedwir y testun yn fyr: 200 nod ar y mwyaf ar gyfer enw neu deitl, a 2,000 ar gyfer crynodeb neu " \
           "nodiadau." in lines
    meetings = book["Meetings"]
    assert [c.value for c in meetings[1]] == [c.name for c in COLUMNS["meetings"]]        # as bidkit reads them
    assert meetings["A1"].comment.text == "date (gofynnol)\nDyddiad y cyfarfod, gyda'r diwrnod yn gyntaf: 14/11/2018."
    assert meetings["F1"].comment.text.startswith("status\nWedi'i gynnal, wedi'i gynllunio neu wedi'i ganslo: ")
    assert meetings["F1"].comment.text.endswith("Y dewisiadau: Wedi'i gynnal, Wedi'i gynllunio, Wedi'i ganslo.")
    assert "Dewiswch un o'r rhestr, neu deipiwch sawl un wedi'u gwahanu â ;" in meetings["I1"].comment.text
    found = rules(meetings)
    assert (found["A"].errorTitle, found["A"].error) == (
        "Nid yw'n ddyddiad", "Teipiwch ddyddiad, gyda'r diwrnod yn gyntaf, er enghraifft 14/11/2018, rhwng "
                             "01/01/2008 a 31/12/2029.")
    assert (found["D"].errorTitle, found["D"].error) == (
        "Nid yw yn y rhestr", "Dewiswch werth o'r rhestr: cliciwch y saeth wrth ymyl y gell.")
    assert found["G"].error == "Teipiwch rif cyfan, 0 neu fwy, heb geiniogau na degolion."
    assert (found["B"].errorTitle, found["B"].error) == ("Rhy hir", "Mae lle i 200 nod ar y mwyaf yma.")
    assert rules(book["Budget"])["F"].error == "Dewiswch bartner o'r rhestr: cliciwch y saeth wrth ymyl y gell."
    assert rules(book["Budget"])["D"].error == ("Teipiwch swm mewn punnoedd cyfan, 0 neu fwy, heb geiniogau na "
                                                "degolion.")
    assert book["Action plan"]["G1"].comment.text == ("colour\nNid yw bidkit yn darllen y golofn hon: symudwch yr "
                                                      "hyn sydd ynddi i'r golofn gywir, yna dilëwch hon.")


def test_the_dropdowns_and_the_rows_on_file_offer_welsh_labels(project, tmp_path):
    book, _ = make(project, tmp_path / "cy.xlsx", "--partner", "involve", "--lang", "cy")
    lists = book["Lists"]
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)
                                        if lists.cell(r, c).value is not None]
               for c in range(1, lists.max_column + 1)}
    assert columns["Gwledydd"] == ["Lloegr", "Yr Alban", "Cymru", "Gogledd Iwerddon", "Y DU gyfan"]
    assert columns["Fformatau cyfarfod"] == ["Wyneb yn wyneb", "Ar-lein", "Ffôn", "Hybrid"]
    assert columns["Partneriaid"] == ["Involve", "Wales Council for Voluntary Action", "involve", "wcva"]
    first = [c.value for c in book["Meetings"][2]]
    assert (first[4], first[8]) == ("Ar-lein", "Anabledd; Hil")        # involve's online meeting, as on file


def test_sheet_and_column_names_are_the_english_ones(project, tmp_path):
    english, _ = make(project, tmp_path / "en.xlsx", "--kinds", ALL_KINDS)
    welsh, _ = make(project, tmp_path / "cy.xlsx", "--kinds", ALL_KINDS, "--lang", "cy")
    assert welsh.sheetnames[1:] == english.sheetnames[1:]
    for title in english.sheetnames[1:-1]:
        assert [c.value for c in welsh[title][1]] == [c.value for c in english[title][1]]


def test_a_welsh_first_project_gets_the_welsh_workbook_and_line(make_project, tmp_path):
    root = make_project({"project.yaml": MINIMAL["project.yaml"] + "languages: [cy, en]\n",
                         "narrative/cy/summary.md": "Ein crynodeb.\n"})
    out = tmp_path / "w.xlsx"
    book, printed = make(root, out, "--partner", "wcva")
    assert book.sheetnames[0] == "Cyfarwyddiadau"
    assert printed == (f"Ysgrifennwyd {out}: dalennau Partners, Meetings, Reading list, Action plan, Budget, gyda "
                       "0 rhes ar ffeil ar gyfer Wales Council for Voluntary Action.\n")
    english, printed = make(root, out, "--lang", "en")
    assert english.sheetnames[0] == "Instructions"
    assert printed == f"Wrote {out}: sheets Partners, Meetings, Reading list, Action plan, Budget.\n"


@pytest.mark.parametrize("partner, line", [
    ("involve", "Ysgrifennwyd {out}: dalennau Meetings, gyda 3 rhes ar ffeil ar gyfer Involve.\n"),
    ("wcva", "Ysgrifennwyd {out}: dalennau Meetings, gyda 1 rhes ar ffeil ar gyfer Wales Council for Voluntary "
             "Action.\n"),
])
def test_the_printed_line_in_welsh(project, tmp_path, partner, line):
    out = tmp_path / "w.xlsx"
    _, printed = make(project, out, "--partner", partner, "--kinds", "meetings", "--lang", "cy")
    assert printed == line.format(out=out)
    _, printed = make(project, out, "--partner", "involve", "--kinds", "meetings,budget", "--lang", "en")
    assert printed == f"Wrote {out}: sheets Meetings, Budget, with 4 rows on file for Involve.\n"


def test_same_bytes_with_source_date_epoch(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1552608000")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (first, second):
        make(project, out, "--partner", "wcva", "--lang", "cy")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        core = zf.read("docProps/core.xml").decode()
    assert "<dc:language>cy-GB</dc:language>" in core and "llyfr gwaith tystiolaeth" in core


def test_the_reader_takes_a_welsh_label_as_it_takes_an_english_one(make_project):
    from bidkit.evidence import load

    root = make_project({"partners.csv": "id,name,type,nation,role\n"
                                         "wcva,Wales Council for Voluntary Action,Elusen,Cymru,Arweiniol\n"
                                         "involve,Involve,charity,LLOEGR,Aelod o’r consortiwm\n"})
    partners = load(root).partners
    assert [(p.type, p.nation, p.role) for p in partners] == [("charity", "wales", "lead"),
                                                              ("charity", "england", "consortium")]
    wrong = make_project({"partners.csv": "id,name,type,nation,role\nwcva,WCVA,charity,Cymry,lead\n"
                                          "involve,Involve,charity,england,consortium\n"})
    assert [p.message for p in problems_of(wrong)] == [
        "'Cymry' is not one of england, scotland, wales, northern-ireland, uk-wide"]


# ------------------------------------------------------------------ the round trip, Welsh against English

TYPED = {   # sheet -> rows: ("pick", slug) is picked from the cell's dropdown, anything else typed as it is
    "Partners": [["cwn", "Cardiff Women's Network", ("pick", "network"), ("pick", "england"),
                  ("pick", "supporter"), None, ("pick", "age")]],
    "Meetings": [[datetime(2018, 11, 20), "Workshop in Cardiff", "wcva; involve", ("pick", "workshop"),
                  ("pick", "in-person"), ("pick", "held"), 14, ("pick", "wales"), ("several", "disability; race"),
                  "Good."],
                 [datetime(2018, 12, 6), "Webinar", ("pick", "Involve"), ("pick", "webinar"), ("pick", "online"),
                  None, -3],
                 ["31/02/2019", "Bad date", "wcva"]],
    "Action plan": [["1. Network", "Meet", "June 2018", "wcva; Open Government Network", ("pick", "in-progress")]],
    "Budget": [["Staff", "Coordinator", 1, 1000, ("pick", "capital"), ("pick", "wcva")]],
}


def offered(book: openpyxl.Workbook, sheet, column: int) -> list:
    """What the cell's dropdown offers, from the hidden Lists sheet."""
    letter = openpyxl.utils.get_column_letter(column)
    dv = rules(sheet)[letter]
    first, last = dv.formula1.split("!")[1].replace("$", "").split(":")
    lists = book["Lists"]
    return [c.value for c in lists[first[0]][int(first[1:]) - 1:int(last[1:])]]


def fill(blank: Path, out: Path) -> Path:
    """Typed in as a partner would in Excel: a value of a list is the one at the slug's place in the dropdown."""
    kinds = {title: kind for kind, title in SHEET_TITLES.items()}
    book = openpyxl.load_workbook(blank)
    _ = gettext_for("cy" if book.worksheets[0].title == "Cyfarwyddiadau" else "en")
    for title, rows in TYPED.items():
        sheet = book[title]
        for number, row in enumerate(rows, start=2):
            for i, value in enumerate(row, start=1):
                column = COLUMNS[kinds[title]][i - 1]
                if isinstance(value, tuple) and column.choices in CHOICE_LISTS:
                    table = CHOICE_LISTS[column.choices]
                    labels = [_(table[s]) for s in value[1].split("; ")]
                    if value[0] == "pick":
                        labels = [offered(book, sheet, i)[list(table).index(value[1])]]
                    value = "; ".join(labels)
                elif isinstance(value, tuple):
                    value = value[1]
                cell = sheet.cell(number, i)
                cell.number_format = sheet.column_dimensions[cell.column_letter].number_format
                cell.value = value
    book.save(out)
    return out


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    """lang -> the copy of the example project with its workbook, filled in, returned into partners/involve/."""
    from bidkit.pipeline import partner_workbook

    tmp = tmp_path_factory.mktemp("roundtrip-cy")
    found = {}
    for lang in ("en", "cy"):
        root = tmp / lang / "evidence"
        shutil.copytree(EXAMPLE, root)
        yaml = root / "project.yaml"                                    # the budget line below is requested too
        text = yaml.read_text(encoding="utf-8").replace("amount_requested: 249600", "amount_requested: 250600")
        yaml.write_text(text.replace("total_cost: 262000", "total_cost: 263000"), encoding="utf-8")
        blank = tmp / f"blank-{lang}.xlsx"
        blank.write_bytes(partner_workbook(root, "partners,meetings,action-plan,budget", None, lang)[1])
        (root / "partners" / "involve").mkdir()
        fill(blank, root / "partners" / "involve" / "workbook.xlsx")
        found[lang] = root
    return found


def test_the_blank_welsh_workbook_is_welsh(returned):
    book = openpyxl.load_workbook(returned["cy"] / "partners" / "involve" / "workbook.xlsx")
    assert book.worksheets[0].title == "Cyfarwyddiadau"
    assert book["Meetings"]["E2"].value == "Wyneb yn wyneb" and book["Budget"]["E2"].value == "Cyfalaf"
    assert book["Meetings"]["I2"].value == "Anabledd; Hil" and book["Partners"]["D2"].value == "Lloegr"


def found_in(root: Path) -> list[tuple]:
    return [(p.severity, p.file, p.sheet, p.cell, p.field, p.message) for p in problems_of(root)]


def test_a_welsh_workbook_reads_back_as_the_english_one(returned, tmp_path):
    """The same problems at the same cells; then, the wrong rows taken out, the same records and figures."""
    found = {lang: found_in(root) for lang, root in returned.items()}
    assert found["cy"] == found["en"]
    mine = [p for p in found["cy"] if p[1] == "partners/involve/workbook.xlsx"]
    assert sorted(p[3:] for p in mine) == [
        ("A4", "date", "'31/02/2019' is not a real date (February 2019 has 28 days)"),
        ("D2", "leads", "'Open Government Network' is not a partner; it is shown as written"),
        ("G3", "attendees", "must be 0 or more")]
    from bidkit.evidence import load
    from bidkit.figures import compute

    returned = {lang: shutil.copytree(root, tmp_path / lang) for lang, root in returned.items()}
    for root in returned.values():
        book = openpyxl.load_workbook(root / "partners" / "involve" / "workbook.xlsx")
        book["Meetings"].delete_rows(3, 2)
        book.save(root / "partners" / "involve" / "workbook.xlsx")
    evidence = {lang: load(root) for lang, root in returned.items()}
    assert [p.line() for p in evidence["cy"].warnings] == [p.line() for p in evidence["en"].warnings]

    def records(e):
        return [(kind, r.model_dump()) for kind in ("partners", "meetings", "action_plan", "budget")
                for r in getattr(e, kind) if r.place.file == "partners/involve/workbook.xlsx"]

    assert records(evidence["cy"]) == records(evidence["en"])
    meeting = next(r for kind, r in records(evidence["cy"]) if kind == "meetings")
    assert (meeting["kind"], meeting["format"], meeting["status"], meeting["nation"], meeting["date"].isoformat(),
            meeting["characteristics"]) == ("workshop", "in-person", "held", "wales", "2018-11-20",
                                            ["disability", "race"])
    assert compute(evidence["cy"]) == compute(evidence["en"])
    result = CliRunner().invoke(cli, ["check", str(returned["cy"]), "--json"])
    assert result.exit_code == 0, result.output


@needs_calc
def test_the_welsh_workbook_saved_by_calc_reads_back_the_same(returned, tmp_path):
    """Saved again by LibreOffice Calc, as .xlsx and as .ods: the same problems, and the Welsh rules survive."""
    workbook = returned["cy"] / "partners" / "involve" / "workbook.xlsx"
    expected = found_in(returned["cy"])
    for fmt in ("xlsx", "ods"):
        calc_save([workbook], fmt, tmp_path / fmt, tmp_path)
        root = shutil.copytree(returned["cy"], tmp_path / f"project-{fmt}")
        (root / "partners" / "involve" / "workbook.xlsx").unlink()
        shutil.copyfile(tmp_path / fmt / f"workbook.{fmt}", root / "partners" / "involve" / f"workbook.{fmt}")
        mine = "partners/involve/workbook.xlsx"
        assert found_in(root) == [p[:1] + (p[1].replace(mine, mine[:-4] + fmt),) + p[2:] for p in expected]
    with zipfile.ZipFile(tmp_path / "xlsx" / "workbook.xlsx") as zf:
        sheets = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
        notes = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/comments"))
    assert "Teipiwch ddyddiad, gyda&apos;r diwrnod yn gyntaf" in sheets.replace("'", "&apos;")
    assert "date (gofynnol)" in notes
