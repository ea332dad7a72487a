"""Shared test helpers: small projects written from a dict of files in one line."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "evidence"

NARRATIVE = {
    f"narrative/{name}.md": f"The {name.replace('-', ' ')} of a small test project, held {{{{ meetings_held }}}} times.\n"
    for name in ("summary", "rationale", "approach", "open-government", "lessons", "next-steps")
}

MINIMAL = {
    "project.yaml": (
        "title: Test project\n"
        "lead_partner: wcva\n"
        "as_of: 2019-03-15\n"
        "period:\n  start: 2018-11-01\n  end: 2019-03-31\n"
        "nations: [wales, england]\n"
    ),
    "partners.csv": (
        "id,name,type,nation,role\n"
        "wcva,Wales Council for Voluntary Action,charity,wales,lead\n"
        "involve,Involve,charity,england,consortium\n"
    ),
    "meetings.csv": (
        "date,title,partners,attendees,characteristics\n"
        "14/11/2018,First meeting,wcva;involve,12,disability;race\n"
        "2018-12-03,Second meeting,Involve,8,\n"
    ),
    **NARRATIVE,
}


EPOCH = {"SOURCE_DATE_EPOCH": "1552608000"}


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The example project built once per test session (both languages, all documents and formats, with
    SOURCE_DATE_EPOCH): every module that reads the shipped example's outputs shares it. Read it, never write it."""
    import os
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("example-build")
    result = subprocess.run([sys.executable, "-m", "bidkit", "build", str(EXAMPLE), "--out", str(out), "--jobs", "2"],
                            capture_output=True, text=True, env={**os.environ, **EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write `{relative path: text or bytes}` under root; a None value deletes that file."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path):
    """make_project({...}) -> a project folder: MINIMAL with the given files added, replaced or removed."""
    def make(files: dict | None = None, base: dict | None = None) -> Path:
        root = tmp_path / "project"
        write_tree(root, {**(MINIMAL if base is None else base), **(files or {})})
        return root
    return make


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A real workbook: {sheet name: rows}, first row the header; datetimes become Excel date cells."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems_of(root: Path) -> list:
    """Every problem `bidkit check` would report for the folder, or [] when it is valid."""
    from bidkit.evidence import load
    from bidkit.problems import EvidenceInvalid

    try:
        return load(root).warnings
    except EvidenceInvalid as exc:
        return exc.problems


def places(problems) -> list[tuple]:
    return [(p.file, p.sheet, p.row, p.field, p.severity) for p in problems]


# Every problem a test makes must be one a Welsh reader can be told: a marked template whose English words are
# what `message` says, with its Welsh in the catalogue. Checked on every problem of every test (the corpora of
# real partner files included), so a message built past the catalogue fails the test that met it.
UNTOLD: list[str] = []


def untold(problem) -> str | None:
    from bidkit.i18n.catalogue import catalog
    from bidkit.problems import fill

    if problem.template is None:
        return f"not a template: {problem.message!r}"
    if fill(problem.template, problem.args, None) != problem.message:
        return f"the template {problem.template!r} does not give its English words {problem.message!r}"
    key = problem.template if isinstance(problem.template, str) else problem.template[0]
    entry = catalog("cy").get(key)
    strings = [] if entry is None else [entry.string] if isinstance(entry.string, str) else list(entry.string)
    if not strings or not all(strings):
        return f"no Welsh for {key!r}"
    return None


def pytest_configure(config):
    config.addinivalue_line("markers", "untranslated: the test makes problems of its own that need no Welsh")
    from bidkit.problems import Problem

    made = Problem.__init__

    def recorded(self, *args, **kwargs):
        made(self, *args, **kwargs)
        found = untold(self)
        if found:
            UNTOLD.append(f"{self.file}: {found}")

    Problem.__init__ = recorded


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On CI every test tool is installed by scripts/setup --test, so a skip there means a missing install step:
    it fails instead of passing quietly (a green CI must prove the README's command)."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped on CI, where scripts/setup --test installs every test tool: {report.longrepr}"
    if UNTOLD:
        found = sorted(set(UNTOLD))
        UNTOLD.clear()
        if report.passed and not item.get_closest_marker("untranslated"):
            report.outcome = "failed"
            report.longrepr = "problems a Welsh reader could not be told:\n" + "\n".join(found)
