"""`figures.xlsx`: the shared figures and tables as a spreadsheet, with real numbers and dates.

For a facilitator who pastes a table into the funder's form or a partner's own report, and for a reviewer who
wants to re-add a column: every figure the documents print, from the same `Figures`, one sheet a table, and each
meeting with the evidence file and row it came from. pandas builds the sheets; openpyxl writes them.

Nothing a partner wrote ever becomes a formula: openpyxl stores any text starting with `=` as a formula, so every
such cell is turned back into literal text (and marked quote-prefixed, as Excel does for text typed with a
leading apostrophe) before the file is saved.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from . import taxonomies as tx
from .reproducible import core_xml, moment, stable_zip

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60          # characters: long activities wrap rather than make a sheet a screen wide


@dataclass
class Book:
    """What the workbook holds, as plain data: made from the evidence in the build, written in a render worker."""

    sheets: dict[str, tuple[list[str], list[list]]]     # name -> (column headings, rows)
    title: str
    creator: str
    language: str
    months: str                                          # the sheet whose dates are months
    total: str                                           # the label that starts a totals row


def book(writer) -> Book:
    _ = writer._
    return Book(sheets(writer), f"{writer.ev.project.title}: {_('Figures')}", writer.ev.lead.name,
                writer.ev.project.language, _("By month"), _("Total"))


def sheets(writer) -> dict[str, tuple[list[str], list[list]]]:
    """Sheet name -> (column headings, rows), in the order a reader meets them in the project report."""
    _, f, ev = writer._, writer.fig, writer.ev
    nation, kind = (lambda key: writer.label(tx.NATIONS, key)), (lambda key: writer.label(tx.MEETING_KINDS, key))
    figures = [[_("Meetings held"), f.meetings_held], [_("People reached"), f.people_reached],
               [_("Organisations met"), f.organisations_met], [_("Nations covered"), f.nations_covered],
               [_("Partners"), f.partners], [_("Amount requested (£)"), f.amount_requested],
               [_("Budget total (£)"), f.budget_total]]
    meetings = [[m.date, m.title, kind(m.kind), nation(m.nation) if m.nation else None, writer.names(m.partners),
                 m.attendees, str(m.place) if m.place else None] for m in f.held]
    indicators = [[o.title, i.name, i.unit, i.baseline, i.target, f.actual(o.id, i),
                   _("Counted from the evidence") if i.measure else _("Reported by partners")]
                  for o in ev.outcomes for i in o.indicators]
    actions = [[stream, a.activity, a.when.text if a.when else None, writer.names(a.leads) or None,
                writer.label(tx.ACTION_STATUSES, a.status) if a.status else None]
               for stream, items in f.workstreams for a in items]
    years = f.budget_years
    year_names = [_("Year {n}").format(n=y) if y else _("Year not given") for y in years]
    budget = [[heading, *[by_year.get(y, 0) for y in years], sum(by_year.values())]
              for heading, by_year in f.budget_table.items()]
    if budget:
        budget.append([_("Total"), *[sum(row[1 + k] for row in budget) for k in range(len(years))], f.budget_total])
    return {
        _("Figures"): ([_("Figure"), _("Value")], figures),
        _("Meetings held"): ([_("Date"), _("Meeting"), _("Kind"), _("Nation"), _("Partners"), _("People"),
                              _("Evidence")], meetings),
        _("By month"): ([_("Month"), _("Meetings"), _("People")], [list(row) for row in f.by_month]),
        _("By nation"): ([_("Nation"), _("Meetings"), _("People")],
                         [list(r) for r in writer.reach_rows(f.by_nation, tx.NATIONS)]),
        _("By characteristic"): ([_("Characteristic"), _("Meetings"), _("People")],
                                 [list(r) for r in writer.reach_rows(f.by_characteristic, tx.CHARACTERISTICS)]),
        _("Organisations met"): ([_("Organisation"), _("Type"), _("Nation"), _("Meetings")],
                                 [[p.name, writer.label(tx.PARTNER_TYPES, p.type), nation(p.nation),
                                   f.meetings_with[p.id]] for p in f.organisations]),
        _("Action plan"): ([_("Work stream"), _("Activity"), _("When"), _("Leads"), _("Status")], actions),
        _("Indicators"): ([_("Outcome"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Actual"),
                           _("How measured")], indicators),
        _("Budget"): ([_("Heading"), *year_names, _("Total")], budget),
    }


def figures_xlsx(content: Book) -> bytes:
    """The workbook's bytes: the same evidence and SOURCE_DATE_EPOCH give the same bytes (openpyxl stamps its
    own clock into the core properties as it saves, so they are replaced whole, as in every DOCX)."""
    import pandas as pd

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as excel:
        for name, (columns, rows) in content.sheets.items():
            pd.DataFrame(rows, columns=columns, dtype=object).to_excel(excel, sheet_name=name[:31], index=False)
        for sheet in excel.book.worksheets:
            tidy(sheet, months=sheet.title == content.months[:31], total=content.total)
    core = core_xml(title=content.title, author=content.creator, when=moment(), language=content.language)
    return stable_zip(buffer.getvalue(), {"docProps/core.xml": core})


def tidy(sheet, months: bool = False, total: str = "Total") -> None:
    """Literal text for anything formula-like, readable dates and numbers, bold header and totals rows, a
    frozen header, sensible widths with long text wrapped, and landscape pages one sheet wide when printed."""
    from openpyxl.styles import Alignment, Font

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    widths: dict[str, int] = {}
    for row in sheet.iter_rows():
        strong = row[0].row == 1 or row[0].value == total
        for cell in row:
            value, shown = cell.value, len(str(cell.value)) if cell.value is not None else 0
            if strong:
                cell.font = bold
            if shown > MAX_WIDTH:
                cell.alignment = wrap
            if isinstance(value, str) and value.startswith(FORMULA_START):
                cell.data_type = "s"           # openpyxl made '=...' a formula; it is text a partner wrote
                cell.quotePrefix = True        # and stays text when someone edits the cell in Excel
            elif isinstance(value, date) and cell.row > 1:
                cell.number_format = "mmmm yyyy" if months else "d mmmm yyyy"
                shown = 18                     # "30 September 2019"
            elif isinstance(value, int) and cell.row > 1:
                cell.number_format = "#,##0"
            widths[cell.column_letter] = max(widths.get(cell.column_letter, 8), min(shown + 2, MAX_WIDTH))
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = "1:1"             # the header row on every printed page
