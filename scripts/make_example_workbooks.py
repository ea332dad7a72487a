"""Write the example project's two workbooks, the way partners would keep them in Excel.

    evidence/meetings.xlsx     one kind of evidence (sheet "Meetings"), with real Excel date cells
    evidence/consortium.xlsx   two kinds in one workbook: sheets "Action plan" and "Budget"

The rows live here as data, so the workbooks can be made again at any time: edit a row here (or the workbook
in Excel) and rerun `python scripts/make_example_workbooks.py`. Reruns give byte-identical files: the workbook
times and the times inside the zip are fixed.

Facts come from the seed wiki pages; attendance, budget figures and action-plan statuses are illustrative
(see evidence/README.md). The script reads nothing.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.xml.functions import tostring

EVIDENCE = Path(__file__).resolve().parent.parent / "evidence"
FIXED_TIME = datetime(2019, 3, 15, 9, 0, 0)

# ---------------------------------------------------------------- meetings.xlsx, sheet "Meetings"
# Dates are real Excel date cells. A blank status means "held" on or before as_of (15 March 2019).
# The round table of 13 November 2018 is also reported in meetings-ehrc.csv: an intended duplicate.

MEETINGS_HEADER = ["Date", "Title", "Partners", "Kind", "Format", "Status", "Attendees", "Nation",
                   "Characteristics", "Summary"]
MEETINGS = [
    [datetime(2018, 11, 6), "Consortium start-up meeting", "wcva; involve; ehr-coalition", "meeting",
     "in-person", None, 12, "wales", None,
     "Agreed how the partners share the work, and asked each nation's equality network to lead there."],
    [datetime(2018, 11, 13), "Disabled people's organisations round table", "wcva; ehr-coalition", "workshop",
     "in-person", None, 18, "wales", "disability",
     "Heard what keeps disabled people out of consultations: late papers, venues they cannot reach, "
     "and no time to talk things over with their own members."],
    [datetime(2018, 11, 20), "What is Open Government? An introduction", "involve; wcva", "webinar", "online",
     None, 33, "uk-wide", "age; disability",
     "A plain-English webinar on transparency, participation and accountability, with captions."],
    [datetime(2018, 11, 27), "Co-production and equality", "Co-Production Network for Wales; wcva", "meeting",
     "in-person", None, 11, "wales", "age; disability",
     "How the principles of co-production can steer a longer programme, so that the people it is for "
     "share the decisions."],
    [datetime(2018, 11, 28), "Plain-language materials: first look", "friendly-info; wcva", "workshop", "online",
     None, 6, "uk-wide", "disability",
     "Tested the first draft of an easy-to-read introduction to the SDGs and Open Government."],
    [datetime(2018, 11, 29), "England equality networks briefing", "edf; involve", "meeting", "online", None, 9,
     "england", "age; race; religion-belief; sexual-orientation",
     "Shared the approach with national equality networks in England and heard where they see gaps."],
    [datetime(2018, 12, 4), "Disabled people's organisations in Scotland", "inclusion-scotland; wcva",
     "meeting", "hybrid", None, 14, "scotland", "disability",
     "Linked the work to the Scottish SDG network and to community empowerment in Scotland."],
    [datetime(2018, 12, 11), "Young people, democracy and the SDGs", "ers-cymru; wcva", "workshop", "in-person",
     None, 19, "wales", "age",
     "Young people said what would make politics in Wales feel like it is meant for them."],
    [datetime(2018, 12, 12), "Northern Ireland equality groups", "equality-coalition-ni; involve", "meeting",
     "online", None, 10, "northern-ireland", "gender-reassignment; race; religion-belief; sexual-orientation",
     "How Open Government could help groups in Northern Ireland be heard while devolved government is paused."],
    [datetime(2018, 12, 18), "Finding equality data on StatsWales", "welsh-government; odi-cardiff; wcva",
     "training", "in-person", None, 16, "wales", "disability; race; sex",
     "Hands-on session: finding, downloading and using open data about equality."],
    [datetime(2019, 1, 9), "Well-being goals, the SDGs and equality", "fg-commissioner; wcva", "meeting",
     "in-person", None, 8, "wales", "age; disability",
     "How the Welsh well-being goals and the SDGs can carry equality themes into local plans."],
    [datetime(2019, 1, 15), "Local voice through County Voluntary Councils", "cvcs; wcva", "meeting", "phone",
     None, 7, "wales", None,
     "Councils offered to share the materials with small local groups in every county."],
    [datetime(2019, 1, 22), "Consultations: how to respond, how to consult better",
     "participation-cymru; naw; wiserd", "workshop", "in-person", None, 21, "wales", "age; sex",
     "Practical workshop for the third sector on answering consultations, and for public bodies on "
     "asking better questions."],
    [datetime(2019, 1, 31), "Women's organisations meeting", "wcva; ehr-coalition", "meeting", "in-person",
     "cancelled", None, "wales", "pregnancy-maternity; sex",
     "Cancelled because of snow. Views were gathered by phone instead, and shared at the summit."],
    [datetime(2019, 4, 10), "Follow-up with the nation leads", "wcva; edf; inclusion-scotland; "
     "equality-coalition-ni", "meeting", "online", "planned", None, "uk-wide", None,
     "To agree the final shape of the funding proposal before it goes in."],
]

# ---------------------------------------------------------------- consortium.xlsx, sheet "Action plan"
# The Wales Country Plan's draft action plan: all four work streams, every activity. "When" is kept as the
# plan writes it, as text. Leads name partners by id or name; the plan also names bodies outside the
# partnership ("Open Government Network through WCVA", "Open Gov Network Wales"): bidkit warns and shows them.

WS1 = "1. Open Government Civil Society Network Wales established"
WS2 = "2. Engage civil society in PSBs to co-produce wellbeing plans"
WS3 = "3. Civil society scrutiny on legislation - consultations"
WS4 = "4. Civil society input into Welsh Government commitments for Open Government Action Plan 2018-20"
COPRO_QUERY = "The plan asks: Co-Production Network for Wales or Co-Production Practitioners Network for Wales (?)"

ACTION_HEADER = ["Workstream", "Activity", "When", "Leads", "Status", "Notes"]
ACTION_PLAN = [
    [WS1, "Bring together a coalition of partners", None, "WCVA", "done",
     "Four focuses: well-being goals, equalities, open data and young people."],
    [WS1, "Write the action plan and share it through partners' blogs, websites and social media, a landing "
     "page on the WCVA site, and the Open Government website and wiki", "June 17", "WCVA", "done", None],
    [WS1, "Internal training at WCVA so every officer and network knows how Open Government can work for their "
     "groups", "27 June 17", "WCVA; Involve", "done", None],
    [WS1, "Map who in the network, and across Wales, has Open Government expertise and connections", "June 17",
     "WCVA", "done", "Written 'WCVA- OGN' in the plan: WCVA with the Open Government Network."],
    [WS1, "Belfast Open Government Pioneers conference: make sure under-represented communities and civil "
     "society are there", "Feb 18", None, "done", "The plan names no lead."],
    [WS1, "Link into networks about equal opportunities to engage", "July 17",
     "Equalities & Human Rights Coalition; WCVA; Co-Production Network for Wales", "ongoing", COPRO_QUERY],
    [WS1, "Tender for equalities work and events", "Aug 17", "Open Government Network through WCVA", "done",
     "Led to the Equality Good Relations project."],
    [WS1, "Publish good practice examples: engagement and participation in policy and service design, and what "
     "open data can achieve", "Ongoing", "WCVA", "ongoing", None],
    [WS1, "Choose several well-being goals to focus on", "Ongoing", "WCVA", "ongoing", None],
    [WS1, "Engagement and involvement workshops with the public sector (Welsh Government, local authorities)",
     None, "WCVA; ERS Cymru", "in-progress", "WCVA as the link to civil society."],
    [WS1, "Open data workshops and webinars with StatsWales, for the public sector and the third sector", None,
     "Welsh Government; WCVA; ODI Cardiff", "in-progress",
     "Led by Welsh Government (StatsWales). WCVA to promote and host the webinar (?). ODI Cardiff node (?)"],
    [WS1, "Training for the third sector: 1. finding, manipulating and downloading data on the StatsWales "
     "website; 2. what open data is and why it helps; 3. using StatsWales open data directly in Microsoft "
     "Excel or Power BI", "Nov 2018 - Jan 2019", "Welsh Government; WCVA", "in-progress",
     "The plan gives no date; one session was held in December 2018."],
    [WS1, "Develop a young people's democracy and open data project", "Sept 17 - Nov 17", "WCVA", "dropped",
     "The plan says 'Bid in autumn 17', perhaps through the #IWILL network of ambassadors and outside funding "
     "(?). No funding was found; young people are a focus of this proposal instead."],
    [WS1, "Link to the National Assembly's work on young people's engagement", None, "National Assembly for Wales",
     "ongoing", None],
    [WS1, "An 'Intro to Welsh Politics' internal training module for WCVA, with an Open Government section",
     "Mar 18", "WCVA", "done", "Two named WCVA officers lead."],
    [WS2, "Well-being plans event", "July 2017", "Office of the Future Generations Commissioner for Wales", "done",
     "Aims of the work stream: local authority buy-in for Open Government approaches; better, more efficient "
     "local services; more open public services."],
    [WS2, "Work with disengaged citizens", None, "Office of the Future Generations Commissioner for Wales",
     "in-progress", None],
    [WS2, "Open Government and well-being goals webinar", "Nov 17", "Open Gov Network Wales; WAO", "done",
     "With the WAO Good Practice Exchange."],
    [WS2, "Community voice work at Gofod3", "March 18", "CVCs", "done", "The plan marks this '?'."],
    [WS2, "Co-production events on collaboration between the third sector and government", None,
     "Co-Production Network for Wales", "planned", COPRO_QUERY],
    [WS3, "Event or webinar for the third sector to encourage more contributions from civil society and "
     "academics to developing and scrutinising government policy and legislation: how to respond, and how to "
     "consult better", "Ongoing", "National Assembly for Wales; Welsh Government; WISERD", "ongoing",
     "A workshop on this was held on 22 January 2019."],
    [WS3, "Alternative facilitation techniques for consultations", None, "WCVA; Participation Cymru", "planned",
     "Through WCVA's networks."],
    [WS4, "Crowdsource commitments for the next action plan on an online platform launched at the Eisteddfod",
     "August 17", "Welsh Government", "done",
     "Via the Welsh Government's Digital Office. The plan asks whether the First Minister (FM) will announce it."],
    [WS4, "Network meeting to build the commitments further from the ideas gathered", "Early Sept 17",
     "WCVA; Welsh Government", "done", None],
]

# ---------------------------------------------------------------- consortium.xlsx, sheet "Budget"
# Illustrative. The lines add up to amount_requested in project.yaml (£249,600). Capital is kept small.

BUDGET_HEADER = ["Heading", "Description", "Year", "Amount", "Cost type", "Partner"]
NATION_LEADS = [("ehr-coalition", "Wales"), ("edf", "England"), ("inclusion-scotland", "Scotland"),
                ("equality-coalition-ni", "Northern Ireland")]
YEARS = {
    #        staff, grant per nation, events, access, comms, evaluation, overheads
    1: dict(staff=30000, grant=6000, events=9000, access=8000, comms=4500, evaluation=2000, overheads=3300),
    2: dict(staff=31000, grant=6000, events=9500, access=8000, comms=3500, evaluation=3000, overheads=3300),
    3: dict(staff=32000, grant=6000, events=10500, access=8000, comms=3000, evaluation=3300, overheads=3300),
}


def budget_rows() -> list[list]:
    rows = []
    for year, c in YEARS.items():
        rows.append(["Staff", "Programme coordinator, 0.8 full-time equivalent, with on-costs", year, c["staff"],
                     "revenue", "wcva"])
        for partner, nation in NATION_LEADS:
            rows.append(["Partner grants", f"Lead equality network for {nation}: local engagement and support",
                         year, c["grant"], "revenue", partner])
        rows.append(["Events and travel", "Engagement meetings, the yearly four-nation summit, and participants' "
                     "travel", year, c["events"], "revenue", "wcva"])
        rows.append(["Accessibility and translation", "BSL interpreters, captions, Easy Read, Welsh translation, "
                     "carers' and support workers' costs", year, c["access"], "revenue", "wcva"])
        rows.append(["Communications", "Plain-language materials and the project wiki", year, c["comms"],
                     "revenue", "friendly-info"])
        rows.append(["Evaluation", "Evaluation designed with participants", year, c["evaluation"], "revenue",
                     "wiserd"])
        if year == 1:
            rows.append(["Equipment", "Two portable hearing loops and two accessible laptops", year, 2400,
                         "capital", "wcva"])
        rows.append(["Overheads", "A share of finance, HR and premises costs", year, c["overheads"], "revenue",
                     "wcva"])
    return rows


# ---------------------------------------------------------------- writing

def add_sheet(book: Workbook, name: str, header: list[str], rows: list[list], widths: list[int],
              text_columns: tuple[str, ...] = ()) -> None:
    sheet = book.create_sheet(name)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJ", widths):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, datetime):
                cell.number_format = "DD/MM/YYYY"
            elif sheet.cell(1, cell.column).value in text_columns:
                cell.number_format = "@"          # a period such as "June 17" stays text, never an Excel date
    sheet.freeze_panes = "A2"


def save(book: Workbook, path: Path) -> None:
    """Save with fixed times inside and outside, so a rerun writes the same bytes."""
    book.properties.creator = "bidkit example"
    book.properties.lastModifiedBy = "bidkit example"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    book.properties.modified = FIXED_TIME            # openpyxl stamps the time of saving; put ours back
    core = tostring(book.properties.to_tree())
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            data = core if info.filename == "docProps/core.xml" else source.read(info.filename)
            target.writestr(entry, data)
    path.write_bytes(fixed.getvalue())


def main() -> None:
    meetings = Workbook()
    meetings.remove(meetings.active)
    add_sheet(meetings, "Meetings", MEETINGS_HEADER, MEETINGS, [12, 44, 42, 10, 11, 11, 10, 17, 40, 70])
    save(meetings, EVIDENCE / "meetings.xlsx")

    consortium = Workbook()
    consortium.remove(consortium.active)
    add_sheet(consortium, "Action plan", ACTION_HEADER, ACTION_PLAN, [44, 70, 18, 44, 12, 60],
              text_columns=("When",))
    add_sheet(consortium, "Budget", BUDGET_HEADER, budget_rows(), [28, 60, 6, 10, 10, 22])
    save(consortium, EVIDENCE / "consortium.xlsx")


if __name__ == "__main__":
    main()
