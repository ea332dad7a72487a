"""The example's funding proposal read back as an assessor reads it, from the DOCX and the PDF: the Timetable is
the delivery plan in real months, the outcomes are the funded ones with their yearly targets, the budget shows
the other funding and the total cost, and the labels say what the figures count."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("proposal")
    result = subprocess.run([sys.executable, "-m", "bidkit", "build", str(EXAMPLE), "--out", str(out), "--doc",
                             "funding-proposal", "--format", "docx", "--format", "pdf"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def docx_tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in docx.Document(path).tables]


def docx_section(path: Path, heading: str) -> str:
    """The text of one Heading 1 section (paragraphs only), to say what a section holds and what it does not."""
    found, inside = [], False
    for p in docx.Document(path).paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text == heading
        elif inside:
            found.append(p.text)
    return "\n".join(found)


def tables_headed(path: Path, first: list[str]) -> list[list[list[str]]]:
    return [t for t in docx_tables(path) if t[0][:len(first)] == first]


def plan_rows() -> list[dict]:
    with open(EXAMPLE / "delivery-plan.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


QUARTERS = {"1": "Q1 (Sept {0} – Nov {0})", "2": "Q2 (Dec {0} – Feb {1})", "3": "Q3 (Mar {1} – May {1})",
            "4": "Q4 (Jun {1} – Aug {1})", "": "Whole year (Sept {0} – Aug {1})"}


def expected_timetable() -> list[list[str]]:
    """The delivery plan as the Timetable should show it, worked out here from start_date 1 September 2019."""
    names = {"wcva": "Wales Council for Voluntary Action", "edf": "Equality and Diversity Forum",
             "inclusion-scotland": "Inclusion Scotland", "equality-coalition-ni": "Equality Coalition (Northern Ireland)",
             "friendly-info": "The Friendly Information Company", "participation-cymru": "Participation Cymru",
             "ehr-coalition": "Equalities & Human Rights Coalition", "odi-cardiff": "ODI Cardiff",
             "welsh-government": "Welsh Government", "copro-wales": "Co-Production Network for Wales",
             "cvcs": "County Voluntary Councils", "fg-commissioner": "Office of the Future Generations Commissioner "
             "for Wales", "involve": "Involve", "naw": "National Assembly for Wales", "wiserd": "WISERD",
             "ers-cymru": "Electoral Reform Society Cymru", "wao": "Wales Audit Office"}
    rows = []
    for row in sorted(plan_rows(), key=lambda r: (int(r["Year"]), int(r["Quarter"] or 0))):
        start = 2018 + int(row["Year"])
        rows.append([QUARTERS[row["Quarter"]].format(start, start + 1), row["Activity"],
                     ", ".join(names[x.strip()] for x in row["Leads"].split(";")), row["Outputs"],
                     "Yes" if row["Milestone"] == "yes" else ""])
    return rows


def test_the_timetable_is_the_delivery_plan_in_real_months(built):
    path = built / "funding-proposal.docx"
    tables = tables_headed(path, ["When", "Activity", "Leads", "Outputs", "Milestone"])
    assert len(tables) == 3                                   # one a year of the grant
    assert [row for t in tables for row in t[1:]] == expected_timetable()
    text = docx_section(path, "Timetable")
    for title in ("Year 1: Sept 2019 – Aug 2020", "Year 2: Sept 2020 – Aug 2021", "Year 3: Sept 2021 – Aug 2022"):
        assert title in text.splitlines()
    assert "The grant runs for 3 years, from 1 September 2019 to 31 August 2022." in text
    milestones = tables_headed(path, ["When", "Milestone"])[0][1:]
    assert milestones[0] == ["Year 1, Q1 (Sept 2019 – Nov 2019)", expected_timetable()[0][1]]
    assert len(milestones) == sum(r["Milestone"] == "yes" for r in plan_rows())
    pdf = pdf_text(built / "funding-proposal.pdf")
    # a line broken after a hyphen ("well-" / "being") reads back as "well- being"
    timetable = re.sub(r"-\s+", "-", pdf[pdf.rindex("Timetable The grant runs"):pdf.rindex("Budget")])
    for when, activity, *_rest in expected_timetable():
        assert squash(f"{when} {activity}") in timetable or (when in timetable and activity in timetable), activity
    for title in ("Year 1: Sept 2019 – Aug 2020", "Year 3: Sept 2021 – Aug 2022", "Delivery plan by quarter"):
        assert title in timetable


def test_no_development_activity_in_the_proposal(built):
    """The action plan so far (the 2017–19 plan, with its Done and Dropped) is the report's, never the plan."""
    from bidkit.evidence import load

    ev = load(EXAMPLE)
    assert len(ev.action_plan) == 24
    pdf = pdf_text(built / "funding-proposal.pdf")
    words = squash("\n".join(p.text for p in docx.Document(built / "funding-proposal.docx").paragraphs) + "\n" +
                   "\n".join(c for t in docx_tables(built / "funding-proposal.docx") for r in t for c in r))
    for action in ev.action_plan:
        assert squash(action.activity)[:60] not in pdf and squash(action.activity)[:60] not in words, action.activity
    for label in ("Activities by status", "Action plan timeline", "Dropped"):
        assert label not in pdf and label not in words


def test_the_outcomes_are_the_funded_ones_with_yearly_targets(built):
    from bidkit.evidence import load

    ev = load(EXAMPLE)
    funded = [o for o in ev.outcomes if o.phase == "funded"]
    assert len(funded) == 3
    path = built / "funding-proposal.docx"
    tables = tables_headed(path, ["Indicator", "Unit", "Baseline", "Year 1", "Year 2", "Year 3",
                                  "How we will measure it"])
    assert len(tables) == len(funded)
    assert tables[0][1] == ["Local equality groups trained", "groups", "0", "20", "50", "80",
                            "Training registers kept by the lead network in each nation; a group counts once"]
    assert [[row[0] for row in t[1:]] for t in tables] == [[i.name for i in o.indicators] for o in funded]
    text = docx_section(path, "Outcomes and how we will measure them")
    pdf = pdf_text(built / "funding-proposal.pdf")
    outcomes = pdf[pdf.rindex("Outcomes and how we will measure them"):pdf.rindex("Timetable")]
    for o in ev.outcomes:
        assert (o.title in text) == (o.phase == "funded"), o.title
        assert (o.title in outcomes) == (o.phase == "funded"), o.title
    assert "Local equality groups trained groups 0 20 50 80 Training registers" in outcomes
    assert "Funding proposal submitted by the consortium" not in pdf and "Actual" not in outcomes


def test_the_report_and_the_concept_paper_keep_the_development_outcomes():
    from bidkit.documents import document
    from bidkit.pipeline import open_project

    drafts = open_project(EXAMPLE)
    for name, section in (("project-report", "outcomes"), ("concept-paper", "outcomes")):
        doc = document(drafts.writer, name)
        items = next(s for s in doc.sections if s.id == section).items
        titles = [i.text for i in items if i.kind == "heading"]
        assert titles == [o.title for o in drafts.evidence.outcomes if o.phase == "development"], name
        tables = [i for i in items if i.kind == "table"]
        assert all("Actual" in t.columns for t in tables)
        proposal = next(r for t in tables for r in t.rows if r[0] == "Funding proposal submitted by the consortium")
        assert proposal[4] == "0"


def test_the_budget_shows_other_funding_and_the_total_cost(built):
    path = built / "funding-proposal.docx"
    other = tables_headed(path, ["Source", "Status", "Year", "Amount"])[0]
    assert other[1:] == [["Wales Council for Voluntary Action", "Secured", "Year 3", "£4,000"],
                         ["Consortium partners' staff time", "In kind", "Any year", "£6,400"],
                         ["Co-Production Network for Wales", "Pending", "Year 2", "£2,000"],
                         ["", "", "Total", "£12,400"]]
    budget = tables_headed(path, ["Heading", "Year 1", "Year 2", "Year 3", "Total"])[0]
    assert budget[-1] == ["Total", "£83,200", "£82,300", "£84,100", "£249,600"]
    pdf = pdf_text(built / "funding-proposal.pdf")
    budget_pdf = pdf[pdf.rindex("Budget How the total cost is met"):]
    assert budget_pdf.index("Total cost £262,000") < budget_pdf.index("Budget by heading and year")   # first
    for text in ("Total £83,200 £82,300 £84,100 £249,600", "Wales Council for Voluntary Action Secured Year 3 £4,000",
                 "Total £12,400", "Amount requested £249,600", "Other funding: secured £4,000",
                 "Other funding: pending £2,000", "Other funding: in kind £6,400", "Total cost £262,000"):
        assert text in budget_pdf, text
    words = "\n".join(c for t in docx_tables(path) for r in t for c in r)
    for label, value in (("Amount requested", "£249,600"), ("Other funding: in kind", "£6,400"),
                         ("Total cost", "£262,000")):
        assert f"{label}\n{value}" in words, label


def test_the_form_json_agrees_with_the_documents_and_the_profile(built):
    from bidkit.evidence import load
    from bidkit.evidence.funders.profile import load_profile

    data = json.loads((built / "funding-proposal.json").read_text(encoding="utf-8"))
    profile = load_profile(data["profile"])
    ev = load(EXAMPLE)
    assert data["projectTotalCost"] == data["projectAmountRequested"] + data["otherFundingTotal"] == 262000
    assert sum(f["amount"] for f in data["otherFunding"]) == data["otherFundingTotal"]
    assert {f["status"] for f in data["otherFunding"]} == {"secured", "pending", "in-kind"}
    assert profile.rules.amount_min <= data["projectAmountRequested"] <= data["projectTotalCost"]
    assert all(q.field in data and data[q.field] for q in profile.questions)
    plan = data["deliveryPlan"]
    assert len(plan) == len(plan_rows())
    assert {p["year"] for p in plan} == set(range(1, data["projectDurationYears"] + 1))
    assert plan[0]["start"] == data["projectStartDate"] == "2019-09-01"
    assert plan[-1]["end"] == "2022-08-31"
    whole_year = next(p for p in plan if p["quarter"] is None)
    assert (whole_year["start"], whole_year["end"]) == ("2020-09-01", "2021-08-31")
    for outcome in data["outcomes"]:
        for i in outcome["indicators"]:
            assert list(i["targets"]) == ["1", "2", "3"] and i["targets"]["3"] == i["target"] and i["howMeasured"]
    assert [o["id"] for o in data["outcomes"]] == [o.id for o in ev.outcomes if o.phase == "funded"]
    assert data["beneficiariesNumber"] == 1200
    assert data["beneficiariesCharacteristics"] == ev.project.focus.characteristics


def test_who_will_benefit_is_one_list_with_the_number_of_people(built):
    from bidkit.evidence import load

    ev = load(EXAMPLE)
    data = json.loads((built / "funding-proposal.json").read_text(encoding="utf-8"))
    text = docx_section(built / "funding-proposal.docx", "Who will benefit")
    listed = [line for line in text.splitlines()[2:] if line]
    labels = {"age": "Age", "disability": "Disability", "gender-reassignment": "Gender reassignment",
              "pregnancy-maternity": "Pregnancy and maternity", "race": "Race", "religion-belief": "Religion or belief",
              "sex": "Sex", "sexual-orientation": "Sexual orientation"}
    assert listed == [labels[c] for c in data["beneficiariesCharacteristics"]]
    assert len(listed) == 8 and "Marriage and civil partnership" not in text
    assert text.startswith("1,200 people will benefit over the grant.")
    pdf = pdf_text(built / "funding-proposal.pdf")
    section = pdf[pdf.rindex("Who will benefit 1,200"):pdf.rindex("How people have been involved")]
    assert [c for c in labels.values() if c in section] == listed and "Marriage" not in section
    assert len({c for p in ev.partners for c in p.characteristics}) == 9     # the partners' list is not it


def test_attendances_are_called_attendances_and_supporters_are_counted_apart(built):
    pdf = pdf_text(built / "funding-proposal.pdf")
    words = "\n".join(p.text for p in docx.Document(built / "funding-proposal.docx").paragraphs)
    tables = "\n".join(c for t in docx_tables(built / "funding-proposal.docx") for r in t for c in r)
    assert "People reached (attendances) 261" in pdf and "People reached (attendances)\n261" in tables
    assert "261 attendances" in pdf and "261 attendances" in words
    assert not re.search(r"261 people", pdf + words + tables)
    assert "organisations support this proposal" not in pdf + words
    assert ("The consortium has 7 members, led by Wales Council for Voluntary Action. 6 more organisations support "
            "the proposal, and 4 are stakeholders we work with.") in pdf
    path = built / "funding-proposal.docx"
    supporters = tables_headed(path, ["Organisation", "Type", "Nation"])
    assert [len(t) - 1 for t in supporters] == [6, 4]
    assert all(row[1] != "Public body" for row in supporters[0][1:])
    assert {row[1] for row in supporters[1][1:]} == {"Public body"}
    consortium = tables_headed(path, ["Partner", "Type", "Nation", "Role"])[0]
    assert {row[3] for row in consortium[1:]} == {"Lead", "Consortium member"} and len(consortium) - 1 == 7
