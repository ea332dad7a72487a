"""The partner workbook as content: its sheets, columns, notes, required marks, lists and the rows on file.

Partners are often not technical and fill the workbook in Excel or LibreOffice, so everything a partner needs to
get a row right is said where they type it: each column's note says what goes there (the same words the
per-partner report uses for "what to write instead"), and each column's type decides the cell rule the renderer
adds (a dropdown, dates only, whole numbers only, a length limit). Choices are offered by their labels ("Northern
Ireland", "Consortium member"), which bidkit reads back as readily as the ids; a Welsh workbook offers the Welsh
labels ("Gogledd Iwerddon"), which bidkit reads back too. Every fixed text is in the workbook's language, but the
sheet names and column names stay as bidkit reads them. `render/partner_workbook.py` writes it; nothing here knows
about openpyxl.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..evidence import taxonomies as tx
from ..evidence.dates import parse_date
from ..evidence.kinds import TABLE_KINDS, YAML_ONLY_KINDS
from ..evidence.files import kind_of_name
from ..evidence.on_file import OnFile, RowOnFile
from ..evidence.owners import owner_keys, owner_of
from ..evidence.values import LONG_TEXT_LIMIT, TEXT_LIMIT, money, split_list, whole_number
from ..i18n import N_, gettext_for
from ..problems import BidkitError, Message

SHEET_TITLES = {"partners": "Partners", "meetings": "Meetings", "reading-list": "Reading list",
                "action-plan": "Action plan", "delivery-plan": "Delivery plan", "budget": "Budget",
                "other-funding": "Other funding"}
# the sheets a workbook holds unless --kinds says otherwise: what partners send (the delivery plan and the other
# funding are usually the facilitator's, and are asked for by name)
DEFAULT_KINDS = ("partners", "meetings", "reading-list", "action-plan", "budget")
# the Instructions sheet is shown in the workbook's language; the hidden Lists sheet keeps its name, by which
# bidkit knows it is no evidence (the sheets of evidence keep theirs, SHEET_TITLES, by which bidkit reads them)
INSTRUCTIONS, LISTS = N_("Instructions"), "Lists"
PARTNERS_LIST = N_("Partners")
# A list of the Lists sheet (its heading there, in the workbook's language) -> the reference list it offers
CHOICE_LISTS = {N_("Partner types"): tx.PARTNER_TYPES, N_("Nations"): tx.NATIONS,
                N_("Partner roles"): tx.PARTNER_ROLES, N_("Characteristics"): tx.CHARACTERISTICS,
                N_("Meeting kinds"): tx.MEETING_KINDS, N_("Meeting formats"): tx.MEETING_FORMATS,
                N_("Meeting statuses"): tx.MEETING_STATUSES, N_("Reading kinds"): tx.READING_KINDS,
                N_("Action statuses"): tx.ACTION_STATUSES, N_("Cost types"): tx.COST_TYPES,
                N_("Funding statuses"): tx.FUNDING_STATUSES, N_("Yes or no"): tx.YES_NO}
ENGLISH = gettext_for("en")
DATE_MARGIN_YEARS = 10          # a date further than this from the project's period is a typing mistake


@dataclass(frozen=True)
class Column:
    """One column bidkit reads. `type` decides the cell rule: text (with `limit`), date, whole (from `low` to
    `high`), money, choice (one from `choices`), choices (several), partner, partners, period, id, url, email."""

    name: str
    type: str
    note: str
    required: bool = False
    limit: int | None = None
    choices: str | None = None
    low: int | None = None
    high: int | None = None

    def note_in(self, _) -> str:
        """The note in a language (`_` its gettext), with the choices spelled out by their labels in it: a partner
        reading a report about a CSV has no dropdown."""
        note = _(self.note) + (" " + _(SEVERAL) if self.type == "choices" else "")
        if self.type in ("choice", "choices"):
            labels = ", ".join(_(label) for label in CHOICE_LISTS[self.choices].values())
            note += " " + _("The choices: {choices}.").format(choices=labels)
        return note


def text(name, note, required=False, limit=TEXT_LIMIT):
    return Column(name, "text", note, required, limit)


def pick(name, choices, note, required=False, several=False):
    return Column(name, "choices" if several else "choice", note, required, choices=choices)


SEVERAL = N_("Pick one from the list, or type several separated by ; (for example: age; disability).")
COLUMNS: dict[str, tuple[Column, ...]] = {
    "partners": (
        Column("id", "id", N_("A short id for the organisation: lower-case letters, digits and -, for example wcva. "
               "Leave it blank to have one made from the name. Other sheets may name the partner by it.")),
        text("name", N_("The organisation's full name."), True),
        pick("type", "Partner types", N_("What kind of organisation it is: pick from the list."), True),
        pick("nation", "Nations", N_("The nation it works in: pick from the list."), True),
        pick("role", "Partner roles", N_("Its part in the bid: pick from the list."), True),
        Column("org_id", "orgid", N_("Its identifier from org-id.guide: the register's prefix, a hyphen and the "
               "register's own number, for example GB-CHC-1171234 (a charity in England and Wales) or "
               "GB-COH-01234567 (a company). Leave it blank if you are not sure.")),
        pick("characteristics", "Characteristics", N_("Protected characteristics the organisation represents or "
             "works with."), several=True),
        Column("website", "url", N_("Its web address, starting with http:// or https://")),
        Column("contact_email", "email", N_("An email address for the bid team. Never printed in any document.")),
    ),
    "meetings": (
        Column("date", "date", N_("The day of the meeting, day first: 14/11/2018."), True),
        text("title", N_("The meeting's name or subject."), True),
        Column("partners", "partners", N_("The partners who took part: pick one from the list, or type several ids "
               "or names separated by ; (for example: wcva; involve)."), True, choices=PARTNERS_LIST),
        pick("kind", "Meeting kinds", N_("What it was: pick from the list (blank means a meeting).")),
        pick("format", "Meeting formats", N_("How people met: pick from the list.")),
        pick("status", "Meeting statuses", N_("Held, planned or cancelled: pick from the list. Left blank, a meeting "
             "on or before the date the evidence speaks for counts as held, a later one as planned.")),
        Column("attendees", "whole", N_("How many people came: a whole number, 0 or more."), low=0),
        pick("nation", "Nations", N_("Where it took place: pick from the list (blank means the first partner's "
             "nation).")),
        pick("characteristics", "Characteristics", N_("Protected characteristics represented at the meeting."),
             several=True),
        text("summary", N_("What happened and what came of it, in a few sentences. Shown in the project report."),
             limit=LONG_TEXT_LIMIT),
    ),
    "reading-list": (
        text("title", N_("The title of the report, book, video or page."), True),
        text("source", N_("Who wrote or published it: an author or an organisation."), True),
        Column("url", "url", N_("Its web address, starting with http:// or https://")),
        Column("year", "whole", N_("The year it was published: four digits, for example 2018."), low=1000, high=2100),
        pick("kind", "Reading kinds", N_("What it is: pick from the list.")),
        text("notes", N_("Why it matters to the bid."), limit=LONG_TEXT_LIMIT),
    ),
    "action-plan": (
        text("workstream", N_("The work stream's number and title, as \"1. Network established\"."), True),
        text("activity", N_("What is done or will be done: one activity per row."), True, limit=LONG_TEXT_LIMIT),
        Column("when", "period", N_("When: a date (14/11/2018), a month (June 2017, Jun 17), part of a month (Early "
               "Sept 17), a range (Nov 2018 - Jan 2019) or Ongoing.")),
        Column("leads", "partners", N_("Who leads it: pick a partner from the list, or type several separated by ; "
               "(an organisation that is not a partner may be named too)."), choices=PARTNERS_LIST),
        pick("status", "Action statuses", N_("How far it has got: pick from the list.")),
        text("notes", N_("Anything else worth knowing."), limit=LONG_TEXT_LIMIT),
    ),
    "delivery-plan": (
        Column("year", "whole", N_("The year of the grant: 1 for the first year, up to the grant's length in years."),
               True, low=1),
        Column("quarter", "whole", N_("The quarter of that year, 1 to 4, counted from the grant's start date; leave "
               "blank for the whole year."), low=1, high=4),
        text("activity", N_("What the grant will pay for: one activity per row."), True, limit=LONG_TEXT_LIMIT),
        text("workstream", N_("The work stream's number and title, as \"1. Network established\".")),
        Column("leads", "partners", N_("Who leads it: pick a partner from the list, or type several separated by ; "
               "(an organisation that is not a partner may be named too)."), choices=PARTNERS_LIST),
        text("outputs", N_("What it will produce, for example 8 training sessions."), limit=LONG_TEXT_LIMIT),
        pick("milestone", "Yes or no", N_("Yes when finishing it is a milestone the funder can check.")),
        text("notes", N_("Anything else worth knowing."), limit=LONG_TEXT_LIMIT),
    ),
    "budget": (
        text("heading", N_("The cost heading, for example Staff, Venues, Travel."), True),
        text("description", N_("What the money pays for."), limit=LONG_TEXT_LIMIT),
        Column("year", "whole", N_("The year of the grant it falls in: a whole number, 1 for the first year."), low=1),
        Column("amount", "money", N_("The cost in whole pounds, no pence: 12500."), True, low=0),
        pick("cost_type", "Cost types", N_("Revenue (running costs, the default) or capital (equipment, building): "
             "pick from the list.")),
        Column("partner", "partner", N_("The partner that spends it: pick from the list."), choices=PARTNERS_LIST),
    ),
    "other-funding": (
        text("source", N_("Who pays: an organisation, or the partners' own time."), True),
        Column("amount", "money", N_("The amount in whole pounds, no pence: 4000."), True, low=0),
        pick("status", "Funding statuses", N_("Secured, pending (asked for, not yet agreed) or in kind (time, rooms, "
             "equipment given): pick from the list.")),
        Column("year", "whole", N_("The year of the grant it falls in, if one: 1 for the first year."), low=1),
        text("notes", N_("What it pays for, or when it will be known."), limit=LONG_TEXT_LIMIT),
    ),
}
WHAT_EACH_SHEET_HOLDS = {
    "partners": N_("one row per organisation in the partnership"),
    "meetings": N_("one row per meeting, workshop, webinar or event (a meeting held twice is two rows)"),
    "reading-list": N_("one row per report, book, video or web page that informed the bid"),
    "action-plan": N_("one row per activity of a work stream"),
    "delivery-plan": N_("one row per activity the grant will pay for, by year and quarter"),
    "budget": N_("one row per cost line, in whole pounds"),
    "other-funding": N_("one row per source of the rest of the total cost, in whole pounds"),
}


@dataclass
class Sheet:
    kind: str
    title: str
    columns: tuple[Column, ...]
    rows: list[list] = field(default_factory=list)          # values in column order, then the extra columns
    extra: list[str] = field(default_factory=list)          # headers on file that bidkit does not read


@dataclass
class Workbook:
    title: str
    partner: tuple[str, str] | None                          # (id, name) when made for one partner
    sheets: list[Sheet]
    lists: dict[str, list[str]]                              # the hidden Lists sheet: name -> values
    instructions: list[tuple[str, str]]                      # (style: title, heading, text, item; text)
    dates: tuple[date, date] | None                          # what a date cell accepts
    lang: str = "en"                                         # of every fixed text but sheet and column names


def parse_kinds(text: str | None) -> list[str]:
    """`meetings,Reading list` -> the kinds asked for, in the order asked; BidkitError (exit 2) for a wrong one."""
    if text is None:
        return list(DEFAULT_KINDS)
    kinds: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        kind = kind_of_name(part)
        if kind in YAML_ONLY_KINDS:
            raise BidkitError(Message(N_("--kinds: {kind} are written in YAML (outcomes.yaml), not in the "
                                         "workbook; choose from {kinds}"),
                                      {"kind": kind, "kinds": ", ".join(TABLE_KINDS)}))
        if kind is None or tx.fold(part) != tx.fold(kind):
            raise BidkitError(Message(N_("--kinds: '{part}' is not a kind of evidence{hint}; choose from {kinds}"),
                                      {"part": part, "hint": tx.suggest(part, TABLE_KINDS),
                                       "kinds": ", ".join(TABLE_KINDS)}))
        if kind not in kinds:
            kinds.append(kind)
    if not kinds:
        raise BidkitError(Message(N_("--kinds: name at least one of {kinds}"), {"kinds": ", ".join(TABLE_KINDS)}))
    return kinds


def find_partner(on_file: OnFile, ref: str) -> tuple[str, str]:
    partners = on_file.partners()
    pid = owner_keys(partners).find(ref)
    if pid is None:
        known = (", ".join(p for p, _ in partners) if partners else
                 Message(N_("none (the project has no readable partners file)")))
        raise BidkitError(Message(N_("--partner: '{ref}' is not a partner of this project{hint}; the partners are: "
                                     "{known}"),
                                  {"ref": ref, "hint": tx.suggest(ref, [n for _, n in partners] +
                                                                  [p for p, _ in partners]), "known": known}))
    return pid, dict(partners)[pid]


def workbook(on_file: OnFile, kinds: list[str], partner: str | None = None, lang: str = "en") -> Workbook:
    """The workbook for `kinds` in `lang`; with `partner` (an id or name), holding the rows of that partner's own
    files."""
    _ = gettext_for(lang)
    chosen = find_partner(on_file, partner) if partner is not None else None
    partners = on_file.partners()
    lists = {name: [_(label) for label in table.values()] for name, table in CHOICE_LISTS.items()}
    lists[PARTNERS_LIST] = list(dict.fromkeys(sorted((n for _, n in partners), key=tx.fold_text) +
                                              sorted(p for p, _ in partners)))     # names, then ids
    dates = None
    if on_file.period:
        start, end = on_file.period
        dates = (date(start.year - DATE_MARGIN_YEARS, 1, 1), date(end.year + DATE_MARGIN_YEARS, 12, 31))
    sheets = []
    keys = owner_keys(partners)
    for kind in kinds:
        columns = tuple(Column(c.name, c.type, c.note, c.required, c.limit, c.choices, c.low,
                               on_file.duration_years if kind == "budget" and c.name == "year" else c.high)
                        for c in COLUMNS[kind])
        sheet = Sheet(kind, SHEET_TITLES[kind], columns)
        if chosen is not None:
            mine = [row for row in on_file.rows[kind] if belongs(row, chosen, keys)]
            sheet.extra = list(dict.fromkeys(h for row in mine for h in row.extra))
            sheet.rows = [[cell(c, row.values.get(c.name), _) for c in columns] +
                          [cell(None, row.extra.get(h)) for h in sheet.extra] for row in mine]
        sheets.append(sheet)
    title = on_file.title or _("The bid")
    return Workbook(title, chosen, sheets, {n: v for n, v in lists.items() if used(n, sheets)},
                    instructions(title, chosen, sheets, lang), dates, lang)


def used(list_name: str, sheets: list[Sheet]) -> bool:
    return any(c.choices == list_name for s in sheets for c in s.columns)


def belongs(row: RowOnFile, partner: tuple[str, str], keys) -> bool:
    """A row is the partner's when it lies in a file that is the partner's (its subfolder or file-name suffix):
    the returned workbook replaces exactly those files. A row in another partner's or the facilitator's file that
    merely names the partner (a joint meeting, a budget line) stays out: corrected in the workbook, it would be
    counted a second time beside the row it was copied from, which the returned workbook does not replace."""
    return owner_of(row.place.file, keys) == partner[0]


def cell(column: Column | None, value, _=ENGLISH):
    """A value on file as the cell shows it: dates as dates, numbers as numbers, choices by their labels (in the
    workbook's language, `_`), lists joined with `; `; what cannot be read so stays as written, for the partner to
    correct."""
    if value is None:
        return None
    kind = column.type if column else "text"
    try:
        if kind == "date":
            return parse_date(value)
        if kind == "whole":
            return whole_number(value)
        if kind == "money":
            return money(value)
        if kind in ("choice", "choices"):
            table = CHOICE_LISTS[column.choices]
            return "; ".join(_(table[tx.match(str(v), table)]) for v in split_list(value))
    except ValueError:
        pass
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v is not None)
    return value if isinstance(value, (str, date)) else str(value)


def instructions(title: str, partner: tuple[str, str] | None, sheets: list[Sheet], lang: str = "en"
                 ) -> list[tuple[str, str]]:
    """The Instructions sheet, in plain words in the workbook's language: what to fill in, how, how to send it
    back, what happens next."""
    _ = gettext_for(lang)
    heading = (_("{title}: evidence workbook for {partner}").format(title=title, partner=partner[1]) if partner
               else _("{title}: evidence workbook").format(title=title))
    lines = [("title", heading),
             ("text", _("The bid is built from the evidence its partners send. Please fill in the sheets of this "
                        "workbook with yours and send it back.")),
             ("heading", _("What to fill in"))]
    lines += [("item", _("{sheet}: {holds}.").format(sheet=s.title, holds=_(WHAT_EACH_SHEET_HOLDS[s.kind])))
              for s in sheets]
    if partner:
        lines.append(("text", _("The sheets already hold what we have on file for {partner} in the files {partner} "
                                "sent. Please correct anything that is wrong, add what is missing and delete rows "
                                "that should not be there, rather than typing it all again.")
                      .format(partner=partner[1])))
        lines.append(("text", _("Rows held in other partners' files or in the bid facilitator's own files are not "
                                "included, even when they name you (a meeting you attended together, a budget line "
                                "you spend): please do not add them here, or they would be counted twice. If one "
                                "of them is wrong, ask the bid facilitator to change it.")))
    lines += [
        ("heading", _("How to fill it in")),
        ("item", _("Row 1 of each sheet holds the column names. Please do not change them or rename the sheets: "
                   "bidkit finds your evidence by these names.")),
        ("item", _("Point at a column name to read its note: it says what goes in that column. Columns whose name "
                   "is in bold must be filled in on every row; their notes start with (required).")),
        ("item", _("One row per meeting, per organisation, per item or per cost line. Blank rows are skipped.")),
        ("item", _("Dates: type them day first, as 14/11/2018 or 14 Nov 2018. The cells show them as dd/mm/yyyy "
                   "and accept nothing but a date.")),
        ("item", _("Where a cell shows a small arrow, pick from its list. Where a column takes several values "
                   "(partners, characteristics), separate them with ; as in: wcva; involve")),
        ("item", _("Numbers are whole numbers: attendees 0 or more, amounts in whole pounds with no pence.")),
        ("item", _("Text is kept short: at most {short:,} characters for a name or title and {long:,} for a "
                   "summary or notes.").format(short=TEXT_LIMIT, long=LONG_TEXT_LIMIT)),
        ("item", _("Type values, not formulas, and leave the Instructions sheet as it is.")),
        ("heading", _("How to send it back")),
        ("text", _("Save the workbook as it is: as an Excel workbook (.xlsx) or, in LibreOffice, as .xlsx or .ods. "
                   "Then send it back by email to the person who sent it to you.")),
        ("heading", _("What happens next")),
        ("text", _("The bid facilitator checks your workbook with bidkit. If anything needs correcting you will get "
                   "a short report that names each cell (for example Meetings B7), says what is wrong and what to "
                   "write instead. Your workbook then takes the place of the evidence we had on file for you.")),
    ]
    return lines


def column_note(kind: str | None, field: str | None, _=ENGLISH) -> str | None:
    """What goes in a column, as its note in the workbook says it (in the language of `_`, its gettext): the
    report's "what to write instead"."""
    for column in COLUMNS.get(kind or "", ()):
        if column.name == field:
            return column.note_in(_)
    return None
