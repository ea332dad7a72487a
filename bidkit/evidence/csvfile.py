"""CSV as partners' programs write it, read right or refused at its row.

Encodings are textfile.py's job. The separator is `,`, `;` or tab (Excel's "Unicode text" is tab-separated even
when saved as .csv; a laptop set to German or French writes `;`): whichever is most frequent, outside quotes, on the
first line that has one (the header, or a title row padded with separators above it). An Excel `sep=;` first line
says it outright and, as in Excel, is not a row. Lines may end CRLF, LF or CR (old Mac), the last one may not end.

Rows are numbered as Excel and LibreOffice Calc show the file: a quoted cell with line breaks is one row however
many lines it takes in a text editor, and a blank line is a row. A quote that is never closed would swallow the
rest of the file into one cell, so it is refused at the row and cell where it opens, never read.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..i18n.catalogue import N_
from ..problems import Label, Message, Place, Problem
from . import taxonomies as tx
from .tables import (HEADER_SEARCH_ROWS, ReadError, Table, column_letter, column_names, find_header,
                     table_from_records)
from .textfile import BAD_BYTE, SAVE_AS, bad_bytes, decode_text, shown

SEPARATORS = (",", ";", "\t")                     # on a tie, the first wins
SEP_LINE = re.compile(r"sep=(.)[ \t]*(\r\n|\r|\n|$)", re.IGNORECASE)
LINE_END = re.compile(r"\r\n|\r|\n")
TOKEN = re.compile(r'"|\r\n|\r|\n|,|;|\t')
MAX_ROWS = 250_000          # rows with values in one file: twelve times the largest project we measure
MAX_LINES = 1_048_576 + 1    # Excel's and Calc's last row, and a final line end
NO_SPAN = (0, 0)
EMPTY = N_("the file is empty, so nothing was read from it; fill it in (the column names in the first row) or delete "
           "it")
SEPARATOR_NAMES = {"\t": N_("tab"), ",": N_("comma"), ";": N_("semicolon")}
# a row longer than the header: (the header is the first row, the header is further down)
TOO_LONG = (N_("row {row} has {cells} cells but the first row names {width} columns: is there a {sep} inside a "
               "value? Put that value in double quotes (\"Met the board, agreed next steps\"), or save the file "
               "again from Excel or LibreOffice, which adds the quotes"),
            N_("row {row} has {cells} cells but the column names (row {header}) name {width} columns: is there a "
               "{sep} inside a value? Put that value in double quotes (\"Met the board, agreed next steps\"), or "
               "save the file again from Excel or LibreOffice, which adds the quotes"))


def read_csv(path: Path, rel: str, kind: str) -> tuple[list[Table], list[Problem]]:
    """The file's one table, or the problems that say which row to fix; ReadError when it is not text."""
    decoded = decode_text(path.read_bytes())
    text = decoded.text
    if not text.strip():
        return [], [Problem.at(Place(rel), None, EMPTY, severity="warning")]
    text, delimiter, skipped = separator(text)
    delimiter = header_separator(text, delimiter, kind)
    records, spans, trouble = parse(text, delimiter, skipped, rel, kind)
    if trouble:
        return [], [trouble]
    if not any(cell.strip() for record in records for cell in record):
        return [], [Problem.at(Place(rel), None, EMPTY, severity="warning")]
    # the header row, found once, by the same rule that builds the table (tables.find_header): every check of
    # this reader (rows longer than the header, unreadable cells) counts from the row the table is built from
    probe = [[cell.replace("\x00", "") for cell in record] for record in records[:HEADER_SEARCH_ROWS]]
    head = find_header(probe, kind) or 0
    for i in range(head + 1):                      # a header "printed back" with NUL bytes after each name
        records[i] = [cell.replace("\x00", "") for cell in records[i]]
    problems = []
    if decoded.bad_lines or "\x00" in text:
        problems = unreadable_cells(records, spans, decoded.bad_lines, head, rel)
    if any(p.row == head + 1 for p in problems):
        return [], [p for p in problems if p.row == head + 1]
    problems += longer_than_header(records, head, delimiter, rel)
    return [table_from_records(kind, Place(rel), records)], problems


def header_separator(text: str, delimiter: str, kind: str) -> str:
    """The separator that splits a line near the top into two or more of the kind's column names: a title line
    above the header (`Meetings; winter 2018`) must not decide it. Else the one `separator` found."""
    lines = text.splitlines()[:HEADER_SEARCH_ROWS]
    names = column_names(kind)
    for candidate in (delimiter, *[s for s in SEPARATORS if s != delimiter]):
        for line in lines:
            cells = next(csv.reader([line], delimiter=candidate), [])
            if sum(tx.fold(cell.replace("\x00", "")) in names for cell in cells if cell.strip()) >= 2:
                return candidate
    return delimiter


def longer_than_header(records: list[list[str]], head: int, delimiter: str, rel: str) -> list[Problem]:
    """A row with more cells than the header has names is an error at that row, and the row gives no record:
    almost always a separator typed inside a value without quotes, which would otherwise cut that value short
    and shift the rest of the row into the wrong columns. (Empty cells past the end, as Excel writes, are fine.)"""
    width = len(records[head])
    problems = []
    for i in range(head + 1, len(records)):
        record = records[i]
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            problems.append(Problem.at(Place(rel, None, i + 1), None, TOO_LONG[head != 0], delimiter.join(record),
                                       args={"row": i + 1, "cells": len(record), "header": head + 1,
                                             "width": width, "sep": Label(SEPARATOR_NAMES[delimiter])}))
            records[i] = []                      # not read: its values would land in the wrong columns
    return problems


def separator(text: str) -> tuple[str, str, int]:
    """(text without a `sep=` line, the separator, how many lines that took)."""
    match = SEP_LINE.match(text)
    if match and match.group(1) in SEPARATORS + ("|",):
        return text[match.end():], match.group(1), 1
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for token in TOKEN.finditer(text):
        mark = token.group()
        if mark == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif mark in counts:
            counts[mark] += 1
        elif any(counts.values()):                 # the end of the first line that has a separator
            break
    best = max(SEPARATORS, key=lambda s: (counts[s], -SEPARATORS.index(s)))
    return text, best if counts[best] else ",", 0


def parse(text: str, delimiter: str, skipped: int, rel: str,
          kind: str | None = None) -> tuple[list[list[str]], list[tuple[int, int]], Problem | None]:
    """The records, the physical lines of the file each spans, or the problem at the row that cannot be read."""
    lines = text.count("\n") or text.count("\r")
    if lines > MAX_LINES:                          # counted in C before any row is made
        raise ReadError(Message(N_("the file has {lines:,} lines; a spreadsheet holds at most {most:,} rows, so this "
                                   "is not a table saved from one (delete the empty rows at its end, or split it)"),
                                {"lines": lines, "most": MAX_LINES - 1}))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    last = filled = 0
    blank: list[str] = []          # one shared object for every blank row: 99 MB of empty lines stay small
    try:
        for record in reader:
            if any(record):
                filled += 1
                if filled > MAX_ROWS:
                    raise ReadError(Message(N_("the file has more than {most:,} rows with values; bidkit reads "
                                               "at most {most:,} from one file: split it into several "
                                               "(meetings-2018.csv, meetings-2019.csv)"), {"most": MAX_ROWS}))
                records.append(record)
                spans.append((last + 1 + skipped, reader.line_num + skipped))
            else:
                records.append(blank)
                spans.append(NO_SPAN)
            last = reader.line_num
    except csv.Error as exc:
        return records, spans, unreadable(str(exc), text, last, skipped, delimiter, records, rel, kind)
    return records, spans, None


def unreadable(error: str, text: str, lines: int, skipped: int, delimiter: str, records: list,
               rel: str, kind: str | None = None) -> Problem:
    """The row a parse stopped at, and the cell whose quotes are wrong."""
    start = line_offset(text, lines)
    column, close = misquoted(text, start, delimiter)
    row, line = len(records) + 1, lines + 1 + skipped
    if column is not None and close is None:
        message = Message(N_("a quote (\") opens this cell and is never closed, so the rest of the file would be read "
                             "as one cell; add the closing quote, or remove the opening one (a quote inside a quoted "
                             "cell is written twice: \"\")"))
    elif column is not None and LINE_END.search(text, start, close):
        closed_on = line + len(LINE_END.findall(text, start, close))
        message = Message(N_("a quote (\") opens this cell and is closed only on line {line} of the file, so the rows "
                             "between would be read as part of this cell; close the quote where the cell ends, or "
                             "remove it"), {"line": closed_on})
    elif column is not None:
        message = Message(N_("this cell starts with a quote (\") but has more text after its closing quote; put the "
                             "whole cell in quotes and write each quote inside it twice (\"\")"))
    elif "field larger" in error:
        message = Message(N_("a cell in this row is more than {most:,} characters long, far more than any cell bidkit "
                             "reads; shorten it"), {"most": csv.field_size_limit()})
    else:
        message = Message(N_("this row cannot be read as CSV ({error}); check its quotes (\")"), {"error": error})
    if line != row:
        message = Message(N_("{message} (line {line} in a text editor)"), {"message": message, "line": line})
    # the header by the one rule that builds the table (a file of no known kind: its first row)
    header = records[(find_header(records, kind) or 0) if kind else 0] if records else []
    field = (header[column].strip() or None) if column is not None and column < len(header) else None
    return Problem.at(Place(rel, None, row, column_letter(column) if column is not None else None), field, message)


def line_offset(text: str, lines: int) -> int:
    """Where physical line `lines + 1` starts (lines end CRLF, LF or CR)."""
    offset = 0
    for _ in range(lines):
        found = LINE_END.search(text, offset)
        if not found:
            return len(text)
        offset = found.end()
    return offset


def misquoted(text: str, start: int, delimiter: str) -> tuple[int | None, int | None]:
    """In the record starting at `start`: (index of the badly quoted cell, where its closing quote is: None when
    it is never closed); (None, None) when every cell is well quoted."""
    column, i, n = 0, start, len(text)
    while i < n:
        if text[i] == '"':                         # a quoted cell: find its closing quote
            i += 1
            while True:
                close = text.find('"', i)
                if close < 0:
                    return column, None
                if text.startswith('""', close):
                    i = close + 2
                    continue
                i = close + 1
                break
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                return column, close
        else:
            while i < n and text[i] not in (delimiter, "\r", "\n"):
                i += 1
        if i >= n or text[i] in "\r\n":
            return None, None
        column, i = column + 1, i + 1
    return None, None


def unreadable_cells(records: list[list[str]], spans: list[tuple[int, int]], bad_lines: set[int], head: int,
                     rel: str) -> list[Problem]:
    """A problem at each cell holding a byte no encoding explains, or a NUL byte (what a damaged or half-converted
    file holds); its row is left out, the numbers of the others kept."""
    header = records[head]
    problems = []
    for i, (first, last) in enumerate(spans):
        if i < head:                               # a title row above the header: not read
            continue
        suspect = any(first <= n <= last for n in bad_lines)
        for j, cell in enumerate(records[i]):
            if suspect and BAD_BYTE.search(cell):
                message = Message(N_("the column names hold a letter that is neither UTF-8 nor Windows-1252 (byte "
                                     "{bytes}, shown as ?), perhaps pasted from an old program, so bidkit cannot tell "
                                     "what it is; retype it, or {save_as}; nothing in the file was read") if i == head
                                  else N_("'{text}' holds a letter that is neither UTF-8 nor Windows-1252 (byte "
                                          "{bytes}, shown as ?), perhaps pasted from an old program, so bidkit cannot "
                                          "tell what it is; retype it, or {save_as}"),
                                  {"text": shown(cell)[:60], "bytes": bad_bytes(cell), "save_as": Label(SAVE_AS)})
            elif i != head and "\x00" in cell:
                message = Message(N_("holds a NUL character (an invisible byte 0, left by a damaged or half-converted "
                                     "file); retype the cell"))
            else:
                continue
            field = (header[j].strip() or None) if j < len(header) and i != head else None
            problems.append(Problem.at(Place(rel, None, i + 1, column_letter(j)), field, message,
                                       shown(cell).replace("\x00", "")))
        if problems and problems[-1].row == i + 1:
            records[i] = []
    return problems
