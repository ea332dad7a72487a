"""The funded work as evidence: the delivery plan, the other funding, the funded outcomes' yearly targets, and what
an assessor would question, each at its file, row and field, all at once."""
from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from bidkit.cli import cli
from conftest import MINIMAL, problems_of, write_tree, xlsx

PROPOSAL = (
    "funder: tnlcf-funding-proposal\n"          # line 8
    "amount_requested: 20000\n"                 # line 9
    "total_cost: 23000\n"                       # line 10
    "duration_years: 3\n"                       # line 11
    "start_date: 2019-09-01\n"                  # line 12
    "organisation:\n  legal_name: Wales Council for Voluntary Action\n  type: unincorporated-registered-charity\n"
    "beneficiaries:\n  number: 100\n"
)
ANSWERS = {f"narrative/{q}.md": " ".join(["word"] * 100) + "\n" for q in (
    "your-idea-project", "your-idea-community", "your-idea-activities", "project-organisation", "project-spend")}
PLAN = ("year,quarter,activity,leads,outputs,milestone\n"
        "1,1,Recruit workers,wcva,Two workers in post,yes\n"
        "2,,Train groups,involve,20 sessions,\n"
        "3,4,Final summit,wcva;involve,Report,yes\n")
FUNDING = "source,amount,status\nWCVA,2000,secured\nPartners' time,1000,in-kind\n"
OUTCOMES = """\
- id: development
  title: Engagement so far
  indicators:
    - id: meetings
      name: Meetings held
      measure: meetings_held
- id: skills
  title: Groups have the skills to take part
  phase: funded
  indicators:
    - id: groups
      name: Groups trained
      unit: groups
      baseline: 0
      target: 30
      targets: {1: 10, 2: 20, 3: 30}
      how_measured: Training registers
"""
GOOD = {"project.yaml": MINIMAL["project.yaml"] + PROPOSAL, "delivery-plan.csv": PLAN,
        "other-funding.csv": FUNDING, "outcomes.yaml": OUTCOMES, **ANSWERS}


def found(problems) -> list[tuple]:
    return [(p.severity, p.file, p.sheet, p.row, p.cell, p.field) for p in problems]


def said(problems) -> dict[tuple, str]:
    return {(p.file, p.row, p.field): p.message for p in problems}


def test_a_complete_proposal_has_no_problem(make_project):
    from bidkit.evidence import load

    ev = load(make_project(GOOD))
    assert ev.warnings == [] and ev.questions == []
    assert [(a.year, a.quarter, a.is_milestone) for a in ev.delivery_plan] == [(1, 1, True), (2, None, False),
                                                                               (3, 4, True)]
    assert [(f.source, f.amount, f.status) for f in ev.other_funding] == [("WCVA", 2000, "secured"),
                                                                          ("Partners' time", 1000, "in-kind")]
    assert ev.outcomes[1].indicators[0].targets == {1: 10, 2: 20, 3: 30}


def test_bad_delivery_plan_rows_are_each_reported_at_their_row(make_project):
    plan = ("year,quarter,activity,leads\n"
            "1,1,Recruit workers,wcva\n"
            "4,2,Work after the grant,wcva\n"            # row 3: beyond duration_years
            "3,5,A fifth quarter,involve\n"              # row 4: quarter 5
            "1,2,Outside help,StatsWales\n")             # row 5: a lead who is no partner
    problems = problems_of(make_project({**GOOD, "delivery-plan.csv": plan}))
    assert found(problems) == [
        ("error", "delivery-plan.csv", None, 3, None, "year"),
        ("error", "delivery-plan.csv", None, 4, None, "quarter"),
        ("warning", "delivery-plan.csv", None, 5, None, "leads"),
    ]
    text = said(problems)
    assert text[("delivery-plan.csv", 3, "year")] == "is year 4, but duration_years in project.yaml is 3"
    assert text[("delivery-plan.csv", 4, "quarter")] == "must be 4 or less"
    assert text[("delivery-plan.csv", 5, "leads")] == "'StatsWales' is not a partner; it is shown as written"


def test_a_year_with_no_activity_is_a_warning_in_draft_and_an_error_in_final(make_project):
    plan = "year,activity\n1,Recruit workers\n3,Final summit\n"
    draft = problems_of(make_project({**GOOD, "delivery-plan.csv": plan}))
    assert found(draft) == [("warning", "delivery-plan.csv", None, None, None, "year")]
    assert draft[0].message == ("year 2 of the grant has no activity: the grant runs 3 years (duration_years in "
                                "project.yaml); add what it pays for in year 2")
    final = problems_of(make_project({**GOOD, "delivery-plan.csv": plan,
                                      "project.yaml": GOOD["project.yaml"] + "status: final\n"}))
    assert found(final) == [("error", "delivery-plan.csv", None, None, None, "year")]


def test_a_proposal_without_a_delivery_plan_is_an_error(make_project):
    problems = problems_of(make_project({**GOOD, "delivery-plan.csv": None}))
    assert found(problems) == [("error", "project.yaml", None, 8, None, "funder")]
    assert "has no delivery plan: add delivery-plan.csv" in problems[0].message


def test_a_delivery_plan_in_a_workbook_sheet_and_in_yaml_reads_the_same(tmp_path):
    from bidkit.evidence import load

    book = xlsx({"Delivery plan": [["Year", "Quarter", "Activity", "Leads", "Outputs", "Milestone"],
                                   [1, 1, "Recruit workers", "wcva", "Two workers in post", "Yes"],
                                   [2, None, "Train groups", "involve", "20 sessions", None],
                                   [3, 4, "Final summit", "wcva; involve", "Report", "yes"]],
                 "Other funding": [["Source", "Amount", "Status"], ["WCVA", 2000, "Secured"],
                                   ["Partners' time", 1000, "In kind"]]})
    def make_project(files: dict, name=iter("abc")):
        return write_tree(tmp_path / next(name), {**MINIMAL, **files})

    from_book = load(make_project({**GOOD, "delivery-plan.csv": None, "other-funding.csv": None,
                                   "consortium.xlsx": book}))
    yaml_plan = ("- {year: 1, quarter: 1, activity: Recruit workers, leads: [wcva], outputs: Two workers in post, "
                 "milestone: yes}\n- {year: 2, activity: Train groups, leads: [involve], outputs: 20 sessions}\n"
                 "- {year: 3, quarter: 4, activity: Final summit, leads: [wcva, involve], outputs: Report, "
                 "milestone: yes}\n")
    from_yaml = load(make_project({**GOOD, "delivery-plan.csv": None, "delivery-plan.yaml": yaml_plan}))
    from_csv = load(make_project(GOOD))
    dump = [[a.model_dump() for a in ev.delivery_plan] for ev in (from_book, from_yaml, from_csv)]
    assert dump[0] == dump[1] == dump[2]
    assert [f.model_dump() for f in from_book.other_funding] == [f.model_dump() for f in from_csv.other_funding]
    assert str(from_book.delivery_plan[2].place) == "consortium.xlsx[Delivery plan]:4"


def test_bad_delivery_plan_cells_in_a_workbook_name_their_cells(make_project):
    book = xlsx({"Delivery plan": [["Year", "Quarter", "Activity", "Leads"], [1, 1, "Recruit", "wcva"],
                                   [2, 5, "Train", "involve"], [7, None, "Later", "wcva"], [3, None, "End", "wcva"]]})
    problems = problems_of(make_project({**GOOD, "delivery-plan.csv": None, "consortium.xlsx": book}))
    assert found(problems) == [("error", "consortium.xlsx", "Delivery plan", 3, "B3", "quarter"),
                               ("error", "consortium.xlsx", "Delivery plan", 4, "A4", "year")]


def test_other_funding_that_does_not_add_up_gives_all_three_figures(make_project):
    funding = "source,amount,status,year\nWCVA,2000,secured,\nPartners' time,500,in-kind,5\n"
    problems = problems_of(make_project({**GOOD, "other-funding.csv": funding}))
    assert found(problems) == [("error", "other-funding.csv", None, None, None, "amount"),
                               ("error", "other-funding.csv", None, 3, None, "year")]
    text = said(problems)
    assert text[("other-funding.csv", None, "amount")] == (
        "amount_requested (£20,000) plus the other funding (£2,500) is £22,500, but total_cost is £23,000 "
        "(a difference of £500 under)")
    assert text[("other-funding.csv", 3, "year")] == "is year 5, but duration_years in project.yaml is 3"


def test_yearly_targets_that_fall_or_miss_the_target_are_errors_at_their_lines(make_project):
    outcomes = OUTCOMES.replace("targets: {1: 10, 2: 20, 3: 30}", "targets:\n        1: 10\n        2: 8\n"
                                "        3: 25") + """\
    - id: share
      name: Share of participants more confident
      unit: "%"
      baseline: 40
      target: 60
      targets: {1: 65, 2: 55, 3: 60}
      how_measured: A survey
    - id: responses
      name: Consultation responses
      unit: responses
      target: 12
      targets: {1: 4, 2: 8, 4: 12}
      how_measured: The groups' log
"""
    problems = problems_of(make_project({**GOOD, "outcomes.yaml": outcomes}))
    assert found(problems) == [
        ("error", "outcomes.yaml", None, 18, None, "indicators.groups.targets"),      # 2: 8
        ("error", "outcomes.yaml", None, 19, None, "indicators.groups.targets"),      # 3: 25
        ("error", "outcomes.yaml", None, 32, None, "indicators.responses.targets"),
        ("error", "outcomes.yaml", None, 32, None, "indicators.responses.targets"),
    ]
    assert [p.message for p in problems] == [
        "falls from 10 in year 1 to 8 in year 2: a count of groups so far cannot fall",
        "ends at 25 in year 3, but the indicator's target is 30: the last year's target is the target",
        "has a target for year 4, but duration_years in project.yaml is 3",
        "has no target for year 3 of the grant (it runs 3 years)",
    ]


def test_targets_belong_to_funded_outcomes(make_project):
    outcomes = OUTCOMES.replace("      measure: meetings_held\n", "      measure: meetings_held\n"
                                "      targets: {1: 1, 2: 2, 3: 3}\n")
    problems = problems_of(make_project({**GOOD, "outcomes.yaml": outcomes}))
    assert found(problems) == [("error", "outcomes.yaml", None, 7, None, "indicators.meetings.targets")]
    assert problems[0].message.startswith("yearly targets are for the funded work")


ASSESSOR_CASES = {
    "year-without-activity": ({"delivery-plan.csv": "year,activity\n1,Recruit\n2,Train\n"},
                              ("delivery-plan.csv", None, "year"), "year 3 of the grant has no activity"),
    "funded-outcome-without-targets": ({"outcomes.yaml": OUTCOMES.replace("      targets: {1: 10, 2: 20, 3: 30}\n",
                                                                          "")},
                                       ("outcomes.yaml", 11, "indicators.groups.targets"), "has no yearly targets"),
    "funded-outcome-without-how-measured": ({"outcomes.yaml": OUTCOMES.replace("      how_measured: Training "
                                                                               "registers\n", "")},
                                            ("outcomes.yaml", 11, "indicators.groups.how_measured"),
                                            "does not say how it will be measured: add 'how_measured'"),
    "total-cost-not-explained": ({"other-funding.csv": None}, ("project.yaml", 10, "total_cost"),
                                 "£23,000 is £3,000 more than amount_requested (£20,000), and no other funding "
                                 "says who pays the rest: add other-funding.csv"),
    "answer-under-its-minimum": ({"narrative/your-idea-community.md": "Too short.\n"},
                                 ("narrative/your-idea-community.md", None, None),
                                 "2 words; the funder asks for at least 50"),
    "public-body-as-supporter": ({"partners.csv": MINIMAL["partners.csv"] + "wg,Welsh Government,public-body,wales,"
                                                                            "supporter\n"},
                                 ("partners.csv", 4, "role"), "'Welsh Government' is a public body counted as "
                                                              "supporting the proposal"),
    "nation-without-a-meeting": ({"project.yaml": GOOD["project.yaml"].replace("nations: [wales, england]",
                                                                             "nations: [wales, england, scotland]")},
                                 ("project.yaml", 7, "nations"), "'scotland' is named, but no meeting was held in "
                                                                 "Scotland"),
}


@pytest.mark.parametrize("case", ASSESSOR_CASES)
def test_each_assessor_question_is_a_warning_in_status(make_project, case):
    files, (file, row, field), words = ASSESSOR_CASES[case]
    root = make_project({**GOOD, **files})
    result = CliRunner().invoke(cli, ["status", str(root), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    asked = [(q["severity"], q["file"], q["row"], q["field"]) for q in data["assessor"]]
    assert asked == [("warning", file, row, field)]
    assert words in data["assessor"][0]["message"]
    assert data["assessor"][0] in data["warnings"] and not data["ready"]
    human = CliRunner().invoke(cli, ["status", str(root)], catch_exceptions=False)
    lines = human.stdout.splitlines()
    heading = lines.index("What an assessor would question (1):")
    assert lines[heading + 1].startswith(f"{file}:") and words in lines[heading + 1]
    assert sum(words in line for line in lines) == 1            # listed once, under the assessor's heading


def test_a_good_proposal_leaves_an_assessor_nothing_to_question(make_project):
    result = CliRunner().invoke(cli, ["status", str(make_project(GOOD)), "--json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    assert data["assessor"] == [] and data["warnings"] == [] and data["ready"]


def test_the_partner_workbook_holds_the_new_kinds_when_asked(make_project, tmp_path):
    root = make_project(GOOD)
    out = tmp_path / "book.xlsx"
    result = CliRunner().invoke(cli, ["workbook", str(root), "--out", str(out), "--kinds",
                                      "delivery-plan,other-funding"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Instructions", "Delivery plan", "Other funding", "Lists"]
    assert [c.value for c in book["Delivery plan"][1]] == ["year", "quarter", "activity", "workstream", "leads",
                                                          "outputs", "milestone", "notes"]
    assert [c.value for c in book["Other funding"][1]] == ["source", "amount", "status", "year", "notes"]
    book["Delivery plan"].append([1, 1, "Recruit", None, "wcva", None, "Yes"])
    book["Delivery plan"].append([2, 6, "Train", None, "involve"])
    book["Delivery plan"].append([3, None, "End", None, "wcva"])
    book["Other funding"].append(["WCVA", 2000, "Secured"])
    book["Other funding"].append(["Partners' time", 1000, "Maybe"])
    book.save(root / "consortium.xlsx")
    (root / "delivery-plan.csv").unlink()
    (root / "other-funding.csv").unlink()
    problems = problems_of(root)
    assert found(problems) == [("error", "consortium.xlsx", "Delivery plan", 3, "B3", "quarter"),
                               ("error", "consortium.xlsx", "Other funding", 3, "C3", "status")]


def test_a_proposal_says_how_many_people_will_benefit(make_project):
    text = GOOD["project.yaml"].replace("beneficiaries:\n  number: 100\n", "")
    problems = problems_of(make_project({**GOOD, "project.yaml": text}))
    assert found(problems) == [("error", "project.yaml", None, None, None, "beneficiaries")]
    assert problems[0].message.startswith("is needed for the funding proposal: how many people will benefit")
