"""A Welsh-speaking partner is told in Welsh what is wrong with their files: every message the readers give (a
workbook's hidden sheet, a CSV's misplaced quote, a YAML tab, a date that cannot exist) is a template the Welsh
catalogue translates, with the partner's own words (a sheet's name, a cell's text) kept as written, months and
weekdays in Welsh, and the English words exactly as before."""
from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bidkit.cli import cli
from bidkit.evidence.dates import DateError, parse_date, parse_period
from bidkit.i18n import words
from bidkit.problems import Label, Message, Place, Problem, message_of
from conftest import MINIMAL, problems_of, write_tree, xlsx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "partner_files"))
import make_corpus  # noqa: E402

from adversarial.test_hostile_evidence import CASES as HOSTILE  # noqa: E402

PACKAGE = HERE.parent / "bidkit"
READERS = ["biff", "csvfile", "dates", "files", "readers", "sheetfacts", "spreadsheets", "tables", "textfile",
           "yamlfile"]
CY = words("cy")


def check(root: Path, *options: str) -> list[str]:
    result = CliRunner().invoke(cli, ["check", str(root), *options], catch_exceptions=False)
    return result.output.splitlines()


def case(name: str, tmp_path: Path) -> Path:
    return make_corpus.assemble(name, tmp_path / name)


def workbook(name: str, tmp_path: Path) -> Path:
    """A workbook of tests/spreadsheets as the project's meetings."""
    source = HERE / "spreadsheets" / "files" / name
    root = write_tree(tmp_path / "project", {**MINIMAL, "meetings.csv": None})
    shutil.copy(source, root / f"meetings{source.suffix}")
    return root


# ---------------------------------------------------------------- exact lines, in Welsh and in English

LINES = [
    ("yaml-tabs", ["meetings.yaml:3: nid yw hwn yn YAML dilys: mae'r llinell hon wedi'i mewnoli â thab; mae YAML "
                   "yn mewnoli â bylchau yn unig: rhowch fylchau yn lle'r tab"],
     ["meetings.yaml:3: this is not valid YAML: this line is indented with a tab; YAML indents with spaces only: "
      "replace the tab with spaces"]),
    ("hidden-sheet-old-copy", ["meetings.xlsx[Meetings (old)]: rhybudd: mae'r ddalen 'Meetings (old)' wedi'i "
                               "chuddio ac ni chafodd ei darllen: nid yw dalennau cudd yn dystiolaeth (datguddiwch "
                               "hi os yw ei rhesi'n cyfrif)"],
     ["meetings.xlsx[Meetings (old)]: warning: the sheet 'Meetings (old)' is hidden and was not read: hidden sheets "
      "are not evidence (unhide it if its rows count)"]),
    ("csv-unquoted-comma", ["meetings.csv:3: mae 6 cell yn rhes 3 ond mae'r rhes gyntaf yn enwi 5 colofn: oes coma "
                            "y tu mewn i werth? Rhowch y gwerth hwnnw rhwng dyfynodau dwbl (\"Met the board, agreed "
                            "next steps\"), neu gadwch y ffeil eto o Excel neu LibreOffice, sy'n ychwanegu'r "
                            "dyfynodau"],
     ["meetings.csv:3: row 3 has 6 cells but the first row names 5 columns: is there a comma inside a value? Put "
      "that value in double quotes (\"Met the board, agreed next steps\"), or save the file again from Excel or "
      "LibreOffice, which adds the quotes"]),
    ("formula-error-cells-xls", ["meetings.xls[Meetings]!B3: title: mae'r gell yn dangos #N/A, gwall o'i fformiwla "
                                 "(ni ddaeth chwiliad o hyd i gyfatebiaeth); cywirwch y fformiwla, neu deipiwch y "
                                 "gwerth yn ei lle"],
     ["meetings.xls[Meetings]!B3: title: the cell shows #N/A, an error from its formula (a lookup found no match); "
      "correct the formula, or type the value in its place"]),
    ("hidden-rows-and-columns", ["meetings.xlsx[Meetings]!I1: rhybudd: mae colofn I ('Budget code') wedi'i chuddio "
                                 "ac ni chafodd ei darllen: nid yw colofnau cudd yn dystiolaeth (datguddiwch hi os "
                                 "yw'n cyfrif)",
                                 "meetings.xlsx[Meetings]:4: rhybudd: mae rhes 4 wedi'i chuddio ac ni chafodd ei "
                                 "darllen: nid yw rhesi cudd yn dystiolaeth (datguddiwch res os yw'n cyfrif)"],
     ["meetings.xlsx[Meetings]!I1: warning: column I ('Budget code') is hidden and not read: hidden columns are not "
      "evidence (unhide it if it counts)",
      "meetings.xlsx[Meetings]:4: warning: row 4 is hidden and not read: hidden rows are not evidence (unhide a row "
      "if it counts)"]),
    ("empty-workbook", ["meetings-involve.xlsx[Sheet1]: rhybudd: mae'r ddalen yn wag: ni ddarllenwyd dim cyfarfodydd "
                        "ohoni"],
     ["meetings-involve.xlsx[Sheet1]: warning: the sheet is empty: no meetings were read from it"]),
    ("csv-neither-utf8-nor-windows-1252", ["meetings.csv:3: title: mae 'Gr?n forum' yn cynnwys llythyren nad yw'n "
                                           "UTF-8 nac yn Windows-1252 (beit 0x81, a ddangosir fel ?), wedi'i gludo o "
                                           "hen raglen efallai, felly ni all bidkit ddweud beth yw hi; teipiwch hi "
                                           "eto; fel arall, cadwch y ffeil eto fel 'CSV UTF-8 (Comma delimited)'"],
     ["meetings.csv:3: title: 'Gr?n forum' holds a letter that is neither UTF-8 nor Windows-1252 (byte 0x81, shown "
      "as ?), perhaps pasted from an old program, so bidkit cannot tell what it is; retype it, or save the file "
      "again as 'CSV UTF-8 (Comma delimited)'"]),
]


@pytest.mark.parametrize("name, welsh, english", LINES, ids=[c[0] for c in LINES])
def test_a_partner_file_s_problems_are_told_in_welsh_and_the_english_is_unchanged(name, welsh, english, tmp_path):
    root = case(name, tmp_path)
    in_welsh, in_english = check(root, "--lang", "cy"), check(root, "--lang", "en")
    assert [line for line in in_welsh if line in welsh] == welsh, "\n".join(in_welsh)
    assert [line for line in in_english if line in english] == english, "\n".join(in_english)


def test_rows_above_the_header_are_listed_with_the_welsh_and(tmp_path):
    lines = check(workbook("title-rows.xlsx", tmp_path), "--lang", "cy")
    assert "meetings.xlsx[Meetings]!A1: rhybudd: mae rhesi 1 a 2 uwchben enwau'r colofnau (rhes 4) ac ni chawsant " \
           "eu darllen: 'WCVA engagement log 2018–19'" in lines
    english = check(workbook("title-rows.xlsx", tmp_path / "en"), "--lang", "en")
    assert "meetings.xlsx[Meetings]!A1: warning: rows 1 and 2 are above the column names (row 4) and not read: " \
           "'WCVA engagement log 2018–19'" in english


def test_a_welsh_project_is_told_in_welsh_without_asking(tmp_path):
    root = case("yaml-tabs", tmp_path)
    text = (root / "project.yaml").read_text(encoding="utf-8")
    (root / "project.yaml").write_text(text + "languages: [cy, en]\n", encoding="utf-8")
    assert any(line.startswith("meetings.yaml:3: nid yw hwn yn YAML dilys: ") for line in check(root))


def test_lock_files_beside_a_workbook_are_passed_over_without_a_word(tmp_path):
    for name in ("lock-file-excel", "lock-file-libreoffice"):
        root = case(name, tmp_path)
        assert check(root, "--lang", "cy") == [f"{root}: mae'r dystiolaeth yn ddilys (dim problemau)"]


# ---------------------------------------------------------------- dates: Welsh months and weekdays

def told(text: str, parse=parse_date) -> tuple[str, str]:
    """(English, Welsh) of the message a date that cannot be read raises, as a problem at its cell."""
    with pytest.raises(DateError) as caught:
        parse(text)
    problem = Problem.at(Place("meetings.csv", None, 2), "date", message_of(caught.value), text)
    assert str(caught.value) == problem.message
    return problem.message, problem.words(CY)


@pytest.mark.parametrize("text, english, welsh", [
    ("31/02/2019", "'31/02/2019' is not a real date (February 2019 has 28 days)",
     "nid yw '31/02/2019' yn ddyddiad go iawn (28 diwrnod sydd ym mis Chwefror 2019)"),
    ("11/13/2018", "'11/13/2018' is not a real date (there is no month 13); dates are read day first, so if you "
                   "meant 13 November 2018 write 13/11/2018 or 2018-11-13",
     "nid yw '11/13/2018' yn ddyddiad go iawn (nid oes mis 13); darllenir dyddiadau â'r diwrnod yn gyntaf, felly "
     "os oeddech chi'n golygu 13 Tachwedd 2018 ysgrifennwch 13/11/2018 neu 2018-11-13"),
    ("Mon 13 Nov 2018", "'Mon 13 Nov 2018' cannot be right: 13 November 2018 is a Tuesday, not a Monday; check the "
                        "date and write it as 13/11/2018 or 2018-11-13",
     "ni all 'Mon 13 Nov 2018' fod yn gywir: dydd Mawrth yw 13 Tachwedd 2018, nid dydd Llun; gwiriwch y dyddiad "
     "a'i ysgrifennu fel 13/11/2018 neu 2018-11-13"),
    ("2019-13-01", "'2019-13-01' is not a real date (there is no month 13)",
     "nid yw '2019-13-01' yn ddyddiad go iawn (nid oes mis 13)"),
    ("next Tuesday", "'next Tuesday' is not a date bidkit understands; write it as 2018-11-14 or 14/11/2018",
     "nid yw 'next Tuesday' yn ddyddiad y mae bidkit yn ei ddeall; ysgrifennwch ef fel 2018-11-14 neu 14/11/2018"),
])
def test_a_date_that_cannot_be_read_is_told_in_welsh_with_welsh_months(text, english, welsh):
    assert told(text) == (english, welsh)


def test_a_period_that_ends_before_it_starts_is_told_in_welsh():
    assert told("Jan 2019 - Nov 2018", parse_period)[1] == "mae 'Jan 2019 - Nov 2018' yn gorffen cyn iddo ddechrau"


def test_the_date_a_validator_refuses_carries_its_template_to_the_checks():
    """validate.py turns a pydantic error into a problem: its ctx keeps the DateError, whose Message is there for
    the Welsh words (and whose str() is the English, as before)."""
    from pydantic import TypeAdapter, ValidationError
    from pydantic.functional_validators import BeforeValidator
    from typing import Annotated

    from bidkit.evidence.values import as_date

    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Annotated[date, BeforeValidator(as_date)]).validate_python("31/02/2019")
    error = caught.value.errors()[0]["ctx"]["error"]
    assert isinstance(message_of(error), Message)
    assert str(error) == "'31/02/2019' is not a real date (February 2019 has 28 days)"


# ---------------------------------------------------------------- hostile files

ADVERSARIAL = [
    ("a UTF-16 CSV cut short", {"meetings.csv": "\ufeffdate,title\n14/11/2018,x\n".encode("utf-16-le") + b"\x00\xd8"},
     "meetings.csv: mae'r ffeil yn dechrau fel testun UTF-16 ond mae wedi'i difrodi ymhellach ymlaen (efallai iddi "
     "gael ei thorri'n fyr); agorwch hi, yna cadwch y ffeil eto fel 'CSV UTF-8 (Comma delimited)'"),
    ("a quote never closed, on a later line than its row",
     {"meetings.csv": 'date,title,partners\n14/11/2018,"Launch\nnight",wcva\n28/11/2018,"Open,wcva\n'},
     "meetings.csv:3: title: mae dyfynnod (\") yn agor y gell hon a byth yn cau, felly byddai gweddill y ffeil yn "
     "cael ei ddarllen fel un gell; ychwanegwch y dyfynnod cau, neu dynnwch yr un agor (ysgrifennir dyfynnod y tu "
     "mewn i gell rhwng dyfynodau ddwywaith: \"\") (llinell 4 mewn golygydd testun)"),
    ("YAML anchors", {"partners.csv": None, "partners.yaml": "- &a {id: wcva}\n- *a\n"},
     "partners.yaml:1: ni chaniateir angorau ac arallenwau YAML (& a *); ysgrifennwch y gwerth yn llawn"),
    ("a PDF named .csv", {"meetings.csv": b"%PDF-1.4\n"},
     "meetings.csv: PDF yw'r ffeil hon mewn gwirionedd, nid tabl; anfonwch y daenlen ei hun (.xlsx, .ods neu .csv)"),
    ("outcomes in a CSV", {"outcomes.csv": "id,title\na,b\n"},
     "outcomes.csv: ysgrifennir canlyniadau mewn YAML (outcomes.yaml), nid CSV"),
    ("a file named after no kind", {"notes.csv": "what,who\nx,y\n"},
     "notes.csv: rhybudd: nid yw bidkit yn gwybod beth sydd yn y ffeil hon; enwch hi ar ôl math o dystiolaeth "
     "(partners, meetings, reading-list, action-plan, delivery-plan, budget, other-funding, outcomes), e.e. "
     "meetings-wcva.csv"),
    ("a workbook with a meetings sheet under another name",
     {"meetings.csv": None, "meetings.xlsx": xlsx({"Meetings": [["date", "title", "partners"],
                                                                ["14/11/2018", "x", "wcva"]],
                                                   "Log": [["date", "title", "partners"]]})},
     "meetings.xlsx[Log]: mae gan y ddalen 'Log' golofnau cyfarfodydd ond dim ond dalennau wedi'u henwi ar ôl math y "
     "mae bidkit yn eu darllen, felly ni chyfrifwyd dim o'i rhesi; ailenwch y ddalen yn 'Meetings 2'"),
]


@pytest.mark.parametrize("what, files, welsh", ADVERSARIAL, ids=[c[0] for c in ADVERSARIAL])
def test_a_hostile_file_is_refused_in_welsh(what, files, welsh, tmp_path):
    root = write_tree(tmp_path / "project", {**MINIMAL, **files})
    assert welsh in check(root, "--lang", "cy")


# ---------------------------------------------------------------- every reader's message, across the corpus

def readers_templates() -> set:
    """Every template marked in the readers (and messages.py's YAML words), as the catalogue holds them."""
    from babel.messages.extract import extract_from_file

    paths = [PACKAGE / "evidence" / f"{name}.py" for name in READERS] + [PACKAGE / "messages.py"]
    found = set()
    for path in paths:
        for _, message, _, _ in extract_from_file("python", str(path), keywords={"N_": None, "plural": (1, 2)}):
            found.add(message)
    return found


def translated(msgid) -> bool:
    from bidkit.i18n.catalogue import catalog

    entry = catalog("cy").get(msgid)
    strings = [entry.string] if entry is not None and isinstance(entry.string, str) else \
        list(entry.string) if entry is not None else []
    return bool(strings) and all(strings) and not entry.fuzzy


def untranslated_parts(template, args) -> list:
    """The template, and every Label and Message among its arguments, that the Welsh catalogue lacks."""
    missing = [] if translated(template) else [template]
    for value in (args or {}).values():
        if isinstance(value, Message):
            missing += untranslated_parts(value.template, value.args)
        elif isinstance(value, Label) and not translated(str(value)):
            missing.append(str(value))
    return missing


def corpus_problems(tmp_path: Path) -> list[Problem]:
    found = []
    for entry in yaml.safe_load(make_corpus.CASES_YAML.read_text(encoding="utf-8"))["cases"]:
        found += problems_of(make_corpus.assemble(entry["id"], tmp_path / entry["id"]))
    for i, source in enumerate(sorted((HERE / "spreadsheets" / "files").iterdir())):
        found += problems_of(workbook(source.name, tmp_path / f"sheet-{i}"))
    for i, (_, files, _, _) in enumerate(HOSTILE):
        found += problems_of(write_tree(tmp_path / f"hostile-{i}", {**MINIMAL, **files}))
    for i, (_, files, _) in enumerate(ADVERSARIAL):
        found += problems_of(write_tree(tmp_path / f"adversarial-{i}", {**MINIMAL, **files}))
    return found


def test_every_reader_message_across_the_corpus_is_translated(tmp_path):
    mine = readers_templates()
    problems = [p for p in corpus_problems(tmp_path) if p.template in mine]
    assert len({p.template for p in problems}) >= 25           # the corpus reaches most of the readers' messages
    missing = {p.message: untranslated_parts(p.template, p.args) for p in problems
               if untranslated_parts(p.template, p.args)}
    assert missing == {}
    same = [p.message for p in problems if p.words(CY) == p.message]
    assert same == [], "told in English to a Welsh reader"
