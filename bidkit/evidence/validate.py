"""Rows into records: pydantic's locations become (file, sheet, row or line, field), in the partner's words.

Each row is validated on its own, so one bad row never hides the next; unknown columns are reported once per table.
"""
from __future__ import annotations

from pydantic import BaseModel, ValidationError

from ..messages import plain_message
from ..problems import Place, Problem
from . import taxonomies as tx
from .models import TABLE_MODELS, Model
from .tables import BadCell, Table
from .yamlfile import YList, YMap


def raw_at(data, loc):
    for key in loc:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, (str, int, float)) or hasattr(data, "isoformat") else None


def line_at(data, loc) -> int | None:
    line = getattr(data, "line", None)
    for key in loc:
        if isinstance(data, YMap) and key in data:
            line, data = data.lines[key], data[key]
        elif isinstance(data, YList) and isinstance(key, int) and key < len(data):
            line, data = data.lines[key], data[key]
        else:
            break
    return line


def validate(model: type[BaseModel], data: dict, place: Place, lines: dict | None = None,
             root=None, columns: dict | None = None) -> tuple[Model | None, list[Problem]]:
    """One record; pydantic's locations become (file, row or line and column, field). `lines` and `columns`
    give, by field name, a YAML key's line or a spreadsheet column's letter."""
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            name = ".".join(str(k) for k in loc if isinstance(k, str)) or None
            where = place
            line = line_at(root, loc) if root is not None else (lines or {}).get(loc[0]) if loc else None
            if line:
                where = Place(place.file, place.sheet, line)
            elif columns and loc and loc[0] in columns:
                where = Place(place.file, place.sheet, place.row, columns[loc[0]])
            problems.append(Problem.at(where, name, plain_message(err), raw_at(data, loc)))
        return None, problems
    record._place = place
    record._columns = columns or {}
    return record, []



def field_names(model: type[BaseModel]) -> dict[str, str]:
    return {tx.fold(name): name for name in model.model_fields}


def validate_table(table: Table, rejected: list[dict] | None = None) -> tuple[list[Model], list[Problem]]:
    """Every row of one table; rows that fail are appended to `rejected` (as header -> value)."""
    model = TABLE_MODELS[table.kind]
    known = field_names(model)
    problems: list[Problem] = []
    from_yaml = any(row.lines for row in table.rows)
    header_place = Place(table.place.file, table.place.sheet, None if from_yaml else table.header_row)

    def unknown(header: str) -> str:
        return (f"unknown column '{header}'{tx.suggest(header, model.model_fields)}; "
                f"the columns are {', '.join(model.model_fields)}")

    if not from_yaml:
        for header in table.headers:
            if header and tx.fold(header) not in known:
                problems.append(Problem.at(Place(header_place.file, header_place.sheet, header_place.row,
                                                 table.columns.get(header)), header, unknown(header)))
        seen = {known[tx.fold(h)] for h in table.headers if tx.fold(h) in known}
        missing = [n for n, f in model.model_fields.items() if f.is_required() and n not in seen]
        for name in missing:
            problems.append(Problem.at(header_place, name, f"the required column '{name}' is missing"))
        if missing and table.rows:
            return [], problems

    records = []
    name_of: dict[str, str | None] = {}       # header as written -> field, folded once per table
    columns = {known[tx.fold(h)]: letter for h, letter in table.columns.items() if tx.fold(h) in known}
    for row in table.rows:
        data, lines, bad = {}, {}, {}
        for header, value in row.values.items():
            if value is None:
                continue
            if header not in name_of:
                name_of[header] = known.get(tx.fold(header))
            name = name_of[header]
            if isinstance(value, BadCell):      # refused at its cell; the row gives no record
                if name is not None or header in table.headers:
                    bad[name or header] = Problem.at(row.place_of(header), name or header, value.message,
                                                     value.shown)
                continue
            if name is None:
                if from_yaml:
                    problems.append(Problem.at(row.place_of(header), header,
                                               unknown(header).replace("column", "key")))
                continue
            data[name] = value
            lines[name] = row.lines.get(header)
        record, found = validate(model, data, row.place, {k: v for k, v in lines.items() if v},
                                 root=row.values if from_yaml else None, columns=columns)
        if bad:
            found = [p for p in found if p.field not in bad] + list(bad.values())
            record = None
        problems += found
        if record is not None:
            records.append(record)
        elif rejected is not None:
            rejected.append(data)
    return records, problems

