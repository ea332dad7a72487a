"""Rows that remember where they came from, whatever file they were read from.

Every value arrives as text (or a date, from a real spreadsheet date cell): typing is the models' job, so `01234`
stays `01234` and YAML's `NO` stays "NO".
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Place


class ReadError(Exception):
    """The file cannot be read at all; the message is for the person who wrote it."""


@dataclass
class Row:
    place: Place
    values: dict            # header as written -> str | date | list | dict
    lines: dict = field(default_factory=dict)     # header -> YAML line, where known
    columns: dict = field(default_factory=dict)   # header -> spreadsheet column letter (shared by a table's rows)

    def place_of(self, key: str | None) -> Place:
        line = self.lines.get(key) if key else None
        if line:
            return Place(self.place.file, self.place.sheet, line)
        if key in self.columns:
            return Place(self.place.file, self.place.sheet, self.place.row, self.columns[key])
        return self.place


@dataclass
class Table:
    kind: str
    place: Place            # file and sheet; row 1 is the header
    rows: list[Row]
    headers: list[str] = field(default_factory=list)
    columns: dict = field(default_factory=dict)   # header -> column letter



def decode(data: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252 as Excel writes it."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ReadError("the file is neither UTF-8 nor Windows-1252 text; save it as 'CSV UTF-8'") from exc



def table_from_records(kind: str, place: Place, records: list[list]) -> Table:
    """Header row plus data rows; row numbers are those a person sees (header is row 1); blank rows skipped."""
    if not records:
        return Table(kind, place, [], [])
    headers = [str(h).strip() if h is not None else "" for h in records[0]]
    columns: dict[str, str] = {}
    for i, header in enumerate(headers):
        columns.setdefault(header or f"column {column_letter(i)}", column_letter(i))
    rows = []
    for number, record in enumerate(records[1:], start=2):
        values = {}
        for i, cell in enumerate(record):
            if isinstance(cell, str):
                cell = cell.strip()
            if cell in ("", None):
                continue
            header = headers[i] if i < len(headers) else ""
            key = header or f"column {column_letter(i)}"
            columns.setdefault(key, column_letter(i))
            values[key] = cell
        if values:
            rows.append(Row(Place(place.file, place.sheet, number), values, columns=columns))
    while headers and not headers[-1]:
        headers.pop()
    return Table(kind, place, rows, headers, columns)


def column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(65 + rem) + letters
    return letters

