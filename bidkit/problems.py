"""Problems are data: every check collects them, and only the CLI turns them into words and exit codes."""
from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


def shown(text: str) -> str:
    """Text safe to print on one terminal line: control characters, line breaks and the invisible format
    characters (right-to-left overrides, zero-width spaces) appear as escapes, so a file named with a newline
    or an override cannot forge or disguise a line of output."""
    return "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp", "Cs")
                   else ascii(ch)[1:-1] for ch in text)


def undecodable(name: str) -> str:
    """A file name as text any output can hold: bytes that were not UTF-8 (kept by Python as lone surrogates)
    shown as `\\xff`, so JSON, the HTML and CSV reports and a terminal all take it."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True, order=True)
class Place:
    """Where a value came from, as the person who wrote it sees it: the spreadsheet's own row numbers (row 1 is
    its first row, wherever the header is) and column letters; YAML and Markdown lines."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None       # the spreadsheet column letter, where the value had one

    @property
    def cell(self) -> str | None:
        """`E7`, in a workbook: where a partner goes (a CSV has rows, and its problems name the row)."""
        return f"{self.column}{self.row}" if self.sheet and self.column and self.row else None

    def __str__(self) -> str:
        """`meetings.csv:7`, or in a workbook the cell a partner goes to: `meetings.xlsx[Meetings]!E7`."""
        text = self.file + (f"[{self.sheet}]" if self.sheet else "")
        if self.cell:
            return f"{text}!{self.cell}"
        return f"{text}:{self.row}" if self.row else text


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    sheet: str | None
    row: int | None
    field: str | None
    value: str | None
    message: str
    cell: str | None = None         # `E7`: in a workbook, the cell the value was in
    kind: str | None = field(default=None, compare=False)   # the kind of evidence left unread, where a reader knows

    @classmethod
    def at(cls, place: Place, field: str | None, message: str, value: object = None,
           severity: Severity = "error", kind: str | None = None) -> "Problem":
        shown = None if value is None else str(value)
        if shown is not None and len(shown) > 80:
            shown = shown[:77] + "..."
        return cls(severity, undecodable(place.file), place.sheet, place.row, field, shown, message, place.cell,
                   kind)

    @property
    def place(self) -> Place:
        return Place(self.file, self.sheet, self.row, self.cell.rstrip("0123456789") if self.cell else None)

    def line(self) -> str:
        """The compiler-style line a partner reads: `meetings.csv:7: date: ...`."""
        field = f"{self.field}: " if self.field else ""
        tag = "warning: " if self.severity == "warning" else ""
        return shown(f"{self.place}: {tag}{field}{self.message}")

    def as_dict(self) -> dict:
        """What --json prints: the contract's keys (the internal `kind` is not one of them)."""
        found = asdict(self)
        del found["kind"]
        return found


def sort_key(p: Problem) -> tuple:
    return (p.file, p.sheet or "", p.row or 0, p.field or "", p.message)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def summary(problems: list[Problem]) -> str:
    """`2 errors, 1 warning in 3 files`."""
    n_err, n_warn = len(errors(problems)), len(warnings(problems))
    files = len({p.file for p in problems})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(n_err, 'error')}, {plural(n_warn, 'warning')} in {plural(files, 'file')}"


class BidkitError(Exception):
    """The command could not run (exit 2): no such folder, unreadable file, bad option."""


class EvidenceInvalid(Exception):
    """The evidence has errors (exit 1); carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(errors(problems))} errors")
        self.problems = problems
