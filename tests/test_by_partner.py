"""`bidkit check --by-partner DIR`: each partner's problems in its own report, HTML to read and CSV to sort.

Case: wcva's workbook in its subfolder (`partners/wcva/meetings.xlsx`) with a wrong date and a wrong count, one of
them markup; involve's file by suffix (`meetings-involve.csv`) with a wrong kind and a formula-like count; a title
too long in project.yaml (nobody's: the facilitator's); a third partner with nothing wrong. Expected: exactly those
rows in each CSV and in each HTML table, markup shown as text, formula-like values not run by a spreadsheet, a
"nothing to fix" report for the third partner, exit 1 as for check; a valid project gives every partner a "nothing
to fix" report and exit 0; --json keeps stdout pure JSON.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from bidkit.cli import cli
from bidkit.evidence.owners import owner_keys, owner_of
from conftest import MINIMAL, xlsx

PARTNERS = MINIMAL["partners.csv"] + "ehr-coalition,Equalities and Human Rights Coalition,network,wales,consortium\n"
BROKEN = {
    "project.yaml": MINIMAL["project.yaml"].replace("title: Test project", "title: " + "A" * 81),
    "partners.csv": PARTNERS,
    "partners/wcva/meetings.xlsx": xlsx({"Meetings": [
        ["date", "title", "partners", "attendees"],
        [datetime(2018, 11, 20), "Fine", "wcva", 4],
        ["31/02/2019", "Bad date", "wcva", 5],
        [datetime(2018, 11, 22), "Markup", "wcva", "<script>alert(1)</script>"],
    ]}),
    "meetings-involve.csv": "date,title,partners,kind,attendees\n14/12/2018,Seminar,involve,Seminar,=1+2\n",
}
HEADER = ["Severity", "File", "Sheet", "Cell", "Row", "Field", "Value", "What is wrong", "What to write instead"]
COUNT = "How many people came: a whole number, 0 or more."
EXPECTED_CSV = {
    "wcva": [
        ["error", "partners/wcva/meetings.xlsx", "Meetings", "A3", "3", "date", "31/02/2019",
         "'31/02/2019' is not a real date (February 2019 has 28 days)",
         "The day of the meeting, day first: 14/11/2018."],
        ["error", "partners/wcva/meetings.xlsx", "Meetings", "D4", "4", "attendees", "<script>alert(1)</script>",
         "'<script>alert(1)</script>' is not a whole number", COUNT],
    ],
    "involve": [
        ["error", "meetings-involve.csv", "", "", "2", "attendees", "'=1+2", "'=1+2' is not a whole number", COUNT],
        ["error", "meetings-involve.csv", "", "", "2", "kind", "Seminar",
         "'Seminar' is not one of meeting, workshop, webinar, event, training, summit",
         "What it was: pick from the list (blank means a meeting). The choices: Meeting, Workshop, Webinar, Event, "
         "Training, Summit."],
    ],
    "ehr-coalition": [],
    "facilitator": [
        ["error", "project.yaml", "", "", "1", "title", "A" * 77 + "...",
         "is 81 characters long; at most 80 are allowed", "Shorten it to at most 80 characters."],
    ],
}


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def read_csv(path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())                  # Excel opens it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER
    return rows[1:]


class Page(HTMLParser):
    """The parts of a report page a test reads: lang, headings, and each table's header and rows."""

    def __init__(self):
        super().__init__()
        self.lang, self.headings, self.tables, self.scopes, self.text = None, [], [], [], []
        self._cell = self._heading = None
        self._row = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag in ("h1", "h2"):
            self._heading = [tag, ""]
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._cell = ""
            if tag == "th":
                self.scopes.append(attrs.get("scope"))

    def handle_endtag(self, tag):
        if tag in ("h1", "h2") and self._heading:
            self.headings.append(tuple(self._heading))
            self._heading = None
        elif tag in ("th", "td"):
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr":
            self.tables[-1].append(self._row)

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell += data
        if self._heading:
            self._heading[1] += data


def read_html(path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture
def reports(make_project, tmp_path):
    root = make_project(BROKEN)
    out = tmp_path / "reports"
    result = run("check", str(root), "--by-partner", str(out))
    return result, out


def test_one_report_per_partner_and_the_facilitator(reports):
    result, out = reports
    assert result.exit_code == 1                                        # as for check: the evidence has errors
    assert result.output.splitlines()[-2:] == ["5 errors, 0 warnings in 3 files",
                                               f"Wrote 4 reports to {out}: one per partner and facilitator.html."]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{name}.{ext}" for name in EXPECTED_CSV
                                                           for ext in ("csv", "html"))
    for name, rows in EXPECTED_CSV.items():
        assert read_csv(out / f"{name}.csv") == rows, name


def test_the_html_report_holds_the_same_rows(reports):
    _, out = reports
    page = read_html(out / "wcva.html")
    assert page.lang == "en-GB"
    assert page.headings == [("h1", "What to fix: Wales Council for Voluntary Action"),
                             ("h2", "partners/wcva/meetings.xlsx")]
    assert set(page.scopes) == {"col", "row"}                           # every header cell has its scope
    assert page.tables == [[
        ["Where", "Field", "What is wrong", "What to write instead", "Must fix?"],
        ["sheet Meetings, cell A3", "date", "'31/02/2019' is not a real date (February 2019 has 28 days)",
         "The day of the meeting, day first: 14/11/2018.", "Yes: an error"],
        ["sheet Meetings, cell D4", "attendees", "'<script>alert(1)</script>' is not a whole number", COUNT,
         "Yes: an error"],
    ]]
    raw = (out / "wcva.html").read_text(encoding="utf-8")
    assert "<script" not in raw and "&lt;script&gt;" in raw             # shown, never run
    assert "2 errors" in " ".join(" ".join(page.text).split())
    involve = read_html(out / "involve.html")
    assert [row[0] for row in involve.tables[0][1:]] == ["row 2", "row 2"]       # a CSV's problems name the row
    facilitator = read_html(out / "facilitator.html")
    assert facilitator.tables[0][1][:2] == ["line 1", "title"]


def test_a_partner_with_nothing_wrong_gets_a_short_report(reports):
    _, out = reports
    page = read_html(out / "ehr-coalition.html")
    assert page.tables == []
    assert "Nothing to fix" in "".join(page.text)
    assert "Equalities and Human Rights Coalition" in page.headings[0][1]


def test_a_valid_project_still_gets_its_reports(make_project, tmp_path):
    root = make_project({"partners.csv": PARTNERS})
    result = run("check", str(root), "--by-partner", str(tmp_path / "r"))
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == f"Wrote 4 reports to {tmp_path / 'r'}: one per partner and " \
                                             "facilitator.html."
    for name in EXPECTED_CSV:
        assert read_csv(tmp_path / "r" / f"{name}.csv") == []
        assert "Nothing to fix" in (tmp_path / "r" / f"{name}.html").read_text(encoding="utf-8")


def test_json_output_stays_json(make_project, tmp_path):
    result = run("check", "--json", str(make_project(BROKEN)), "--by-partner", str(tmp_path / "r"))
    assert result.exit_code == 1
    assert json.loads(result.output)["errors"] == 5
    assert (tmp_path / "r" / "wcva.csv").is_file()


def test_strict_writes_the_reports_too(make_project, tmp_path):
    root = make_project({"narrative/summary.md": None})
    result = run("check", "--strict", str(root), "--by-partner", str(tmp_path / "r"))
    assert result.exit_code == 1
    assert read_csv(tmp_path / "r" / "facilitator.csv")[0][1] == "narrative/summary.md"


PARTNER_NAMES = [("wcva", "Wales Council for Voluntary Action"), ("involve", "Involve"),
                 ("ehr-coalition", "Equalities & Human Rights Coalition")]


@pytest.mark.parametrize("rel, owner", [
    ("partners/wcva/meetings.xlsx", "wcva"),
    ("partners/Wales Council for Voluntary Action/meetings.csv", "wcva"),   # a folder named after the name
    ("wcva/budget.csv", "wcva"),                                             # any folder named after a partner
    ("partners/wcva/involve/meetings.csv", "involve"),                       # the innermost folder wins
    ("meetings-wcva.csv", "wcva"),
    ("Meetings_WCVA.xlsx", "wcva"),                                          # folded
    ("meetings-ehr-coalition.csv", "ehr-coalition"),                         # an id with a hyphen
    ("reading-list-ehr_coalition.csv", "ehr-coalition"),
    ("workbook-involve.xlsx", "involve"),                                    # no kind in the name
    ("involve.xlsx", "involve"),
    ("meetings.csv", None),
    ("project.yaml", None),
    ("narrative/summary.md", None),
    ("partners/uk-networks/partners.yaml", None),                            # a folder that is no partner
    ("meetings-coalition.csv", None),                                        # part of an id is not the id
])
def test_whose_file(rel, owner):
    assert owner_of(rel, owner_keys(PARTNER_NAMES)) == owner
