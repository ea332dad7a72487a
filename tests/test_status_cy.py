"""`bidkit status` and `check --by-partner` in Welsh: the commands' own words are the reader's language too.

Case: the example project (English and Welsh, a funder) read by `status --lang cy`; the same project with Welsh
first read without --lang; a proposal an assessor would question; a project with no funder; the broken project of
test_by_partner with its reports in Welsh. Expected: every fixed label from the Welsh catalogue (the exact
headings and lines, none of the English ones), `--json` unchanged; the reports' `lang`, headings, column headings
and what to write instead in Welsh, each problem as check prints it in Welsh, the choices still as bidkit reads
them, the CSV's column names as the contract has them.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bidkit.cli import cli
from bidkit.cli.status_words import COLUMNS, STATES, limit
from bidkit.documents.partner_report import advice
from bidkit.evidence.taxonomies import FIGURES
from bidkit.i18n import words
from bidkit.problems import Place, Problem
from test_by_partner import BROKEN, read_csv, read_html
from test_funded_work import ASSESSOR_CASES, GOOD

EXAMPLE = Path(__file__).resolve().parent.parent / "evidence"
WELSH_HEADINGS = ["Cwestiwn", "Geiriau", "Terfyn", "Statws"]
ENGLISH_LINES = ("Evidence:", "Ready to submit.", "Not ready yet: see above.", "What an assessor would question",
                 "No funder in project.yaml", ": warning: ", " errors, ", " warnings in ")
COUNTS = ("Tystiolaeth: cyfarfodydd a gynhaliwyd: 17, sefydliadau y cyfarfuwyd â nhw: 16, pobl a gyrhaeddwyd "
          "(presenoldebau): 261, partneriaid: 17, gwledydd a gwmpaswyd: 4, swm y gofynnir amdano: £249,600")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def example(tmp_path) -> Path:
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root)
    return root


def welsh_first(root: Path) -> None:
    project = root / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("languages: [en, cy]", "languages: [cy, en]"),
                       encoding="utf-8")


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip("┃│").split("┃" if "┃" in line else "│")]


def assert_welsh_status(output: str) -> None:
    lines = output.splitlines()
    assert lines[0].endswith("(drafft)")
    assert [cells(line) for line in lines if line.startswith("┃")] == [WELSH_HEADINGS] * 2     # en and cy
    states = {cells(line)[3] for line in lines if line.startswith("│")} - {""}
    assert states and states <= {"iawn", "ar goll", "rhy hir", "rhy fyr"}
    assert any(line.startswith("Tystiolaeth: cyfarfodydd a gynhaliwyd: ") for line in lines)
    assert lines[-1] == "Ddim yn barod eto: gweler uchod."
    for english in (*COLUMNS, *(label for label, _colour in STATES.values())):
        assert english not in states and english not in cells(next(l for l in lines if l.startswith("┃")))
    for english in (*ENGLISH_LINES, *(label.lower() for label in FIGURES.values())):
        assert english not in output, english


def test_status_in_welsh(example):
    result = run("status", example, "--lang", "cy")
    assert result.exit_code == 0, result.output
    assert_welsh_status(result.output)
    lines = result.output.splitlines()
    assert {cells(line)[3] for line in lines if line.startswith("│")} - {""} == {"iawn"}
    assert COUNTS in lines
    assert "0 gwall, 3 rhybudd mewn 2 ffeil" in lines
    assert sum(": rhybudd: " in line for line in lines) == 3
    assert any(line.endswith("(Cymraeg)") for line in lines) and any(line.endswith("(Saesneg)") for line in lines)
    assert any(cells(line)[2] == "≤ 300" for line in lines if line.startswith("│"))


def test_status_json_keeps_the_contracts_english(example):
    welsh, english = run("status", example, "--json", "--lang", "cy"), run("status", example, "--json")
    assert welsh.output == english.output
    assert json.loads(welsh.output)["answers"][0]["state"] == "ok"


def test_a_welsh_first_project_is_told_in_welsh_without_asking(example, tmp_path):
    welsh_first(example)
    assert_welsh_status(run("status", example).output)
    result = run("check", example, "--by-partner", tmp_path / "reports")
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "reports").glob("*.html"))
    assert pages and {read_html(page).lang for page in pages} == {"cy-GB"}
    assert read_html(tmp_path / "reports" / "facilitator.html").headings[0] == ("h1", "Beth i'w gywiro: hwylusydd "
                                                                                      "y cais")


def test_what_an_assessor_would_question_in_welsh(make_project):
    files, (file, _row, _field), _words = ASSESSOR_CASES["year-without-activity"]
    result = run("status", make_project({**GOOD, **files}), "--lang", "cy")
    lines = result.output.splitlines()
    heading = lines.index("Beth y byddai asesydd yn ei gwestiynu (1):")
    assert lines[heading + 1].startswith(f"{file}: rhybudd: ")
    assert "What an assessor" not in result.output


def test_no_funder_in_welsh(make_project):
    result = run("status", make_project(), "--lang", "cy")
    assert "Dim cyllidwr yn project.yaml: ychwanegwch 'funder:' i wirio atebion y cynnig." in \
        result.output.splitlines()


def test_a_limit_in_characters():
    answer = {"max_words": None, "min_words": None, "max_chars": 1000}
    assert limit(answer, words("cy")._) == "≤ 1000 nod"
    assert limit(answer, words("en")._) == "≤ 1000 chars"


def test_partner_reports_in_welsh(make_project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1552608000")              # 15 March 2019
    out = tmp_path / "reports"
    result = run("check", make_project(BROKEN), "--by-partner", out, "--lang", "cy")
    assert result.exit_code == 1
    lines = result.output.splitlines()

    def said(place: str, field: str) -> str:
        """What check printed in Welsh about the field at that place: the report says the same."""
        return next(line for line in lines if line.startswith(f"{place}: {field}: ")).split(": ", 2)[2]

    page = read_html(out / "wcva.html")
    assert page.lang == "cy-GB"
    assert page.headings == [("h1", "Beth i'w gywiro: Wales Council for Voluntary Action"),
                             ("h2", "partners/wcva/meetings.xlsx")]
    assert page.tables == [[
        ["Ble", "Maes", "Beth sydd o'i le", "Beth i'w ysgrifennu yn lle hynny", "Oes rhaid cywiro?"],
        ["dalen Meetings, cell A3", "date", said("partners/wcva/meetings.xlsx[Meetings]!A3", "date"),
         "Dyddiad y cyfarfod, gyda'r diwrnod yn gyntaf: 14/11/2018.", "Oes: gwall"],
        ["dalen Meetings, cell D4", "attendees", said("partners/wcva/meetings.xlsx[Meetings]!D4", "attendees"),
         "Faint o bobl a ddaeth: rhif cyfan, 0 neu fwy.", "Oes: gwall"],
    ]]
    text = " ".join(" ".join(page.text).split())
    assert "gwiriwyd ar 15 Mawrth 2019" in text
    assert "Daeth bidkit o hyd i 2 wall a 0 rhybudd mewn 1 ffeil." in text
    for english in ("What to fix", "Where", "What is wrong", "Must fix?", "Yes: an error", "bidkit found",
                    "Problems in", "checked on", "sheet ", "Please correct"):
        assert english not in text, english
    assert [row[0] for row in read_html(out / "involve.html").tables[0][1:]] == ["rhes 2", "rhes 2"]
    assert read_html(out / "facilitator.html").tables[0][1][0] == "llinell 1"
    nothing = " ".join(" ".join(read_html(out / "ehr-coalition.html").text).split())
    assert "Dim i'w gywiro: ni ddaeth bidkit o hyd i unrhyw broblem yn nhystiolaeth Equalities and Human Rights " \
           "Coalition. Diolch." in nothing

    involve = read_csv(out / "involve.csv")                             # the contract's column names, in English
    assert involve[1][5:] == ["kind", "Seminar", said("meetings-involve.csv:2", "kind"),
                              "Beth ydoedd: dewiswch o'r rhestr (mae cell wag yn golygu cyfarfod). Y dewisiadau: "
                              "Cyfarfod, Gweithdy, Gweminar, Digwyddiad, Hyfforddiant, Uwchgynhadledd."]
    # the choices by their Welsh labels, which bidkit reads back as readily as the ids
    assert read_csv(out / "facilitator.csv")[0][7:] == [said("project.yaml:1", "title"),
                                                        "Cwtogwch y testun i 80 nod ar y mwyaf."]


CY = words("cy")


@pytest.mark.untranslated          # problems written here by hand, to see the advice each one gets
@pytest.mark.parametrize("file, field, message, welsh", [
    ("meetings.csv", "dat", "unknown column 'dat' (did you mean 'date'?)",
     "Ailenwch y golofn yn rhes 1 yn 'date', neu symudwch ei chynnwys i'r golofn gywir a dilëwch hon."),
    ("meetings.csv", "title", "the required column 'title' is missing",
     "Ychwanegwch golofn o'r enw 'title' yn rhes 1 a'i llenwi. Enw neu destun y cyfarfod."),
    ("meetings.csv", "title", "the same meeting is also reported at meetings-wcva.csv:2",
     "Os yr un cyfarfod ydyw, dilëwch un o'r ddwy res; os dau gyfarfod ydynt, gwnewch eu dyddiadau neu eu "
     "teitlau'n wahanol."),
    ("partners.csv", "nation", "'Walse' is not one of england, wales (did you mean 'wales'?)",
     "Ysgrifennwch 'wales'. Y wlad y mae'n gweithio ynddi: dewiswch o'r rhestr. Y dewisiadau: Lloegr, Yr Alban, "
     "Cymru, Gogledd Iwerddon, Y DU gyfan."),
    ("partners.csv", "name", "is required but not given", "Llenwch y maes. Enw llawn y sefydliad."),
    ("partners.csv", "characteristics", "'x' is not one of age, disability",
     "Nodweddion gwarchodedig y mae'r sefydliad yn eu cynrychioli neu'n gweithio gyda nhw. Dewiswch un o'r "
     "rhestr, neu deipiwch sawl un wedi'u gwahanu â ; (er enghraifft: oedran; anabledd). Y dewisiadau: Oedran, "
     "Anabledd, Ailbennu rhywedd, Priodas a phartneriaeth sifil, Beichiogrwydd a mamolaeth, Hil, Crefydd neu gred, "
     "Rhyw, Cyfeiriadedd rhywiol."),
])
def test_what_to_write_instead_in_welsh(file, field, message, welsh):
    problem = Problem.at(Place(file, row=2), field, message)
    assert advice(problem, CY) == welsh
    assert advice(problem) == advice(problem, words("en"))              # English: the words as they were


def test_build_speaks_the_projects_main_language(example, tmp_path):
    welsh_first(example)
    result = run("build", example, "--out", tmp_path / "out", "--doc", "concept-paper", "--format", "html",
                 "--lang", "en")                                    # --lang picks the documents, not the words
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("  concept-paper.en.html") and " wedi'i hysgrifennu mewn " in line for line in lines)
    assert lines[-1].startswith("1 ffeil wedi'i hysgrifennu, 0 yn gyfredol, mewn ")
    again = run("build", example, "--out", tmp_path / "out", "--doc", "concept-paper", "--format", "html",
                "--lang", "en").output.splitlines()
    assert any(line.startswith("  concept-paper.en.html") and line.endswith(" yn gyfredol") for line in again)
    assert again[-1].startswith("0 ffeil wedi'u hysgrifennu, 1 yn gyfredol, mewn ")


def test_build_with_errors_says_so_in_welsh(make_project, tmp_path):
    root = make_project({**BROKEN, "project.yaml": BROKEN["project.yaml"] + "languages: [cy]\n"})
    result = run("build", root, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Ni ysgrifennwyd dim."
    assert " gwall, " in result.output.splitlines()[-2]


def test_batch_reports_take_the_projects_main_language(example, tmp_path):
    from bidkit.output import write_partner_reports               # what batch --by-partner calls, with no --lang

    welsh_first(example)
    assert write_partner_reports(example, [], tmp_path / "r") > 1
    assert {read_html(page).lang for page in (tmp_path / "r").glob("*.html")} == {"cy-GB"}
