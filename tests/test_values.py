"""Issue 12, values and cross-checks: every file a partner really sends read right, or refused at its cell.

Each test gives the exact problems as (file, sheet, row, cell, field, severity) and the gist of each message.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from bidkit.evidence import load
from conftest import MINIMAL, problems_of, xlsx

PROJECT = MINIMAL["project.yaml"]     # period 1 Nov 2018 to 31 Mar 2019, as_of 15 Mar 2019


def cells(problems) -> list[tuple]:
    return [(p.file, p.sheet, p.row, p.cell, p.field, p.severity) for p in problems]


def said(problems) -> dict[tuple, str]:
    return {(p.file, p.row, p.field): p.message for p in problems}


# ---------------------------------------------------------------- 1. every check runs on whatever is valid

LONG_TITLE = "Equality, Good Relations: everybody shaping the SDGs and Open Government in Wales"
PROPOSAL = (
    f'title: "{LONG_TITLE}"\n'                     # line 1: 81 characters
    "lead_partner: wcva\n"
    "as_of: 2019-03-15\n"
    "period:\n  start: 2018-11-01\n  end: 2019-03-31\n"
    "nations: [wales, england]\n"
    "funder: tnlcf-funding-proposal\n"             # line 8
    "amount_requested: 9000\n"                     # line 9: under the £10,001 minimum
    "duration_years: 6\n"                          # line 10: over the 5-year maximum
    "organisation:\n  legal_name: Wales Council for Voluntary Action\n  type: unincorporated-registered-charity\n"
    "start_date: 2019-09-01\n"
    "beneficiaries:\n  number: 100\n"
)
ANSWERS = {f"narrative/{q}.md": " ".join(["word"] * 100) + "\n" for q in (
    "your-idea-project", "your-idea-community", "your-idea-activities", "project-organisation", "project-spend")}
ANSWERS["delivery-plan.csv"] = "year,activity\n" + "".join(f"{y},Work of year {y}\n" for y in range(1, 7))


def test_an_error_in_project_yaml_hides_no_cross_check(make_project):
    assert len(LONG_TITLE) == 81
    root = make_project({
        "project.yaml": PROPOSAL,
        "meetings.csv": ("date,title,partners,attendees\n"
                         "14/11/2018,Open Government network launch,wcva;involve,32\n"
                         "28/11/2018,Equality groups roundtable,Involv,14\n"),
        "budget.csv": "heading,description,amount\nStaff,Project coordinator,6000\nEvents,Two events,2500\n",
        **ANSWERS,
    })
    found = problems_of(root)
    assert cells(found) == [
        ("budget.csv", None, None, None, "amount", "error"),
        ("meetings.csv", None, 3, None, "partners", "error"),
        ("project.yaml", None, 1, None, "title", "error"),
        ("project.yaml", None, 9, None, "amount_requested", "error"),
        ("project.yaml", None, 10, None, "duration_years", "error"),
    ]
    text = said(found)
    assert text[("project.yaml", 1, "title")] == "is 81 characters long; at most 80 are allowed"   # once, not twice
    assert text[("meetings.csv", 3, "partners")] == "'Involv' is not a partner (did you mean 'Involve'?)"
    assert text[("budget.csv", None, "amount")] == ("the budget lines add up to £8,500 but amount_requested is "
                                                    "£9,000 (a difference of £500 under)")
    assert text[("project.yaml", 9, "amount_requested")] == "£9,000 is less than the £10,001 minimum"
    assert text[("project.yaml", 10, "duration_years")] == "6 is longer than the funder's 5"


def test_checks_that_need_an_invalid_key_are_left_out(make_project):
    """An invalid amount_requested is reported once: not again as 'needed', nor against the budget."""
    root = make_project({
        "project.yaml": PROPOSAL.replace(f'"{LONG_TITLE}"', "Test").replace("amount_requested: 9000",
                                                                            "amount_requested: 12500.50"),
        "budget.csv": "heading,amount,year\nStaff,6000,7\n",
        **ANSWERS,
    })
    found = problems_of(root)
    assert cells(found) == [
        ("budget.csv", None, 2, None, "year", "error"),           # duration_years is valid: still checked
        ("project.yaml", None, 9, None, "amount_requested", "error"),
        ("project.yaml", None, 10, None, "duration_years", "error"),
    ]
    assert said(found)[("project.yaml", 9, "amount_requested")].startswith("'12500.50' has pence")


def test_an_unreadable_project_yaml_hides_no_partner_reference(make_project):
    root = make_project({
        "project.yaml": "title: [Test\n",
        "meetings.csv": "date,title,partners\n14/11/2018,Launch,wvca\n",
    })
    found = problems_of(root)
    assert cells(found) == [("meetings.csv", None, 2, None, "partners", "error"),
                            ("project.yaml", None, 2, None, None, "error")]


def test_references_to_rows_with_errors_stay_unreported(make_project):
    root = make_project({
        "partners.csv": ("id,name,type,nation,role\nwcva,Wales Council for Voluntary Action,charity,wales,lead\n"
                         "involve,Involve,charity,N. Ireland,consortium\n"),
        "project.yaml": PROJECT.replace("title: Test project", f'title: "{LONG_TITLE}"'),
    })
    assert cells(problems_of(root)) == [("partners.csv", None, 3, None, "nation", "error"),
                                        ("project.yaml", None, 1, None, "title", "error")]


def test_the_budget_total_is_not_compared_when_a_line_has_an_error(make_project):
    root = make_project({
        "project.yaml": PROJECT + "amount_requested: 45000\n",
        "budget.csv": "heading,amount\nStaff,\"£30,000.00\"\nEvents,\"£15,000.50\"\n",
    })
    assert cells(problems_of(root)) == [("budget.csv", None, 3, None, "amount", "error")]


# ---------------------------------------------------------------- 3. month-first columns

US = ("date,title,partners,attendees\n"
      "11/13/2018,Open Government network launch,wcva,32\n"
      "12/4/2018,Equality groups roundtable,wcva,14\n"
      "1/15/2019,SDG webinar,involve,41\n"
      "2/5/2019,Women's network briefing,wcva,9\n")


def test_a_month_first_column_is_one_problem_at_its_header(make_project):
    found = problems_of(make_project({"meetings.csv": US}))
    assert cells(found) == [("meetings.csv", None, 1, None, "date", "error")]
    assert found[0].message == (
        "the dates in column 'date' look month first, as a computer set to US English writes them ('11/13/2018' "
        "can only be 13 November 2018 and '12/4/2018' could be 12 April 2018 or 4 December 2018), so none of its "
        "4 dates is read; write them day first (13/11/2018) or as 2018-11-13")


def test_a_month_first_column_makes_no_record_with_a_guessed_date():
    from bidkit.evidence.tables import table_from_records
    from bidkit.evidence.validate import validate_table
    from bidkit.problems import Place

    table = table_from_records("meetings", Place("meetings.csv"), [
        ["date", "title", "partners", "attendees"],
        ["11/13/2018", "Launch", "wcva", "32"],
        ["12/4/2018", "Roundtable", "wcva", "twelve"],      # its other errors are still reported
        [date(2018, 12, 12), "A date cell", "wcva", "41"],  # a real date cell is trusted
        ["14 Nov 2018", "A word month", "wcva", "9"],        # so is a month written as a word
    ])
    records, found = validate_table(table)
    assert [(r.title, r.date) for r in records] == [("A date cell", date(2018, 12, 12)),
                                                    ("A word month", date(2018, 11, 14))]
    assert cells(found) == [("meetings.csv", None, 1, None, "date", "error"),
                            ("meetings.csv", None, 3, None, "attendees", "error")]
    assert "none of its 2 dates is read" in found[0].message


def test_a_day_first_date_in_the_column_makes_the_month_first_one_a_slip(make_project):
    """13/11/2018 proves the column is day first: 11/14/2018 is then one mistyped cell, 12/4/2018 is 12 April."""
    root = make_project({"meetings.csv": ("date,title,partners\n13/11/2018,Launch,wcva\n"
                                          "11/14/2018,Roundtable,wcva\n12/4/2018,Webinar,wcva\n")})
    found = problems_of(root)
    assert cells(found) == [("meetings.csv", None, 3, None, "date", "error")]
    assert found[0].message == ("'11/14/2018' is not a real date (there is no month 14); dates are read day first, "
                                "so if you meant 14 November 2018 write 14/11/2018 or 2018-11-14")
    fixed = load(make_project({"meetings.csv": "date,title,partners\n13/11/2018,Launch,wcva\n"
                                               "12/4/2018,Webinar,wcva\n"}))
    assert [m.date for m in fixed.meetings] == [date(2018, 11, 13), date(2018, 4, 12)]


def test_a_column_of_ambiguous_dates_is_read_day_first(make_project):
    ev = load(make_project({"meetings.csv": "date,title,partners\n5/6/2018,A,wcva\n12/4/2018,B,wcva\n"}))
    assert [m.date for m in ev.meetings] == [date(2018, 6, 5), date(2018, 4, 12)]


def test_month_first_in_a_workbook_and_in_yaml(make_project):
    root = make_project({
        "meetings.csv": None,
        "meetings.xlsx": xlsx({"Meetings": [["title", "partners", "Date"], ["Launch", "wcva", "11/13/2018"],
                                            ["Roundtable", "wcva", "12/4/2018"]]}),
        "meetings-yaml.yaml": ("- date: 12/4/2018\n  title: Webinar\n  partners: wcva\n"
                               "- date: 1/15/2019\n  title: Forum\n  partners: wcva\n"),
    })
    found = problems_of(root)
    assert cells(found) == [("meetings-yaml.yaml", None, 4, None, "date", "error"),
                            ("meetings.xlsx", "Meetings", 1, "C1", "date", "error")]
    text = said(found)
    assert text[("meetings-yaml.yaml", 4, "date")].startswith("the dates under 'date' look month first")
    assert text[("meetings.xlsx", 1, "date")].startswith("the dates in column 'Date' look month first")
    assert "its 2 dates" in text[("meetings.xlsx", 1, "date")]


def test_month_first_periods_in_the_action_plan(make_project):
    root = make_project({"action-plan.csv": ("workstream,activity,when\n1. Network,Launch,11/13/2018 - 12/4/2018\n"
                                             "1. Network,Forum,Nov 2018\n")})
    found = problems_of(root)
    assert cells(found) == [("action-plan.csv", None, 1, None, "when", "error")]
    assert "('11/13/2018' can only be 13 November 2018 and '12/4/2018' could be" in found[0].message


# ---------------------------------------------------------------- 4. dates more than ten years from the period

def test_mistyped_years_are_refused_at_their_cells(make_project):
    root = make_project({
        "meetings.csv": ("date,title,partners\n14/11/2018,Fine,wcva\n28/11/1018,Year 1018,wcva\n"
                         "12/12/2108,Year 2108,wcva\n"),
        "meetings.xlsx": xlsx({"Meetings": [["date", "title", "partners"], [datetime(1900, 1, 19), "Typed 19", "wcva"]]}),
    })
    found = problems_of(root)
    assert cells(found) == [("meetings.csv", None, 3, None, "date", "error"),
                            ("meetings.csv", None, 4, None, "date", "error"),
                            ("meetings.xlsx", "Meetings", 2, "A2", "date", "error")]
    period = "the project's period (1 November 2018 to 31 March 2019 in project.yaml)"
    text = said(found)
    assert text[("meetings.csv", 3, "date")] == (f"28 November 1018 is more than 10 years before {period}; "
                                                 "did you mean 2018? check the year")
    assert text[("meetings.csv", 4, "date")] == (f"12 December 2108 is more than 10 years after {period}; a date "
                                                 "this far ahead would count as planned; did you mean 2018? "
                                                 "check the year")
    assert text[("meetings.xlsx", 2, "date")] == (
        f"19 January 1900 is more than 10 years before {period}: a year of 1900 is what a spreadsheet shows when "
        "a number (such as 19) is typed into a date cell; type the whole date, e.g. 01/11/2018")


def test_ten_years_is_the_edge(make_project):
    ok = make_project({"meetings.csv": "date,title,partners\n01/11/2008,Edge,wcva\n31/03/2029,Edge,wcva\n"})
    assert problems_of(ok) == []


def test_ten_years_and_a_day_is_over(make_project):
    root = make_project({"meetings.csv": "date,title,partners\n31/10/2008,Over,wcva\n01/04/2029,Over,wcva\n"})
    assert cells(problems_of(root)) == [("meetings.csv", None, 2, None, "date", "error"),
                                        ("meetings.csv", None, 3, None, "date", "error")]


def test_periods_and_project_dates_are_checked_too(make_project):
    root = make_project({
        "project.yaml": PROJECT.replace("as_of: 2019-03-15", "as_of: 2091-03-15"),
        "action-plan.csv": "workstream,activity,when\n1. Network,Launch,Nov 2018 - Jan 2109\n1. Network,Other,Ongoing\n",
    })
    found = problems_of(root)
    assert cells(found) == [("action-plan.csv", None, 2, None, "when", "error"),
                            ("project.yaml", None, 3, None, "as_of", "error")]
    text = said(found)
    assert text[("action-plan.csv", 2, "when")].startswith("'Nov 2018 - Jan 2109' ends on 31 January 2109, more "
                                                           "than 10 years after the project's period")
    assert text[("project.yaml", 3, "as_of")].startswith("15 March 2091 is more than 10 years after")


def test_with_an_invalid_period_as_of_bounds_the_dates(make_project):
    root = make_project({
        "project.yaml": PROJECT.replace("end: 2019-03-31", "end: 2018-03-31"),
        "meetings.csv": "date,title,partners\n14/11/2018,Fine,wcva\n28/11/1018,Year 1018,wcva\n",
    })
    found = problems_of(root)
    assert cells(found) == [("meetings.csv", None, 3, None, "date", "error"),
                            ("project.yaml", None, 4, None, "period", "error")]
    assert said(found)[("meetings.csv", 3, "date")].startswith(
        "28 November 1018 is more than 10 years before as_of (15 March 2019 in project.yaml); did you mean 2018?")


def test_a_publication_year_may_be_old_but_not_in_the_future(make_project):
    root = make_project({"reading-list.csv": "title,source,year\nOld report,Someone,1850\nNew report,Someone,2020\n"})
    found = problems_of(root)
    assert cells(found) == [("reading-list.csv", None, 3, None, "year", "warning")]
    assert found[0].message == ("is 2020, later than as_of in project.yaml (15 March 2019); a publication year "
                                "cannot be in the future: check it")


# ---------------------------------------------------------------- 5. money and counts

@pytest.mark.parametrize("amounts", [('"£30,000.00"', '"£15,000.00"'), ("30000.00", "15000"),
                                     ('"30,000"', "£15000.0"), ('"£ 30,000"', '"15 000"')])
def test_whole_pounds_with_a_zero_pence_part(make_project, amounts):
    root = make_project({"project.yaml": PROJECT + "amount_requested: 45000\n",
                         "budget.csv": f"heading,amount\nStaff,{amounts[0]}\nEvents,{amounts[1]}\n"})
    assert [line.amount for line in load(root).budget] == [30000, 15000]


def test_currency_cells_in_a_workbook_are_whole_pounds(make_project):
    root = make_project({"project.yaml": PROJECT + "amount_requested: 45000\n",
                         "budget.xlsx": xlsx({"Budget": [["heading", "amount"], ["Staff", 30000.0], ["Events", 15000]]})})
    assert [line.amount for line in load(root).budget] == [30000, 15000]


@pytest.mark.parametrize("amount, message", [
    ("12500.50", "'12500.50' has pence; funders take whole pounds (write 12,500)"),
    ('"£12,500.01"', "'£12,500.01' has pence; funders take whole pounds (write 12,500)"),
    ('"12500,50"', "'12500,50' is not an amount in pounds (write e.g. 12500 or £12,500)"),   # never 1,250,050
    ('"1,5"', "'1,5' is not an amount in pounds (write e.g. 12500 or £12,500)"),
])
def test_pence_and_odd_commas_are_refused(make_project, amount, message):
    root = make_project({"budget.csv": f"heading,amount\nStaff,{amount}\n"})
    found = problems_of(root)
    assert cells(found) == [("budget.csv", None, 2, None, "amount", "error")]
    assert found[0].message == message


def test_counts_from_a_spreadsheet(make_project):
    ev = load(make_project({"meetings.csv": "date,title,partners,attendees\n14/11/2018,A,wcva,25.0\n"
                                            "15/11/2018,B,wcva,\"1,200\"\n"}))
    assert [m.attendees for m in ev.meetings] == [25, 1200]
    root = make_project({"meetings.csv": "date,title,partners,attendees\n14/11/2018,A,wcva,25.5\n"
                                         "15/11/2018,B,wcva,\"1,5\"\n"})
    found = problems_of(root)
    assert cells(found) == [("meetings.csv", None, 2, None, "attendees", "error"),
                            ("meetings.csv", None, 3, None, "attendees", "error")]
    assert [p.message for p in found] == ["'25.5' is not a whole number", "'1,5' is not a whole number"]


# ---------------------------------------------------------------- 6. a blank required value is "required"

REQUIRED = "is required but not given"


def test_a_blank_title_in_project_yaml(make_project):
    for blank in ("title:\n", "title: ''\n", 'title: "  "\n', "title: \"\u200b\"\n"):
        found = problems_of(make_project({"project.yaml": PROJECT.replace("title: Test project\n", blank)}))
        assert cells(found) == [("project.yaml", None, 1, None, "title", "error")], blank
        assert found[0].message == REQUIRED
        assert "None" not in found[0].line()


def test_a_blank_indicator_name(make_project):
    root = make_project({"outcomes.yaml": ("- id: engagement\n  title: Engagement\n  indicators:\n"
                                           "    - id: meetings\n      name: Meetings held\n"
                                           "    - id: attendances\n      name:\n      target: 150\n")})
    found = problems_of(root)
    assert cells(found) == [("outcomes.yaml", None, 7, None, "indicators.name", "error")]
    assert found[0].message == REQUIRED


def test_a_blank_cell_in_a_required_column(make_project):
    root = make_project({"meetings.csv": "date,title,partners\n14/11/2018,,wcva\n15/11/2018,\u200b \u00a0,wcva\n"})
    found = problems_of(root)
    assert cells(found) == [("meetings.csv", None, 2, None, "title", "error"),
                            ("meetings.csv", None, 3, None, "title", "error")]
    assert [p.message for p in found] == [REQUIRED, REQUIRED]


def test_a_blank_optional_key_is_not_given(make_project):
    ev = load(make_project({"project.yaml": PROJECT + "funder:\nversion: ''\n"}))
    assert (ev.project.funder, ev.project.version) == (None, None)


# ---------------------------------------------------------------- 7. lists in a cell

@pytest.mark.parametrize("cell", ["wcva; involve", "wcva\ninvolve", "wcva;\ninvolve", "wcva\r\ninvolve",
                                  "wcva, involve", "wcva\n\ninvolve\n"])
def test_lists_in_a_cell(make_project, cell):
    root = make_project({"meetings.csv": None, "meetings.xlsx": xlsx({"Meetings": [
        ["date", "title", "partners", "characteristics"], ["14/11/2018", "Launch", cell, "age\ndisability"]]})})
    [meeting] = load(root).meetings
    assert meeting.partners == ["wcva", "involve"]
    assert meeting.characteristics == ["age", "disability"]


def test_a_name_with_a_comma_is_safe_on_its_own_line(make_project):
    root = make_project({
        "partners-more.csv": "id,name,type,nation,role\nwa,\"Women's Aid, Cymru\",charity,wales,supporter\n",
        "meetings.csv": "date,title,partners\n14/11/2018,Launch,\"Women's Aid, Cymru\nwcva\"\n",
    })
    assert load(root).meetings[0].partners == ["wa", "wcva"]


# ---------------------------------------------------------------- 8. the same meeting reported twice

TWO = "date,title,partners,attendees,format,status\n"


def duplicates(make_project, first: str, second: str, status: str = "draft"):
    return make_project({"project.yaml": PROJECT + f"status: {status}\n",
                         "meetings.csv": None,
                         "meetings-involve.csv": TWO + first + "12/12/2018,SDG webinar,involve,41,,\n",
                         "meetings-wcva.xlsx": xlsx({"Meetings": [TWO.strip().split(","), second.strip().split(",")]})})


def test_different_attendance_the_smaller_counts_and_both_are_named(make_project):
    root = duplicates(make_project, "20/11/2018,Open Government roundtable,wcva;involve,18,,\n",
                      "20/11/2018,Open Government roundtable,involve;wcva,25,,")
    ev = load(root)
    assert sorted((m.title, m.attendees) for m in ev.meetings) == [("Open Government roundtable", 18),
                                                                   ("SDG webinar", 41)]
    assert cells(ev.warnings) == [("meetings-wcva.xlsx", "Meetings", 2, "D2", "attendees", "warning")]
    assert ev.warnings[0].message == (
        "the same meeting ('Open Government roundtable', 20 November 2018) is also reported at "
        "meetings-involve.csv:2, with attendees 25 here and 18 there; that one counts (it has the smaller "
        "attendance, so no figure claims more than both reports agree on): make the two reports agree, or "
        "remove one")


def test_the_smaller_counts_whichever_file_comes_first(make_project):
    root = duplicates(make_project, "20/11/2018,Roundtable,wcva,25,,\n", "20/11/2018,Roundtable,wcva,18,,")
    ev = load(root)
    assert [m.attendees for m in ev.meetings if m.title == "Roundtable"] == [18]
    assert cells(ev.warnings) == [("meetings-involve.csv", None, 2, None, "attendees", "warning")]
    assert "is also reported at meetings-wcva.xlsx[Meetings]!D2, with attendees 25 here and 18 there" \
        in ev.warnings[0].message


def test_different_format_and_status_the_first_counts(make_project):
    root = duplicates(make_project, "20/11/2018,Roundtable,wcva,,online,held\n",
                      "20/11/2018,Roundtable,wcva,,in-person,cancelled")
    ev = load(root)
    [counted] = [m for m in ev.meetings if m.title == "Roundtable"]
    assert (counted.format, counted.status, counted.place.file) == ("online", "held", "meetings-involve.csv")
    assert cells(ev.warnings) == [("meetings-wcva.xlsx", "Meetings", 2, "E2", "format", "warning")]
    assert ("with format in-person here and online there, status cancelled here and held there; that one counts "
            "(it comes first)") in ev.warnings[0].message


def test_a_report_with_the_attendance_counts_over_one_without(make_project):
    root = duplicates(make_project, "20/11/2018,Roundtable,wcva,,,\n", "20/11/2018,Roundtable,wcva,25,,")
    ev = load(root)
    assert [m.attendees for m in ev.meetings if m.title == "Roundtable"] == [25]
    assert cells(ev.warnings) == [("meetings-involve.csv", None, 2, None, None, "warning")]
    assert ev.warnings[0].message.endswith("is also reported at meetings-wcva.xlsx[Meetings]:2; it is counted once")
    other = duplicates(make_project, "20/11/2018,Roundtable,wcva,,online,\n", "20/11/2018,Roundtable,wcva,25,phone,")
    [warning] = load(other).warnings
    assert cells([warning]) == [("meetings-involve.csv", None, 2, None, "format", "warning")]
    assert "with format online here and phone there; that one counts (it gives the attendance)" in warning.message


def test_disagreeing_reports_are_an_error_in_final(make_project):
    root = duplicates(make_project, "20/11/2018,Roundtable,wcva,18,,\n", "20/11/2018,Roundtable,wcva,25,,",
                      status="final")
    assert cells(problems_of(root)) == [("meetings-wcva.xlsx", "Meetings", 2, "D2", "attendees", "error")]
    agreeing = duplicates(make_project, "20/11/2018,Roundtable,wcva,18,,\n", "20/11/2018,Roundtable,wcva,18,,",
                          status="final")
    assert cells(load(agreeing).warnings) == [("meetings-wcva.xlsx", "Meetings", 2, None, None, "warning")]


@pytest.mark.parametrize("title", ["Women’s network briefing", "Women's  network briefing",
                                   "women's network\u00a0briefing", "Women's net\u200bwork briefing"])
def test_titles_as_people_mean_them_are_the_same_meeting(make_project, title):
    root = duplicates(make_project, "23/01/2019,Women's network briefing,wcva,9,,\n", f"23/01/2019,{title},wcva,9,,")
    ev = load(root)
    assert len(ev.meetings) == 2
    assert cells(ev.warnings) == [("meetings-wcva.xlsx", "Meetings", 2, None, None, "warning")]


def test_three_reports_the_smallest_counts_and_each_other_names_it(make_project):
    root = make_project({"meetings.csv": ("date,title,partners,attendees\n20/11/2018,R,wcva,25\n"
                                          "20/11/2018,R,wcva,20\n20/11/2018,R,wcva,18\n")})
    ev = load(root)
    assert [m.attendees for m in ev.meetings] == [18]
    assert cells(ev.warnings) == [("meetings.csv", None, 2, None, "attendees", "warning"),
                                  ("meetings.csv", None, 3, None, "attendees", "warning")]
    assert all("also reported at meetings.csv:4" in p.message for p in ev.warnings)


# ---------------------------------------------------------------- 9. partner references fold the same way

@pytest.mark.parametrize("ref", ["Women’s Aid", "Women's Aid", "women's\u00a0aid", "Women's\u200b Aid",
                                 "WOMEN’S  AID", "womens-aid"])
def test_partner_references_fold_like_names(make_project, ref):
    root = make_project({
        "partners-more.csv": "id,name,type,nation,role\nwomens-aid,Women's Aid,charity,wales,supporter\n",
        "meetings.csv": f"date,title,partners\n14/11/2018,Launch,wcva;{ref}\n",
    })
    assert load(root).meetings[0].partners == ["wcva", "womens-aid"]


def test_a_reference_to_a_curly_name_from_a_straight_one(make_project):
    root = make_project({
        "partners-more.csv": "id,name,type,nation,role\nwen,Women’s Equality Network Wales,network,wales,consortium\n",
        "meetings.csv": "date,title,partners\n14/11/2018,Launch,women's equality network wales\n",
        "budget.csv": "heading,amount,partner\nStaff,100,Women's Equality Network Wales\n",
    })
    ev = load(root)
    assert (ev.meetings[0].partners, ev.budget[0].partner) == (["wen"], "wen")


# ---------------------------------------------------------------- 10. malformed figure placeholders

def test_malformed_placeholders_are_errors_at_their_lines(make_project):
    root = make_project({"narrative/summary.md": (
        "The summary, held {{ meetings_held }} times.\n"
        "\n"
        "We met {{ organisations_met } organisations across Wales and England.\n"
        "Together they came { people_reached } times, {{partners}}} partners.\n"
        "Left open: {{ nations_covered\n"
        "Prose keeps its braces: {not a placeholder} and {x}.\n")})
    found = problems_of(root)
    assert cells(found) == [("narrative/summary.md", None, line, None, None, "error") for line in (3, 4, 4, 5)]
    assert [p.message for p in found] == [
        "'{{ organisations_met }' is not a complete placeholder (two braces each side); write {{ organisations_met }}",
        "'{ people_reached }' has one brace each side, so it would be printed as it is; write {{ people_reached }}",
        "'{{partners}}}' is not a complete placeholder (two braces each side); write {{ partners }}",
        "'{{' has no matching '}}'; a figure is written {{ meetings_held }}",
    ]


# ---------------------------------------------------------------- narrative files: the path rule, size, nesting

def test_a_narrative_nested_too_deep_is_refused_at_its_line_not_cut(make_project):
    deep = "".join("  " * i + f"- level {i}\n" for i in range(10)) + "\nAfter the list.\n"
    root = make_project({"narrative/summary.md": "Intro.\n\n" + deep, "narrative/lessons.md": "> " * 20 + "quote\n"})
    found = [(p.file, p.row, p.severity) for p in problems_of(root) if "nested" in p.message]
    assert found == [("narrative/lessons.md", 1, "error"), ("narrative/summary.md", 11, "error")]


def test_narrative_files_that_are_links_pipes_or_huge_are_refused_by_name(make_project, tmp_path):
    import os

    root = make_project()
    (tmp_path / "secret.md").write_text("root:x:0:0\n")
    (root / "narrative" / "lessons.md").unlink()
    (root / "narrative" / "lessons.md").symlink_to(tmp_path / "secret.md")
    os.mkfifo(root / "narrative" / "extra.md")
    (root / "narrative" / "approach.md").write_bytes(b"word " * (1 * 2**20 // 5 + 10))
    found = {p.file: p.message for p in problems_of(root) if p.severity == "error"}
    assert "symbolic link" in found["narrative/lessons.md"]
    assert "not a regular file" in found["narrative/extra.md"]
    assert "MB" in found["narrative/approach.md"]


def test_a_linked_narrative_folder_is_refused(make_project, tmp_path):
    root = make_project()
    other = tmp_path / "other-bid"
    (root / "narrative").rename(other)
    (root / "narrative").symlink_to(other, target_is_directory=True)
    [problem] = [p for p in problems_of(root) if p.file == "narrative"]
    assert "symbolic link" in problem.message and problem.severity == "error"


def test_narrative_is_read_from_a_project_named_relative_to_here(make_project, monkeypatch):
    root = make_project()
    monkeypatch.chdir(root.parent)
    assert [p for p in problems_of(Path(root.name)) if "was not read" in p.message] == []
    monkeypatch.chdir(root)
    assert [p for p in problems_of(Path(".")) if "was not read" in p.message] == []


def test_braces_around_code_in_prose_are_shown_as_written(make_project):
    """Only a figure's name in the wrong braces is a broken placeholder; `{ {7*7}}` in a quote of template code is
    prose, read back literally (the hostile-text tests read it from the documents)."""
    root = make_project({"narrative/summary.md": "A template writes { {7*7}} or { ''.__class__ }}.\n"})
    assert [p for p in problems_of(root) if p.file == "narrative/summary.md"] == []


@pytest.mark.parametrize("written", ["1.000", "1.200", "12.500"])
def test_a_full_stop_between_thousands_is_never_read_as_a_small_number(make_project, written):
    """A laptop set to German or French writes a thousand as 1.000: ambiguous, so refused, never 1."""
    root = make_project({"meetings.csv": f"date;title;partners;attendees\n14/11/2018;A;wcva;{written}\n"})
    [problem] = [p for p in problems_of(root) if p.field == "attendees"]
    assert problem.severity == "error" and "could be" in problem.message


def test_a_decimal_below_one_is_no_thousands(make_project):
    from bidkit.evidence.values import number

    assert number("0.125") == 0.125 and number("25.0") == 25
