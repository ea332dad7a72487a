"""Writes the example project's two workbooks, as partners would keep them in Excel.

evidence/meetings.xlsx   one kind (meetings), real Excel date cells
evidence/consortium.xlsx several kinds, one sheet each: "Action plan" and "Budget"

The rows are data here so the workbooks can be regenerated identically; edit them in Excel or here.
Attendance and budget figures are illustrative (see evidence/README.md).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

EVIDENCE = Path(__file__).resolve().parent.parent / "evidence"
FIXED_TIME = datetime(2019, 3, 15, 9, 0, 0)

MEETINGS = [
    ["Date", "Title", "Partners", "Kind", "Format", "Status", "Attendees", "Nation", "Characteristics", "Summary"],
    [datetime(2018, 11, 6), "Project launch with consortium partners", "wcva; involve; ehrc", "meeting", "in-person",
     None, 14, "wales", None, "Agreed how the partners will share the work and who each nation's lead will be."],
    [datetime(2018, 11, 13), "Disabled people's organisations round table", "wcva; ehrc", "workshop", "in-person",
     None, 18, "wales", "disability", "Heard what stops disabled people from taking part in consultations, "
     "from inaccessible venues to papers that arrive too late to read."],
    [datetime(2018, 11, 20), "Open Government: an introduction", "wcva; involve", "webinar", "online", None, 37,
     "uk-wide", "age; disability", "A plain-language webinar on transparency, participation and accountability."],
    [datetime(2018, 11, 27), "Co-production conversation", "copronet-wales; wcva", "meeting", "in-person", None, 11,
     "wales", "disability; age", "Explored how co-production principles can guide the longer-term programme."],
    [datetime(2018, 11, 29), "Equality networks in England", "edf; involve", "meeting", "online", None, 6,
     "england", "race; religion-belief; sexual-orientation", "Shared the approach with national equality networks."],
    [datetime(2018, 12, 4), "Scottish engagement meeting", "inclusion-scotland; wcva", "meeting", "hybrid", None, 9,
     "scotland", "disability", "Linked the work to the Scottish SDG network and community empowerment."],
    [datetime(2018, 12, 11), "Young people and democracy workshop", "wcva; ers-cymru", "workshop", "in-person",
     None, 22, "wales", "age", "Young people said what would make politics in Wales feel like it is for them."],
    [datetime(2018, 12, 12), "Northern Ireland equality groups", "equality-coalition-ni; involve", "meeting",
     "online", None, 8, "northern-ireland", "race; gender-reassignment; sexual-orientation",
     "Discussed how Open Government could help groups in Northern Ireland be heard."],
    [datetime(2018, 12, 18), "Open data and equality data session", "welsh-government; odi-cardiff; wcva",
     "training", "in-person", None, 16, "wales", "race; sex",
     "Practical session on finding and using StatsWales data about equality."],
    [datetime(2019, 1, 9), "Well-being goals and equality", "fgc-wales; wcva", "meeting", "in-person", None, 7,
     "wales", "age; disability", "How the well-being goals and the SDGs can carry equality themes."],
    [datetime(2019, 1, 15), "Faith and belief groups conversation", "ehrc; wcva", "meeting", "in-person", None, 12,
     "wales", "religion-belief; race", "Faith groups described the trust they have built in their communities."],
    [datetime(2019, 1, 22), "Accessible communications review", "friendly-info; wcva", "workshop", "online", None,
     5, "uk-wide", "disability", "Reviewed the Easy Read and plain-language introduction to the SDGs."],
    [datetime(2019, 1, 24), "LGBT+ organisations conversation", "ehrc; edf", "meeting", "online", None, 10,
     "wales", "sexual-orientation; gender-reassignment", "Heard how consultations can be made safer to join."],
    [datetime(2019, 1, 29), "Consultation skills workshop", "participation-cymru; naw; wiserd", "workshop",
     "in-person", None, 19, "wales", "age; sex", "How to respond to a consultation, and how to consult better."],
    [datetime(2019, 2, 5), "Women's organisations meeting", "wcva; ehrc", "meeting", "in-person", "cancelled", None,
     "wales", "sex; pregnancy-maternity", "Cancelled because of snow; to be rearranged."],
    [datetime(2019, 4, 10), "Follow-up with nation leads", "wcva; edf; inclusion-scotland; equality-coalition-ni",
     "meeting", "online", None, None, "uk-wide", None, "Agree the final shape of the funding proposal."],
]

ACTION_PLAN = [
    ["Workstream", "Activity", "When", "Leads", "Status", "Notes"],
    ["1. Open Government Civil Society Network Wales established",
     "Build a coalition of partners with four focuses: well-being goals, equalities, open data and young people",
     None, "WCVA", "done", None],
    ["1. Open Government Civil Society Network Wales established",
     "Create the action plan and distribute it through partners' blogs, websites and social media, a landing page "
     "on WCVA's site and the Open Gov website and wiki", "June 17", "WCVA", "done", None],
    ["1. Open Government Civil Society Network Wales established",
     "Internal training session in WCVA so that every officer and network knows how Open Government can work for "
     "their groups", "27 June 17", "WCVA, Involve", "done", None],
    ["1. Open Government Civil Society Network Wales established",
     "Map the expertise and connections on Open Government within the network and across Wales", "June 17", "WCVA",
     "done", "Written as 'WCVA- OGN' in the draft plan"],
    ["1. Open Government Civil Society Network Wales established",
     "Belfast Open Government Pioneers Conference: make sure under-represented communities and civil society are "
     "represented", "Feb 18", None, "done", None],
    ["1. Open Government Civil Society Network Wales established",
     "Link into networks about equal opportunities to engage", "July 17",
     "Equalities & Human Rights Coalition; WCVA; Co-Production Network for Wales", "ongoing",
     "Co-Production Network for Wales or Co-Production Practitioners Network for Wales (?)"],
    ["1. Open Government Civil Society Network Wales established", "Tender for equalities work and events",
     "Aug 17", "WCVA", "done", "Through the Open Government Network"],
    ["1. Open Government Civil Society Network Wales established",
     "Publish good practice examples: engagement and participation in policy and service design, and what open "
     "data can achieve", "Ongoing", "WCVA", "ongoing", None],
    ["1. Open Government Civil Society Network Wales established", "Select several well-being goals to focus on",
     "Ongoing", "WCVA", "ongoing", None],
    ["1. Open Government Civil Society Network Wales established",
     "Engagement and involvement workshops with the public sector (Welsh Government, local authorities)", None,
     "WCVA; ERS Cymru", "in-progress", "WCVA as the link to civil society"],
    ["1. Open Government Civil Society Network Wales established",
     "Open data workshops and webinars with StatsWales for the public and third sectors: finding, manipulating and "
     "downloading data; what open data is and why it helps; using StatsWales data directly in Excel or Power BI",
     None, "Welsh Government; WCVA; ODI Cardiff", "in-progress",
     "Led by Welsh Government (StatsWales); WCVA to promote and host the webinar (?); ODI Cardiff node (?)"],
    ["1. Open Government Civil Society Network Wales established",
     "Develop a young people's democracy and data project", "autumn 17", "WCVA", "planned",
     "Bid in autumn 17; #IWILL network of ambassadors through external funding?; link to the National Assembly's "
     "work on young people's engagement"],
    ["1. Open Government Civil Society Network Wales established",
     "Develop an 'Intro to Welsh Politics' internal training module for WCVA, with an Open Government section",
     "Mar 18", "WCVA", "done", "JG & LR"],
    ["2. Engage civil society in PSBs to co-produce wellbeing plans", "Well-being plans event", "July 2017",
     "Office of the Future Generations Commissioner for Wales", "done",
     "Aim: local authority buy-in for Open Government approaches; better, more open local and public services"],
    ["2. Engage civil society in PSBs to co-produce wellbeing plans", "Work with disengaged citizens", None,
     "Office of the Future Generations Commissioner for Wales", "in-progress", None],
    ["2. Engage civil society in PSBs to co-produce wellbeing plans", "Open Government and well-being goals webinar",
     "Nov 17", "Open Gov Network Wales; Wales Audit Office", "done", "With the WAO Good Practice Exchange"],
    ["2. Engage civil society in PSBs to co-produce wellbeing plans", "Community voice work at Gofod3",
     "March 18", "CVCs", "done", None],
    ["2. Engage civil society in PSBs to co-produce wellbeing plans",
     "Co-production events on collaboration between the third sector and government", None,
     "Co-Production Network for Wales", "planned",
     "Co-Production Network for Wales or Co-Production Practitioners Network for Wales (?)"],
    ["3. Civil society scrutiny on legislation - consultations",
     "Event or webinar for the third sector encouraging more contributions from civil society and academics to "
     "developing and scrutinising Government policy and legislation: how to respond, how to consult better",
     "Ongoing", "National Assembly for Wales; Welsh Government; WISERD", "ongoing", None],
    ["3. Civil society scrutiny on legislation - consultations",
     "Alternative facilitation techniques for consultations", None, "WCVA; Participation Cymru", "planned",
     "Through WCVA's networks"],
    ["4. Civil society input into Welsh Government commitments for Open Government Action Plan 2018-20",
     "Crowdsource the next action plan's commitments on an online platform launched at the Eisteddfod",
     "August 17", "Welsh Government", "done", "Via the Digital Office; First Minister to announce?"],
    ["4. Civil society input into Welsh Government commitments for Open Government Action Plan 2018-20",
     "Network meeting to build the commitments further from the ideas gathered", "Early Sept 17",
     "WCVA; Welsh Government", "done", None],
]

BUDGET = [["Heading", "Description", "Year", "Amount", "Cost type", "Partner"]]
for year, overhead in ((1, 1600), (2, 1700), (3, 1700)):
    BUDGET += [
        ["Staff", "Programme coordinator, 0.8 FTE", year, 32000, "revenue", "wcva"],
        ["Partner grants", "Nation lead partners: England, Scotland, Northern Ireland and Wales", year, 24000,
         "revenue", None],
        ["Events and travel", "Engagement meetings and an annual summit, with travel for participants", year,
         9000, "revenue", None],
        ["Accessibility and translation", "BSL interpreters, Easy Read, Welsh translation, carers' costs", year,
         8000, "revenue", None],
        ["Communications", "Online wiki, plain-language materials", year, 4000, "revenue", "friendly-info"],
    ]
    if year > 1:
        BUDGET.append(["Evaluation", "Independent evaluation with participants", year, 4000 if year == 2 else 6000,
                       "revenue", "wiserd"])
    if year == 1:
        BUDGET.append(["Equipment", "Portable hearing loops and two accessible laptops", year, 3600, "capital",
                       None])
    BUDGET.append(["Overheads", "Share of finance, HR and premises", year, overhead, "revenue", "wcva"])


def write(path: Path, sheets: dict[str, list[list]], widths: dict[str, list[int]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column, width in zip("ABCDEFGHIJ", widths[name]):
            sheet.column_dimensions[column].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime):
                    cell.number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
    book.properties.creator = "bidkit example"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.save(path)


def main() -> None:
    write(EVIDENCE / "meetings.xlsx", {"Meetings": MEETINGS}, {"Meetings": [12, 44, 40, 10, 10, 10, 10, 16, 36, 60]})
    write(EVIDENCE / "consortium.xlsx", {"Action plan": ACTION_PLAN, "Budget": BUDGET},
          {"Action plan": [40, 70, 14, 40, 12, 50], "Budget": [28, 50, 6, 10, 10, 14]})


if __name__ == "__main__":
    main()
