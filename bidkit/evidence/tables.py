"""Rows that remember where they came from, whatever file they were read from.

Every value arrives as text (or a date, from a real spreadsheet date cell): typing is the models' job, so `01234`
stays `01234` and YAML's `NO` stays "NO". A cell whose value cannot be trusted (a formula error, a formula with no
saved value) arrives as a BadCell, so its row is refused at that cell rather than read as blank.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..i18n.catalogue import N_
from ..problems import Label, Message, Place, Problem, plural
from .taxonomies import LOOKALIKES


class ReadError(Exception):
    """The file cannot be read at all; raised with a `Message` for the person who wrote it (`str()`: English)."""


@dataclass(frozen=True)
class BadCell:
    """What a cell shows (`#N/A`, `=20+12`) and why no value can be taken from it."""

    shown: str
    message: Message


# What each error a formula can show means, in the words of the person who wrote the formula.
FORMULA_ERRORS = {
    "#N/A": N_("a lookup found no match"),
    "#REF!": N_("it points at cells or a sheet that no longer exist"),
    "#DIV/0!": N_("it divides by zero or by an empty cell"),
    "#VALUE!": N_("it uses text where it needs a number"),
    "#NAME?": N_("it uses a name or function the program does not know"),
    "#NUM!": N_("its result is not a possible number"),
    "#NULL!": N_("its ranges do not meet"),
    "#SPILL!": N_("its results would cover cells that are not empty"),
    "#CALC!": N_("it cannot be calculated"),
}
# The kinds as messages name them ("no meetings were read"), where `Label(kind)` finds the reader's words
KIND_WORDS = (N_("partners"), N_("meetings"), N_("reading-list"), N_("action-plan"), N_("delivery-plan"),
              N_("budget"), N_("other-funding"), N_("outcomes"))
LIBREOFFICE_ERROR = re.compile(r"Err:\d{3}")


def formula_error(shown: str) -> BadCell:
    why = FORMULA_ERRORS.get(shown.upper(), N_("the program could not calculate it"))
    return BadCell(shown, Message(N_("the cell shows {shown}, an error from its formula ({why}); correct the "
                                     "formula, or type the value in its place"), {"shown": shown, "why": Label(why)}))


def no_saved_value(formula: str) -> BadCell:
    shown = formula if formula.startswith("=") else "=" + formula
    return BadCell(shown, Message(N_("holds the formula {formula} but no saved value (the file was written by a "
                                     "program that does not calculate); open the file in Excel or LibreOffice, "
                                     "save it, and check again"), {"formula": shown}))


def as_error(text: str) -> BadCell | None:
    """`#N/A` as text, as a CSV saved from a workbook with error cells has it."""
    if text[:1] == "#" and text.upper() in FORMULA_ERRORS or text[:4] == "Err:" and LIBREOFFICE_ERROR.fullmatch(text):
        return formula_error(text)
    return None


@dataclass
class Row:
    place: Place
    values: dict            # header as written -> str | date | list | dict | BadCell
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
    place: Place            # file and sheet
    rows: list[Row]
    headers: list[str] = field(default_factory=list)
    columns: dict = field(default_factory=dict)   # header -> column letter
    header_row: int | None = 1                    # the row a person sees the column names in; None in YAML
    problems: list[Problem] = field(default_factory=list)   # found while reading: rows above the header, hidden


# ---------------------------------------------------------------- the header row

HEADER_SEARCH_ROWS = 30     # a title, notes or a logo above the header: never more than a screenful


@lru_cache(maxsize=None)
def column_names(kind: str) -> frozenset[str]:
    """The kind's column names, folded as headers are matched."""
    from . import taxonomies as tx
    from .models import TABLE_MODELS      # deferred: models import the value types, which import this module's users

    return frozenset(tx.fold(name) for name in TABLE_MODELS[kind].model_fields)


def blank(cell) -> bool:
    """Nothing a person would see: None, spaces, or only invisible characters (a zero-width space): the one rule
    for every reader and for validation, so such a cell is "not given" everywhere."""
    if cell.__class__ is str:
        return not (cell.strip() if cell.isascii() else cell.translate(LOOKALIKES).strip())
    return cell is None


def find_header(records: list[list], kind: str) -> int | None:
    """The index of the row that holds the column names: the first with two of the kind's names as bidkit
    reads them, else the first with two close to them (a header with typos), else the first row not blank."""
    from . import taxonomies as tx

    names = column_names(kind)
    first = None
    close_at = None
    for i, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        texts = [tx.fold(cell) for cell in record if isinstance(cell, str) and cell.strip()]
        if not texts and not any(not blank(cell) for cell in record):
            continue
        if first is None:
            first = i
        if sum(text in names for text in texts) >= 2:
            return i
        if close_at is None and sum(bool(difflib.get_close_matches(t, names, n=1, cutoff=0.75))
                                    for t in texts) >= 2:
            close_at = i
    if close_at is not None:
        return close_at
    if first is None:
        first = next((i for i, record in enumerate(records) if any(not blank(c) for c in record)), None)
    return first


def numbers(rows: list[int]) -> "str | Message":
    """`4`, `4 and 9`, `4, 9 and 12`, `4, 9, ... and 3 more`: the "and" in the reader's language."""
    shown = [str(n) for n in rows[:10]]
    if len(rows) > 10:
        return Message(N_("{rows} and {n} more"), {"rows": ", ".join(shown), "n": len(rows) - 10})
    if len(shown) == 1:
        return shown[0]
    return Message(N_("{rows} and {last}"), {"rows": ", ".join(shown[:-1]), "last": shown[-1]})


def quoted(cell) -> str:
    text = " ".join(str(cell).split())
    return f"'{text[:57]}...'" if len(text) > 60 else f"'{text}'"


def skipped_rows(place: Place, records, header: int, hidden_rows) -> list[Problem]:
    """Warnings for what was above the header and for hidden rows that hold values: never dropped unsaid."""
    problems = []
    above = [i for i in range(header) if any(not blank(c) for c in records[i])]
    if above:
        i = above[0]
        col = next(c for c, cell in enumerate(records[i]) if not blank(cell))
        problems.append(Problem.at(Place(place.file, place.sheet, i + 1, column_letter(col)), None,
                                   plural("row {rows} is above the column names (row {header}) and not read: {text}",
                                          "rows {rows} are above the column names (row {header}) and not read: "
                                          "{text}"), severity="warning",
                                   args={"n": len(above), "rows": numbers([n + 1 for n in above]),
                                         "header": header + 1, "text": quoted(records[i][col])}))
    hidden = sorted(i for i in hidden_rows if header < i < len(records) and any(not blank(c) for c in records[i]))
    if hidden:
        problems.append(Problem.at(Place(place.file, place.sheet, hidden[0] + 1), None,
                                   plural("row {rows} is hidden and not read: hidden rows are not evidence (unhide "
                                          "a row if it counts)", "rows {rows} are hidden and not read: hidden rows "
                                          "are not evidence (unhide a row if it counts)"), severity="warning",
                                   args={"n": len(hidden), "rows": numbers([n + 1 for n in hidden])}))
    return problems


def hidden_column_warnings(place: Place, records, header: int, hidden_columns) -> list[Problem]:
    problems = []
    width = max((len(r) for r in records), default=0)
    for col in sorted(c for c in hidden_columns if c < width):
        cells = [r[col] for r in records[header:] if col < len(r) and not blank(r[col])]
        if not cells:
            continue
        name = records[header][col] if col < len(records[header]) and not blank(records[header][col]) else None
        message = N_("column {column} is hidden and not read: hidden columns are not evidence (unhide it if it "
                     "counts)") if name is None else \
            N_("column {column} ({name}) is hidden and not read: hidden columns are not evidence (unhide it if it "
               "counts)")
        problems.append(Problem.at(Place(place.file, place.sheet, header + 1, column_letter(col)), None, message,
                                   severity="warning", args={"column": column_letter(col),
                                                             "name": None if name is None else quoted(name)}))
    return problems


# ---------------------------------------------------------------- records into a table

def table_from_records(kind: str, place: Place, records: list[list], hidden_rows=frozenset(),
                       hidden_columns=frozenset()) -> Table:
    """The header is the first row holding column names (rows above it are skipped, with a warning when not
    blank); the rows under it are the data. Row numbers are those a person sees (`records[0]` is row 1); blank
    and hidden rows are skipped, hidden columns are not read."""
    header = find_header(records, kind)
    if header is None:
        return Table(kind, place, [], [])
    problems = skipped_rows(place, records, header, hidden_rows)
    if hidden_columns:
        problems += hidden_column_warnings(place, records, header, hidden_columns)
        records = [[None if i in hidden_columns else cell for i, cell in enumerate(r)] for r in records]
    headers = [str(getattr(h, "shown", h)).strip() if h is not None else "" for h in records[header]]
    twice = given_twice(place, headers, header + 1, kind)
    problems += twice.values()
    columns: dict[str, str] = {}
    for i, name in enumerate(headers):
        if name and i not in twice:
            columns.setdefault(name, column_letter(i))
    # A CSV row longer than its header is a row's problem (csvfile.py); a workbook's columns are all the sheet's
    named_width = len(headers) if place.sheet is None else None
    unnamed: dict[int, tuple[int, object]] = {}       # column -> first (row, value) under a blank header cell
    rows = []
    for number in range(header + 2, len(records) + 1):
        if number - 1 in hidden_rows:
            continue
        values = {}
        for i, cell in enumerate(records[number - 1]):
            if isinstance(cell, str):
                cell = cell.strip()
                if cell[:1] in "#E":
                    cell = as_error(cell) or cell
            if blank(cell) or i in twice:
                continue
            name = headers[i] if i < len(headers) else ""
            if not name:
                if named_width is None or i < named_width:
                    unnamed.setdefault(i, (number, cell))
                continue
            values[name] = cell
        if values:
            rows.append(Row(Place(place.file, place.sheet, number), values, columns=columns))
    for i, (number, cell) in sorted(unnamed.items()):      # at the header cell, where the name is missing
        problems.append(Problem.at(Place(place.file, place.sheet, header + 1, column_letter(i)), None,
                                   N_("column {column} holds values (from row {row}) but has no column name in "
                                      "row {header}; name the column, or delete its values"),
                                   getattr(cell, "shown", cell),
                                   args={"column": column_letter(i), "row": number, "header": header + 1}))
    while headers and not headers[-1]:
        headers.pop()
    return Table(kind, place, rows, [h for i, h in enumerate(headers) if i not in twice], columns, header + 1,
                 problems)


def given_twice(place: Place, headers: list[str], row: int, kind: str) -> dict[int, Problem]:
    """Column -> the problem, for each column whose name an earlier column already has (as headers are matched:
    case, spaces and invisible characters aside). Neither copy silently wins: the first is read, the second is
    an error at its header cell."""
    from . import taxonomies as tx
    from .models import TABLE_MODELS

    fields = {tx.fold(name): name for name in TABLE_MODELS[kind].model_fields}
    first: dict[str, int] = {}
    twice = {}
    for i, name in enumerate(headers):
        if not name:
            continue
        key = tx.fold(name)
        if key in first:
            twice[i] = Problem.at(Place(place.file, place.sheet, row, column_letter(i)), fields.get(key, name),
                                  N_("the column '{name}' is given twice (columns {first} and {second}); keep one, "
                                     "and delete or rename the other"), name,
                                  args={"name": name, "first": column_letter(first[key]), "second": column_letter(i)})
        else:
            first[key] = i
    return twice


def column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
