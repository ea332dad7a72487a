"""Evidence files into rows that remember where they came from.

Every value arrives as text (or a date, from a real Excel date cell): typing is the models' job, so `01234`
stays `01234` and YAML's `NO` stays "NO". Files that could hurt (zip bombs, YAML aliases and tags) are refused
before they are parsed.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import yaml

from .problems import Place, Problem
from .taxonomies import fold

TABLE_KINDS = ("partners", "meetings", "reading-list", "action-plan", "budget")
YAML_ONLY_KINDS = ("outcomes",)
KINDS = TABLE_KINDS + YAML_ONLY_KINDS
TABLE_SUFFIXES = {".csv", ".xlsx", ".yaml", ".yml"}
SKIPPED_DIRS = {"templates", "narrative", "outputs", "funders"}
MAX_XLSX_BYTES = 200 * 1024 * 1024   # uncompressed
MAX_XLSX_RATIO = 200                   # uncompressed / compressed, per member
MAX_FILE_BYTES = 100 * 1024 * 1024


class ReadError(Exception):
    """The file cannot be read at all; the message is for the person who wrote it."""


@dataclass
class Row:
    place: Place
    values: dict            # header as written -> str | date | list | dict
    lines: dict = field(default_factory=dict)   # header -> YAML line, where known

    def place_of(self, key: str | None) -> Place:
        line = self.lines.get(key) if key else None
        return Place(self.place.file, self.place.sheet, line) if line else self.place


@dataclass
class Table:
    kind: str
    place: Place            # file and sheet; row 1 is the header
    rows: list[Row]
    headers: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- finding files

def kind_of_name(name: str) -> str | None:
    """`meetings-wcva.csv` -> meetings; `Reading list.xlsx` -> reading-list; a sheet name works the same."""
    stem = fold_stem(name)
    for kind in KINDS:
        if stem == kind or stem.startswith(kind + "-"):
            return kind
    return None


def fold_stem(name: str) -> str:
    stem = Path(name).stem if Path(name).suffix.lower() in TABLE_SUFFIXES else name
    return "-".join(stem.replace("_", " ").replace("-", " ").lower().split())


def evidence_files(project: Path) -> list[Path]:
    """Every spreadsheet or YAML file below the project folder, except project.yaml and the skipped folders."""
    found = []
    for path in sorted(project.rglob("*")):
        rel = path.relative_to(project)
        if any(part.startswith(".") for part in rel.parts) or rel.parts[0] in SKIPPED_DIRS:
            continue
        if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES and rel.as_posix() != "project.yaml":
            found.append(path)
    return found


def read_tables(path: Path, rel: str) -> tuple[list[Table], list[Problem]]:
    """The tables of one evidence file, or a problem saying why it holds none."""
    suffix = path.suffix.lower()
    kind = kind_of_name(path.name)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ReadError(f"the file is {path.stat().st_size // 2**20} MB; bidkit reads files up to 100 MB")
        if suffix == ".xlsx":
            return read_xlsx(path, rel, kind)
        if kind is None:
            return [], [Problem.at(Place(rel), None, "bidkit does not know what this file holds; name it after "
                                   "a kind of evidence (" + ", ".join(KINDS) + "), e.g. meetings-wcva.csv",
                                   severity="warning")]
        if suffix == ".csv":
            if kind in YAML_ONLY_KINDS:
                raise ReadError(f"{kind} are written in YAML (outcomes.yaml), not CSV")
            return [read_csv(path, rel, kind)], []
        return [read_yaml_table(path, rel, kind)], []
    except ReadError as exc:
        return [], [Problem.at(Place(rel, None, getattr(exc, "line", None)), None, str(exc))]


# ---------------------------------------------------------------- CSV

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


def read_csv(path: Path, rel: str, kind: str) -> Table:
    text = decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        raise ReadError(f"row {len(records) + 1} cannot be read as CSV ({exc})") from exc
    return table_from_records(kind, Place(rel), records)


def table_from_records(kind: str, place: Place, records: list[list]) -> Table:
    """Header row plus data rows; row numbers are those a person sees (header is row 1); blank rows skipped."""
    if not records:
        return Table(kind, place, [], [])
    headers = [str(h).strip() if h is not None else "" for h in records[0]]
    rows = []
    for number, record in enumerate(records[1:], start=2):
        values = {}
        for i, cell in enumerate(record):
            if isinstance(cell, str):
                cell = cell.strip()
            if cell in ("", None):
                continue
            header = headers[i] if i < len(headers) else ""
            values[header or f"column {column_letter(i)}"] = cell
        if values:
            rows.append(Row(Place(place.file, place.sheet, number), values))
    while headers and not headers[-1]:
        headers.pop()
    return Table(kind, place, rows, headers)


def column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------- XLSX

def check_zip(path: Path, what: str) -> None:
    """Refuse a zip whose contents would be absurdly large before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = 0
            for info in zf.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_XLSX_RATIO and info.file_size > 10 * 2**20:
                    raise ReadError(f"the {what} expands {ratio:.0f} times over ({info.filename}); "
                                    "it looks like a zip bomb and was not opened")
            if total > MAX_XLSX_BYTES:
                raise ReadError(f"the {what} would expand to {total // 2**20} MB; bidkit opens up to "
                                f"{MAX_XLSX_BYTES // 2**20} MB")
    except zipfile.BadZipFile as exc:
        raise ReadError(f"this is not a real {what} (it may be an old .xls or a renamed file; "
                        "save it as .xlsx)") from exc


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


# ---------------------------------------------------------------- YAML

class YMap(dict):
    """A YAML mapping whose values are text, with the line of each key."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.lines: dict = {}


class YList(list):
    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.lines: list = []


def load_yaml(text: str, rel: str):
    """Plain-text YAML: no implicit typing, no aliases, no tags, duplicate keys are errors."""
    def fail(message: str, mark) -> ReadError:
        err = ReadError(message)
        err.line = mark.line + 1 if mark else None
        return err

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise fail("YAML anchors and aliases (& and *) are not allowed; write the value out",
                           event.start_mark)
            if getattr(event, "tag", None) and not isinstance(event, (yaml.DocumentStartEvent,)):
                raise fail(f"YAML tags such as '{event.tag}' are not allowed; write plain values",
                           event.start_mark)
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise fail(f"this is not valid YAML: {exc.problem or exc.context}", mark) from exc
    except yaml.YAMLError as exc:
        raise ReadError(f"this is not valid YAML: {exc}") from exc
    if len(nodes) > 1:
        raise fail("the file holds more than one YAML document (a second '---'); keep one", nodes[1].start_mark)
    return convert(nodes[0], fail) if nodes else None


def convert(node, fail):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if node.style is None and value == "":
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        out = YList(line)
        for item in node.value:
            out.append(convert(item, fail))
            out.lines.append(item.start_mark.line + 1)
        return out
    out = YMap(line)
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise fail("a key must be plain text", key_node.start_mark)
        key = key_node.value
        if key in out:
            raise fail(f"the key '{key}' appears twice (first on line {out.lines[key]})", key_node.start_mark)
        out[key] = convert(value_node, fail)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def read_yaml(path: Path, rel: str):
    try:
        text = decode(path.read_bytes())
    except ReadError:
        raise ReadError("the file is not UTF-8 text") from None
    return load_yaml(text, rel)


def read_yaml_table(path: Path, rel: str, kind: str) -> Table:
    """A YAML list of mappings; a mapping with the kind's name as its only key is accepted too."""
    data = read_yaml(path, rel)
    if isinstance(data, YMap) and len(data) == 1 and fold(next(iter(data))) == fold(kind):
        data = next(iter(data.values()))
    if data is None:
        return Table(kind, Place(rel), [], [])
    if not isinstance(data, YList):
        raise ReadError(f"the file should be a YAML list of {kind}, one '- ' entry each")
    rows = []
    for item, line in zip(data, data.lines):
        if not isinstance(item, YMap):
            err = ReadError("each entry should be a set of 'key: value' lines")
            err.line = line
            raise err
        rows.append(Row(Place(rel, None, line), item, dict(item.lines)))
    headers = sorted({k for row in rows for k in row.values})
    return Table(kind, Place(rel), rows, headers)
