"""The rows on file as their writers wrote them, errors and all, and the few project facts a workbook needs.

`load()` gives Evidence only when nothing is wrong, but a partner's workbook and the per-partner reports are needed
most when something is: a partner corrects the rows it sent, wrong ones included, and a partner whose own row has
an error is still someone to send a report to. So this reads the files the same way `load()` does and keeps every
row, validating nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..problems import Place
from . import taxonomies as tx
from .checks import slugify
from .dates import parse_date
from .files import evidence_files
from .kinds import TABLE_KINDS
from .models import TABLE_MODELS
from .readers import read_tables
from .tables import ReadError
from .values import SLUG
from .yamlfile import YMap, read_yaml


@dataclass
class RowOnFile:
    kind: str
    place: Place
    values: dict                                  # field name -> value as read (text, a date, a YAML list)
    extra: dict = field(default_factory=dict)     # a header bidkit does not read -> value


@dataclass
class OnFile:
    """What the project folder holds, read without judging it."""

    title: str | None
    period: tuple[date, date] | None
    duration_years: int | None
    rows: dict[str, list[RowOnFile]]

    def partners(self) -> list[tuple[str, str]]:
        """(id, name) of every partner row that gives an id or a name, ids as `load()` makes them; an id that is
        not a valid one is made from it, so it can name a file."""
        found: dict[str, str] = {}
        for row in self.rows["partners"]:
            name = str(row.values.get("name") or "").strip()
            pid = str(row.values.get("id") or "").strip()
            if not pid and not name:
                continue
            pid = pid if SLUG.match(pid) else slugify(pid or name)
            found.setdefault(pid, name or pid)
        return list(found.items())


def read_on_file(root: Path) -> OnFile:
    """Every row of every table kind under `root`; files that cannot be read give no rows (check reports them)."""
    rows: dict[str, list[RowOnFile]] = {kind: [] for kind in TABLE_KINDS}
    for path in evidence_files(root)[0]:
        tables, _trouble = read_tables(path, path.relative_to(root).as_posix())
        for table in tables:
            if table.kind not in rows:
                continue
            known = {tx.fold(name): name for name in TABLE_MODELS[table.kind].model_fields}
            for row in table.rows:
                found = RowOnFile(table.kind, row.place, {})
                for header, value in row.values.items():
                    name = known.get(tx.fold(header))
                    (found.values if name else found.extra)[name or header] = value
                rows[table.kind].append(found)
    title, period, years = project_facts(root)
    return OnFile(title, period, years, rows)


def project_facts(root: Path) -> tuple[str | None, tuple[date, date] | None, int | None]:
    """The title, the period and duration_years from project.yaml, each where it can be read."""
    try:
        data = read_yaml(root / "project.yaml", "project.yaml", root)     # the path rule first: no FIFO, no link
    except (ReadError, OSError):
        return None, None, None
    if not isinstance(data, YMap):
        return None, None, None
    title = str(data["title"]).strip() if isinstance(data.get("title"), str) and data["title"].strip() else None
    period = None
    if isinstance(data.get("period"), dict):
        try:
            period = (parse_date(data["period"]["start"]), parse_date(data["period"]["end"]))
        except (KeyError, ValueError, TypeError):
            period = None
    try:
        years = int(str(data.get("duration_years", "")).strip())
    except ValueError:
        years = None
    return title, period, years if years and years > 0 else None
