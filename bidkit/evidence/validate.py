"""Rows into records: pydantic's locations become (file, sheet, row or line, field), in the partner's words.

Each row is validated on its own, so one bad row never hides the next; unknown columns are reported once per table.
A blank value is "not given" (so a blank required value is "required", never the text "None"), and a column of
dates typed month first is refused as a whole: one of its dates proves the order, and the rest cannot be trusted.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Annotated

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..i18n.catalogue import N_
from ..messages import plain_message
from ..problems import Message, Place, Problem, plural
from . import taxonomies as tx
from .dates import NUMERIC, reading_order, year_of
from .models import TABLE_MODELS, Model, dated_fields
from .tables import BadCell, Table, blank
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


def given(value):
    """The values actually given: blank keys dropped at every depth (list items keep their positions, so
    pydantic's locations still point at the right YAML line)."""
    if isinstance(value, dict):
        return {k: given(v) if isinstance(v, (dict, list)) else v for k, v in value.items() if not blank(v)}
    if isinstance(value, list):
        return [given(v) for v in value]
    return value


def validate(model: type[BaseModel], data: dict, place: Place, lines: dict | None = None,
             root=None, columns: dict | None = None, flat: bool = False) -> tuple[Model | None, list[Problem]]:
    """One record; pydantic's locations become (file, row or line and column, field). `lines` and `columns`
    give, by field name, a YAML key's line or a spreadsheet column's letter. `flat`: `data` is one table row
    with its blanks already dropped."""
    try:
        record = model.model_validate(data if flat else given(data))
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
    record._yaml = root
    return record, []


def field_names(model: type[BaseModel]) -> dict[str, str]:
    return {tx.fold(name): name for name in model.model_fields}


def header_row(table: Table) -> int:
    """The row a person sees the column names on (row 1 unless the reader found them lower down)."""
    return getattr(table, "header_row", None) or table.place.row or 1


def month_first_columns(table: Table, known: dict[str, str], from_yaml: bool) -> tuple[dict, list[Problem]]:
    """{field: ids of the rows whose dates are not trusted} and one problem per column whose numeric dates can
    only be read month first (11/13/2018: there is no month 13) while none can only be read day first. Such a
    column came from a computer set to US English: its 12/4/2018 is 4 December, not 12 April, so none of its
    numeric dates is read, and the partner gets one problem instead of one per row."""
    distrusted, problems = {}, []
    for field in dated_fields(TABLE_MODELS[table.kind]):
        headers = [h for h in (table.headers or table.columns) if known.get(tx.fold(h)) == field]
        if from_yaml:
            headers = sorted({h for row in table.rows for h in row.values if known.get(tx.fold(h)) == field})
        for header in headers:
            rows, example, either, seen = set(), None, None, set()
            for row in table.rows:
                value = row.values.get(header)
                if not isinstance(value, str):
                    continue
                orders = reading_order(value)
                if orders:
                    rows.add(id(row))
                    seen |= orders
                    if example is None and "month-first" in orders:
                        example = (value, row)
                    if either is None and "either" in orders:
                        either = value
            if example is None or "day-first" in seen:
                continue
            distrusted.setdefault(field, set()).update(rows)
            problems.append(month_first_problem(table, header, field, example, either, len(rows), from_yaml))
    return distrusted, problems


def month_first_problem(table: Table, header: str, field: str, example: tuple, either: str | None, count: int,
                        from_yaml: bool) -> Problem:
    text, row = example
    m = next(m for m in NUMERIC.finditer(text) if "month-first" in reading_order(m.group()))
    meant = date(year_of(m[4]), int(m[1]), int(m[3]))
    if from_yaml:
        place, where = row.place_of(header), Message(N_("the dates under '{header}'"), {"header": header})
    else:
        place = Place(table.place.file, table.place.sheet, header_row(table), table.columns.get(header))
        where = Message(N_("the dates in column '{header}'"), {"header": header})
    also = ""
    for e in NUMERIC.finditer(either or ""):
        if reading_order(e.group()) == {"either"}:
            a, b, y = int(e[1]), int(e[3]), year_of(e[4])
            also = Message(N_(" and '{written}' could be {one} or {other}"),
                           {"written": e.group(), "one": date(y, b, a), "other": date(y, a, b)})
            break
    unread = Message(plural("its date is not read", "none of its {n} dates is read"), {"n": count})
    return Problem.at(place, field, N_("{where} look month first, as a computer set to US English writes them "
                                       "('{written}' can only be {meant}{also}), so {unread}; write them day first "
                                       "({day_first}) or as {iso}"), text,
                      args={"where": where, "written": m.group(), "meant": meant, "also": also, "unread": unread,
                            "day_first": f"{meant:%d/%m/%Y}", "iso": f"{meant:%Y-%m-%d}"})


REFERENCES = {"meetings": "partners", "action-plan": "leads", "budget": "partner"}    # kind -> field naming partners


@lru_cache(maxsize=None)
def field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


def refused_references(model: type[BaseModel], kind: str, data: dict, place: Place, failed: set[str]) -> tuple | None:
    """(kind, field, place, references) of a row refused for another error whose partners field is valid in
    itself, so a meeting with a wrong date still hears that 'wcvaa' is not a partner; None otherwise."""
    name = REFERENCES.get(kind)
    if name is None or name in failed or blank(data.get(name)):
        return None
    try:
        refs = field_adapter(model, name).validate_python(data[name])
    except ValidationError:
        return None
    refs = [refs] if isinstance(refs, str) else list(refs or [])
    return (kind, name, place, refs) if refs else None


def validate_table(table: Table, rejected: list[dict] | None = None,
                   references: list[tuple] | None = None) -> tuple[list[Model], list[Problem]]:
    """Every row of one table; rows that fail are appended to `rejected` (as header -> value), and the partner
    references of those whose partners field is valid to `references` (see `refused_references`)."""
    model = TABLE_MODELS[table.kind]
    known = field_names(model)
    problems: list[Problem] = []
    from_yaml = any(row.lines for row in table.rows)
    header_place = Place(table.place.file, table.place.sheet, None if from_yaml else header_row(table))

    def unknown(header: str, key: bool = False) -> Message:
        return Message(N_("unknown key '{name}'{hint}; the keys are {names}") if key else
                       N_("unknown column '{name}'{hint}; the columns are {names}"),
                       {"name": header, "hint": tx.suggest(header, model.model_fields),
                        "names": ", ".join(model.model_fields)})

    if not from_yaml:
        for header in table.headers:
            if header and tx.fold(header) not in known:
                problems.append(Problem.at(Place(header_place.file, header_place.sheet, header_place.row,
                                                 table.columns.get(header)), header, unknown(header)))
        seen = {known[tx.fold(h)] for h in table.headers if tx.fold(h) in known}
        missing = [n for n, f in model.model_fields.items() if f.is_required() and n not in seen]
        for name in missing:
            problems.append(Problem.at(header_place, name, N_("the required column '{name}' is missing"),
                                       args={"name": name}))
        if missing and table.rows:
            return [], problems

    distrusted, trouble = month_first_columns(table, known, from_yaml)
    problems += trouble
    records = []
    name_of: dict[str, str | None] = {}       # header as written -> field, folded once per table
    columns = {known[tx.fold(h)]: letter for h, letter in table.columns.items() if tx.fold(h) in known}
    for row in table.rows:
        data, lines, untrusted, bad = {}, {}, set(), {}
        for header, value in row.values.items():
            if blank(value):
                continue
            if header not in name_of:
                name_of[header] = known.get(tx.fold(header))
            name = name_of[header]
            if isinstance(value, BadCell):      # refused at its cell (#N/A, a formula never saved): no record
                if name is not None or header in table.headers:
                    bad[name or header] = Problem.at(row.place_of(header), name or header, value.message,
                                                     value.shown)
                continue
            if name is None:
                if from_yaml:
                    problems.append(Problem.at(row.place_of(header), header, unknown(header, key=True)))
                continue
            if name in distrusted and id(row) in distrusted[name]:
                untrusted.add(name)        # reported once for the column; the row is never a record
                continue
            data[name] = value
            lines[name] = row.lines.get(header)
        record, found = validate(model, data, row.place, {k: v for k, v in lines.items() if v},
                                 root=row.values if from_yaml else None, columns=columns, flat=not from_yaml)
        found = [p for p in found if (p.field or "").split(".")[0] not in untrusted | set(bad)]
        problems += found + list(bad.values())
        if record is not None and not untrusted and not bad:
            records.append(record)
            continue
        if rejected is not None:
            rejected.append(data)
        if references is not None and table.kind in REFERENCES:
            failed = {(p.field or "").split(".")[0] for p in found} | untrusted | set(bad)
            name = REFERENCES[table.kind]
            place = Place(row.place.file, row.place.sheet, row.place.row, columns.get(name))   # as record.place_of
            found_refs = refused_references(model, table.kind, data, place, failed)
            if found_refs is not None:
                references.append(found_refs)
    return records, problems
