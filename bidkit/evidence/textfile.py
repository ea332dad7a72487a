"""The bytes of a text file (CSV or YAML) into text, in whichever encoding the partner's software wrote it.

What partners' programs really write, and how each is recognised:
- UTF-8, with or without a byte order mark (Excel's "CSV UTF-8", LibreOffice, every text editor);
- UTF-16 with a byte order mark, little- or big-endian (Excel's "Unicode text", Windows Notepad's "Unicode"),
  and UTF-16 without one, recognised by its pattern of NUL bytes (every other byte is 0 in Latin text);
- Windows-1252 (Excel's plain "CSV" on Windows), and Mac Roman (Excel for Mac's "Comma Separated Values", which
  ends its lines with a lone CR): decided line by line, because partners paste rows from one file into another.
  A line that is valid UTF-8 is UTF-8 (text in a single-byte code page is almost never valid UTF-8 by chance);
  any other line is Windows-1252, or Mac Roman when the file's lines end with CR only (Excel for Mac writes a
  line break inside a cell as LF, so the header line's end decides).
A byte that means nothing in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D: typically text from an old DOS program)
cannot be read right, so it is kept as a marker (a lone surrogate, which no real text holds) for the reader to
report at its cell, never guessed. A workbook or PDF saved under a .csv name is refused by its first bytes.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ..i18n.catalogue import N_
from ..problems import Label, Message
from .tables import ReadError

LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?")
BAD_BYTE = re.compile("[\udc80-\udcff]")          # an undecodable byte, kept by "surrogateescape"
SIGNATURES = [                                     # first bytes -> what the file really is
    (b"PK\x03\x04", N_("this file is really a workbook (.xlsx or .ods) saved with a text file's name; give it its "
                       "real ending (e.g. meetings.xlsx), or save it again as CSV")),
    (b"\xd0\xcf\x11\xe0", N_("this file is really an old Excel workbook (.xls) saved with a text file's name; "
                             "rename it to .xls, or save it again as CSV")),
    (b"%PDF", N_("this file is really a PDF, not a table; send the spreadsheet itself (.xlsx, .ods or .csv)")),
    (b"{\\rtf", N_("this file is really a Word (RTF) document, not a table; send the spreadsheet itself (.xlsx, "
                   ".ods or .csv)")),
]
SAVE_AS = N_("save the file again as 'CSV UTF-8 (Comma delimited)'")
SAVE_YAML_AS = N_("save the file again as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")


@dataclass
class Decoded:
    text: str
    bad_lines: set[int] = field(default_factory=set)   # 1-based physical lines holding an undecodable byte


def decode_text(data: bytes, save_as: str = SAVE_AS) -> Decoded:
    """The text of a CSV or YAML file; ReadError when it is not text at all (`save_as` says how to fix that)."""
    for signature, meaning in SIGNATURES:
        if data.startswith(signature):
            raise ReadError(Message(meaning))
    if data[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        return Decoded(strict(data, "utf-32", "UTF-32", save_as))
    if data.startswith(codecs.BOM_UTF16_LE):
        return Decoded(strict(data[2:], "utf-16-le", "UTF-16", save_as))
    if data.startswith(codecs.BOM_UTF16_BE):
        return Decoded(strict(data[2:], "utf-16-be", "UTF-16", save_as))
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    utf16 = utf16_without_bom(data)
    if utf16:
        return Decoded(strict(data, utf16, "UTF-16", save_as))
    try:
        return Decoded(clean(data.decode("utf-8")))
    except UnicodeDecodeError:
        return by_line(data, save_as)


def strict(data: bytes, codec: str, name: str, save_as: str) -> str:
    try:
        return clean(data.decode(codec))
    except UnicodeDecodeError:
        raise ReadError(Message(N_("the file starts as {encoding} text but is damaged further on (it may have been "
                                   "cut short); open it and {save_as}"),
                                {"encoding": name, "save_as": Label(save_as)})) from None


def clean(text: str) -> str:
    """Without byte order marks: the first, and any at a line's start (two files joined into one)."""
    text = text.removeprefix("\ufeff")
    if "\ufeff" in text:
        text = re.sub("(?<=[\r\n])\ufeff", "", text)
    return text


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text written without a byte order mark: most of one half of the byte pairs are NUL."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0:pairs * 2:2].count(0)
    odd = sample[1:pairs * 2:2].count(0)
    if odd >= 0.4 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def by_line(data: bytes, save_as: str) -> Decoded:
    """Not UTF-8 as a whole: each line in its own encoding (see the module's docstring)."""
    first_end = re.search(rb"\r\n|\r|\n", data)
    old_mac = first_end is not None and first_end.group() == b"\r" and b"\r\n" not in data   # LF only in cells
    single = "mac_roman" if old_mac else "cp1252"
    lines, bad = [], set()
    any_utf8 = False
    for number, match in enumerate(LINE.finditer(data), start=1):
        raw = match.group()
        if not raw:
            break
        try:
            line = raw.decode("utf-8")
            any_utf8 = any_utf8 or not raw.isascii()
        except UnicodeDecodeError:
            line = raw.decode(single, errors="surrogateescape")
            if BAD_BYTE.search(line):
                bad.add(number)
        lines.append(line)
    if bad and not any_utf8 and single == "cp1252":
        rows = ", ".join(str(n) for n in sorted(bad)[:5])
        raise ReadError(Message(N_("the file is neither UTF-8 nor Windows-1252 text (see line {rows}), so bidkit "
                                   "cannot tell what its letters are; {save_as}"),
                                {"rows": Message(N_("{rows} and more"), {"rows": rows}) if len(bad) > 5 else rows,
                                 "save_as": Label(save_as)}))
    return Decoded(clean("".join(lines)), bad)


def shown(text: str) -> str:
    """A text with its undecodable bytes shown as '?', to quote back in a message."""
    return BAD_BYTE.sub("?", text)


def bad_bytes(text: str) -> str:
    """`0x81, 0x8D`: the undecodable bytes in a text, as a partner's hex editor would show them."""
    return ", ".join(dict.fromkeys(f"0x{ord(c) - 0xDC00:02X}" for c in BAD_BYTE.findall(text)))
