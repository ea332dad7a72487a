"""One evidence file into its tables, or a problem saying why it holds none.

Files that could hurt (zip bombs, YAML aliases and tags) are refused before they are parsed.
"""
from __future__ import annotations

from pathlib import Path

from ..i18n.catalogue import N_
from ..problems import Label, Message, Place, Problem, message_of
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
            raise ReadError(Message(N_("the file is {mb} MB; bidkit reads files up to 100 MB"),
                                    {"mb": path.stat().st_size // 2**20}))
        if suffix in SPREADSHEET_SUFFIXES:
            tables, problems = read_workbook(path, rel, kind)
            return tables, problems + [p for t in tables for p in t.problems]
        if kind is None:
            looks = columns_of_text_table(path) if suffix in TEXT_SUFFIXES else None
            if looks:                   # its rows would be missing from every figure: refused, not passed over
                return [], [Problem.at(Place(rel), None, N_("has the columns of {kind} but its name does not start "
                                       "with '{prefix}', so none of its rows were counted; rename it e.g. {name}"),
                                       kind=looks, args={"kind": Label(looks), "prefix": looks,
                                                         "name": suggested_name(path, looks)})]
            return [], [Problem.at(Place(rel), None, N_("bidkit does not know what this file holds; name it after a "
                                   "kind of evidence ({kinds}), e.g. meetings-wcva.csv"), severity="warning",
                                   args={"kinds": ", ".join(KINDS)})]
        if suffix in UNREAD_SUFFIXES:       # named after a kind: its rows would be missing from every figure
            return [], [Problem.at(Place(rel), None, N_("bidkit does not read {suffix} files, so none of its rows "
                                   "were counted; save it as .xlsx, .ods or .csv (a table saved from Excel as "
                                   "'Unicode text' or 'Text (Tab delimited)' is read as it is, once renamed to .csv)"),
                                   args={"suffix": suffix})]
        if suffix in TEXT_SUFFIXES:
            if kind in YAML_ONLY_KINDS:
                raise ReadError(Message(N_("{kind} are written in YAML (outcomes.yaml), not CSV"),
                                        {"kind": Label(kind)}))
            tables, problems = read_csv(path, rel, kind)
        else:
            tables, problems = read_yaml_table(path, rel, kind)
        return tables, problems + [p for table in tables for p in table.problems]   # the header's, the columns'
    except ReadError as exc:
        return [], [Problem.at(Place(rel, None, getattr(exc, "line", None)), None, message_of(exc))]
    except OSError as exc:                  # unreadable (permissions), or gone while the folder was read
        return [], [Problem.at(Place(rel), None, N_("cannot be read ({error}); check who may open it"),
                               args={"error": str(exc.strerror or exc)})]


def columns_of_text_table(path: Path) -> str | None:
    """The kind whose columns a CSV named after no kind holds in its first rows, if any."""
    from .csvfile import parse, separator
    from .spreadsheets import holds_columns_of
    from .textfile import decode_text

    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
    text = decode_text(head).text
    text = text[:text.rfind("\n") + 1] or text           # whole lines only
    text, delimiter, skipped = separator(text)
    records, _spans, _trouble = parse(text, delimiter, skipped, path.name)
    return holds_columns_of(records)


def suggested_name(path: Path, kind: str) -> str:
    """`Involve meetings.csv` -> `meetings-involve.csv`: the kind first, the rest of the name after it."""
    kind_words = set(kind.split("-"))
    rest = [w for w in path.stem.lower().replace("_", " ").replace("-", " ").split() if w not in kind_words]
    return f"{kind}-{'-'.join(rest) or 'partner'}{path.suffix.lower()}"
