""".xls (Excel 97–2003, BIFF8; BIFF5 names too): the sheet facts calamine does not give, read from the records.

An .xls is an OLE2 compound file whose `Workbook` stream is a list of records (type, length, data). Each sheet's
records say which rows (ROW) and columns (COLINFO) are hidden and which formulas ended in an error (FORMULA,
BOOLERR); calamine shows those cells as empty. A password-protected .xlsx is an OLE2 file too, holding an
`EncryptedPackage` stream, and is named as such.
"""
from __future__ import annotations

import struct

from ..i18n.catalogue import N_
from ..problems import Message
from .sheetfacts import MAX_CELLS, SheetFacts, too_big
from .tables import ReadError, formula_error

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
END_OF_CHAIN = 0xFFFFFFFE
ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
          0x2A: "#N/A"}
BOUNDSHEET, BOF, EOF, ROW, COLINFO, FORMULA, BOOLERR, AUTOFILTER, DIMENSIONS, SST = \
    0x0085, 0x0809, 0x000A, 0x0208, 0x007D, 0x0006, 0x0205, 0x009E, 0x0200, 0x00FC
# records that hold a cell value: (type -> True when the record spans columns, MULRK)
VALUE_RECORDS = {0x00FD: False, 0x0203: False, 0x027E: False, 0x0204: False, 0x00D6: False, FORMULA: False,
                 BOOLERR: False, 0x00BD: True}


def damaged() -> ReadError:
    return ReadError(Message(N_("the .xls file is damaged (its parts do not fit together); open it in Excel or "
                                "LibreOffice and save it again")))


class Ole:
    """The streams of an OLE2 compound file, by name."""

    def __init__(self, data: bytes):
        if data[:8] != OLE_MAGIC or len(data) < 512:
            raise damaged()
        self.data = data
        self.size = 1 << struct.unpack_from("<H", data, 30)[0]
        self.mini_size = 1 << struct.unpack_from("<H", data, 32)[0]
        if self.size not in (512, 4096) or self.mini_size != 64:
            raise damaged()
        n_fat, dir_start = struct.unpack_from("<II", data, 44)
        self.cutoff, mini_start, n_mini, difat_start, n_difat = struct.unpack_from("<IIIII", data, 56)
        per = self.size // 4
        sectors = [s for s in struct.unpack_from("<109I", data, 76) if s < 0xFFFFFFFA]
        next_difat = difat_start
        for _ in range(min(n_difat, len(data) // self.size)):
            block = self.sector(next_difat)
            entries = struct.unpack(f"<{per}I", block)
            sectors += [s for s in entries[:-1] if s < 0xFFFFFFFA]
            next_difat = entries[-1]
        if not 0 < n_fat <= len(sectors):
            raise damaged()
        fat = b"".join(self.sector(s) for s in sectors[:n_fat])
        self.fat = struct.unpack(f"<{len(fat) // 4}I", fat)
        self.entries = self.directory(self.chain(dir_start))
        root = self.entries.get("Root Entry")
        self.ministream = self.chain(root[0], root[1]) if root else b""
        minifat = self.chain(mini_start) if n_mini else b""
        self.minifat = struct.unpack(f"<{len(minifat) // 4}I", minifat)

    def sector(self, n: int) -> bytes:
        start = (n + 1) * self.size
        if start + self.size > len(self.data):
            raise damaged()
        return self.data[start:start + self.size]

    def chain(self, start: int, size: int | None = None, fat=None, read=None) -> bytes:
        fat = self.fat if fat is None else fat
        read = read or self.sector
        parts, n, seen = [], start, 0
        while n != END_OF_CHAIN:
            if n >= len(fat) or seen > len(fat):
                raise damaged()
            parts.append(read(n))
            n, seen = fat[n], seen + 1
        data = b"".join(parts)
        return data if size is None else data[:size]

    def directory(self, raw: bytes) -> dict[str, tuple[int, int]]:
        entries = {}
        for off in range(0, len(raw) - 127, 128):
            length, kind = struct.unpack_from("<HB", raw, off + 64)
            if kind not in (1, 2, 5) or not 2 <= length <= 64:
                continue
            name = raw[off:off + length - 2].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<II", raw, off + 116)
            entries[name] = (start, size)
        return entries

    def stream(self, name: str) -> bytes | None:
        if name not in self.entries:
            return None
        start, size = self.entries[name]
        if size < self.cutoff:
            def mini(n: int) -> bytes:
                piece = self.ministream[n * self.mini_size:(n + 1) * self.mini_size]
                if len(piece) < self.mini_size:
                    raise damaged()
                return piece
            return self.chain(start, size, self.minifat, mini)
        return self.chain(start, size)


def records(stream: bytes, start: int = 0):
    """(type, offset of data, length) of each record from `start`: the workbook's globals."""
    pos, end = start, len(stream)
    while pos + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, pos)
        yield kind, pos + 4, length
        pos += 4 + length


def workbook_stream(data: bytes) -> bytes:
    ole = Ole(data)
    if "EncryptedPackage" in ole.entries:
        raise ReadError(Message(N_("the workbook is protected with a password; save a copy without one and send "
                                   "that")))
    stream = ole.stream("Workbook") or ole.stream("Book")
    if stream is None:
        raise ReadError(Message(N_("this is not a workbook bidkit can read (an OLE file with no sheets); save it "
                                   "from Excel or LibreOffice as .xlsx")))
    return stream


def sheet_name(stream: bytes, off: int, length: int) -> str:
    cch, flags = stream[off + 6], stream[off + 7] if length > 7 else 0
    if length >= 8 + cch and length != 7 + cch:              # BIFF8: a flags byte before the characters
        raw = stream[off + 8:off + 8 + cch * (2 if flags & 1 else 1)]
        return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
    return stream[off + 7:off + 7 + cch].decode("cp1252", "replace")    # BIFF5


def xls_facts(data: bytes) -> dict[str, SheetFacts]:
    """Sheet name -> its facts."""
    stream = workbook_stream(data)
    sheets = []
    for kind, off, length in records(stream):
        if kind == BOUNDSHEET and length >= 8:
            sheets.append((sheet_name(stream, off, length), struct.unpack_from("<I", stream, off)[0]))
        elif kind == SST and length >= 8 and struct.unpack_from("<I", stream, off + 4)[0] > len(stream):
            raise damaged()            # more strings than the file has bytes: calamine would reserve room for them
        elif kind == EOF:
            break
    return {name: sheet_facts(stream, start, name) for name, start in sheets if start < len(stream)}


def sheet_facts(stream: bytes, start: int, name: str) -> SheetFacts:
    """One sheet's records, from its BOF to its EOF: a tight loop, since a sheet has a record per cell."""
    facts = SheetFacts()
    hidden_rows, filtered = set(), False
    rows = cols = 0
    unpack, pos, end = struct.unpack_from, start, len(stream)
    while pos + 8 <= end:
        kind, length, row, col = unpack("<HHHH", stream, pos)
        off, pos = pos + 4, pos + 4 + length
        if kind in VALUE_RECORDS:
            if VALUE_RECORDS[kind] and length >= 6:
                col = max(col, unpack("<H", stream, off + length - 2)[0])
            rows, cols = max(rows, row + 1), max(cols, col + 1)
            if kind == FORMULA and length >= 14 and stream[off + 12:off + 14] == b"\xff\xff" \
                    and stream[off + 6] == 2:
                facts.cells[(row, col)] = formula_error(ERRORS.get(stream[off + 8], "#VALUE!"))
            elif kind == BOOLERR and length >= 8 and stream[off + 7] == 1:
                facts.cells[(row, col)] = formula_error(ERRORS.get(stream[off + 6], "#VALUE!"))
        elif kind == ROW and length >= 16:
            if unpack("<H", stream, off + 12)[0] & 0x20:
                hidden_rows.add(row)
        elif kind == COLINFO and length >= 10:
            if unpack("<H", stream, off + 8)[0] & 1:
                facts.hidden_columns.update(range(row, min(col, 255) + 1))       # first and last column
        elif kind == AUTOFILTER:
            filtered = True            # a filter is on: the rows it hides are a view, still evidence
        elif kind == DIMENSIONS:       # calamine sizes the sheet by it: it must be a real range
            first_row, last_row, first_col, last_col = unpack("<IIHH" if length >= 14 else "<HHHH", stream, off)
            if not (first_row <= last_row <= 65536 and first_col <= last_col <= 256):
                raise damaged()
        elif kind == EOF:
            break
    if rows * cols > MAX_CELLS:
        raise too_big(name, rows, cols)
    if not filtered:
        facts.hidden_rows = hidden_rows
    return facts
