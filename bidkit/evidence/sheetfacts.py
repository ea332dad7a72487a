"""What python-calamine does not say about a sheet, read from the file itself: which rows and columns are hidden,
which cells are merged (ODS), which show a formula error or hold a formula with no saved value, and how far the
cells reach. calamine shows an error cell and an unsaved formula as an empty cell, so without this a `#N/A` title
would read as "not given" and a `=20+12` attendance as blank.

Each scan looks for its marker in the raw XML first, so a plain sheet costs one substring search per fact.
Positions are 0-based (row, column) as calamine gives them.
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from ..i18n.catalogue import N_
from ..problems import Message
from .tables import BadCell, ReadError, column_letter, formula_error, no_saved_value

MAX_CELLS = 5_000_000      # calamine holds a sheet as one dense grid: a stray cell at XFD1048576 would need 500 GB


@dataclass
class SheetFacts:
    hidden_rows: set[int] = field(default_factory=set)       # hidden by hand (rows a filter hides are read)
    hidden_columns: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)   # first row, col, last row, col
    cells: dict[tuple[int, int], BadCell] = field(default_factory=dict)


def too_big(sheet: str, rows: int, cols: int) -> ReadError:
    return ReadError(Message(N_("the sheet '{sheet}' reaches cell {cell}, {cells:,} cells; bidkit reads up to "
                                "{most:,}: delete what is in the far rows and columns (press Ctrl+End to find it) and "
                                "save again"), {"sheet": sheet, "cell": f"{column_letter(max(cols - 1, 0))}{rows}",
                                                "cells": rows * cols, "most": MAX_CELLS}))


def letters_to_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


# ---------------------------------------------------------------- xlsx

def xml_events(stream, events=("start", "end")):
    """A streaming XML parse that never expands an entity, fetches anything or builds more than one element at a
    time (each is cleared once ended)."""
    from lxml import etree

    return etree.iterparse(stream, events=events, resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, remove_comments=True)


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attribute(element, name: str) -> str | None:
    """An attribute by its local name, whatever its prefix or quotes."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None


def read_attributes(zf: zipfile.ZipFile, member: str, tag: str, names: tuple[str, ...]) -> list[tuple]:
    found = []
    with zf.open(member) as stream:
        for event, element in xml_events(stream, ("end",)):
            if local(element.tag) == tag:
                found.append(tuple(attribute(element, n) for n in names))
            element.clear()
    return found


def xlsx_sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML."""
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    targets = {}
    for rid, target in read_attributes(zf, "xl/_rels/workbook.xml.rels", "Relationship", ("Id", "Target")):
        if rid and target:
            targets[rid] = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
    paths = {}
    for name, rid in read_attributes(zf, "xl/workbook.xml", "sheet", ("name", "id")):
        if name and rid and rid in targets:
            paths[name] = targets[rid]
    return paths


def check_shared_strings(zf: zipfile.ZipFile) -> None:
    """calamine reserves room for as many distinct shared strings as the file claims (`uniqueCount`; `count`
    counts the cells using them and may well be larger): a claim larger than the file is a damaged or hostile
    workbook, refused before the reservation aborts the process."""
    names = [n for n in zf.namelist() if n.lower().endswith("sharedstrings.xml")]
    for name in names:
        with zf.open(name) as part:
            head = part.read(2048)
        size = zf.getinfo(name).file_size
        for claim in re.findall(rb'\buniqueCount="(\d+)"', head):
            if int(claim) > size:
                raise ReadError(Message(N_("the workbook is damaged (it claims more text cells than it holds); open "
                                           "it in Excel or LibreOffice and save it again")))


ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
R_NUMBER = re.compile(rb'\br="(\d+)"')
COL_TAG = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
REF_LETTERS = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})\d')
FORMULA = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
FORMULA_TAGS = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/")     # `<f>`, with attributes, or prefixed
AUTOFILTER = re.compile(rb'<(?:\w+:)?autoFilter\b[^>]*\bref="[A-Z]+(\d+):[A-Z]+(\d+)"[^>]*>(.*?)</(?:\w+:)?autoFilter>',
                        re.S)


def attr(tag: bytes, name: bytes) -> bytes | None:
    found = re.search(rb"\b" + name + rb'="([^"]*)"', tag)
    return found.group(1) if found else None


def xlsx_facts(xml: bytes, sheet: str) -> SheetFacts:
    facts = SheetFacts()
    if b"hidden" in xml:
        filtered = range(0)
        flt = AUTOFILTER.search(xml)
        if flt and b"filterColumn" in flt.group(3):       # a filter is on: the rows it hides are still evidence
            filtered = range(int(flt.group(1)), int(flt.group(2)) + 1)
        for row in ROW_TAG.finditer(xml):
            if HIDDEN.search(row.group(1)):
                number = R_NUMBER.search(row.group(1))
                if number and int(number.group(1)) not in filtered:
                    facts.hidden_rows.add(int(number.group(1)) - 1)
        for col in COL_TAG.finditer(xml):
            if HIDDEN.search(col.group(1)):
                first, last = attr(col.group(1), b"min"), attr(col.group(1), b"max")
                if first and last and int(last) - int(first) < 16384:
                    facts.hidden_columns.update(range(int(first) - 1, min(int(last), 16384)))
    if b't="e"' in xml or any(tag in xml for tag in FORMULA_TAGS):
        for cell in CELL.finditer(xml):
            tag, body = cell.group(1), cell.group(2) or b""
            ref = CELL_REF.search(tag)
            if ref is None:
                continue
            at = (int(ref.group(2)) - 1, letters_to_index(ref.group(1)))
            if b't="e"' in tag:
                value = VALUE.search(body)
                facts.cells[at] = formula_error(value.group(1).decode("utf-8", "replace") if value else "#N/A")
                continue
            formula = FORMULA.search(body)
            if formula is None:
                continue
            value = VALUE.search(body)
            saved = (value is not None and value.group(1) != b"") or b"<is>" in body or b't="str"' in tag \
                or b":is>" in body
            if not saved:
                text = html.unescape((formula.group(2) or b"").decode("utf-8", "replace"))
                facts.cells[at] = no_saved_value(text or "(a shared formula)")
    return facts


REF = re.compile(r"([A-Za-z]{1,3})(\d+)$")


def stream_elements(stream, start, end=None, raw: bool = False) -> None:
    """Feed an XML part through expat, calling start(local name, attributes by local name) and end(local name);
    a part declaring entities (never in a real workbook, and the way to an entity bomb) is refused."""
    from xml.parsers import expat

    def no_entities(*_):
        raise ReadError(Message(N_("the workbook is damaged (its XML declares entities); open it in Excel or "
                                   "LibreOffice and save it again")))

    parser = expat.ParserCreate()
    parser.EntityDeclHandler = no_entities
    parser.UnparsedEntityDeclHandler = no_entities
    parser.ExternalEntityRefHandler = lambda *_: 0
    parser.buffer_text = True
    def local_names(name, attrs):
        if ":" in name:
            name = name.rsplit(":", 1)[-1]
        if attrs and any(":" in key for key in attrs):
            attrs = {key.rsplit(":", 1)[-1]: value for key, value in attrs.items()}
        start(name, attrs)

    parser.StartElementHandler = start if raw else local_names
    if end is not None and raw:
        parser.EndElementHandler = end
    elif end is not None:
        parser.EndElementHandler = lambda name: end(name.rsplit(":", 1)[-1] if ":" in name else name)
    while True:
        chunk = stream.read(1 << 20)
        parser.Parse(chunk, not chunk)
        if not chunk:
            return


def check_xlsx_extent(zf: zipfile.ZipFile, member: str, sheet: str) -> None:
    """Refuse a sheet whose cells reach so far that calamine's dense grid would not fit in memory: measured with
    an XML parser over the sheet's part (a row without `r` follows the last, a cell without `r` stands after the
    last), before calamine is asked for the sheet."""
    at = {"rows": 0, "cols": 0, "row": 0, "col": 0}

    def start(tag, attrs):
        if tag == "c":
            ref = REF.match((attrs.get("r") or "").strip())
            if ref:
                at["row"], at["col"] = int(ref.group(2)), letters_to_index(ref.group(1).upper().encode()) + 1
            else:
                at["col"] += 1
            if at["row"] > at["rows"] or at["col"] > at["cols"]:
                at["rows"], at["cols"] = max(at["rows"], at["row"]), max(at["cols"], at["col"])
                if at["rows"] * at["cols"] > MAX_CELLS:
                    raise too_big(sheet, at["rows"], at["cols"])
        elif tag == "row":
            number = (attrs.get("r") or "").strip()
            at["row"], at["col"] = (int(number) if number.isdigit() else at["row"] + 1), 0

    if plainly_small(zf.read(member)):
        return
    with zf.open(member) as stream:
        stream_elements(stream, start)


ANY_ROW, ROW_WITH_R = re.compile(rb"<row[\s>/]"), re.compile(rb'<row r="\d')
ANY_CELL, CELL_WITH_R = re.compile(rb"<c[\s>/]"), re.compile(rb'<c r="[A-Z]{1,3}\d')
PREFIXED = re.compile(rb"<\w+:(?:row|c)[\s>/]")


def plainly_small(xml: bytes) -> bool:
    """A sound shortcut for the sheets Excel, LibreOffice and openpyxl write: when every row and cell carries
    its reference first in double quotes (nothing prefixed, no character references) and no reference has six
    digits or two letters, the sheet is under 100,000 rows and 26 columns; anything else is parsed."""
    if b"&#" in xml or PREFIXED.search(xml):
        return False
    if len(ANY_ROW.findall(xml)) != len(ROW_WITH_R.findall(xml)) or \
            len(ANY_CELL.findall(xml)) != len(CELL_WITH_R.findall(xml)):
        return False
    return not re.search(rb'r="[A-Z]{1,3}\d{6}', xml) and not re.search(rb'r="[A-Z]{2,3}\d', xml) \
        and MAX_CELLS >= 100_000 * 26


def check_ods_extent(zf: zipfile.ZipFile) -> None:
    """The same for every table of an ODS: rows and cells with their repeats multiplied out. Names are matched
    by their local part, whatever the prefix."""
    at = {"name": "", "rows": 0, "cols": 0, "row": 0, "col": 0, "repeat": 1, "value": False, "cell": False}

    def local_attrs(attrs) -> dict:
        return {key.rsplit(":", 1)[-1]: value for key, value in attrs.items()}

    def start(name, attrs):
        tag = name.rsplit(":", 1)[-1]
        if tag == "table-cell" or tag == "covered-table-cell":
            attrs = local_attrs(attrs)
            count = repeat(attrs, "number-columns-repeated")
            if "value-type" in attrs:
                at["value"], at["cols"] = True, max(at["cols"], at["col"] + count)
            at["cell"] = True
            at["col"] += count
            reach = max(at["rows"], at["row"] + at["repeat"]) if at["value"] else at["rows"]
            if reach * at["cols"] > MAX_CELLS:
                raise too_big(at["name"], reach, at["cols"])
        elif at["cell"]:                        # content in a cell (text:p): a value even without a type
            at["value"], at["cols"] = True, max(at["cols"], at["col"])
            reach = max(at["rows"], at["row"] + at["repeat"])
            if reach * at["cols"] > MAX_CELLS:
                raise too_big(at["name"], reach, at["cols"])
        elif tag == "table-row":
            at["repeat"], at["value"], at["col"] = repeat(local_attrs(attrs), "number-rows-repeated"), False, 0
        elif tag == "table":
            at.update(name=local_attrs(attrs).get("name", ""), rows=0, cols=0, row=0)

    def end(name):
        tag = name.rsplit(":", 1)[-1]
        if tag == "table-cell" or tag == "covered-table-cell":
            at["cell"] = False
        elif tag == "table-row":
            if at["value"]:
                at["rows"] = max(at["rows"], at["row"] + at["repeat"])
            at["row"] += at["repeat"]

    with zf.open("content.xml") as stream:
        stream_elements(stream, start, end, raw=True)


def repeat(attrs: dict, name: str) -> int:
    value = (attrs.get(name) or "1").strip()
    return int(value) if value.isdigit() else 1


# ---------------------------------------------------------------- ods

ODS_TOKEN = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table-column|table)(?=[\s/>])"
                       rb"([^>]*?)(/?)>")
ODS_TEXT = re.compile(rb"<text:p\b[^>]*>(.*?)</text:p>", re.S)
ODS_MARKERS = (b'table:visibility="collapse"', b"-spanned=", b'calcext:value-type="error"')
# a long repeat, except the empty cells LibreOffice ends every row with
FAR = re.compile(rb'number-rows-repeated="\d{4,}"|number-columns-repeated="\d{4,}"(?![^>]*/></table:table-row>)')


def ods_needs_walk(content: bytes) -> bool:
    if any(marker in content for marker in ODS_MARKERS):
        return True
    if b"table:formula=" in content and \
            re.search(rb"<table:table-cell (?=[^>]*table:formula=)(?![^>]*office:value-type)", content):
        return True
    # LibreOffice ends each row with a repeat of empty cells, and each table with a repeat of empty rows; any
    # other long repeat may put a value far out, which the walk measures
    for rep in FAR.finditer(content):
        tag = content[content.rfind(b"<", 0, rep.start()):rep.end()]
        after = content[rep.end():rep.end() + 400]
        if tag.startswith(b"<table:table-column"):
            continue
        if tag.startswith(b"<table:table-row"):
            empty_row = re.match(rb"[^>]*>(?:<table:table-cell[^>]*/>)*</table:table-row>", after)
            if empty_row:
                rest = content[rep.end() + empty_row.end():content.find(b"</table:table>", rep.end())]
                if b"office:value-type" not in rest and b"<text:p" not in rest:
                    continue
        return True
    return False


def ods_facts(content: bytes) -> dict[str, SheetFacts]:
    """Table name -> its facts, walking content.xml's rows and cells with their repeats; {} for a plain file."""
    if not ods_needs_walk(content):
        return {}
    found: dict[str, SheetFacts] = {}
    facts = SheetFacts()
    name = ""
    row = col = column_pos = 0
    row_repeat, row_hidden, row_has_value = 1, False, False
    extent_rows = extent_cols = 0
    for token in ODS_TOKEN.finditer(content):
        closing, tag, attrs, empty = token.groups()
        if tag == b"table":
            if closing:
                if extent_rows * extent_cols > MAX_CELLS:
                    raise too_big(name, extent_rows, extent_cols)
                continue
            name = html.unescape((attr(attrs, b"table:name") or b"").decode("utf-8", "replace"))
            facts = found.setdefault(name, SheetFacts())
            row = column_pos = extent_rows = extent_cols = 0
            continue
        if tag == b"table-column":
            if not closing:
                repeat = int(attr(attrs, b"table:number-columns-repeated") or 1)
                if attr(attrs, b"table:visibility") == b"collapse" and column_pos < 16384:
                    facts.hidden_columns.update(range(column_pos, min(column_pos + repeat, 16384)))
                column_pos += repeat
            continue
        if tag == b"table-row":
            if closing:
                if row_hidden:
                    facts.hidden_rows.update(range(row, min(row + row_repeat, row + 100_000)))
                if row_has_value:
                    extent_rows = max(extent_rows, row + row_repeat)
                row += row_repeat
                continue
            row_repeat = int(attr(attrs, b"table:number-rows-repeated") or 1)
            row_hidden = attr(attrs, b"table:visibility") == b"collapse"      # "filter": a filter's view, read
            row_has_value, col = False, 0
            if empty:
                row += row_repeat
            continue
        if closing:
            continue
        repeat = int(attr(attrs, b"table:number-columns-repeated") or 1)
        has_value = b"office:value-type" in attrs or (not empty and tag == b"table-cell")
        if tag == b"table-cell":
            spans = int(attr(attrs, b"table:number-rows-spanned") or 1), \
                int(attr(attrs, b"table:number-columns-spanned") or 1)
            if spans != (1, 1):
                facts.merged.append((row, col, row + spans[0] - 1, col + spans[1] - 1))
            if b'calcext:value-type="error"' in attrs:
                text = ODS_TEXT.search(content, token.end(), token.end() + 2000)
                shown = html.unescape(text.group(1).decode("utf-8", "replace")) if text else "#VALUE!"
                facts.cells[(row, col)] = formula_error(re.sub(r"<[^>]+>", "", shown))
            elif b"table:formula=" in attrs and b"office:value-type" not in attrs:
                formula = html.unescape(attr(attrs, b"table:formula").decode("utf-8", "replace"))
                facts.cells[(row, col)] = no_saved_value(formula.split(":", 1)[-1] if formula.startswith("of:")
                                                         else formula)
        if has_value:
            row_has_value = True
            extent_cols = max(extent_cols, col + repeat)
        col += repeat
    return found
