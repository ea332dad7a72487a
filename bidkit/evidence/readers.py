"""One evidence file into its tables, or a problem saying why it holds none.

Files that could hurt (zip bombs, YAML aliases and tags) are refused before they are parsed.
"""
from __future__ import annotations

from pathlib import Path

from ..problems import Place, Problem
from .csvfile import read_csv
from .files import MAX_FILE_BYTES, SPREADSHEET_SUFFIXES, TEXT_SUFFIXES, UNREAD_SUFFIXES, kind_of_name
from .kinds import KINDS, YAML_ONLY_KINDS
from .spreadsheets import read_workbook
from .tables import ReadError, Table
from .yamlfile import read_yaml_table


def read_tables(path: Path, rel: str) -> tuple[list[Table], list[Problem]]:
    """The tables of one evidence file, or a problem saying why it holds none."""
    suffix = path.suffix.lower()
    kind = kind_of_name(path.name)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ReadError(f"the file is {path.stat().st_size // 2**20} MB; bidkit reads files up to 100 MB")
        if suffix in SPREADSHEET_SUFFIXES:
            tables, problems = read_workbook(path, rel, kind)
            return tables, problems + [p for t in tables for p in t.problems]
        if kind is None:
            return [], [Problem.at(Place(rel), None, "bidkit does not know what this file holds; name it after "
                                   "a kind of evidence (" + ", ".join(KINDS) + "), e.g. meetings-wcva.csv",
                                   severity="warning")]
        if suffix in UNREAD_SUFFIXES:
            return [], [Problem.at(Place(rel), None, f"bidkit does not read {suffix} files, so nothing was read from "
                                   "it; save it as .xlsx, .ods or .csv (a table saved from Excel as 'Unicode text' or "
                                   "'Text (Tab delimited)' is read as it is, once renamed to .csv)",
                                   severity="warning")]
        if suffix in TEXT_SUFFIXES:
            if kind in YAML_ONLY_KINDS:
                raise ReadError(f"{kind} are written in YAML (outcomes.yaml), not CSV")
            tables, problems = read_csv(path, rel, kind)
        else:
            tables, problems = read_yaml_table(path, rel, kind)
        return tables, problems + [p for table in tables for p in table.problems]   # the header's, the columns'
    except ReadError as exc:
        return [], [Problem.at(Place(rel, None, getattr(exc, "line", None)), None, str(exc))]
    except OSError as exc:                  # unreadable (permissions), or gone while the folder was read
        return [], [Problem.at(Place(rel), None, f"cannot be read ({exc.strerror or exc}); check who may open it")]

