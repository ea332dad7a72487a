"""The HTML pages: the same sections, tables and figures as the DOCX, self-contained, and accessible in a real
browser (axe-core in headless Chromium) as well as by our own reading of the page's structure."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from axe import available, run_axe
from conftest import EXAMPLE

lxml_html = pytest.importorskip("lxml.html")
docx = pytest.importorskip("docx")

from test_build import EPOCH, HEADINGS, bidkit, squash  # noqa: E402  (after the skips: test_build needs pypdf)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """The example built once as HTML and DOCX (the DOCX is the reference the page must agree with)."""
    out = tmp_path_factory.mktemp("html")
    result = bidkit("build", str(EXAMPLE), "--out", str(out), "--format", "html", "--format", "docx", env=EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def parse(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def text(node) -> str:
    return squash(node.text_content()).strip()


def docx_tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text.strip() for cell in row.cells] for row in table.rows] for table in docx.Document(path).tables]


def html_tables(root) -> list[list[list[str]]]:
    return [[[text(cell) for cell in row.xpath("./th|./td")] for row in table.iter("tr")]
            for table in root.iter("table")]


@pytest.mark.parametrize("name", HEADINGS)
def test_sections_are_the_documents_sections_in_order(pages, name):
    root = parse(pages / f"{name}.html")
    main = root.find(".//main")
    assert [text(h) for h in main.iter("h2")] == HEADINGS[name]
    assert [text(a) for a in root.xpath("//nav//a")] == HEADINGS[name]       # link texts, never slugs
    ids = {h.get("id") for h in main.iter("h2")}
    assert {a.get("href")[1:] for a in root.xpath("//nav//a")} == ids


@pytest.mark.parametrize("name", HEADINGS)
def test_headings_never_skip_a_level(pages, name):
    root = parse(pages / f"{name}.html")
    levels = [int(h.tag[1]) for h in root.iter() if isinstance(h.tag, str) and re.fullmatch(r"h[1-6]", h.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert text(root.find(".//h1")).startswith("Equality Good Relations")


@pytest.mark.parametrize("name", HEADINGS)
def test_language_landmarks_and_skip_link(pages, name):
    root = parse(pages / f"{name}.html")
    assert root.get("lang") == "en-GB"
    body = root.find("body")
    assert [child.tag for child in body if child.tag in ("header", "nav", "main", "footer")] == \
        ["header", "nav", "main", "footer"]
    assert root.xpath("//nav")[0].get("aria-label") == "Contents"
    skip = body.find("a")
    assert skip.get("href") == "#content" and root.get_element_by_id("content").tag == "main"
    assert root.find(".//title").text.startswith("Equality Good Relations")


@pytest.mark.parametrize("name", HEADINGS)
def test_tables_are_the_docx_tables_with_captions_and_scopes(pages, name):
    root = parse(pages / f"{name}.html")
    assert html_tables(root) == docx_tables(pages / f"{name}.docx")
    captions = [p.text for p in docx.Document(pages / f"{name}.docx").paragraphs if p.style.name == "Caption"]
    assert [text(t.find("caption")) for t in root.iter("table")] == captions
    for cell in root.iter("th"):
        assert cell.get("scope") in ("col", "row"), lxml_html.tostring(cell)
    for table in root.iter("table"):
        assert table.find("caption") is not None and table.xpath(".//th")


@pytest.mark.parametrize("name", HEADINGS)
def test_charts_are_inline_svg_with_the_docx_text_alternatives(pages, name):
    root = parse(pages / f"{name}.html")
    figures = root.xpath("//figure")
    alts = [shape._inline.docPr.get("descr") for shape in docx.Document(pages / f"{name}.docx").inline_shapes]
    assert len(figures) == len(alts) > 0
    for figure, alt in zip(figures, alts):
        svg = figure.find("svg")
        assert svg is not None and svg.get("role") == "img"
        title = root.get_element_by_id(svg.get("aria-labelledby"))
        assert title.tag == "title" and title.getparent() is svg
        assert squash(title.text) == squash(alt)
        assert text(figure.find("figcaption"))


@pytest.mark.parametrize("name", HEADINGS)
def test_self_contained_no_script_nothing_fetched(pages, name):
    page = (pages / f"{name}.html").read_text(encoding="utf-8")
    root = lxml_html.fromstring(page)
    assert not root.xpath("//script|//link|//img|//iframe|//object|//embed|//*[@src]")
    assert not [a for el in root.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page and "@import" not in page
    assert not re.search(r"url\((?!#)", page)
    ids = [el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]
    for href in root.xpath("//@href"):
        assert href.startswith(("#", "http://", "https://", "mailto:")), href
        if href.startswith("#"):
            assert href[1:] in ids, href


def test_figures_agree_with_the_evidence(pages):
    from bidkit.evidence import load
    from bidkit.figures import compute

    fig = compute(load(EXAMPLE))
    root = parse(pages / "project-report.html")
    glance = dict((text(row.find("th")), text(row.find("td"))) for row in root.xpath("//table[@class='facts']")[0]
                  .iter("tr"))
    assert glance["Meetings held"] == str(fig.meetings_held)
    assert glance["People reached (attendances)"] == str(fig.people_reached)
    assert glance["Organisations met"] == str(fig.organisations_met)
    assert "17 meetings, workshops, webinars and training sessions, with 261 attendances from 16 organisations " \
        "in 4 nations" in text(root.find(".//main"))


@pytest.mark.skipif(available() is not None, reason=available() or "")
@pytest.mark.parametrize("name", HEADINGS)
def test_axe_finds_no_violation(pages, name):
    violations = run_axe((pages / f"{name}.html").read_text(encoding="utf-8"))
    assert violations == [], [(v["id"], v["nodes"][:3]) for v in violations]


@pytest.mark.skipif(available() is not None, reason=available() or "")
def test_axe_does_report_a_violation():
    """The check above can fail: a page with an unlabelled field and a skipped heading is reported."""
    found = run_axe('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>a</h1>'
                    '<h4>b</h4><input type="text"></main></body></html>')
    assert {"heading-order", "label"} <= {v["id"] for v in found}


# Templates: the same sandbox and override rules as the PDF's, and what a page may not have ------------------

def render_page(root: Path) -> str:
    from bidkit.documents import document
    from bidkit.paths import template_folders
    from bidkit.pipeline import open_project
    from bidkit.render.html import render

    drafts = open_project(root)
    data, warnings = render(document(drafts.writer, "concept-paper"), template_folders(root))
    assert warnings == []
    return data.decode("utf-8")


def test_a_project_overrides_the_screen_stylesheet(make_project):
    root = make_project({"templates/html/web/screen.css": "body { color: #000; } /* ours */\n"})
    page = render_page(root)
    assert "/* ours */" in page and "max-width: 52rem" not in page


def test_format_html_writes_only_html(make_project, tmp_path):
    root = make_project()
    result = bidkit("build", str(root), "--out", str(tmp_path / "out"), "--format", "html", "--doc", "project-report")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == \
        ["project-report.html"]
    again = bidkit("build", str(root), "--out", str(tmp_path / "out"), "--format", "html", "--doc", "project-report")
    assert again.stdout.strip().splitlines()[-1].startswith("0 files written, 1 up to date")
