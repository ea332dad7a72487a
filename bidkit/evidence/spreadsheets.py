"""Workbooks: `.xlsx`, `.xlsm`, `.ods` and `.xls` give the same rows, places and values.

python-calamine reads the values of all four (formulas as their saved values), about fifteen times faster than
openpyxl; what it does not say (hidden rows and columns, error cells, formulas with no saved value, merged cells in
ODS) comes from sheetfacts.py and biff.py. Which sheets are read: every visible sheet named after a kind is read
as that kind, wherever it stands; a workbook named after one kind with no sheet of that name reads the first
visible sheet that holds its columns (an Instructions sheet before it is passed over). Hidden sheets are never
evidence: one that looks like evidence is named in a warning, so an old copy's numbers never win unsaid.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..i18n.catalogue import N_
from ..problems import Label, Message, Place, Problem
from . import taxonomies as tx
from .files import check_zip, kind_of_name
from .kinds import TABLE_KINDS, YAML_ONLY_KINDS
from .sheetfacts import (SheetFacts, check_ods_extent, check_shared_strings, check_xlsx_extent, ods_facts,
                         xlsx_facts, xlsx_sheet_paths)
from .tables import HEADER_SEARCH_ROWS, ReadError, Table, blank, column_names, table_from_records

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
LISTS_SHEET = "lists"      # the partner workbook's hidden sheet of dropdown values (SPEC, Partner workbook)


def cell_value(value):
    """Cells as text, except real date cells, which stay dates (a date with a time keeps it)."""
    if type(value) is str:
        return value
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
    if isinstance(value, time):
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    if isinstance(value, timedelta):
        return str(value)
    return value


class Workbook:
    """One workbook's sheets: their names and visibility, their values, and the facts calamine leaves out."""

    def __init__(self, path: Path):
        data = path.read_bytes()
        self.facts_by_sheet: dict[str, SheetFacts] = {}
        self.grids: dict[str, list[list]] = {}
        self.zip = None
        self.paths: dict[str, str] = {}
        if data[:4] == ZIP_MAGIC:
            guarded(check_zip, path, "workbook")
        elif data[:8] != OLE_MAGIC:
            raise ReadError(Message(N_("this is not a real workbook (it holds text: save it as .xlsx, or name it "
                                       ".csv)") if is_text(data[:4096]) else
                                    N_("this is not a real workbook (it may be a renamed file; open it in Excel or "
                                       "LibreOffice and save it as .xlsx)")))
        guarded(self.open, data)

    def open(self, data: bytes) -> None:
        from python_calamine import CalamineWorkbook    # deferred: only projects with workbooks pay for it

        if data[:4] == ZIP_MAGIC:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            names = set(self.zip.namelist())
            if "content.xml" in names:
                self.format = "ods"
                check_ods_extent(self.zip)
                self.facts_by_sheet = ods_facts(self.zip.read("content.xml"))
            elif "xl/workbook.xml" in names:
                self.format = "xlsx"
                self.paths = xlsx_sheet_paths(self.zip)
                check_shared_strings(self.zip)
            else:
                raise ReadError(Message(N_("this is not a real workbook (a zip file with no sheets in it); save it "
                                           "from Excel or LibreOffice as .xlsx")))
        else:
            from .biff import xls_facts

            self.format = "xls"
            self.facts_by_sheet = xls_facts(data)
        self.book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        self.sheets = [(m.name, str(m.visible).rsplit(".", 1)[-1] == "Visible",
                        str(m.typ).rsplit(".", 1)[-1] == "WorkSheet") for m in self.book.sheets_metadata]

    def facts(self, sheet: str) -> SheetFacts:
        if self.format == "xlsx" and sheet not in self.facts_by_sheet:
            member = self.paths.get(sheet)
            self.facts_by_sheet[sheet] = guarded(lambda: xlsx_facts(self.zip.read(member), sheet)) if member \
                else SheetFacts()
        return self.facts_by_sheet.get(sheet) or SheetFacts()

    def grid(self, sheet: str) -> list[list]:
        """The sheet from A1, as text and dates; error cells and unsaved formulas as BadCells; every cell of a
        merged range holding the range's value."""
        if sheet in self.grids:
            return self.grids[sheet]
        if self.format == "xlsx":           # first: refuse a sheet too big to hold before calamine tries
            members = [self.paths[sheet]] if sheet in self.paths else \
                [n for n in self.zip.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            for member in members:
                guarded(check_xlsx_extent, self.zip, member, sheet)
        facts = self.facts(sheet)
        ws = guarded(self.book.get_sheet_by_name, sheet)
        records = guarded(ws.to_python, skip_empty_area=False)
        merged = facts.merged or [(a, b, c, d) for (a, b), (c, d) in (ws.merged_cell_ranges or [])]
        records = [[cell_value(v) for v in row] for row in records]
        for (r, c), bad in facts.cells.items():
            put(records, r, c, bad)
        height = len(records)
        width = max((len(row) for row in records), default=0)
        for r0, c0, r1, c1 in merged:
            if r0 >= height or c0 >= len(records[r0]) or blank(records[r0][c0]):
                continue
            value = records[r0][c0]
            for r in range(r0, min(r1, height - 1) + 1):
                for c in range(c0, min(c1, width - 1) + 1):
                    if (r, c) != (r0, c0) and (c >= len(records[r]) or blank(records[r][c])):
                        put(records, r, c, value)
        self.grids[sheet] = records
        return records

    def close(self) -> None:
        if getattr(self, "book", None) is not None:
            self.book.close()


def put(records: list[list], r: int, c: int, value) -> None:
    while len(records) <= r:
        records.append([])
    row = records[r]
    if len(row) <= c:
        row.extend([""] * (c + 1 - len(row)))
    row[c] = value


def is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head


def guarded(call, *args, **kwargs):
    """`call`, with whatever a damaged file makes the zip, XML or calamine layers raise turned into one
    ReadError for the partner (calamine's Rust panics arrive as a BaseException)."""
    try:
        return call(*args, **kwargs)
    except ReadError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:        # noqa: B036 (zlib.error, BadZipFile, struct.error, PanicException ...)
        raise ReadError(Message(N_("the workbook could not be opened (it is damaged or not what its name says); open "
                                   "it in Excel or LibreOffice and save it again"))) from exc


def holds_columns_of(records: list[list]) -> str | None:
    """The kind whose column names (two or more) a row near the top holds, if any."""
    for record in records[:HEADER_SEARCH_ROWS]:
        texts = {tx.fold(cell) for cell in record if isinstance(cell, str) and cell.strip()}
        for kind in TABLE_KINDS:
            if len(texts & column_names(kind)) >= 2:
                return kind
    return None


def read_workbook(path: Path, rel: str, kind: str | None) -> tuple[list[Table], list[Problem]]:
    book = Workbook(path)
    try:
        return read_sheets(book, rel, kind)
    finally:
        book.close()


def read_sheets(book: Workbook, rel: str, kind: str | None) -> tuple[list[Table], list[Problem]]:
    problems: list[Problem] = []
    chosen: list[tuple[str, str]] = []          # (kind, sheet)
    others: list[str] = []                      # visible sheets named after no kind
    for name, visible, worksheet in book.sheets:
        if not worksheet:
            continue                            # a chart or macro sheet holds no rows
        named = kind_of_name(name)
        if not visible:
            looks = named or (None if tx.fold(name) == LISTS_SHEET else holds_columns_of(book.grid(name)))
            if looks in TABLE_KINDS:
                problems.append(Problem.at(Place(rel, name), None, N_("the sheet '{sheet}' is hidden and was not "
                                           "read: hidden sheets are not evidence (unhide it if its rows count)"),
                                           severity="warning", args={"sheet": name}))
        elif named in TABLE_KINDS:
            chosen.append((named, name))
        elif named in YAML_ONLY_KINDS:
            problems.append(Problem.at(Place(rel, name), None, N_("the sheet '{sheet}' was not read: {kind} are "
                                       "written in YAML ({file})"), severity="warning",
                                       args={"sheet": name, "kind": Label(named), "file": f"{named}.yaml"}))
        else:
            others.append(name)
    if kind is not None and kind not in {k for k, _ in chosen}:
        if kind in YAML_ONLY_KINDS:
            raise ReadError(Message(N_("{kind} are written in YAML ({file}), not in a workbook"),
                                    {"kind": Label(kind), "file": f"{kind}.yaml"}))
        fallback = next((s for s in others if holds_columns_of(book.grid(s)) == kind), None) or \
            next(iter(others), None)
        if fallback is None:
            raise ReadError(Message(N_("the workbook has no visible sheet of {kind}; name one '{title}'"),
                                    {"kind": Label(kind), "title": sheet_title(kind)}))
        chosen.insert(0, (kind, fallback))
        others.remove(fallback)
    taken = {k for k, _ in chosen}
    unread = False
    for name in others:
        looks = holds_columns_of(book.grid(name))
        if looks:                               # its rows would be missing from every figure: refused, not passed
            unread = True
            title = sheet_title(looks) + (" 2" if looks in taken else "")
            problems.append(Problem.at(Place(rel, name), None, N_("the sheet '{sheet}' has the columns of {kind} "
                                       "but bidkit reads only sheets named after a kind, so none of its rows were "
                                       "counted; rename the sheet '{title}'"), kind=looks,
                                       args={"sheet": name, "kind": Label(looks), "title": title}))
    if not chosen and unread:
        return [], problems
    if not chosen:
        names = ", ".join(repr(name) for name, _, _ in book.sheets)
        return [], problems + [Problem.at(Place(rel), None, N_("no sheet is named after a kind of evidence "
                                          "(sheets: {sheets}); name them e.g. 'Meetings', 'Action plan'"),
                                          severity="warning", args={"sheets": names})]
    tables = []
    for sheet_kind, name in chosen:
        records = book.grid(name)
        if not any(not blank(cell) for row in records for cell in row):
            problems.append(Problem.at(Place(rel, name), None, N_("the sheet is empty: no {kind} were read from "
                                       "it"), severity="warning", args={"kind": Label(sheet_kind)}))
            continue
        facts = book.facts(name)
        tables.append(table_from_records(sheet_kind, Place(rel, name), records, facts.hidden_rows,
                                         facts.hidden_columns))
    return tables, problems


def sheet_title(kind: str) -> str:
    return kind.replace("-", " ").capitalize()
