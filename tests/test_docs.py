"""The user's guide in docs/ agrees with the code, is linked from the README, and the repository stands alone.

- docs/evidence.md and docs/commands.md are exactly what scripts/make_docs.py generates from the code.
- Every command and option has help text and is in docs/commands.md; every column and reference list value is
  in docs/evidence.md.
- Every problem line a page quotes is one the real checker prints for the mistakes written here; every example
  block's count line agrees with the lines above it; README's example is exactly what `bidkit check` prints, and
  the example project's intended warnings are exactly its warnings.
- What the pages say of workbook formats is what bidkit reads.
- README.md links the guide and keeps its two set-up commands first.
- Every link between the guide's pages resolves, headings are in order (screen readers navigate by them), and
  every table has a header row.
- No tracked file refers to a path outside the repository: a user who clones bidkit has only the repository.
"""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date

import click
import pytest

from bidkit.cli import cli
from bidkit.evidence import models, taxonomies
from conftest import ROOT

DOCS = ROOT / "docs"


def load_script():
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "scripts" / "make_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_docs = load_script()


# ---------------------------------------------------------------------------------------------- generated pages

def test_generated_pages_match_the_code():
    assert make_docs.stale() == [], "run .venv/bin/python scripts/make_docs.py and commit docs/"


def test_check_mode_fails_when_a_page_differs(tmp_path, monkeypatch):
    for rel in make_docs.pages():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, tmp_path / rel)
    monkeypatch.setattr(make_docs, "ROOT", tmp_path)
    assert make_docs.main(["--check"]) == 0
    page = tmp_path / "docs" / "evidence.md"
    page.write_text(page.read_text(encoding="utf-8").replace("| `date` | yes |", "| `date` | no |"),
                    encoding="utf-8")
    assert make_docs.stale(tmp_path) == ["docs/evidence.md"]
    assert make_docs.main(["--check"]) == 1
    (tmp_path / "docs" / "commands.md").unlink()
    assert make_docs.stale(tmp_path) == ["docs/evidence.md", "docs/commands.md"]


def test_check_mode_from_the_command_line():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_meanings_name_only_columns_that_exist():
    """A column removed from a model leaves no stale explanation behind in the script."""
    real = set()
    for kind, model in make_docs.evidence_models().items():
        pending = [("", model)]
        while pending:
            prefix, current = pending.pop(0)
            for column in make_docs.columns(kind, current, prefix):
                real.add((kind, column.path))
                if column.model is not None:
                    pending.append((column.path + ".", column.model))
    assert set(make_docs.MEANINGS) - real == set()


# ---------------------------------------------------------------------------------------------- commands

def every_command():
    """(full name, command, context) for every command and subcommand, the group itself first."""
    return list(make_docs.walk(cli, ["bidkit"]))


def sections(text: str) -> dict[str, str]:
    """`## heading` -> the text under it, up to the next `## ` heading."""
    found, current = {}, None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            found[current] = ""
        elif current is not None:
            found[current] += line + "\n"
    return found


def test_every_command_and_option_has_help_text():
    missing = []
    for name, command, ctx in every_command():
        if not (command.help or "").strip():
            missing.append(name)
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden and not (param.help or "").strip():
                missing.append(f"{name} {param.opts[0]}")
    assert missing == []


def test_every_command_and_option_is_in_commands_md():
    page = sections((DOCS / "commands.md").read_text(encoding="utf-8"))
    missing = []
    for name, command, ctx in every_command():
        if command.hidden:
            continue
        if name not in page:
            missing.append(name)
            continue
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden and not make_docs.is_help(param, ctx):
                missing += [f"{name} {opt}" for opt in param.opts if f"`{opt}`" not in page[name]]
            if isinstance(param, click.Argument) and f"`{param.human_readable_name}`" not in page[name]:
                missing.append(f"{name} {param.human_readable_name}")
    assert missing == []


# ---------------------------------------------------------------------------------------------- evidence

def test_every_column_and_reference_value_is_in_evidence_md():
    page = (DOCS / "evidence.md").read_text(encoding="utf-8")
    kinds = {"project": models.Project, **models.TABLE_MODELS}
    missing = [f"{kind}.{name}" for kind, model in kinds.items() for name in model.model_fields
               if f"| `{name}` |" not in page]
    for name, table in make_docs.shown_lists().items():
        missing += [f"{name}: {slug}" for slug, label in table.items() if f"| `{slug}` | {label} |" not in page]
    for name in ("NATIONS", "CHARACTERISTICS", "SDGS", "WELLBEING_GOALS", "PARTNER_TYPES", "PARTNER_ROLES"):
        assert getattr(taxonomies, name) is make_docs.shown_lists()[name], name
    assert missing == []


def test_value_format_examples_read_as_the_page_says():
    from bidkit.evidence.dates import parse_date, parse_period
    from bidkit.evidence.values import money, number, split_list, whole_number

    for text in make_docs.DATE_EXAMPLES:
        assert parse_date(text) == date(2018, 11, 14), text
    for text in make_docs.DATE_REFUSED:
        with pytest.raises(ValueError):
            parse_date(text)
    for _what, examples, _covers in make_docs.PERIOD_EXAMPLES:
        for text, (start, end) in examples.items():
            period = parse_period(text)
            assert (period.start, period.end) == (start and date.fromisoformat(start), end and date.fromisoformat(end))
    for reader, good, bad in ((money, make_docs.MONEY_EXAMPLES, make_docs.MONEY_REFUSED),
                              (whole_number, make_docs.WHOLE_EXAMPLES, make_docs.WHOLE_REFUSED),
                              (number, make_docs.NUMBER_EXAMPLES, [])):
        assert {text: reader(text) for text in good} == good
        for text in bad:
            with pytest.raises(ValueError):
                reader(text)
    assert {text: split_list(text) for text in make_docs.LIST_EXAMPLES} == make_docs.LIST_EXAMPLES


def test_the_partners_page_promises_only_dates_bidkit_reads():
    from bidkit.evidence.dates import parse_date

    text = (DOCS / "partners.md").read_text(encoding="utf-8")
    table = text.split("### Dates: day first", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    examples = [example for row in table.splitlines()[2:] for example in re.findall(r"`([^`]+)`", row.split("|")[1])]
    assert examples and {e: parse_date(e) for e in examples} == {e: date(2018, 11, 14) for e in examples}


# ---------------------------------------------------------------------------------------------- quoted problems

def write_mistakes(root):
    """The partners' mistakes the guide quotes, each in the file, sheet, row and column the guide names."""
    import openpyxl

    def workbook(name, sheet, rows):
        book = openpyxl.Workbook()
        book.active.title = sheet
        for row in rows:
            book.active.append(row)
        book.save(root / name)

    day = date(2018, 12, 3)
    workbook("meetings-wcva.xlsx", "Meetings", [
        ["Date", "Title", "Partners", "Kind", "Format", "Status", "Attendees", "Nation", "Characteristics"],
        ["11/14/2018", "Round table", "wcva"],                                              # row 2
        ["next Tuesday", "Planning meeting", "wcva"],                                       # row 3
        ["25/11/2018", "Community lunch", "wcva", None, None, None, "about 20", "N. Ireland"],   # row 4
        [day, "Listening session", "wcva", "round table", "face to face", None, None, None,
         "disability; older people"],                                                       # row 5
        [day, None, "wcva"],                                                                # row 6
        ["31/02/2019", "Drop-in", "wcva"],                                                  # row 7
        [date(2019, 6, 6), "Summer forum", "wcva", None, None, "held"],                     # row 8
        [day, "Network meeting", None, None, None, None, "-3"],                             # row 9
        [day, "Coffee morning", "wcva", None, None, None, "12.5"],                          # row 10
    ])
    workbook("meetings-involve.xlsx", "Meetings", [["Meetings run by Involve, winter 2018"],
                                                   ["Date", "Title", "Partners"], ["14/11/2018", "Talk", "involve"]])
    workbook("wcva-evidence.xlsx", "Sheet1", [["Date", "Title", "Partners"]])
    (root / "partners" / "wcva").mkdir(parents=True)                                 # a returned workbook, with
    workbook("partners/wcva/wcva.xlsx", "Partners", [                                 # partners.csv left as it was
        ["id", "name", "type", "nation", "role"],
        ["wcva", "Wales Council for Voluntary Action", "charity", "wales", "lead"]])
    carers_workbook(root / "meetings-carers.xlsx", day)
    whole = (root / "meetings-involve.xlsx").read_bytes()
    (root / "meetings-edf.xlsx").write_bytes(whole[:len(whole) // 2])                # cut short: damaged
    files = {
        "meetings-wcva.csv": "date,title,partners\nTue 14 Nov 2018,Talk,wcva\n"
                             "05/12/2018,Visit,wcva; Equality & Diversity Forum\n06/12/2018,Call,Involv\n"
                             "14/11/2108,Forum,wcva\n",
        "meetings-edf.csv": "date,title,partners,attendance\n14/11/2018,Talk,edf,12\n",
        "meetings-scotland.csv": "date,title\n14/11/2018,Talk\n",
        "meetings-us.csv": "date,title,partners\n11/14/2018,Talk,wcva\n11/20/2018,Visit,wcva\n",
        "budget-wcva.csv": 'heading,amount\nStaff,"£1,250.50"\nTravel,lots\nRent,"12,50"\n',
        "partners-wcva.csv": "name,type,nation,role,website\nNew Group,community group,Wales,supporter,www.newgroup.org\n",
        "reading-list-wcva.csv": "title,source\nReport with \x01 control,Someone\n",
        "reading-list-wcva.yaml": "- title: A report\n  source: WCVA\n  title: Another\n",
        "reading-list-edf.yaml": "- &first title: A report\n  source: EDF\n",
        "narrative/summary.md": "A summary.\n\nWe held {{ meetngs_held }} meetings.\n\n"
                                "We met {{ organisations_met } groups and { people_reached } people.\n",
        "notes.csv": "a,b\n",
        "meetings-lgbt.csv": 'date,title,partners,summary\n14/11/2018,Talk,wcva,"We met\n15/11/2018,Visit,wcva,ok\n',
        "meetings-ageuk.csv": "date,title,partners,summary\n21/11/2018,Lunch club,wcva,We met, and talked\n",
        "meetings-mac.numbers": "a Numbers file",
        "budget-edf.csv": "",
        "reading-list-carers.yaml": "- title: A report\n\tsource: Carers Wales\n",
        "reading-list-launch.yaml": "- title: Meeting: the launch\n  source: WCVA\n",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "meetings-ni.xlsx").write_text("not a workbook", encoding="utf-8")
    (root / "meetings-cymru.csv").write_bytes(b"date,title,partners\n14/11/2018,Caf\x81\x8d,wcva\n")
    (root / "meetings-pasted.csv").write_bytes("date,title,partners\n22/11/2018,Côr y Cwm,wcva\n".encode()
                                               + "23/11/2018,Café 2,wcva\n".encode("cp1252")       # Windows-1252
                                               + b"24/11/2018,Old \x81 program,wcva\n")           # no encoding
    whole = (root / "meetings-involve.xlsx").read_bytes()
    (root / "meetings-scotland-2.csv").write_bytes(whole)                             # a workbook named .csv


def carers_workbook(path, day):
    """A workbook with what a spreadsheet hides: a hidden row, column and sheet, an error cell, a formula never
    calculated, a number typed into a date cell, a column given twice and values under no column name."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Meetings"
    for row in [
        ["Date", "Title", "Partners", "Attendees", "Notes", "Date"],
        [day, "Carers' forum", "wcva", 14, "private note"],                             # row 2
        [day, "Old draft row", "wcva", 3],                                              # row 3, hidden
        [day, "Youth panel", "wcva", "#N/A"],                                           # row 4, an error cell
        [day, "Drop-in", "wcva", "=20+12"],                                             # row 5, never calculated
        [date(1900, 1, 19), "Walk and talk", "wcva", 6],                                # row 6, 19 in a date cell
        [date(2018, 11, 13), "Disabled People's Organisations Round Table", "wcva; ehr-coalition", 25],   # row 7
        [day, "Craft group", "wcva", None, None, None, "bring biscuits"],               # row 8, G has no name
    ]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["E"].hidden = True
    old = book.create_sheet("Meetings old")
    old.sheet_state = "hidden"
    old.append(["Date", "Title", "Partners"])
    old.append([day, "Carers' forum", "wcva"])
    book.save(path)


PROBLEM_LINE = re.compile(r"^(?P<file>[^\s`|\[:!]+\.(?:csv|xlsx|xlsm|ods|xls|yaml|md))"   # the file,
                          r"(?:\[[^\]]+\])?(?:[:!][A-Z]*\d+)?: ")                              # sheet, cell or row


def quoted_problems(text: str) -> list[str]:
    """Every problem line a page quotes, in code spans or in code blocks."""
    outside, blocks = split_fences(text)
    spans = re.findall(r"`([^`\n]+)`", "\n".join(outside))
    return [q for q in spans + [line for block in blocks for line in block] if PROBLEM_LINE.match(q)]


@pytest.mark.parametrize("name", ["partners.md", "getting-started.md", "project-folder.md"])
def test_problems_the_guide_quotes_are_what_bidkit_says(name, tmp_path):
    from bidkit.evidence import load
    from bidkit.problems import EvidenceInvalid

    root = tmp_path / "project"
    shutil.copytree(ROOT / "evidence", root)
    write_mistakes(root)
    with pytest.raises(EvidenceInvalid) as found:
        load(root)
    said = {p.line() for p in found.value.problems}
    quoted = quoted_problems((DOCS / name).read_text(encoding="utf-8"))
    wrong = [q for q in quoted if q not in said                    # a quote ending in … is a line's beginning
             and not (q.endswith("…") and any(line.startswith(q[:-1]) for line in said))]
    assert quoted and wrong == []


REFUSED_CLAIM = "An `.ods` or `.xls` file is found too, but bidkit cannot open it"


def minimal_ods(path):
    """A one-sheet LibreOffice spreadsheet, as small as the format allows (not written by LibreOffice)."""
    import zipfile

    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    rows = "".join("<table:table-row>" + "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p>'
                                                 "</table:table-cell>" for v in row) + "</table:table-row>"
                   for row in (["date", "title", "partners"], ["14/11/2018", "Talk", "wcva"]))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                   '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                   'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   "</manifest:manifest>")
        z.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
                   f'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Meetings">'
                   f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>")


def test_what_the_pages_say_of_workbook_formats_is_true(tmp_path):
    """Every workbook format bidkit reads is named where the pages list the file types, and a real file of each
    (saved by LibreOffice, from tests/partner_files; and a hand-made .ods) is read with no problem."""
    from bidkit.evidence.files import SPREADSHEET_SUFFIXES
    from conftest import problems_of

    folder = (DOCS / "project-folder.md").read_text(encoding="utf-8")
    finding = sections(folder)["How bidkit finds the evidence"]
    partners_page = sections((DOCS / "partners.md").read_text(encoding="utf-8"))["How to send it back"]
    assert REFUSED_CLAIM not in " ".join(folder.split())
    for text in (finding, partners_page):
        assert [s for s in sorted(SPREADSHEET_SUFFIXES) if f"`{s}`" not in text] == []

    cases = {suffix: lambda path, suffix=suffix: shutil.copyfile(
        ROOT / "tests" / "partner_files" / "cases" / f"format-{suffix[1:]}" / f"meetings{suffix}", path)
        for suffix in SPREADSHEET_SUFFIXES}
    cases["hand-made .ods"] = minimal_ods
    found = {}
    for n, (what, write) in enumerate(sorted(cases.items())):
        root = tmp_path / str(n)
        shutil.copytree(ROOT / "evidence", root)
        name = "meetings-extra" + (".ods" if what == "hand-made .ods" else what)
        write(root / name)
        found[what] = [p.line() for p in problems_of(root) if p.file == name]
    assert found == {what: [] for what in cases}


def count_line_agrees(block: list[str]) -> list[str]:
    """A code block that ends with bidkit's count line: the count the lines above it would give."""
    from bidkit.problems import Problem, summary

    problems = []
    for line in block:
        match = PROBLEM_LINE.match(line)
        if match:
            severity = "warning" if line[match.end():].startswith("warning: ") else "error"
            problems.append(Problem(severity, match["file"], None, None, None, None, ""))
    counts = [line for line in block if re.fullmatch(r"\d+ errors?, \d+ warnings? in \d+ files?", line)]
    return [f"'{line}' but the lines above give '{summary(problems)}'" for line in counts if line != summary(problems)]


@pytest.mark.untranslated          # the lines of the pages, read back as problems only to be counted
@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")) + [ROOT / "README.md", ROOT / "evidence" / "README.md"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_count_agrees_with_its_lines(page):
    _, blocks = split_fences(page.read_text(encoding="utf-8"))
    assert [wrong for block in blocks for wrong in count_line_agrees(block)] == []


def readme_example(root):
    """The project README's example comes from: three mistakes and a hidden row, each where the README says."""
    import openpyxl

    from conftest import MINIMAL, write_tree

    meetings = MINIMAL["meetings.csv"] + "".join(f"{day}/01/2019,Meeting {day},wcva,10,\n" for day in (10, 17, 24))
    write_tree(root, {**MINIMAL, "meetings.csv": meetings + "31/02/2019,Open conversation,wcva; involve,40,\n",
                      "narrative/summary.md": "Our summary.\n\nWe held {{ meetngs_held }} meetings.\n"})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Partners"
    sheet.append(["ID", "Name", "Type", "Nation", "Role"])
    for n in range(2, 13):
        sheet.append([f"group-{n}", f"Community group {n}", "community-group", "N. Ireland" if n == 12 else "Wales",
                      "supporter"])
    sheet.row_dimensions[9].hidden = True
    book.save(root / "partners.xlsx")


def test_the_readme_example_is_what_bidkit_check_prints(tmp_path):
    from click.testing import CliRunner

    readme_example(tmp_path / "project")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "project")])
    _, blocks = split_fences((ROOT / "README.md").read_text(encoding="utf-8"))
    shown = next(block for block in blocks if block and PROBLEM_LINE.match(block[0]))
    assert (result.exit_code, result.output.splitlines()) == (1, shown)


def test_the_example_projects_intended_warnings_are_its_warnings():
    """evidence/README.md quotes `bidkit check evidence` in full."""
    from bidkit.evidence import load
    from bidkit.problems import summary

    text = (ROOT / "evidence" / "README.md").read_text(encoding="utf-8")
    block = split_fences(text.split("## The intended warnings", 1)[1])[1][0]
    warnings = load(ROOT / "evidence").warnings
    assert block == [p.line() for p in warnings] + [summary(warnings), "evidence: the evidence is valid"]


# ---------------------------------------------------------------------------------------------- README

def test_readme_links_the_guide_and_keeps_its_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/index.md)" in readme
    assert "](docs/evidence.md)" in readme
    assert readme.splitlines()[:6] == [
        "# bidkit",
        "",
        "```sh",
        "scripts/setup && .venv/bin/bidkit build evidence --out outputs",
        "scripts/setup --test && .venv/bin/python -m pytest -q -n auto --dist loadfile",
        "```",
    ]


# ---------------------------------------------------------------------------------------------- the pages

PAGES = sorted(DOCS.glob("*.md"))
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
VAGUE = {"here", "click here", "this", "this page", "link", "more", "read more"}


def split_fences(text: str) -> tuple[list[str], list[list[str]]]:
    """(the lines outside fenced code blocks, the lines of each block)."""
    outside, blocks, block = [], [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if block is None:
                block = []
            else:
                blocks.append(block)
                block = None
        elif block is None:
            outside.append(line)
        else:
            block.append(line)
    return outside, blocks


def prose(text: str) -> str:
    """The text without fenced code blocks or inline code, where links and headings live."""
    return "\n".join(split_fences(text)[0]).replace("`", "")


def anchors(text: str) -> list[str]:
    """The anchors GitHub makes for a page's headings, a repeated one with -1, -2 …"""
    seen: Counter = Counter()
    found = []
    for line in prose(text).splitlines():
        match = re.match(r"#{1,6} (.+)", line)
        if match:
            heading = match.group(1).replace("`", "")
            slug = make_docs.slug_of(heading.strip())
            found.append(slug if not seen[slug] else f"{slug}-{seen[slug]}")
            seen[slug] += 1
    return found


def headings(text: str) -> list[tuple[int, str]]:
    lines = split_fences(text)[0]
    return [(len(m.group(1)), m.group(2)) for m in (re.match(r"(#{1,6}) (.+)", line) for line in lines) if m]


def test_there_is_a_guide():
    names = {p.name for p in PAGES}
    assert {"index.md", "getting-started.md", "partners.md", "templates.md", "security.md", "project-folder.md",
            "evidence.md", "commands.md"} <= names


@pytest.mark.parametrize("page", PAGES + [ROOT / "README.md"], ids=lambda p: p.name)
def test_every_link_resolves(page):
    text = page.read_text(encoding="utf-8")
    broken = []
    for label, target in LINK.findall(prose(text)):
        if label.strip().lower() in VAGUE:
            broken.append(f"[{label}]: say where the link goes")
        if re.match(r"[a-z]+:", target):            # https:, mailto: — outside the guide
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(target)
        elif anchor and file.suffix == ".md" and anchor not in anchors(file.read_text(encoding="utf-8")):
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_headings_are_in_order_and_unique(page):
    text = page.read_text(encoding="utf-8")
    found = headings(text)
    assert text.startswith("# ") and [level for level, _ in found].count(1) == 1, "one title, first"
    for (before, _), (level, title) in zip(found, found[1:]):
        assert level <= before + 1, f"'{title}' skips a heading level"
    assert [a for a, n in Counter(anchors(text)).items() if n > 1] == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_table_has_a_header_row(page):
    lines = split_fences(page.read_text(encoding="utf-8"))[0]
    for i, line in enumerate(lines):
        starts = line.startswith("|") and (i == 0 or not lines[i - 1].startswith("|"))
        if starts:
            assert i + 1 < len(lines) and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", lines[i + 1]), \
                f"{page.name}:{i + 1}: a table needs a header row and a |---| line under it"


# ---------------------------------------------------------------------------------------------- the repository

OUTSIDE = re.compile(re.escape("/".join(("..", "shared"))) + "|" + r"(?<![\w.~/-])/" + "work" + r"\b")


def tracked_files():
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return sorted({name for name in out.decode("utf-8").split("\0") if name})


def test_no_file_refers_to_a_path_outside_the_repository():
    """The sibling `shared` folder and absolute paths under the work folder exist only where bidkit was written."""
    found = []
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue                                   # binary: workbooks, fonts, Word templates
        for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{name}:{number}: {line.strip()[:100]}")
    assert found == []


def test_the_outside_path_check_can_fail():
    assert OUTSIDE.search("see " + "/".join(("..", "shared", "SPEC.md")))
    assert OUTSIDE.search("cd " + "/" + "work" + "/main")
    assert not OUTSIDE.search("benchmarks/" + "work" + "/ and /workspace and ../evidence/README.md")
