"""The hand-written text of the generated pages: page intros, what each column and key means, the value
formats and their examples. scripts/make_docs.py puts it together with what it reads from bidkit's code.

A column's meaning comes from its pydantic `Field(description=...)` when the model gives one, otherwise from
MEANINGS here; a column with neither stops make_docs.py, so a new column cannot go undocumented, and
tests/test_docs.py fails when MEANINGS explains a column that no longer exists. Every example the value formats
give is read back by tests/test_docs.py exactly as the page says it is read.
"""
from __future__ import annotations

# ---------------------------------------------------------------------------------------------- what things mean

KIND_TITLES = {
    "project": "project.yaml",
    "partners": "Partners",
    "meetings": "Meetings",
    "reading-list": "Reading list",
    "action-plan": "Action plan",
    "delivery-plan": "Delivery plan",
    "budget": "Budget",
    "other-funding": "Other funding",
    "outcomes": "Outcomes",
}

KIND_INTROS = {
    "project": "What the bid is. One YAML file, `project.yaml`, at the top of the project folder; it is required.",
    "partners": "The partner organisations, one a row: a file named `partners…`, or a sheet named \"Partners\" "
                "([file formats](project-folder.md#how-bidkit-finds-the-evidence)). The project needs at least "
                "the lead partner. Meetings, the action plan and the budget name partners by their `id` or "
                "`name`, ignoring capitals, spaces, `-` and `_`.",
    "meetings": "Meetings and events, one a row: a file named `meetings…`, or a sheet named \"Meetings\". The same "
                "meeting (same date, same title ignoring capitals, quotes and extra spaces, same partners) "
                "reported in two places is a warning that names both places, and it is counted once; when the "
                "reports give different attendance, the smaller counts.",
    "reading-list": "Research and insight, one entry a row: a file named `reading-list…`, or a sheet named "
                    "\"Reading list\".",
    "action-plan": "Work streams and activities, one activity a row: a file named `action-plan…`, or a sheet named "
                   "\"Action plan\". A lead that is not a partner is a warning, since plans name outside bodies "
                   "too, and it is shown as written.",
    "delivery-plan": "What the grant will pay for, one activity a row, by year and quarter of the grant: a file "
                     "named `delivery-plan…`, or a sheet named \"Delivery plan\". It is the funding proposal's "
                     "Timetable (the action plan is the work so far, and stays in the report): quarters count from "
                     "`start_date` in `project.yaml`, so quarter 1 of year 1 starts on it, and the documents show "
                     "real months. A funding proposal needs one; a year of the grant with no activity is a warning "
                     "in draft and an error in final; a lead that is not a partner is a warning, as in the action "
                     "plan.",
    "other-funding": "The rest of the total cost, one source a row: a file named `other-funding…`, or a sheet "
                     "named \"Other funding\". `amount_requested` plus these amounts must equal `total_cost` in "
                     "`project.yaml`: when they do not, the error gives all three figures and the difference. "
                     "The proposal's Budget shows them beside the cost lines.",
    "budget": "Cost lines, one a row: a file named `budget…`, or a sheet named \"Budget\". When `project.yaml` "
              "gives `amount_requested`, the lines must add up to it: when they do not, the error gives both "
              "figures and the difference.",
    "outcomes": "Outcomes with their indicators. YAML only (`outcomes.yaml`): a list with one `- ` entry per "
                "outcome, each with its list of `indicators`.",
}

MEANINGS = {
    # project.yaml
    ("project", "title"): "the project's name, on every title page",
    ("project", "lead_partner"): "the lead partner, by its `id` or `name` in the partner list",
    ("project", "status"): "`draft` puts a DRAFT mark on every document; `final` removes it and turns two kinds of "
                           "warning into errors: an answer outside the funder's word or character limits, and two "
                           "reports of one meeting that disagree",
    ("project", "version"): "shown on every title page; when left out, `0.1` in draft and `1.0` when final",
    ("project", "as_of"): "the date the evidence speaks for, shown on the title pages; a meeting after it cannot "
                          "be marked `held`",
    ("project", "period"): "the period of the work reported: `start` and `end`",
    ("project", "period.start"): "the first day of the work reported",
    ("project", "period.end"): "the last day of the work reported; not before `start`",
    ("project", "funder"): "the id of a [funder profile](#funder-profiles); needed for the funding proposal",
    ("project", "amount_requested"): "the amount asked of the funder; needed for the funding proposal; the budget "
                                     "lines must add up to it",
    ("project", "total_cost"): "the whole cost of the project, at least `amount_requested`; when left out, "
                               "`amount_requested`; the [other funding](#other-funding) explains the rest",
    ("project", "duration_years"): "how many years the funded work lasts; no budget line may be for a later year",
    ("project", "start_date"): "when the funded work would start: quarter 1 of year 1 of the "
                               "[delivery plan](#delivery-plan) starts on it",
    ("project", "nations"): "the nations the project covers",
    ("project", "locations"): "where the work happens, in words",
    ("project", "organisation"): "the organisation that applies; needed for the funding proposal",
    ("project", "organisation.legal_name"): "its legal name",
    ("project", "organisation.type"): "its kind of organisation, from the funder's list",
    ("project", "organisation.website"): "its website",
    ("project", "organisation.address"): "its address",
    ("project", "organisation.address.line1"): "first line",
    ("project", "organisation.address.line2"): "second line",
    ("project", "organisation.address.town_city"): "town or city",
    ("project", "organisation.address.county"): "county",
    ("project", "organisation.address.postcode"): "postcode",
    ("project", "contact"): "who to contact about the bid: for your own records, never printed in any output",
    ("project", "contact.name"): "their name",
    ("project", "contact.email"): "their email address",
    ("project", "contact.phone"): "their phone number",
    ("project", "focus"): "what the project addresses",
    ("project", "focus.sdgs"): "the Sustainable Development Goals it addresses",
    ("project", "focus.wellbeing_goals"): "the Well-being of Future Generations (Wales) Act goals it addresses",
    ("project", "focus.characteristics"): "the protected characteristics of the people it is for",
    ("project", "beneficiaries"): "who the funded work is for; needed for the funding proposal's \"Who will "
                                  "benefit\"",
    ("project", "beneficiaries.number"): "how many people will benefit over the grant",
    ("project", "beneficiaries.characteristics"): "the protected characteristics of the people it is for; when "
                                                  "left out, `focus.characteristics`: one list for the "
                                                  "proposal's text, its chart and `funding-proposal.json`",
    ("project", "languages"): "the language the documents are marked with and their dates are written in; only "
                              "the first is used",
    # partners
    ("partners", "id"): "a short id to name the partner by elsewhere; when left out, it is made from the name; "
                        "unique across all partner files",
    ("partners", "name"): "the organisation's name; unique across all partner files, ignoring capitals, curly quotes and "
                          "extra spaces",
    ("partners", "type"): "what kind of organisation it is",
    ("partners", "nation"): "its home nation",
    ("partners", "role"): "its part in the bid",
    ("partners", "org_id"): "its identifier on a register, as org-id.guide writes it: the register's prefix "
                            "(`GB-CHC`, `GB-SC`, `GB-NIC`, `GB-COH` …), a hyphen, and the register's own number as "
                            "the register writes it, leading zeros kept",
    ("partners", "characteristics"): "the protected characteristics of the people it represents or works with",
    ("partners", "website"): "its website",
    ("partners", "contact_email"): "for your own records: never printed in any output",
    # meetings
    ("meetings", "date"): "the day it took place",
    ("meetings", "title"): "what it was",
    ("meetings", "partners"): "the partners who took part, by `id` or `name`; a name that is not a partner is an "
                              "error, with the nearest partner suggested",
    ("meetings", "kind"): "what kind of meeting it was; a webinar or a summit counts as a meeting held",
    ("meetings", "format"): "how people took part",
    ("meetings", "status"): "when left empty, `held` if the date is on or before `as_of` in `project.yaml`, "
                            "otherwise `planned`; a meeting after `as_of` cannot be `held`",
    ("meetings", "attendees"): "how many people took part; added up as people reached (attendances: a person "
                               "at two meetings counts twice)",
    ("meetings", "nation"): "where it took place; when left empty, the first partner's nation",
    ("meetings", "characteristics"): "the protected characteristics represented at the meeting",
    ("meetings", "summary"): "what happened and what was said",
    # reading list
    ("reading-list", "title"): "the title of the work",
    ("reading-list", "source"): "its author or publishing organisation",
    ("reading-list", "url"): "where to find it; shown as a link",
    ("reading-list", "year"): "the year it was published",
    ("reading-list", "kind"): "what kind of work it is",
    ("reading-list", "notes"): "why it matters to the project",
    # action plan
    ("action-plan", "workstream"): "the work stream, as its number and title: "
                                   "`1. Open Government Civil Society Network Wales established`",
    ("action-plan", "activity"): "what is to be done",
    ("action-plan", "when"): "when it happens",
    ("action-plan", "leads"): "who leads it, by partner `id` or `name`; other names are kept as written, with a "
                              "warning",
    ("action-plan", "status"): "how far it has got",
    ("action-plan", "notes"): "anything else about it",
    # budget
    ("budget", "heading"): "the cost heading, such as `Staff` or `Travel`",
    ("budget", "description"): "what the money is for",
    ("budget", "year"): "the year of the grant; at most `duration_years` in `project.yaml`",
    ("budget", "amount"): "the cost",
    ("budget", "cost_type"): "revenue or capital",
    ("budget", "partner"): "the partner who spends it, by `id` or `name`",
    # delivery plan
    ("delivery-plan", "year"): "the year of the grant, 1 to `duration_years` in `project.yaml`",
    ("delivery-plan", "quarter"): "the quarter of that year, 1 to 4, counted from `start_date`; blank for the "
                                  "whole year",
    ("delivery-plan", "activity"): "what the grant will pay for",
    ("delivery-plan", "workstream"): "the work stream, as its number and title, as in the action plan",
    ("delivery-plan", "leads"): "who leads it, by partner `id` or `name`; other names are kept as written, with a "
                                "warning",
    ("delivery-plan", "outputs"): "what it will produce, such as `8 training sessions`",
    ("delivery-plan", "milestone"): "`yes` when finishing it is a milestone the funder can check",
    ("delivery-plan", "notes"): "anything else about it",
    # other funding
    ("other-funding", "source"): "who pays: an organisation, or the partners' own time",
    ("other-funding", "amount"): "how much",
    ("other-funding", "status"): "whether it is secured, still pending, or given in kind (time, rooms, equipment)",
    ("other-funding", "year"): "the year of the grant it falls in, if one; at most `duration_years`",
    ("other-funding", "notes"): "what it pays for, or when a pending amount will be known",
    # outcomes
    ("outcomes", "id"): "a short id for the outcome; unique in the file",
    ("outcomes", "phase"): "`development` (the default): the work reported, shown in the report and the concept "
                           "paper with its actuals; `funded`: what the grant will deliver, shown in the funding "
                           "proposal with its yearly targets",
    ("outcomes", "indicators.how_measured"): "how it will be measured: who counts what, from which records; "
                                             "shown in the funding proposal",
    ("outcomes", "indicators.targets"): "for a `funded` outcome, the target by the end of each year of the "
                                        "grant, as `{1: 40, 2: 90, 3: 150}`: years 1 to `duration_years`, not "
                                        "falling for a count (a unit other than `%`), the last equal to `target`",
    ("outcomes", "title"): "what will change",
    ("outcomes", "type"): "what kind of result it is",
    ("outcomes", "sdgs"): "the Sustainable Development Goals it serves",
    ("outcomes", "wellbeing_goals"): "the Well-being of Future Generations (Wales) Act goals it serves",
    ("outcomes", "indicators"): "how progress is measured",
    ("outcomes", "indicators.id"): "a short id for the indicator",
    ("outcomes", "indicators.name"): "what is measured",
    ("outcomes", "indicators.unit"): "what it is counted in, such as `organisations`",
    ("outcomes", "indicators.baseline"): "the value at the start",
    ("outcomes", "indicators.target"): "the value aimed for",
    ("outcomes", "indicators.measure"): "a figure bidkit counts from the evidence as the actual value; then "
                                        "`actual` must be left out",
    ("outcomes", "indicators.actual"): "the value reached so far, as the partners report it",
}

LIST_TITLES = {
    "NATIONS": "Nations",
    "CHARACTERISTICS": "Protected characteristics (Equality Act 2010)",
    "SDGS": "Sustainable Development Goals",
    "WELLBEING_GOALS": "Well-being of Future Generations (Wales) Act goals",
    "PARTNER_TYPES": "Partner types",
    "PARTNER_ROLES": "Partner roles",
    "MEETING_KINDS": "Meeting kinds",
    "MEETING_FORMATS": "Meeting formats",
    "MEETING_STATUSES": "Meeting statuses",
    "OUTCOME_TYPES": "Outcome types",
    "READING_KINDS": "Reading list kinds",
    "ACTION_STATUSES": "Action plan statuses",
    "COST_TYPES": "Cost types",
    "OUTCOME_PHASES": "Outcome phases",
    "FUNDING_STATUSES": "Other funding statuses",
    "YES_NO": "Yes or no",
    "PROJECT_STATUSES": "Project statuses",
    "ORGANISATION_TYPES": "Organisation types",
    "MEASURES": "Measures counted from the evidence",
    "FIGURES": "Figures in narrative files",
    "LANGUAGES": "Languages",
}

LIST_INTROS = {
    "FIGURES": "Counted once from the evidence, the same in every document. A narrative file may quote each as "
               "`{{ name }}`, such as `{{ meetings_held }}`; any other name inside `{{ }}` is an error. "
               "[The project folder](project-folder.md#figures-in-the-prose) says how each is counted.",
}

EVIDENCE_INTRO = """\
This page lists every kind of evidence bidkit reads, every column (or YAML key) of each, whether it is
required, the values it takes and what it means, and every reference list. It is for everyone who writes
evidence. Partners filling in a spreadsheet may prefer [Filling in a spreadsheet for bidkit](partners.md);
[The project folder](project-folder.md) explains how files are named, found and read.

## How to read this page

- **Column names** match ignoring capitals, spaces, `-` and `_`: `Cost type` is `cost_type`. In a YAML file the
  column is a key. A column or key that is not listed here is an error, because it is usually a typing mistake.
- **Required** columns must be present and every row must give a value. The other columns may be left out, or
  left empty in a row: an empty cell means "not given", and the default (when there is one) applies.
- **Value** says what a cell may hold; the formats are explained in [value formats](#value-formats).
- Nested keys (such as `period.start`) exist only in YAML: `period:` followed by an indented `start:` line.

`bidkit schema` prints the same rules as JSON Schema, for editors that check a file as it is typed."""

# Every example below is read by tests/test_docs.py exactly as the page says it is, so the page cannot promise a
# form bidkit does not read.
DATE_EXAMPLES = ["2018-11-14", "14/11/2018", "14.11.2018", "14-11-2018", "14/11/18", "14 Nov 2018",
                 "14 November 2018", "14th November 2018", "14th of November 2018", "14 Nov. 2018", "14-Nov-18",
                 "14/Nov/2018", "November 14, 2018", "Nov 14 2018", "Wed 14 Nov 2018", "Wednesday, 14 November 2018",
                 "2018/11/14", "2018.11.14", "14/11/2018 10:30", "14/11/2018 3pm", "2018-11-14T10:30:00"]
# each is 14 November 2018
DATE_REFUSED = ["11/14/2018", "31/02/2019", "Tue 14 Nov 2018", "next Tuesday", "Nov 14 18"]
PERIOD_EXAMPLES = [   # (what it is, examples with the first and last day each covers, what it covers)
    ("a date", {"14/11/2018": ("2018-11-14", "2018-11-14"), "27 June 17": ("2017-06-27", "2017-06-27")},
     "that day"),
    ("a month", {"2017-06": ("2017-06-01", "2017-06-30"), "June 2017": ("2017-06-01", "2017-06-30"),
                 "Jun 17": ("2017-06-01", "2017-06-30"), "Sept 17": ("2017-09-01", "2017-09-30")},
     "the whole month"),
    ("part of a month", {"Early Sept 17": ("2017-09-01", "2017-09-10"), "mid March 2018": ("2018-03-11", "2018-03-20"),
                         "late Nov 17": ("2017-11-21", "2017-11-30")},
     "days 1 to 10, 11 to 20, or 21 to the end of the month"),
    ("a season", {"Spring 2018": ("2018-03-01", "2018-05-31"), "Autumn 2017": ("2017-09-01", "2017-11-30"),
                  "Winter 2018": ("2018-12-01", "2019-02-28")},
     "spring is March to May, summer June to August, autumn September to November, winter December to "
     "the next February"),
    ("a year", {"2018": ("2018-01-01", "2018-12-31")}, "the whole year"),
    ("a range", {"Nov 2018 - Jan 2019": ("2018-11-01", "2019-01-31"), "Nov 2018 to Jan 2019": ("2018-11-01", "2019-01-31")},
     "from the start of the first to the end of the second"),
    ("the word", {"Ongoing": (None, None)}, "no dates: it is shown as ongoing"),
]
MONEY_EXAMPLES = {"12500": 12500, "12,500": 12500, "£12,500": 12500, "12 500": 12500, "£30,000.00": 30000}
MONEY_REFUSED = ["12500.50", "12,50"]
WHOLE_EXAMPLES = {"1200": 1200, "1,200": 1200, "25.0": 25}
WHOLE_REFUSED = ["12.5", "about 20"]
NUMBER_EXAMPLES = {"12": 12, "0.5": 0.5, "64%": 64, "1,200": 1200}
LIST_EXAMPLES = {"wcva; Involve": ["wcva", "Involve"], "wcva, Involve": ["wcva", "Involve"],
                 "wcva; Women's Aid, Wales": ["wcva", "Women's Aid, Wales"]}


def code_list(values, word: str = "or") -> str:
    quoted = [f"`{v}`" for v in values]
    return ", ".join(quoted[:-1]) + f" {word} {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def value_formats() -> str:
    periods = "\n".join(f"| {what}: {code_list(examples)} | {covers} |" for what, examples, covers in PERIOD_EXAMPLES)
    money = [v for v in MONEY_EXAMPLES if MONEY_EXAMPLES[v] == 12500]
    return f"""\
## Value formats

Every value starts as text (or as a real date cell in a workbook) and is read by these rules, whatever the file
format. A blank cell, or a cell holding only spaces, is "not given". A workbook cell that shows a formula error
(`#N/A`, `#REF!`, `#DIV/0!`, LibreOffice's `Err:502`), or holds a formula with no saved value, is an error at its
cell whatever the column, and so is such an error written out in a CSV file: its row is not read.

### Text

Trimmed of spaces at each end. Control characters other than tab and line breaks are errors that name the
character (`U+0001`). Each column has a length limit, given in characters.

### Dates

Always day first, never month first. Each of these is 14 November 2018: {code_list(DATE_EXAMPLES, "and")}; so is
a real date cell in a workbook, however it is displayed. A month written as a word may come first, before a
four-digit year; a day of the week, if given, must be the date's own; a time of day after the date is ignored. A
two-digit year is 20YY.

bidkit refuses, with a message that says why: a month-first date ({code_list(DATE_REFUSED[:1])}: it suggests
the day-first form), a date that cannot exist ({code_list(DATE_REFUSED[1:2])}), a weekday that is not the
date's ({code_list(DATE_REFUSED[2:3])}), and anything else it cannot read ({code_list(DATE_REFUSED[3:])}).

A column typed month first, as a computer set to US English writes dates, is refused once, as a whole: when
some of a column's numeric dates can only be read month first (`11/14/2018`) and none can only be read day
first, the column is one error at its header and none of its dates is read, because its `05/06/2018` would be
read as 5 June but means 6 May to the person who typed it. In a column that also holds day-first dates, a date that only makes sense
month first is an error at its own cell.

A date more than 10 years before or after the project's period in `project.yaml` is an error too (usually a
mistyped year, `2108`), with the likely year suggested. A year of 1900 says what usually causes it: a number
such as 19 typed into a date cell.

### Periods

When something happens (the action plan's `when`). Each becomes a first and a last day, and is shown as
written:

| written | covers |
|---|---|
{periods}

### Whole pounds

{code_list(money, "and")} are the same amount, and `£30,000.00` is £30,000. Pence are an error
({code_list(MONEY_REFUSED[:1])}): funders take whole pounds. Thousands separators must group by three, so
{code_list(MONEY_REFUSED[1:])} is an error, never 1,250.

### Whole numbers

Digits, with or without thousands separators: {code_list(WHOLE_EXAMPLES)} (a number with `.0` is whole).
{code_list(WHOLE_REFUSED, "and")} are errors.

### Numbers

A number, whole or not, with or without thousands separators or a `%` sign: {code_list(NUMBER_EXAMPLES)}.

### Lists

Several values in one cell, separated by `;` or by line breaks (Alt+Enter in Excel), or by `,` when the cell
has neither: `wcva; Involve` and `wcva, Involve` are the same two values. Once a cell uses `;`, a comma is part
of a value: `wcva; Women's Aid, Wales` is two values. In YAML, a list: `[wcva, involve]`, or one `- ` line per
value.

### Choices from a list

One value from a fixed list, written as its slug or its label, in any capitals: `northern-ireland` or
`Northern Ireland`. A value that is not on the list is an error that lists the slugs. Every list is given in
full under [reference lists](#reference-lists).

### Ids

Lower-case letters, digits and single hyphens: `wcva`, `ehr-coalition`.

### Web addresses

Starting `http://` or `https://`.

### Email addresses

Such as `name@example.org`.

### Organisation identifiers

An [org-id.guide](https://org-id.guide) identifier: `GB-CHC-1171234`, `GB-SC-SC045678`, `GB-COH-01234567`,
`GB-NIC-100123`."""


FUNDER_INTRO = """\
## Funder profiles

A funder profile describes one funder's form: its questions with their word or character limits, and its
money rules. Choose one with `funder:` in `project.yaml`, and write each answer in
`narrative/<question id>.md`. Words are counted as the funder's form counts them: runs of non-space characters
in the answer as plain text, with the Markdown markup removed. Over or under a limit is a warning in draft and
an error when `status: final`. A project may add its own profiles as `funders/<id>.yaml`; bidkit looks there
first. [The project folder](project-folder.md#funder-profiles) says more."""

RULE_MEANINGS = {
    "project_name_max_chars": "the most characters in `title`",
    "locations_max_chars": "the most characters in `locations`",
    "amount_min": "the smallest `amount_requested`, in pounds",
    "amount_max": "the largest `amount_requested`, in pounds",
    "amount_at_most_total_cost": "whether `amount_requested` must be no more than `total_cost`",
    "duration_years_min": "the fewest years in `duration_years`",
    "duration_years_max": "the most years in `duration_years`",
    "budget_rows_max": "the most budget lines",
}

PROFILE_MEANINGS = {
    "id": "the profile's id: the name `funder:` gives, and the file's name without `.yaml`",
    "funder": "the funder's name, in English and Welsh (`{en: ..., cy: ...}`; plain text is English only)",
    "programme": "the programme's name, in English and Welsh",
    "project_name": "the form's own title for the project's name, in English and Welsh",
    "source": "where the questions and limits come from",
    "rules": "the money and length rules, below",
    "questions": "the questions, in order, below",
    "questions.id": "the question's id: its answer is `narrative/<id>.md`",
    "questions.field": "the form's own name for the answer, used in `funding-proposal.json`",
    "questions.title": "the question as the form asks it, in English and Welsh; the proposal's section title",
    "questions.guidance": "the funder's guidance for the answer, in English and Welsh",
    "questions.min_words": "the fewest words the answer may have",
    "questions.max_words": "the most words the answer may have",
    "questions.max_chars": "the most characters the answer may have",
    **{f"rules.{key}": text for key, text in RULE_MEANINGS.items()},
}

COMMANDS_INTRO = """\
This page lists every bidkit command and option, with the help text bidkit itself prints. It is for bid
facilitators. [Getting started with bidkit](getting-started.md) shows the commands in use.

Type `bidkit COMMAND -h` (or `--help`) for the same help on the command line. `PROJECT` is a project folder;
it defaults to `./evidence`.

## Exit codes

| code | meaning |
|---|---|
| 0 | success (warnings may have been printed) |
| 1 | the evidence has errors (or, with `bidkit check --strict`, warnings); a build with errors writes nothing |
| 2 | the command could not run: no such folder, a bad option, a template bidkit cannot use, an output folder bidkit refuses or another build is using, a disk that is full, or a render that was stopped |
| 130 | interrupted (Ctrl+C) |"""
