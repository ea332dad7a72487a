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
from datetime import date

from ..documents.figures_book import Book
from .reproducible import core_xml, moment, stable_zip

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60          # characters: long activities wrap rather than make a sheet a screen wide


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


def render(content: Book, folders) -> tuple[bytes, list[str]]:
    return figures_xlsx(content), []
