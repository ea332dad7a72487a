"""OUT/batch.csv and OUT/batch.json: one row per project (its state, counts, figures, time), and the totals."""
from __future__ import annotations

import csv
import io
import json

from ..evidence.taxonomies import FIGURES
from .project import STATES

COLUMNS = ["project", "output", "state", "errors", "warnings", "written", "up_to_date", "seconds", "reason",
           *FIGURES]


def totals(records: list[dict]) -> dict:
    counts = {state: sum(1 for r in records if r["state"] == state) for state in STATES}
    return {"projects": len(records), **counts, "seconds": round(sum(r["seconds"] for r in records), 3)}


def as_csv(records: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in records:
        figures = r.get("figures") or {}
        writer.writerow([neutral(r["project"]), r["name"], r["state"], r["errors"], r["warnings"], r["written"],
                         r["up_to_date"], f"{r['seconds']:.2f}", neutral(r["reason"]),
                         *("" if figures.get(name) is None else figures[name] for name in FIGURES)])
    return buffer.getvalue().encode("utf-8-sig")       # the BOM: Excel then reads it as UTF-8


def neutral(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a folder may be named `=HYPERLINK(...)`."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_json(records: list[dict], skipped: list[tuple[str, str]], engine: str) -> bytes:
    body = {"engine": engine, "totals": totals(records), "projects": records,
            "skipped": [{"path": path, "reason": why} for path, why in skipped]}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def previous(data: bytes) -> dict[str, dict]:
    """Last batch's records by output name (to report an up-to-date project without reading its evidence)."""
    try:
        found = json.loads(data)
        return {r["name"]: r for r in found["projects"] if isinstance(r, dict) and "name" in r}
    except (ValueError, KeyError, TypeError):
        return {}
