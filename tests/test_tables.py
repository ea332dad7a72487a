"""The header row, found for every table: the first row holding column names, wherever it is; rows above it are
skipped (with a warning when not blank), and every row keeps the number a person sees."""
from __future__ import annotations

from bidkit.evidence.tables import find_header, table_from_records
from bidkit.problems import Place
from conftest import problems_of, xlsx


def cells(problems) -> list[tuple]:
    return [(p.file, p.sheet, p.row, p.cell, p.field, p.severity) for p in problems]


def test_a_title_line_above_a_csv_header_is_skipped_with_a_warning(make_project):
    root = make_project({"meetings.csv": (
        "WCVA meetings 2018-19,,\n"
        ",,\n"
        "date,title,partners,attendees\n"
        "14/11/2018,First meeting,wcva,12\n"
        "15/11/2018,Second meeting,wcva,twelve\n")})
    found = problems_of(root)
    assert cells(found) == [("meetings.csv", None, 1, None, None, "warning"),
                            ("meetings.csv", None, 5, None, "attendees", "error")]
    assert found[0].line() == ("meetings.csv:1: warning: row 1 is above the column names (row 3) and not read: "
                               "'WCVA meetings 2018-19'")


def test_blank_rows_above_the_header_are_skipped_silently(make_project):
    root = make_project({"meetings.csv": "\n\ndate,title,partners\n14/11/2018,First meeting,wcvaa\n"})
    assert cells(problems_of(root)) == [("meetings.csv", None, 4, None, "partners", "error")]


def test_a_missing_column_is_reported_at_the_header_row_it_belongs_to(make_project):
    root = make_project({"meetings.csv": None, "meetings.xlsx": xlsx({"Meetings": [
        ["Meetings log"], [], ["date", "title", "attendees"], ["14/11/2018", "First", 3]]})})
    found = problems_of(root)
    assert cells(found) == [("meetings.xlsx", "Meetings", 1, "A1", None, "warning"),
                            ("meetings.xlsx", "Meetings", 3, None, "partners", "error")]
    assert found[1].message == "the required column 'partners' is missing"


def test_a_header_with_typos_under_a_title_is_still_the_header(make_project):
    """No row has two exact column names: the first with two close to them is the header, so its typos are
    reported where they are, with the names meant."""
    root = make_project({"meetings.csv": "Log of meetings\nDate,Titel,Partnrs\n14/11/2018,First,wcva\n"})
    found = problems_of(root)
    assert cells(found)[:3] == [("meetings.csv", None, 1, None, None, "warning"),
                                ("meetings.csv", None, 2, None, "Titel", "error"),
                                ("meetings.csv", None, 2, None, "Partnrs", "error")]
    assert "(did you mean 'title'?)" in found[1].message


def test_find_header():
    assert find_header([["Budget 2019"], [], ["heading", "amount"], ["Staff", "100"]], "budget") == 2
    assert find_header([["Heading", "Amount"]], "budget") == 0          # case and spaces as partners write them
    assert find_header([["Budget 2019"], ["Heding", "Amont"]], "budget") == 1      # close: a header with typos
    assert find_header([[], ["what", "ever"], ["x"]], "budget") == 1     # no names at all: the first row not blank
    assert find_header([[], [None, ""]], "budget") is None
    assert find_header([["notes"]] * 40 + [["heading", "amount"]], "budget") == 0   # only a screenful is searched


def test_rows_keep_the_numbers_a_person_sees():
    records = [["Title"], [], ["heading", "amount"], ["Staff", "100"], [], ["Travel", "50"]]
    table = table_from_records("budget", Place("budget.csv"), records, hidden_rows={3})
    assert table.header_row == 3
    assert [row.place.row for row in table.rows] == [6]                  # row 4 hidden, row 5 blank
    assert [p.row for p in table.problems] == [1, 4]


def test_a_column_given_twice_is_an_error_at_the_second_and_neither_silently_wins(make_project):
    """A second 'Attendees' column (as headers are matched: case and spaces aside) is an error at its header
    cell; the first is read."""
    root = make_project({"meetings.csv": None, "meetings.xlsx": xlsx({"Meetings": [
        ["date", "title", "partners", "attendees", "Attendees "], ["14/11/2018", "First", "wcva", 12, 40]]})})
    found = problems_of(root)
    assert cells(found) == [("meetings.xlsx", "Meetings", 1, "E1", "attendees", "error")]
    assert found[0].message == ("the column 'Attendees' is given twice (columns D and E); keep one, and delete "
                                "or rename the other")


def test_values_under_no_column_name_are_one_error_naming_the_column(make_project):
    root = make_project({"meetings.csv": None, "meetings.xlsx": xlsx({"Meetings": [
        ["date", "title", "partners"], ["14/11/2018", "First", "wcva", None, "Chase the minutes"],
        ["15/11/2018", "Second", "wcva", None, "Invoice sent"]]})})
    found = problems_of(root)
    # a problem about a whole column sits at its header cell, where the name is missing
    assert cells(found) == [("meetings.xlsx", "Meetings", 1, "E1", None, "error")]
    assert found[0].line() == ("meetings.xlsx[Meetings]!E1: column E holds values (from row 2) but has no column "
                               "name in row 1; name the column, or delete its values")
    assert found[0].value == "Chase the minutes"


def test_a_csv_column_with_a_blank_name_is_named_too(make_project):
    """LibreOffice saves a notes column without a name as a trailing `,` in the header."""
    root = make_project({"meetings.csv": "date,title,partners,\n14/11/2018,First,wcva,\n"
                                         "15/11/2018,Second,wcva,call back in January\n"})
    assert cells(problems_of(root)) == [("meetings.csv", None, 1, None, None, "error")]


def test_a_row_of_only_invisible_characters_is_a_blank_row(make_project):
    """One rule for blank in the readers and in validation: a zero-width space alone is no row to validate."""
    root = make_project({"meetings.csv": "date,title,partners\n13/11/2018,AGM,wcva\n,\u200b,\n"})
    assert [p for p in problems_of(root) if p.file == "meetings.csv"] == []
