"""The PDFs' structure tree as a screen reader walks it (pikepdf), what it reads (pypdf, artifacts apart), and
pdfua's machine-checkable subset of PDF/UA-1."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE

pikepdf = pytest.importorskip("pikepdf")
pypdf = pytest.importorskip("pypdf")

NAMES = ["concept-paper", "project-report", "funding-proposal"]
HEADINGS = {f"/H{n}" for n in range(1, 7)}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    import os

    out = tmp_path_factory.mktemp("pdfs")
    result = subprocess.run([sys.executable, "-m", "bidkit", "build", str(EXAMPLE), "--out", str(out), "--format",
                             "pdf", "--jobs", "2"], capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1552608000"})
    assert result.returncode == 0, result.stdout + result.stderr
    return {name: out / f"{name}.pdf" for name in NAMES}


def kids(elem) -> list:
    k = elem.get("/K")
    return [] if k is None else list(k) if isinstance(k, pikepdf.Array) else [k]


def is_elem(obj) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


def elements(path: Path):
    """Every structure element reachable from the root, in reading order, with its parent."""
    pdf = pikepdf.open(path)
    found = []

    def visit(elem, parent):
        found.append((elem, parent))
        for kid in kids(elem):
            if is_elem(kid):
                visit(kid, elem)
    for top in kids(pdf.Root.StructTreeRoot):
        visit(top, None)
    return pdf, found


def text_of(elem) -> str:
    """An element's kinds of content, for a message: its tag and its children's."""
    return str(elem.S) + "(" + " ".join(str(k.S) for k in kids(elem) if is_elem(k)) + ")"


@pytest.mark.parametrize("name", NAMES)
def test_structure_tree(pdfs, name):
    pdf, found = elements(pdfs[name])
    tags = [str(e.S) for e, _ in found]
    faults = []
    for elem, parent in found:
        s = str(elem.S)
        if parent is not None and not any(k.objgen == elem.objgen for k in kids(parent) if is_elem(k)):
            faults.append(f"{s} not listed by its parent")
        if parent is not None and elem.P.objgen != parent.objgen:
            faults.append(f"{s} names another parent")
        if s == "/TH" and str(elem.get("/A", {}).get("/Scope")) not in ("/Column", "/Row", "/Both"):
            faults.append("TH without Scope")
        if s == "/LI" and not any(is_elem(k) and k.S == "/LBody" for k in kids(elem)):
            faults.append(f"LI without LBody: {text_of(elem)}")
        if s == "/Figure" and not str(elem.get("/Alt", "")).strip():
            faults.append("Figure without Alt")
        if s == "/Table" and parent is not None:
            siblings = [k for k in kids(parent) if is_elem(k)]
            at = next(i for i, k in enumerate(siblings) if k.objgen == elem.objgen)
            if at and siblings[at - 1].S == "/Table" and not any(k.S == "/Caption" for k in kids(elem)
                                                               if is_elem(k)):
                faults.append("a table continued as a second Table")
        if s == "/Table" and sum(1 for k in kids(elem) if is_elem(k) and k.S == "/THead") > 1:
            faults.append("a table with its header twice")
    assert faults == []
    levels = [int(t[2]) for t in tags if t in HEADINGS]
    assert levels[0] == 1 and levels.count(1) == 1, "the document title is the one H1"
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert tags.count("/Table") == sum(1 for e, _ in found if e.S == "/Caption"
                                       and e.P.S == "/Table") + 1        # every table but the title facts
    assert "/THead" in tags and "/TBody" in tags
    assert "/TFoot" not in tags          # totals are a last row: WeasyPrint repeats a tfoot on every page


@pytest.mark.parametrize("name", NAMES)
def test_every_split_table_is_one_table_with_its_rows(pdfs, name):
    """A table crossing a page is one Table whose rows come from both pages (MCR kids name the second page)."""
    pdf, found = elements(pdfs[name])
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}

    def pages_of(elem) -> set[int]:
        here = {pages[elem.Pg.objgen]} if "/Pg" in elem else set()
        for k in kids(elem):
            if is_elem(k):
                here |= pages_of(k)
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                here.add(pages[k.Pg.objgen])
        return here
    spans = [len(pages_of(e)) for e, _ in found if e.S == "/Table"]
    if name != "concept-paper":
        assert max(spans) > 1, "the example has a table across pages: it should be one Table"


def page_text(page) -> dict[str, str]:
    """A page's text split by marked content: what the tree reads ('tagged') and what it skips ('artifact')."""
    stack: list[str] = []
    parts: dict[str, list[str]] = {"artifact": [], "tagged": [], "unmarked": []}

    def before(op, args, cm, tm):
        if op == b"BDC":
            stack.append("tagged" if isinstance(args[1], dict) and "/MCID" in args[1] else "artifact")
        elif op == b"BMC":
            stack.append("artifact" if args[0] == "/Artifact" else "tagged")
        elif op == b"EMC" and stack:
            stack.pop()

    def text(t, cm, tm, font, size):
        if t.strip():
            parts["artifact" if "artifact" in stack else stack[-1] if stack else "unmarked"].append(t)
    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return {kind: " ".join(words) for kind, words in parts.items()}


@pytest.mark.parametrize("name", NAMES)
def test_headers_footers_and_the_mark_are_artifacts(pdfs, name):
    reader = pypdf.PdfReader(pdfs[name])
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page_text(page)
        assert text["unmarked"] == ""
        if number > 1:
            assert f"Page {number} of {total}" in text["artifact"]
            assert "Page " + str(number) not in text["tagged"]
            assert "Equality Good Relations" in text["artifact"]          # the running header
        assert not re.search(r"\bDRAFT\b", text["tagged"].replace("DRAFT  · not", "")), number
    assert "DRAFT" in page_text(reader.pages[0])["tagged"]          # the title page says it, as content


@pytest.mark.parametrize("name", NAMES)
def test_every_marked_content_belongs_to_an_element(pdfs, name):
    """The ParentTree maps each MCID on each page to an element the tree reaches: no orphans, no gaps."""
    pdf, found = elements(pdfs[name])
    reachable = {e.objgen for e, _ in found}
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    for index in range(len(pdf.pages)):
        parents = nums[nums.index(index) + 1]
        assert all(p.objgen in reachable for p in parents), index


def test_pdfua_finds_nothing(pdfs):
    pdfua = pytest.importorskip("pdfua")
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "text",
                             *map(str, pdfs.values())], capture_output=True, text=True)
    assert pdfua and result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("result: PASS") == len(NAMES), result.stdout
    # UA-14-001 (headings not empty) cannot run in pdfua 0.1.3: it asks a pikepdf Array for `is_integer` and
    # gets a ValueError for every heading whose /K is an array; test_headings_have_content checks the same
    skipped = set(re.findall(r"\[skip \]\s+(\S+)", result.stdout))
    assert skipped <= {"UA-14-001"}, result.stdout


def marks_content(elem) -> bool:
    return any(isinstance(k, int) or (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR")
               or (is_elem(k) and marks_content(k)) for k in kids(elem))


@pytest.mark.parametrize("name", NAMES)
def test_headings_have_content(pdfs, name):
    _pdf, found = elements(pdfs[name])
    assert all(marks_content(e) for e, _ in found if str(e.S) in HEADINGS)


def test_narrative_headings_sit_under_their_section():
    """A narrative starting at `##` (level 3 as written) gets level 2 under its section; a heading repeating the
    section's title goes; a deeper heading never skips a level; siblings keep one level."""
    from bidkit.documents.content import Heading, Paragraph, Run, Section

    text = Paragraph([Run("text")])
    section = Section("why", "Why this matters", [Heading(3, "Why this matters"), text, Heading(3, "First"), text,
                                                  Heading(3, "Second"), Heading(3, "Deeper"), Heading(2, "Top")])
    assert [(i.level, i.text) for i in section.items if isinstance(i, Heading)] == \
        [(2, "First"), (2, "Second"), (2, "Deeper"), (2, "Top")]
    nested = Section("s", "S", [Heading(2, "A"), Heading(3, "B"), Heading(3, "C"), Heading(2, "D")])
    assert [(i.level, i.text) for i in nested.items] == [(2, "A"), (3, "B"), (3, "C"), (2, "D")]


@pytest.mark.parametrize("name", NAMES)
def test_no_address_breaks_after_its_scheme(pdfs, name):
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdfs[name]).pages)
    assert ("https://" in text) == (name != "funding-proposal")     # the reading list's web addresses
    assert not re.search(r"https?://[ \t]*\n", text)


@pytest.mark.parametrize("name", NAMES)
def test_contents_links_say_their_section_titles(pdfs, name):
    """A screen reader announces a link by its /Contents: the section's title, never its id ("at-a-glance")."""
    import pikepdf

    with pikepdf.open(pdfs[name]) as pdf:
        said = [str(a.get("/Contents", "")) for page in pdf.pages for a in page.get("/Annots", [])
                if a.get("/Subtype") == "/Link" and "/Dest" in a]
    assert said, "the contents has links"
    assert not [s for s in said if re.fullmatch(r"[a-z0-9-]+", s)], said
    assert "Reading list" in said or "Budget" in said
