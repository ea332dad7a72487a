"""A partner's problem report as bytes: HTML to read, CSV to sort.

The HTML goes to people who are often not technical, by email: one self-contained, accessible page (language set,
headings in order, one table per file with column and row headers scoped, styles inline, no script) rendered
through the sandboxed, autoescaped environment, so a value a partner typed is shown, never run, and a user's
`templates/html/partner-report.html` overrides the default. The CSV is UTF-8 with a byte-order mark, so Excel opens
it with its accents intact; a value that starts like a formula gets a leading apostrophe there, so a spreadsheet
shows the text rather than running it.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from jinja2 import TemplateError

from ..documents.partner_report import Report
from ..problems import BidkitError
from .templating import describe, environment
from .xlsx import FORMULA_START

TEMPLATE = "html/partner-report.html"
CSV_HEADERS = ["Severity", "File", "Sheet", "Cell", "Row", "Field", "Value", "What is wrong",
               "What to write instead"]


def report_html(report: Report, folders: list[Path]) -> bytes:
    try:
        return environment(folders, report.lang).get_template(TEMPLATE).render(report=report).encode("utf-8")
    except TemplateError as exc:
        raise BidkitError(f"the partner report template could not be used: {describe(exc)}") from None


def report_csv(report: Report) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for e in report.entries:
        writer.writerow([safe(v) for v in (e.severity, e.file, e.sheet, e.cell, e.row, e.field, e.value,
                                           e.problem, e.advice)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def render(report: Report, folders: list[Path]) -> dict[str, bytes]:
    """`<name>.html` and `<name>.csv` for one report."""
    return {f"{report.name}.html": report_html(report, folders), f"{report.name}.csv": report_csv(report)}
