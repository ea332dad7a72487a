"""Every document in Welsh, read back in each format: Welsh headings, labels, months and question titles, no
English fixed label (checked against the English catalogue), the language tagged in every format, and the same
bytes on a rebuild. The session's one build of the example (languages: [en, cy], tests/conftest.py) serves them all.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

from tests.conftest import EXAMPLE

EPOCH = {"SOURCE_DATE_EPOCH": "1552608000"}
DOCS = ["concept-paper", "project-report", "funding-proposal"]
HEADINGS = {
    "concept-paper": ["Crynodeb", "Pam mae hyn yn bwysig", "Nodau Datblygu Cynaliadwy a nodau llesiant",
                      "Llywodraeth Agored", "Ein dull", "Pwy rydym wedi ymgysylltu â nhw", "Canlyniadau arfaethedig",
                      "Y camau nesaf", "Rhestr ddarllen"],
    "project-report": ["Crynodeb", "Cefndir a nodau", "Cynnydd yn erbyn y cynllun gweithredu", "Pwy y cyfarfuom â nhw",
                       "Partneriaid a chyrhaeddiad", "Canlyniadau a dangosyddion", "Gwersi a'r camau nesaf",
                       "Rhestr ddarllen"],
}
QUESTIONS = ["Beth yr hoffech ei wneud?", "Sut mae eich prosiect yn cynnwys eich cymuned?",
             "Sut mae eich syniad yn cyd-fynd â gweithgareddau lleol eraill?",
             "Dywedwch wrthym pam mai eich sefydliad chi yw'r un iawn i reoli'r prosiect hwn",
             "Ar beth y byddwch chi'n gwario'r arian?"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September", "October",
                  "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                  "Nov", "Dec"]


def bidkit(*args: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "bidkit", *args], capture_output=True, text=True,
                          env={**os.environ, **EPOCH})


@pytest.fixture(scope="module")
def built(example_build) -> Path:
    return example_build            # the session's one build of the example, shared with test_build.py


def docx_texts(path: Path) -> list[str]:
    """Every paragraph and table cell, headers and footers too, as its own text."""
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
    return [t.strip() for t in parts if t.strip()]


def pdf_lines(path: Path) -> list[str]:
    return [line.strip() for page in pypdf.PdfReader(path).pages for line in page.extract_text().splitlines()
            if line.strip()]


NUMBERS = {"n", "count", "total", "people"}        # placeholders that hold a number or an amount


def pattern(english: str) -> re.Pattern | None:
    """An English label as a pattern for a whole line or cell: a number's placeholder matches a number, any
    other matches some text; None for a label too short to tell from prose (`of`, `{start} to {end}`)."""
    parts = re.split(r"\{(\w+)\}", english)
    literal = "".join(parts[0::2])
    if len(literal.strip(" .,:;()")) < 5:
        return None
    out = ""
    for i, part in enumerate(parts):
        out += re.escape(part) if i % 2 == 0 else (r"[\d,.£/ ]+" if part in NUMBERS else ".+")
    return re.compile(out + "$")


@pytest.fixture(scope="module")
def english_labels() -> list[re.Pattern]:
    """Each English fixed label whose Welsh differs (from the catalogue), as a pattern."""
    from bidkit.i18n.catalogue import catalog

    found = []
    for m in catalog("cy"):
        pairs = zip(m.id, m.string) if isinstance(m.id, tuple) else [(m.id, m.string)]
        found += [pattern(english) for english, welsh in pairs if m.id and english != welsh]
    return [p for p in found if p is not None]


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings_in(v)]
    return []


@pytest.fixture(scope="module")
def evidence_text() -> str:
    """Everything the partners wrote in English (titles, names, notes): a Welsh document quotes it as written."""
    from bidkit.evidence import load

    ev = load(EXAMPLE)
    records = [ev.project, *ev.partners, *ev.meetings, *ev.outcomes, *ev.reading_list, *ev.action_plan, *ev.budget]
    found = [s for r in records for s in strings_in(r.model_dump(mode="json"))]
    return "\n".join(" ".join(s.split()) for s in found)


def ours(lines: list[str], evidence_text: str) -> list[str]:
    """The lines that are not (a wrapped piece of) the partners' own text."""
    return [line for line in lines if " ".join(line.rstrip("…").split()) not in evidence_text]


@pytest.mark.parametrize("doc", DOCS)
def test_welsh_files_have_their_names(built, doc):
    for suffix in ("cy.docx", "cy.pdf", "cy.html", "docx", "pdf", "html"):
        assert (built / f"{doc}.{suffix}").is_file()


@pytest.mark.parametrize("doc", DOCS)
def test_no_english_fixed_label_in_a_welsh_document(built, doc, english_labels, evidence_text):
    texts = {"docx": docx_texts(built / f"{doc}.cy.docx"), "pdf": pdf_lines(built / f"{doc}.cy.pdf")}
    assert len(english_labels) > 150
    for fmt, lines in texts.items():
        lines = ours(lines, evidence_text)
        english = sorted({line for line in lines for pattern in english_labels if pattern.match(line)})
        assert english == [], f"{doc}.cy.{fmt}"


@pytest.mark.parametrize("doc", ["concept-paper", "project-report"])
def test_welsh_headings_in_order_in_both_formats(built, doc):
    document = docx.Document(built / f"{doc}.cy.docx")
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == HEADINGS[doc]
    outline = [i.title for i in pypdf.PdfReader(built / f"{doc}.cy.pdf").outline if not isinstance(i, list)]
    assert outline == HEADINGS[doc]


def test_the_welsh_proposal_asks_the_welsh_questions(built):
    headings = [p.text for p in docx.Document(built / "funding-proposal.cy.docx").paragraphs
                if p.style.name == "Heading 1"]
    assert headings[1:6] == QUESTIONS
    outline = [i.title for i in pypdf.PdfReader(built / "funding-proposal.cy.pdf").outline if not isinstance(i, list)]
    assert outline[1:6] == QUESTIONS
    assert "Beth yw enw eich prosiect?" in docx_texts(built / "funding-proposal.cy.docx")


@pytest.mark.parametrize("doc", DOCS)
def test_welsh_months_and_no_english_month(built, doc, evidence_text):
    for lines in (docx_texts(built / f"{doc}.cy.docx"), pdf_lines(built / f"{doc}.cy.pdf")):
        text = " ".join(" ".join(lines).split())
        for quoted in sorted(evidence_text.splitlines(), key=len, reverse=True):
            text = text.replace(quoted, "")
        assert "15 Mawrth 2019" in text                                   # the title page's date
        assert "DRAFFT" in text.replace(" ", "")
        english = sorted({m for m in ENGLISH_MONTHS if re.search(rf"\b{m}\b \d", text)})
        assert english == []


def test_welsh_page_footer_and_contents(built):
    lines = pdf_lines(built / "project-report.cy.pdf")
    assert any(re.fullmatch(r"Tudalen \d+ o \d+", line) for line in lines)
    assert "Cynnwys" in lines
    footer = docx_texts(built / "project-report.cy.docx")
    assert any(t.startswith("Tudalen") for t in footer)


def test_welsh_charts_titles_axes_and_text_alternatives(built):
    document = docx.Document(built / "project-report.cy.docx")
    alts = [d.get("descr") for d in document.element.body.iter("{*}docPr")]
    assert any(a.startswith("Cyfarfodydd a gynhaliwyd a phresenoldebau bob mis: Tach 2018") for a in alts)
    assert any(a.startswith("Cyrhaeddiad yn ôl gwlad: ") and "Cymru, " in a for a in alts)
    ours = [a for a in alts if a.startswith(("Cyrhaeddiad", "Cyfarfodydd"))]
    assert len(ours) >= 3 and not any(re.search(r"\b(meetings?|people|person)\b", a) for a in ours)
    svg = " ".join(pypdf.PdfReader(built / "project-report.cy.pdf").pages[i].extract_text()
                   for i in range(len(pypdf.PdfReader(built / "project-report.cy.pdf").pages)))
    assert "Amserlen y cynllun gweithredu" in svg


def test_languages_are_tagged_in_pdf_and_docx(built):
    for doc in DOCS:
        assert str(pypdf.PdfReader(built / f"{doc}.cy.pdf").trailer["/Root"]["/Lang"]) == "cy-GB"
        assert str(pypdf.PdfReader(built / f"{doc}.pdf").trailer["/Root"]["/Lang"]) == "en-GB"
        styles = docx.Document(built / f"{doc}.cy.docx").styles.element
        assert styles.xpath("string(//w:docDefaults//w:lang/@w:val)") == "cy-GB"
        assert docx.Document(built / f"{doc}.cy.docx").core_properties.language == "cy-GB"


def struct_langs(path: Path) -> dict[str, set[str]]:
    """Text of each structure element carrying its own /Lang, by language (walks the PDF's structure tree)."""
    reader = pypdf.PdfReader(path)
    found: dict[str, int] = {}

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child)
            return
        if not isinstance(node, pypdf.generic.DictionaryObject):
            return
        if "/Lang" in node and node.get("/S") == "/Span":
            found[str(node["/Lang"])] = found.get(str(node["/Lang"]), 0) + 1
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_a_welsh_passage_in_english_is_tagged_welsh_in_every_format(built):
    """The example's summary marks `[Ein gwaith: pŵer pobl]{lang=cy}`: a Span with /Lang in the PDF, `w:lang`
    on the run in the DOCX, a `lang` attribute in the HTML."""
    assert struct_langs(built / "concept-paper.pdf").get("cy", 0) >= 1
    runs = [r for p in docx.Document(built / "concept-paper.docx").paragraphs for r in p.runs
            if "pŵer pobl" in r.text]
    assert runs and all(r._r.xpath("string(w:rPr/w:lang/@w:val)") == "cy-GB" for r in runs)
    assert "Ein gwaith: [" not in "\n".join(docx_texts(built / "concept-paper.docx"))


def test_the_html_carries_both_languages():
    from bidkit.documents import document
    from bidkit.paths import template_folders
    from bidkit.pipeline import open_project
    from bidkit.render.pdf import render_html

    drafts = open_project(EXAMPLE)
    html, _ = render_html(document(drafts.writer, "concept-paper"), template_folders(EXAMPLE))
    assert '<html lang="en-GB">' in html and '<span lang="cy"><em>Ein gwaith: pŵer pobl</em></span>' in \
        html.replace("<em><span", "<span").replace("</span></em>", "</span>") or \
        '<em><span lang="cy">Ein gwaith: pŵer pobl</span></em>' in html
    welsh, _ = render_html(document(drafts.writer_for("cy"), "concept-paper"), template_folders(EXAMPLE))
    assert '<html lang="cy-GB">' in welsh


def test_the_proposal_json_carries_both_languages(built):
    data = json.loads((built / "funding-proposal.json").read_text(encoding="utf-8"))
    both = data["answersByLanguage"]
    assert list(both) == ["en", "cy"]
    assert both["cy"]["yourIdeaProject"].startswith("Rydym eisiau helpu")
    assert both["en"]["yourIdeaProject"] == data["yourIdeaProject"]
    assert "{{" not in both["cy"]["yourIdeaProject"]


def test_welsh_files_rebuild_byte_identical(built, tmp_path):
    result = bidkit("build", str(EXAMPLE), "--out", str(tmp_path), "--lang", "cy", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    welsh = sorted(p.name for p in built.glob("*.cy.*"))
    assert welsh == sorted(p.name for p in tmp_path.glob("*.cy.*")) and len(welsh) == 9
    for name in welsh:
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name
    assert not (tmp_path / "project-report.pdf").exists()           # --lang cy: the Welsh files only


def test_lang_not_in_the_project_is_refused(make_project, tmp_path):
    result = bidkit("build", str(make_project()), "--out", str(tmp_path / "out"), "--lang", "cy")
    assert result.returncode == 2 and "add cy to it" in result.stderr


def test_status_shows_each_language(built):
    result = bidkit("status", str(EXAMPLE), "--json")
    data = json.loads(result.stdout)
    assert list(data["languages"]) == ["en", "cy"]
    assert [a["title"] for a in data["languages"]["cy"]["answers"]] == QUESTIONS
    assert all(a["words"] for a in data["languages"]["cy"]["answers"])


def test_welsh_first_keeps_the_plain_names(make_project, tmp_path):
    """`languages: [cy, en]`: Welsh is the main document under the plain names, English beside it as NAME.en.*,
    from narrative/ (Welsh) and narrative/en/ (English)."""
    from tests.conftest import MINIMAL, NARRATIVE

    files = {"project.yaml": MINIMAL["project.yaml"] + "languages: [cy, en]\n",
             **{name: "Yr adran mewn Cymraeg.\n" for name in NARRATIVE},
             **{name.replace("narrative/", "narrative/en/"): text for name, text in NARRATIVE.items()}}
    out = tmp_path / "out"
    result = bidkit("build", str(make_project(files)), "--out", str(out), "--doc", "concept-paper",
                    "--format", "docx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.glob("*.docx")) == ["concept-paper.docx", "concept-paper.en.docx"]
    welsh, english = (docx.Document(out / name) for name in ("concept-paper.docx", "concept-paper.en.docx"))
    assert [p.text for p in welsh.paragraphs if p.style.name == "Heading 1"][0] == "Crynodeb"
    assert [p.text for p in english.paragraphs if p.style.name == "Heading 1"][0] == "Summary"
    assert "Yr adran mewn Cymraeg." in docx_texts(out / "concept-paper.docx")
    assert "Yr adran mewn Cymraeg." not in docx_texts(out / "concept-paper.en.docx")


# The Welsh HTML pages, read back like the DOCX and the PDF.

HTML_BLOCKS = ("title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "th", "td", "dt", "dd", "caption",
               "figcaption", "a", "text")


def html_root(path: Path):
    lxml_html = pytest.importorskip("lxml.html")
    return lxml_html.fromstring(path.read_bytes())


def html_lines(path: Path) -> list[str]:
    """The text of every block, cell, link and chart label of the page (its title and the SVG's text too)."""
    root = html_root(path)
    found = [" ".join(node.text_content().split()) for node in root.iter()
             if isinstance(node.tag, str) and node.tag.rpartition("}")[2] in HTML_BLOCKS]
    found += [node.get(name) for node in root.iter() if isinstance(node.tag, str)
              for name in ("aria-label", "alt") if node.get(name)]
    return [t.strip() for t in found if t and t.strip()]


@pytest.mark.parametrize("doc", DOCS)
def test_no_english_fixed_label_in_a_welsh_page(built, doc, english_labels, evidence_text):
    lines = ours(html_lines(built / f"{doc}.cy.html"), evidence_text)
    assert len(lines) > 50
    english = sorted({line for line in lines for pattern in english_labels if pattern.match(line)})
    assert english == [], f"{doc}.cy.html"


@pytest.mark.parametrize("doc", DOCS)
def test_welsh_page_months_language_and_skip_link(built, doc, evidence_text):
    root = html_root(built / f"{doc}.cy.html")
    assert root.get("lang") == "cy-GB"
    assert html_root(built / f"{doc}.html").get("lang") == "en-GB"
    skip = root.find("body").find("a")
    assert skip.get("href") == "#content" and " ".join(skip.text_content().split()) == "Neidio i'r cynnwys"
    assert root.xpath("//nav")[0].get("aria-label") == "Cynnwys"
    text = " ".join(html_lines(built / f"{doc}.cy.html"))
    for quoted in sorted(evidence_text.splitlines(), key=len, reverse=True):
        text = text.replace(quoted, "")
    assert "15 Mawrth 2019" in text and "DRAFFT" in text
    english = sorted({m for m in ENGLISH_MONTHS if re.search(rf"\b{m}\b \d", text)})
    assert english == []


def test_welsh_pages_have_the_welsh_headings_and_questions(built):
    for doc, headings in HEADINGS.items():
        main = html_root(built / f"{doc}.cy.html").find(".//main")
        assert [" ".join(h.text_content().split()) for h in main.iter("h2")] == headings
    main = html_root(built / "funding-proposal.cy.html").find(".//main")
    titles = [" ".join(h.text_content().split()) for h in main.iter("h2")]
    assert titles[0] == "Y prosiect yn gryno" and titles[1:6] == QUESTIONS


def test_a_passage_in_the_other_language_is_a_span_with_its_lang_in_html(built):
    english = (built / "concept-paper.html").read_text(encoding="utf-8")
    assert re.search(r'<span lang="cy">(<em>)?Ein gwaith: pŵer pobl', english)
    welsh = (built / "concept-paper.cy.html").read_text(encoding="utf-8")
    assert '<span lang="en">Easy Read</span>' in welsh


def test_axe_finds_no_violation_on_a_welsh_page(built):
    from tests.axe import available, run_axe

    if available() is not None:
        pytest.skip(available())
    for doc in ("funding-proposal", "project-report"):
        violations = run_axe((built / f"{doc}.cy.html").read_text(encoding="utf-8"))
        assert violations == [], (doc, [(v["id"], v["nodes"][:3]) for v in violations])
