"""Problems are data: every check collects them, and only the CLI turns them into words and exit codes."""
from __future__ import annotations

import unicodedata
from datetime import date
from dataclasses import asdict, dataclass, field, replace
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


class Label(str):
    """A fixed label given to a message as an argument (a nation's name, a kind of evidence): shown in the
    reader's language, where a name a partner wrote (a partner, a file) is shown as written."""


def plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message whose words depend on its `{n}` (pybabel extracts `plural("…", "…")` as one entry with
    its plural: Welsh has six forms); pass it to `Problem.at` as the message."""
    return singular, plural


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
    # The message before its arguments were put in: the catalogue's msgid (or a (singular, plural) pair, chosen
    # by args["n"]), so the CLI can show it in the reader's language. None: a message with no translation yet.
    template: str | tuple[str, str] | None = field(default=None, compare=False, repr=False)
    args: dict | None = field(default=None, compare=False, repr=False)

    @classmethod
    def at(cls, place: Place, field: str | None, message: "str | tuple[str, str] | Message", value: object = None,
           severity: Severity = "error", kind: str | None = None, args: dict | None = None) -> "Problem":
        """`message` is a template marked for translation (`N_("must be {ge} or more")`, or `plural(…)`), its
        `{names}` filled from `args` (or a `Message` carrying both); the English words are kept as `message`,
        the contract's."""
        if isinstance(message, Message):
            message, args = message.template, message.args
        shown = None if value is None else str(value)
        if shown is not None and len(shown) > 80:
            shown = shown[:77] + "..."
        english = fill(message, args, None)
        return cls(severity, undecodable(place.file), place.sheet, place.row, field, shown, english, place.cell,
                   kind, message, dict(args) if args else None)

    def reworded(self, message: str | tuple[str, str], args: dict | None = None) -> "Problem":
        """The same problem in other words (a template and its arguments, as `at` takes them)."""
        return replace(self, message=fill(message, args, None), template=message, args=dict(args) if args else None)

    def words(self, reader=None) -> str:
        """The message in the reader's language (`reader`: the catalogue's `Words`; None: English)."""
        if reader is None or self.template is None:
            return self.message
        return fill(self.template, self.args, reader)

    @property
    def place(self) -> Place:
        return Place(self.file, self.sheet, self.row, self.cell.rstrip("0123456789") if self.cell else None)

    def line(self, reader=None) -> str:
        """The compiler-style line a partner reads: `meetings.csv:7: date: ...`, in the reader's language (the
        field is the column's name as the file has it, in every language)."""
        _ = reader._ if reader is not None else (lambda text: text)
        field = f"{self.field}: " if self.field else ""
        tag = _("warning: ") if self.severity == "warning" else ""
        return shown(f"{self.place}: {tag}{field}{self.words(reader)}")

    def as_dict(self) -> dict:
        """What --json prints: the contract's keys (the internal `kind` is not one of them)."""
        found = asdict(self)
        for internal in ("kind", "template", "args"):
            del found[internal]
        return found


def sort_key(p: Problem) -> tuple:
    return (p.file, p.sheet or "", p.row or 0, p.field or "", p.message)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def fill(template: str | tuple[str, str], args: dict | None, reader) -> str:
    """A message template in the reader's language (None: English) with its arguments put in: a `Label` is
    translated, a date written as the language writes it ("13 Tachwedd 2018")."""
    args = args or {}
    if isinstance(template, str):
        text = template if reader is None else reader._(template)
    elif reader is None:
        text = template[0 if args["n"] == 1 else 1]       # a plural without its n fails in English too
    else:
        text = reader.n_(template[0], template[1], args["n"])
    if not args:
        return text
    lang = reader.lang if reader is not None else "en"
    return text.format(**{k: shown_arg(v, reader, lang) for k, v in args.items()})


def shown_arg(value, reader, lang: str):
    if isinstance(value, Message):      # a phrase of its own (" (did you mean 'wcva'?)"), in the same language
        return fill(value.template, value.args, reader)
    if isinstance(value, tuple):        # phrases listed one after another: "a, b, c"
        return ", ".join(str(shown_arg(v, reader, lang)) for v in value)
    if hasattr(value, "shown_in"):      # text given in each language (a funder's question title)
        return value.shown_in(lang)
    if isinstance(value, Label):
        return value if reader is None else reader._(value)
    if isinstance(value, date):
        from .i18n.formats import format_date

        return format_date(value, lang)
    return value


def summary(problems: list[Problem], reader=None) -> str:
    """`2 errors, 1 warning in 3 files`, in the reader's language (None: English)."""
    n_err, n_warn = len(errors(problems)), len(warnings(problems))
    files = len({p.file for p in problems})
    ngettext = reader.n_ if reader is not None else (lambda one, many, n: one if n == 1 else many)
    return (ngettext("{n} error", "{n} errors", n_err).format(n=n_err) + ", "
            + ngettext("{n} warning", "{n} warnings", n_warn).format(n=n_warn) + " "
            + ngettext("in {n} file", "in {n} files", files).format(n=files))


@dataclass(frozen=True)
class Message:
    """A message not yet a problem, as an exception carries it (`raise DateError(Message(N_("…"), {…}))`): its
    template and arguments, and its English words as `str()`."""
    template: str | tuple[str, str]
    args: dict | None = None

    def __str__(self) -> str:
        return fill(self.template, self.args, None)

    def words(self, reader=None) -> str:
        return fill(self.template, self.args, reader)


def message_of(exc: Exception) -> "Message | str":
    """What an exception raised with a `Message` carries, for `Problem.at`; any other exception's words."""
    found = exc.args[0] if exc.args else None
    return found if isinstance(found, Message) else str(exc)


class BidkitError(Exception):
    """The command could not run (exit 2): no such folder, unreadable file, bad option."""


class EvidenceInvalid(Exception):
    """The evidence has errors (exit 1); carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(errors(problems))} errors")
        self.problems = problems
