"""CSV as Excel and LibreOffice write it: UTF-8 with or without BOM or Windows-1252, `,` or `;`."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..problems import Place
from .tables import ReadError, Table, decode, table_from_records


def read_csv(path: Path, rel: str, kind: str) -> Table:
    text = decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        raise ReadError(f"row {len(records) + 1} cannot be read as CSV ({exc})") from exc
    return table_from_records(kind, Place(rel), records)

