"""End to end: the example project built into DOCX, PDF and HTML, read back and checked for meaning."""
from __future__ import annotations

import json
from datetime import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, write_tree

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")

QUESTIONS = ["What would you like to do?", "How does your project involve your community?",
             "How does your idea fit in with other local activities?",
             "Tell us why your organisation is the right one to manage this project",
             "What will you spend the money on?"]
HEADINGS = {
    "concept-paper": ["Summary", "Why this matters", "Sustainable Development Goals and well-being goals",
                      "Open Government", "Our approach", "Who we have engaged", "Intended outcomes", "Next steps",
                      "Reading list"],
    "project-report": ["Summary", "Background and aims", "Progress against the action plan", "Who we met",
                       "Partners and reach", "Outcomes and indicators", "Lessons and next steps", "Reading list"],
    "funding-proposal": ["Project at a glance", *QUESTIONS, "The partnership", "Who will benefit",
                         "How people have been involved", "Outcomes and how we will measure them", "Timetable",
                         "Budget"],
}
EPOCH = {"SOURCE_DATE_EPOCH": "1552608000"}


def bidkit(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "bidkit", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def built(example_build) -> Path:
    return example_build            # one build of the example per session (tests/conftest.py)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def pdf_outline(path: Path) -> list[str]:
    return [item.title for item in pypdf.PdfReader(path).outline if not isinstance(item, list)]


def docx_headings(path: Path, level: int = 1) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs if p.style.name == f"Heading {level}"]


def docx_text(path: Path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("name", HEADINGS)
def test_headings_in_order_in_both_formats(built, name):
    assert pdf_outline(built / f"{name}.pdf") == HEADINGS[name]
    assert docx_headings(built / f"{name}.docx") == HEADINGS[name]


@pytest.mark.parametrize("name", HEADINGS)
def test_same_figures_in_both_formats(built, name):
    from bidkit.evidence import load
    from bidkit.figures import compute

    fig = compute(load(EXAMPLE))
    pdf, word = squash(pdf_text(built / f"{name}.pdf")), squash(docx_text(built / f"{name}.docx"))
    for label, value in [("Meetings held", fig.meetings_held), ("People reached (attendances)", fig.people_reached),
                         ("Organisations met", fig.organisations_met),
                         ("Partner organisations (all roles)", fig.partners)]:
        if name == "funding-proposal" and label != "Partner organisations (all roles)":
            continue
        assert f"{label} {value}" in pdf, label
        assert f"{label}\n{value}" in docx_text(built / f"{name}.docx") or f"{label} {value}" in word, label


def test_figures_match_an_independent_count(built):
    """Counted by hand from the example's meetings: 17 held, 261 attendances, 16 organisations, 4 nations."""
    said = "held 17 meetings, with 261 attendances by people from 16 organisations in 4 nations"     # the shared summary
    assert said in squash(pdf_text(built / "concept-paper.pdf"))
    assert said in squash(docx_text(built / "concept-paper.docx"))
    said = "17 meetings, workshops, webinars and training sessions, with 261 attendances from 16 organisations " \
        "in 4 nations"                                                                    # the report's own
    assert said in squash(pdf_text(built / "project-report.pdf"))
    assert said in squash(docx_text(built / "project-report.docx"))


def test_welsh_letters_survive_both_formats(built):
    for path in (built / "concept-paper.pdf", built / "concept-paper.docx"):
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert "pŵer pobl" in text, path.name


def test_no_contact_details_anywhere(built):
    from bidkit.evidence import load

    ev = load(EXAMPLE)
    secrets = [v for v in (ev.project.contact.name, ev.project.contact.email, ev.project.contact.phone) if v]
    secrets += [p.contact_email for p in ev.partners if p.contact_email]
    assert len(secrets) >= 4                      # the example has contact details to leak
    for path in built.iterdir():
        if path.suffix in (".pdf", ".docx", ".json", ".xlsx", ".html"):
            text = path.read_bytes().decode("latin-1") if path.suffix in (".pdf", ".docx") else \
                unzipped(path) if path.suffix == ".xlsx" else path.read_text()
            extracted = pdf_text(path) if path.suffix == ".pdf" else docx_text(path) if path.suffix == ".docx" \
                else text
            for secret in secrets:
                assert secret not in extracted and secret not in text, (path.name, secret)


def test_pdf_is_tagged_with_language_and_title(built):
    for name in HEADINGS:
        reader = pypdf.PdfReader(built / f"{name}.pdf")
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-GB"
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert reader.metadata.title.startswith("Equality Good Relations")
        assert len(reader.pages) > 3


def test_title_page_says_draft_and_version(built):
    first = pypdf.PdfReader(built / "project-report.pdf").pages[0].extract_text()
    assert "DRAFT" in first and "0.3" in first and "Wales Council for Voluntary Action" in first
    word = docx_text(built / "project-report.docx")
    assert "DRAFT" in word and "0.3" in word


def test_docx_uses_real_word_styles(built):
    document = docx.Document(built / "project-report.docx")
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2"} <= styles
    assert {"List Bullet", "List Number"} & styles
    assert all(t.style.name == "Table Grid" for t in document.tables)
    assert document.core_properties.author == "Wales Council for Voluntary Action"


def test_proposal_json_uses_the_form_field_names(built):
    data = json.loads((built / "funding-proposal.json").read_text(encoding="utf-8"))
    for field in ("projectName", "projectCountries", "projectLocationDescription", "projectCosts",
                  "projectTotalCost", "projectDurationYears", "yourIdeaProject", "yourIdeaCommunity",
                  "yourIdeaActivities", "projectOrganisation", "projectSpend", "organisationLegalName"):
        assert field in data, field
    assert sum(c["amount"] for c in data["projectCosts"]) == 249600
    assert "{{" not in data["yourIdeaProject"] and "17 meetings" in data["yourIdeaProject"]


def test_rebuild_is_byte_identical(built, tmp_path):
    result = bidkit("build", str(EXAMPLE), "--out", str(tmp_path), "--jobs", "1", env=EPOCH)
    assert result.returncode == 0, result.stderr
    for path in sorted(built.glob("*.*")):
        if not path.name.startswith("."):
            assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_second_build_skips_everything(built):
    result = bidkit("build", str(EXAMPLE), "--out", str(built), env=EPOCH)
    assert result.returncode == 0
    assert result.stdout.strip().splitlines()[-1].startswith("0 files written, 20 up to date")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (scripts/setup --test)")
def test_docx_opens_in_libreoffice(built, tmp_path):
    for name in HEADINGS:
        result = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                                 "--convert-to", "pdf", "--outdir", str(tmp_path), str(built / f"{name}.docx")],
                                capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr
        converted = squash(pdf_text(tmp_path / f"{name}.pdf"))
        for heading in HEADINGS[name]:
            assert heading in converted, (name, heading)
        reader = pypdf.PdfReader(tmp_path / f"{name}.pdf")
        fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages[:4]
                 for f in page["/Resources"]["/Font"].values()}
        assert fonts and all("NotoSans" in f for f in fonts), fonts        # the embedded font, no fallback
        contents = squash(" ".join(p.extract_text() for p in reader.pages[1:4]))
        for heading in HEADINGS[name]:          # LibreOffice filled each PAGEREF with the heading's page
            assert re.search(re.escape(heading) + r" ?\.{3,} ?([3-9]|[1-9]\d)\b", contents), (name, heading)


def test_errors_write_nothing(make_project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "concept-paper.pdf").write_bytes(b"previous")
    root = make_project({"meetings.csv": "date,title,partners\n31/02/2019,x,wcva\n"})
    result = bidkit("build", str(root), "--out", str(out))
    assert result.returncode == 1
    assert "Nothing was written." in result.stdout
    assert (out / "concept-paper.pdf").read_bytes() == b"previous"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["concept-paper.pdf"]


def test_noop_build_imports_no_renderer(built):
    code = ("import sys, os\nfrom bidkit.cli import main\n"
            "sys.argv = ['bidkit', 'build', sys.argv[1], '--out', sys.argv[2]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('weasyprint', 'docxtpl', 'pandas', 'matplotlib', 'docx') if m in sys.modules))")
    import os

    result = subprocess.run([sys.executable, "-c", code, str(EXAMPLE), str(built)], capture_output=True, text=True,
                            env={**os.environ, **EPOCH})
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_proposal_json_is_checked_against_the_profile(built):
    from bidkit.evidence import load
    from bidkit.evidence.funders.profile import load_profile
    from bidkit.evidence.text import count_words

    data = json.loads((built / "funding-proposal.json").read_text(encoding="utf-8"))
    profile = load_profile("tnlcf-funding-proposal")
    assert data["profile"] == profile.id
    for q in profile.questions:
        answer = data[q.field]
        assert answer, q.field
        assert (q.min_words or 0) <= count_words(answer) <= q.max_words, q.field
    assert len(data["projectName"]) <= profile.rules.project_name_max_chars
    assert profile.rules.amount_min <= data["projectAmountRequested"] <= data["projectTotalCost"]
    assert profile.rules.duration_years_min <= data["projectDurationYears"] <= profile.rules.duration_years_max
    from bidkit.figures import compute

    fig = compute(load(EXAMPLE))
    assert data["evidence"]["meetings_held"] == fig.meetings_held
    assert data["evidence"]["budgetTotal"] == fig.budget_total == data["projectAmountRequested"]


def test_budget_total_in_both_formats(built):
    pdf = squash(pdf_text(built / "funding-proposal.pdf"))
    word = squash(docx_text(built / "funding-proposal.docx"))
    for text in (pdf, word):
        assert "Total requested £249,600" in text or "Total requested\n£249,600" in text


def test_status_reports_each_question(tmp_path):
    result = bidkit("status", str(EXAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["title"] for a in data["answers"]] == QUESTIONS
    assert all(a["state"] == "ok" for a in data["answers"])
    assert data["counts"]["meetings_held"] == 17
    human = bidkit("status", str(EXAMPLE))
    assert "What would you like to do?" in human.stdout and "Not ready yet" in human.stdout
    assert data["assessor"] == []                 # the example leaves an assessor nothing to question
    assert "people reached (attendances): 261" in human.stdout


def unzipped(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(name).decode("utf-8", "replace") for name in zf.namelist())


def test_figures_workbook_agrees_with_the_documents(built):
    """figures.xlsx holds real numbers and dates, the same figures the documents print, and each meeting's
    evidence file and row."""
    import openpyxl

    book = openpyxl.load_workbook(built / "figures.xlsx")
    assert book.sheetnames == ["Figures", "Meetings held", "By month", "By nation", "By characteristic",
                               "Organisations met", "Action plan", "Indicators", "Delivery plan", "Yearly targets",
                               "Other funding", "Budget"]
    figures = {label: value for label, value in book["Figures"].iter_rows(min_row=2, values_only=True)}
    assert figures == {"Meetings held": 17, "People reached (attendances)": 261, "Organisations met": 16,
                       "Nations covered": 4, "Partners": 17, "Amount requested (£)": 249600,
                       "Budget total (£)": 249600, "Other funding (£)": 12400, "Total cost (£)": 262000}
    plan = list(book["Delivery plan"].iter_rows(min_row=2, values_only=True))
    assert len(plan) == 17 and plan[0][:4] == (1, 1, datetime(2019, 9, 1), datetime(2019, 11, 30))
    other = list(book["Other funding"].iter_rows(min_row=2, values_only=True))
    assert other[-1] == ("Total", None, None, 12400) == ("Total", None, None, sum(r[3] for r in other[:-1]))
    evidence = json.loads((built / "funding-proposal.json").read_text())["evidence"]
    assert evidence["meetings_held"] == figures["Meetings held"] and evidence["budgetTotal"] == 249600

    meetings = list(book["Meetings held"].iter_rows(min_row=2, values_only=True))
    assert len(meetings) == 17 and sum(row[5] or 0 for row in meetings) == 261
    assert all(hasattr(row[0], "year") for row in meetings)                  # real date cells
    for place in (row[6] for row in meetings):
        assert (EXAMPLE / re.sub(r"(\[.*\])?:\d+$", "", place)).is_file(), place
    assert book["Meetings held"]["A2"].number_format == "d mmmm yyyy"
    assert book["Meetings held"].freeze_panes == "A2"

    budget = list(book["Budget"].iter_rows(min_row=2, values_only=True))
    assert budget[-1][0] == "Total" and budget[-1][-1] == 249600 == sum(row[-1] for row in budget[:-1])
    assert book["Budget"].cell(book["Budget"].max_row, 2).font.bold and book["Budget"]["A1"].font.bold
    nations = {row[0]: row[1:] for row in book["By nation"].iter_rows(min_row=2, values_only=True)}
    assert nations["Wales"] == (11, 141)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (scripts/setup --test)")
def test_figures_workbook_opens_in_libreoffice_calc(built, tmp_path):
    from calc import sheet_as_csv

    rows = sheet_as_csv(built / "figures.xlsx", 1, tmp_path)
    assert rows[0] == ["Figure", "Value"]
    assert ["Meetings held", "17"] in rows and ["Budget total (£)", "249,600"] in rows


def test_an_edited_bidkit_rebuilds_everything(tmp_path, monkeypatch):
    """The manifest's key covers bidkit's own code, not only its version number."""
    import bidkit.build as building

    package = write_tree(tmp_path / "pkg", {"a.py": "A = 1\n", "sub/b.py": "B = 2\n"})
    before = building.code_version(package)
    write_tree(package, {"sub/b.py": "B = 3\n"})
    building.code_version.cache_clear()
    assert building.code_version(package) != before
    assert building.code_version(package).startswith(building.__version__ + "+")

    files = [EXAMPLE / "project.yaml"]
    key = building.fingerprint(files, {"output": "concept-paper.pdf"})
    monkeypatch.setattr(building, "code_version", lambda: "0.1.0+edited")
    assert building.fingerprint(files, {"output": "concept-paper.pdf"}) != key


def test_a_build_counts_every_file_it_writes(tmp_path):
    """funding-proposal.json is written without a renderer, and is counted and listed like the others."""
    out = tmp_path / "out"
    result = bidkit("build", str(EXAMPLE), "--out", str(out), "--doc", "funding-proposal", "--format", "docx",
                    env=EPOCH)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert any(line.split()[0] == "funding-proposal.json" for line in lines)
    assert lines[-1].startswith("3 files written, 0 up to date")     # English and Welsh DOCX, and the JSON


def test_a_large_file_left_in_the_project_is_hashed_in_chunks(tmp_path):
    """A build decides what is out of date without holding any input whole: a 1 GiB file (a video left in the
    project folder) is hashed by a process held to 400 MiB."""
    import subprocess
    import sys

    big = tmp_path / "recording.mp4"
    with open(big, "wb") as handle:
        handle.truncate(2**30)                  # sparse: a gigabyte of zeros costs no disk
    child = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20)); "
             "from pathlib import Path; import bidkit.build as b; "
             "print(b.file_digests([Path(sys.argv[1])])[Path(sys.argv[1])].hex())")
    result = subprocess.run([sys.executable, "-c", child, str(big)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14"
