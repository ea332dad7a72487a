"""Broken projects give exact (file, sheet, row, field) problem lists; good ones load with the right values."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from bidkit.evidence import load
from conftest import MINIMAL, places, problems_of, xlsx


def test_minimal_project_is_valid(make_project):
    ev = load(make_project())
    assert [m.title for m in ev.meetings] == ["First meeting", "Second meeting"]
    assert ev.meetings[0].partners == ["wcva", "involve"]
    assert ev.meetings[1].partners == ["involve"]          # a name resolves to the id
    assert ev.meetings[1].nation == "england"              # defaults to the first partner's nation
    assert ev.meetings[0].status == "held"                 # on or before as_of
    assert ev.warnings == []


def test_every_problem_in_one_pass_across_file_types(make_project):
    root = make_project({
        "meetings.csv": (
            "date,title,partners,attendees,status,Dtae\n"
            "31/02/2019,Impossible date,wcva,5,,\n"
            "14/11/2018,Unknown partner,wvca,5,,\n"
            "14/11/2018,Bad number,wcva,twelve,,\n"
            "2019-06-01,Held in future,wcva,5,held,\n"
        ),
        "partners.csv": None,
        "partners.xlsx": xlsx({"Partners": [
            ["id", "name", "type", "nation", "role", "website"],
            ["wcva", "Wales Council for Voluntary Action", "charity", "wales", "lead", None],
            ["involve", "Involve", "charity", "N. Ireland", "consortium", "ftp://involve.org.uk"],
        ]}),
        "budget.csv": "heading,amount,year\nStaff,12500.50,1\nTravel,\"£1,000\",1\n",
        "outcomes.yaml": (
            "- id: reach\n"
            "  title: More people take part\n"
            "  indicators:\n"
            "    - id: met\n"
            "      name: Organisations met\n"
            "      measure: organisations_met\n"
            "      actual: 4\n"
        ),
        "narrative/summary.md": "We met {{ meetngs_held }} groups.\n",
    })
    found = problems_of(root)
    assert places(found) == [
        ("budget.csv", None, 2, "amount", "error"),
        ("meetings.csv", None, 1, "Dtae", "error"),
        ("meetings.csv", None, 2, "date", "error"),
        ("meetings.csv", None, 3, "partners", "error"),
        ("meetings.csv", None, 4, "attendees", "error"),
        ("meetings.csv", None, 5, "status", "error"),
        ("narrative/summary.md", None, 1, None, "error"),
        ("outcomes.yaml", None, 7, "indicators.actual", "error"),
        ("partners.xlsx", "Partners", 3, "nation", "error"),
        ("partners.xlsx", "Partners", 3, "website", "error"),
    ]
    text = {(p.file, p.row, p.field): p.message for p in found}
    assert text[("meetings.csv", 2, "date")] == "'31/02/2019' is not a real date (February 2019 has 28 days)"
    assert text[("meetings.csv", 1, "Dtae")].startswith("unknown column 'Dtae' (did you mean 'date'?)")
    assert text[("meetings.csv", 3, "partners")] == "'wvca' is not a partner (did you mean 'wcva'?)"
    assert text[("meetings.csv", 4, "attendees")] == "'twelve' is not a whole number"
    assert text[("partners.xlsx", 3, "nation")] == \
        "'N. Ireland' is not one of england, scotland, wales, northern-ireland, uk-wide"
    assert text[("budget.csv", 2, "amount")] == "'12500.50' has pence; funders take whole pounds (write 12,500)"
    assert text[("narrative/summary.md", 1, None)].startswith("unknown figure 'meetngs_held' (did you mean "
                                                               "'meetings_held'?)")
    assert text[("outcomes.yaml", 7, "indicators.actual")] == (
        "is given, but 'measure: organisations_met' counts it from the evidence; give one or the other, not both")


def test_compiler_style_line(make_project):
    root = make_project({"partners.csv": None, "partners.xlsx": xlsx({"Partners": [
        ["id", "name", "type", "nation", "role"],
        ["wcva", "WCVA", "charity", "wales", "lead"],
        ["involve", "Involve", "charity", "N. Ireland", "consortium"]]})})
    [problem] = problems_of(root)
    # a workbook problem names the cell a partner goes to (column D, row 3), and --json carries it as "cell"
    assert problem.line() == ("partners.xlsx[Partners]!D3: nation: 'N. Ireland' is not one of england, scotland, "
                              "wales, northern-ireland, uk-wide")
    assert (problem.row, problem.cell) == (3, "D3")


@pytest.mark.parametrize("header, bom", [("date;title;partners;attendees", b""),
                                         ("date;title;partners;attendees", b"\xef\xbb\xbf")])
def test_windows_1252_semicolon_and_bom_csv(make_project, header, bom):
    body = f"{header}\n14/11/2018;Cyfarfod â phartneriaid – café;wcva;7\n".encode("cp1252")
    root = make_project({"meetings.csv": bom + body if not bom else bom + body.decode("cp1252").encode("utf-8")})
    ev = load(root)
    assert ev.meetings[0].title == "Cyfarfod â phartneriaid – café"
    assert ev.meetings[0].attendees == 7


def test_excel_date_cells_and_text_dates(make_project):
    root = make_project({"meetings.csv": None, "meetings.xlsx": xlsx({"Sheet1": [
        ["Date", "Title", "Partners", "Attendees"],
        [datetime(2018, 11, 14), "Excel date", "wcva", 3],
        ["14 Nov 2018", "Text date", "wcva", 4.0],
        ["11/14/2018", "Month first", "wcva", 1],
    ]})})
    found = problems_of(root)
    # issue 12: a column whose only numeric date can be read only month first is one problem at its header
    assert [(p.row, p.cell, p.field) for p in found] == [(1, "A1", "date")]
    assert found[0].message.startswith("the dates in column 'Date' look month first")


def test_yaml_values_are_never_typed_by_the_parser(make_project):
    root = make_project({
        "project.yaml": MINIMAL["project.yaml"] + "version: 1.10\n",
        "partners.csv": None,
        "partners.yaml": (
            "- id: wcva\n  name: NO\n  type: charity\n  nation: wales\n  role: lead\n"
            "- id: '012'\n  name: 012\n  type: network\n  nation: england\n  role: consortium\n"
            "- name: Involve\n  type: charity\n  nation: england\n  role: consortium\n"
        ),
    })
    ev = load(root)
    assert ev.project.version == "1.10"
    assert [p.name for p in ev.partners] == ["NO", "012", "Involve"]
    assert [p.id for p in ev.partners] == ["wcva", "012", "involve"]     # the id is made from the name


@pytest.mark.parametrize("text, line, message", [
    ("title: A\ntitle: B\n", 2, "the key 'title' appears twice (first on line 1)"),
    ("base: &b\n  x: 1\nother: *b\n", 1, "YAML anchors and aliases (& and *) are not allowed; write the value out"),
    ("title: !!python/object:os.system x\n", 1,
     "YAML tags such as 'tag:yaml.org,2002:python/object:os.system' are not allowed; write plain values"),
])
def test_yaml_hazards(make_project, text, line, message):
    [problem] = problems_of(make_project({"project.yaml": text}))
    assert (problem.file, problem.row, problem.message) == ("project.yaml", line, message)


def test_split_files_of_two_partners_are_merged_with_places(make_project):
    root = make_project({
        "partners/ehrc/partners.yaml": ("- id: ehrc\n  name: Equalities & Human Rights Coalition\n"
                                        "  type: network\n  nation: wales\n  role: consortium\n"),
        "partners/wcva/meetings-wcva.csv": "date,title,partners,attendees\n21/01/2019,Joint meeting,wcva;ehrc,20\n",
        "meetings-ehrc.csv": ("date,title,partners,attendees\n21/01/2019,JOINT MEETING,ehrc;wcva,20\n"
                              "22/01/2019,Other,Equalities & Human Rights Coalition,4\n"),
    })
    ev = load(root)
    assert {p.id for p in ev.partners} == {"wcva", "involve", "ehrc"}
    titles = [m.title for m in ev.meetings]
    assert titles.count("Joint meeting") + titles.count("JOINT MEETING") == 1
    assert places(ev.warnings) == [("partners/wcva/meetings-wcva.csv", None, 2, None, "warning")]
    assert "also reported at meetings-ehrc.csv:2" in ev.warnings[0].message
    assert str(ev.partner("ehrc").place) == "partners/ehrc/partners.yaml:1"


def test_cross_checks(make_project):
    root = make_project({
        "project.yaml": MINIMAL["project.yaml"].replace("lead_partner: wcva", "lead_partner: ehrc")
        + "amount_requested: 20000\nduration_years: 2\n",
        "partners-more.csv": "id,name,type,nation,role,org_id\ninvolve,Involve again,charity,england,supporter,CHC-123\n",
        "budget.csv": "heading,amount,year,partner\nStaff,15000,1,wcva\nTravel,1000,3,nobody\n",
        "meetings.csv": "date,title,partners\n14/11/2018,A title\x07 with a bell,wcva\n",
    })
    found = problems_of(root)
    assert places(found) == [
        ("budget.csv", None, None, "amount", "error"),
        ("budget.csv", None, 3, "partner", "error"),
        ("budget.csv", None, 3, "year", "error"),
        ("meetings.csv", None, 2, "title", "error"),
        ("partners-more.csv", None, 2, "org_id", "error"),
        ("project.yaml", None, 2, "lead_partner", "error"),
    ]
    text = {(p.file, p.row, p.field): p.message for p in found}
    assert text[("budget.csv", None, "amount")] == ("the budget lines add up to £16,000 but amount_requested is "
                                                    "£20,000 (a difference of £4,000 under)")
    assert text[("meetings.csv", 2, "title")] == "contains the control character U+0007; remove it"


def test_duplicate_ids_across_files_and_missing_column(make_project):
    root = make_project({
        "partners-more.csv": "id,name,type,nation,role\ninvolve,Someone else,charity,england,supporter\n",
        "reading-list.csv": "title,year\nA report,2018\n",
    })
    assert places(problems_of(root)) == [
        ("partners.csv", None, 3, "id", "error"),
        ("reading-list.csv", None, 1, "source", "error"),
    ]


def test_text_limits(make_project):
    long = "x" * 2001
    root = make_project({"meetings.csv": f"date,title,partners,summary\n14/11/2018,Fine,wcva,{long}\n"})
    [problem] = problems_of(root)
    assert (problem.row, problem.field, problem.message) == (2, "summary",
                                                             "is 2,001 characters long; at most 2,000 are allowed")


def test_missing_project_yaml_and_folder(tmp_path):
    from bidkit.problems import BidkitError

    with pytest.raises(BidkitError):
        load(tmp_path / "nowhere")
    [problem] = problems_of(tmp_path)
    assert (problem.file, problem.severity) == ("project.yaml", "error")


def test_example_project_passes_with_only_intended_warnings():
    from conftest import EXAMPLE

    ev = load(EXAMPLE)
    assert all(p.severity == "warning" for p in ev.warnings)
    assert len(ev.reading_list) == 12
    assert {a.workstream_number for a in ev.action_plan} == {1, 2, 3, 4}
    assert date(2019, 2, 27) in {m.date for m in ev.meetings if m.kind == "summit"}
