"""The partner workbook's bytes: sheets whose cells only take what bidkit reads, for Excel and LibreOffice alike.

Every enumeration is a dropdown over a range of the hidden `Lists` sheet rather than an inline list, because an
inline list is limited to 255 characters in Excel and partner names soon pass that. Date cells take only dates and
show them day first; whole-number cells only whole numbers in range; text cells their length limit; each column's
cells are formatted as text (`@`) where the value is text, so Excel never turns `June 17` or `1-2` into a date or
`01234` into a number. A value a partner wrote that starts like a formula (`=`, `+`, `-`, `@`) is written as text.
Every note and cell rule's message is in the workbook's language. Same content and SOURCE_DATE_EPOCH, same bytes.
"""
from __future__ import annotations

import io
from datetime import date, datetime

from ..documents.partner_workbook import INSTRUCTIONS, LISTS, Column, Sheet, Workbook
from ..evidence.values import TEXT_LIMIT
from ..i18n import BCP47, gettext_for
from .reproducible import core_xml, moment, stable_zip
from .xlsx import FORMULA_START

VALIDATED_ROWS = 1000            # rows below the header that carry the cell rules (more when rows are on file)
DEFAULT_DATES = (date(2000, 1, 1), date(2099, 12, 31))      # when project.yaml gives no period
HEADER_FILL = "DDEBF7"
WIDTHS = {"date": 12, "whole": 10, "money": 12, "choice": 20, "choices": 28, "partner": 28, "partners": 32,
          "period": 18, "id": 16, "orgid": 18, "url": 30, "email": 28}
FORMATS = {"date": "dd/mm/yyyy", "whole": "0", "money": "£#,##0"}       # everything else: "@", text
EXCEL_EPOCH = date(1899, 12, 30)


def serial(day: date) -> str:
    """A date as the number Excel and LibreOffice store it as, for a validation's bounds."""
    return str((day - EXCEL_EPOCH).days)


def partner_workbook_xlsx(content: Workbook) -> bytes:
    import openpyxl

    _ = gettext_for(content.lang)
    book = openpyxl.Workbook()
    book.remove(book.active)
    write_instructions(book.create_sheet(_(INSTRUCTIONS)), content)
    places = list_ranges(content.lists)
    for sheet in content.sheets:
        write_sheet(book.create_sheet(sheet.title), sheet, places, content.dates or DEFAULT_DATES, _)
    write_lists(book.create_sheet(LISTS), content.lists, _)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    core = core_xml(title=_("{title}: evidence workbook").format(title=content.title), author="bidkit",
                    when=moment(), language=BCP47[content.lang])
    return stable_zip(buffer.getvalue(), {"docProps/core.xml": core})


def write_instructions(ws, content: Workbook) -> None:
    from openpyxl.styles import Alignment, Font

    ws.column_dimensions["A"].width = 110
    styles = {"title": Font(bold=True, size=14), "heading": Font(bold=True, size=12)}
    row = 0
    for style, line in content.instructions:
        row += 1 + (style == "heading")                # a blank line above each heading
        cell = ws.cell(row=row, column=1, value=("• " + line) if style == "item" else line)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style in styles:
            cell.font = styles[style]


def list_ranges(lists: dict[str, list[str]]) -> dict[str, str | None]:
    """List name -> the range of the Lists sheet its dropdown offers (one list a column, names in row 1); None for
    an empty list (a project with no readable partners yet), which gets no dropdown rather than one refusing all."""
    from openpyxl.utils import get_column_letter

    return {name: f"{LISTS}!${get_column_letter(i)}$2:${get_column_letter(i)}${len(values) + 1}" if values else None
            for i, (name, values) in enumerate(lists.items(), start=1)}


def write_lists(ws, lists: dict[str, list[str]], _) -> None:
    """The hidden Lists sheet: hidden so a partner is not asked to fill it in, kept so dropdowns work; each list
    headed by its name in the workbook's language."""
    from openpyxl.utils import get_column_letter

    ws.sheet_state = "hidden"
    for i, (name, values) in enumerate(lists.items(), start=1):
        ws.cell(row=1, column=i, value=_(name))
        for r, value in enumerate(values, start=2):
            literal(ws.cell(row=r, column=i, value=value))
        ws.column_dimensions[get_column_letter(i)].width = 30


def write_sheet(ws, sheet: Sheet, places: dict[str, str | None], dates: tuple[date, date], _) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    last = max(VALIDATED_ROWS, len(sheet.rows) + VALIDATED_ROWS // 2) + 1
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    headers = [(c.name, c) for c in sheet.columns] + [(h, None) for h in sheet.extra]
    for i, (name, column) in enumerate(headers, start=1):
        letter = get_column_letter(i)
        cell = literal(ws.cell(row=1, column=i, value=name))
        cell.fill = fill
        cell.font = Font(bold=bool(column and column.required))
        note = note_of(name, column, _)
        comment = Comment(note, "bidkit")
        comment.width, comment.height = 320, 40 + 18 * (len(note) // 45 + 1)
        cell.comment = comment
        kind = column.type if column else "text"
        number_format = FORMATS.get(kind, "@")
        dimension = ws.column_dimensions[letter]
        dimension.width = WIDTHS.get(kind, 50 if column and (column.limit or 0) > TEXT_LIMIT else 30)
        dimension.number_format = number_format
        for r, values in enumerate(sheet.rows, start=2):
            value = values[i - 1]
            target = literal(ws.cell(row=r, column=i, value=value))
            target.number_format = "@" if isinstance(value, str) else FORMATS["date"] \
                if isinstance(value, (date, datetime)) else number_format
        if column is not None:
            rule = validation(column, places, dates, _)
            if rule is not None:
                rule.add(f"{letter}2:{letter}{last}")
                ws.add_data_validation(rule)
    ws.freeze_panes = "A2"


def note_of(name: str, column: Column | None, _) -> str:
    """The header's note: the name again (with "(required)" where it is), then what goes there."""
    if column is None:
        return name + "\n" + _("bidkit does not read this column: move what it holds into the right column, then "
                               "delete this one.")
    return (_("{name} (required)").format(name=name) if column.required else name) + "\n" + column.note_in(_)


def literal(cell):
    """Text a partner wrote stays text, even when it starts like a formula."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def validation(column: Column, places: dict[str, str | None], dates: tuple[date, date], _):
    """The cell rule for a column, with a plain message in the workbook's language when a value breaks it (None:
    no rule)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    def rule(kind, title, error, operator=None, low=None, high=None, strict=True):
        return DataValidation(type=kind, operator=operator, formula1=low, formula2=high, allow_blank=True,
                              showErrorMessage=strict, errorStyle="stop", errorTitle=title, error=error)

    kind = column.type
    if kind in ("choice", "partner", "choices", "partners") and not places[column.choices or ""]:
        return None
    if kind in ("choice", "partner"):
        error = _("Pick a partner from the list: click the arrow beside the cell.") if kind == "partner" else \
            _("Pick a value from the list: click the arrow beside the cell.")
        return rule("list", _("Not in the list"), error, low=places[column.choices or ""])
    if kind in ("choices", "partners"):            # a cell may hold several, so the list offers but never refuses
        return rule("list", "", "", low=places[column.choices or ""], strict=False)
    if kind == "date":
        low, high = dates
        return rule("date", _("Not a date"), _("Type a date, day first, for example 14/11/2018, between {low} and "
                                               "{high}.").format(low=f"{low:%d/%m/%Y}", high=f"{high:%d/%m/%Y}"),
                    "between", serial(low), serial(high))
    if kind in ("whole", "money"):
        low, high = column.low or 0, column.high
        return rule("whole", _("Not a whole number"), whole_error(kind, low, high, _),
                    "greaterThanOrEqual" if high is None else "between", str(low), None if high is None else str(high))
    if column.limit:
        return rule("textLength", _("Too long"), _("At most {limit:,} characters fit here.").format(limit=column.limit),
                    "lessThanOrEqual", str(column.limit))
    return None


def whole_error(kind: str, low: int, high: int | None, _) -> str:
    """What a whole-number or money cell takes, as one sentence a translator sees whole."""
    if kind == "money":
        return (_("Type an amount in whole pounds of {low} or more, with no pence or decimals.") if high is None else
                _("Type an amount in whole pounds from {low} to {high}, with no pence or decimals.")
                ).format(low=low, high=high)
    return (_("Type a whole number of {low} or more, with no pence or decimals.") if high is None else
            _("Type a whole number from {low} to {high}, with no pence or decimals.")).format(low=low, high=high)
