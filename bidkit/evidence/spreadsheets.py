"""Workbooks: each sheet named after a kind of evidence becomes a table; a workbook named after a kind uses its first sheet."""
from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from ..problems import Place, Problem
from .files import check_zip, kind_of_name
from .kinds import TABLE_KINDS
from .tables import ReadError, Table, table_from_records


def cell_value(value):
    """Excel cells as text, except real date cells, which stay dates."""
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return value


def read_xlsx(path: Path, rel: str, kind: str | None) -> tuple[list[Table], list[Problem]]:
    import openpyxl  # deferred: only projects with workbooks pay for it

    check_zip(path, "workbook")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ReadError(f"the workbook could not be opened ({type(exc).__name__}); "
                        "open it in Excel or LibreOffice and save it again as .xlsx") from exc
    try:
        if kind is not None:
            sheets = [(kind, book.worksheets[0])]
        else:
            sheets = [(kind_of_name(ws.title), ws) for ws in book.worksheets]
            sheets = [(k, ws) for k, ws in sheets if k in TABLE_KINDS]
            if not sheets:
                names = ", ".join(repr(ws.title) for ws in book.worksheets)
                return [], [Problem.at(Place(rel), None, f"no sheet is named after a kind of evidence (sheets: "
                                       f"{names}); name them e.g. 'Meetings', 'Action plan'", severity="warning")]
        tables = []
        for sheet_kind, ws in sheets:
            records = [[cell_value(v) for v in row] for row in ws.iter_rows(values_only=True)]
            tables.append(table_from_records(sheet_kind, Place(rel, ws.title), records))
        return tables, []
    finally:
        book.close()

