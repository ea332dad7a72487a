"""The problems sorted into one report per partner, each with what to write instead, for the facilitator to send.

A problem is a partner's when the file it is in is (its subfolder or file-name suffix, `evidence/owners.py`); what
lies in nobody's file (project.yaml, the narrative, the facilitator's own spreadsheets) is the facilitator's. Every
partner gets a report, one with nothing to fix included, so a facilitator can send each partner a reply and no
partner is left wondering. "What to write instead" is the column's note from the partner workbook, so the report
and the workbook a partner fills in say the same thing in the same words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..evidence.files import kind_of_name
from ..evidence.owners import owner_keys, owner_of
from ..i18n import BCP47, N_, words
from ..problems import Problem
from .partner_workbook import column_note

FACILITATOR = "facilitator"
SUGGESTED = re.compile(r"did you mean '([^']+)'\?")
TOO_LONG = re.compile(r"at most ([\d,]+) are allowed")


@dataclass
class Entry:
    severity: str
    file: str
    sheet: str | None
    cell: str | None
    row: int | None
    field: str | None
    value: str | None
    problem: str
    advice: str


@dataclass
class Report:
    name: str                       # the file name without its suffix: the partner's id, or `facilitator`
    who: str                        # the partner's name, or "the bid facilitator"
    partner_id: str | None
    project: str
    date: str
    entries: list[Entry] = field(default_factory=list)
    lang: str = "en"                # the reader's language: the page's labels, what is wrong, what to write instead

    @property
    def lang_tag(self) -> str:
        """`cy-GB`: the page's `lang`, as the documents give theirs."""
        return BCP47.get(self.lang, self.lang)

    @property
    def errors(self) -> int:
        return sum(e.severity == "error" for e in self.entries)

    @property
    def warnings(self) -> int:
        return sum(e.severity == "warning" for e in self.entries)

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(e.file for e in self.entries))


def partner_reports(problems: list[Problem], partners: list[tuple[str, str]], project: str,
                    date: str, lang: str = "en") -> list[Report]:
    """One report per partner (in the partners' order), then the facilitator's, in the reader's language."""
    reader = words(lang)
    keys = owner_keys(partners)
    names = {pid: name for pid, name in partners}
    facilitator = FACILITATOR if FACILITATOR not in names else f"_{FACILITATOR}"     # never a partner's file
    reports = {pid: Report(pid, name, pid, project, date, lang=lang) for pid, name in partners}
    reports[facilitator] = Report(facilitator, reader._("the bid facilitator"), None, project, date, lang=lang)
    for p in sorted(problems, key=in_reading_order):
        owner = owner_of(p.file, keys)
        reports[owner if owner in reports else facilitator].entries.append(entry(p, reader))
    return list(reports.values())


def in_reading_order(p: Problem) -> tuple:
    """File by file, row by row, and along each row from left to right (B7 before AA7)."""
    column = (p.cell or "").rstrip("0123456789")
    return (p.file, p.sheet or "", p.row or 0, len(column), column, p.field or "", p.message)


def entry(p: Problem, reader=None) -> Entry:
    return Entry(p.severity, p.file, p.sheet, p.cell, p.row, p.field, p.value, p.words(reader), advice(p, reader))


RENAME = N_("Rename the column in row 1 to '{name}', or move what it holds into the right column and delete this "
            "one.")
RENAME_ANY = N_("Rename the column in row 1 to one of the column names bidkit reads, or move what it holds into the "
                "right column and delete this one.")
ADD = N_("Add a column named '{field}' in row 1 and fill it in.")
SAME_MEETING = N_("If it is the same meeting, delete one of the two rows; if they are two meetings, make their dates "
                  "or titles differ.")
WRITE = N_("Write '{meant}'.")
FILL = N_("Fill it in.")
SHORTEN = N_("Shorten it to at most {n} characters.")


def advice(p: Problem, reader=None) -> str:
    """What to write instead, in the words of the workbook's note for the column (or of the fix itself), in the
    reader's language; the problem is recognised by its English words, which every problem keeps."""
    _ = reader._ if reader is not None else (lambda text: text)
    kind = (kind_of_name(p.sheet) if p.sheet else None) or kind_of_name(PurePosixPath(p.file).name)
    note = column_note(kind, p.field, _) or ""
    meant = SUGGESTED.search(p.message)
    if p.message.startswith("unknown column"):
        return _(RENAME).format(name=meant.group(1)) if meant else _(RENAME_ANY)
    if "required column" in p.message:
        return f"{_(ADD).format(field=p.field)} {note}".strip()
    if "the same meeting" in p.message:
        return _(SAME_MEETING)
    if meant:
        return f"{_(WRITE).format(meant=meant.group(1))} {note}".strip()
    if "is required but not given" in p.message:
        return f"{_(FILL)} {note}".strip()
    if too_long := TOO_LONG.search(p.message):
        return _(SHORTEN).format(n=too_long.group(1))
    return note
