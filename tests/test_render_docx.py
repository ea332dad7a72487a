"""The DOCX renderer on a hand-made Document: real Word styles, text exactly as written (no markup, no Jinja),
a contents list on first opening, alt text on charts, our own properties, the same bytes twice, opens in
LibreOffice, and a hostile template is refused."""
from __future__ import annotations

import importlib.util
import io
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from bidkit.documents.content import Chart, Document, Facts, Heading, ListBlock, Paragraph, Run, Section, Table
from bidkit.problems import BidkitError
from bidkit.render.templating import search_path

ROOT = Path(__file__).resolve().parent.parent
WELSH = "Ein gwaith: pŵer pobl, ŷd"
INJECTION = "R&D <b>not bold</b> </w:t><w:t>injected"
JINJA = "{{ 7*7 }} and {% if %} stay as written"
ALT = "Bar chart: meetings by nation. Wales 12, England 7, Scotland 3."
TITLES = ["Summary", "Our approach", "Who we have engaged"]
EPOCH = "1552608000"    # 2019-03-15


def tiny_png() -> bytes:
    """A 1x1 white PNG, made by hand so the test needs no plotting library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


def paragraph(text: str, **kw) -> Paragraph:
    return Paragraph([Run(text)], **kw)


def make_document(draft: bool = True) -> Document:
    return Document(
        id="concept-paper", name="Concept paper", title=WELSH, subtitle="Awards for All Wales",
        lead="Wales Council for Voluntary Action", date="15 March 2019", version="0.3", draft=draft,
        lang="en-GB", keywords=["open government", "Wales"],
        sections=[
            Section("summary", TITLES[0], [
                Paragraph([Run("We met "), Run("17", bold=True), Run(" times; "),
                           Run("read more", href="https://example.org/?a=1&b=2"), Run(" or "),
                           Run("not a link", italic=True, href="javascript:alert(1)")]),
                paragraph(INJECTION),
                paragraph(JINJA),
                paragraph(WELSH, style="lead"),
                paragraph("Word count: 120 of 250", style="note"),
                Facts("Engagement at a glance", [("Meetings held", "17"), ("People reached", "261")]),
            ]),
            Section("approach", TITLES[1], [
                Heading(2, "What we will do"),
                ListBlock(False, [[paragraph("First bullet")],
                                  [paragraph("Second bullet"), ListBlock(False, [[paragraph("Nested bullet")]])]]),
                ListBlock(True, [[paragraph("Step one")], [paragraph("Step two"), paragraph("More on step two")]]),
                Heading(3, "A smaller heading"),
                Table("Budget by heading", ["Heading", "2019", "Total"],
                      [["Staff", "£10,000", "£10,000"], ["Venues", "£2,500", "£2,500"]],
                      numeric=[False, True, True], footer=["Total", "£12,500", "£12,500"], widths=[3, 1, 1]),
            ]),
            Section("reach", TITLES[2], [
                Heading(2, "Reach by nation"),
                Chart("reach", "Meetings by nation", ALT, tiny_png(), "<svg/>", width_cm=12, height_cm=6),
                paragraph("After the chart."),
            ]),
        ])


@pytest.fixture
def rendered(monkeypatch) -> bytes:
    from bidkit.render.docx import render_docx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return render_docx(make_document(), search_path(None))


@pytest.fixture
def word(rendered):
    return docx.Document(io.BytesIO(rendered))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def toc_result(document) -> list[str]:
    """The contents' entries, paragraph by paragraph: the text before the page number's tab."""
    return [p.text.split("\t")[0] for p in document.paragraphs if p.style.name.lower().startswith("toc ")
            and p.style.name.lower() != "toc heading"]


def test_section_headings_in_order(word):
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == TITLES
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 2"] == ["What we will do", "Reach by nation"]
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 3"] == ["A smaller heading"]


def test_text_is_exactly_as_written(word, rendered):
    text = all_text(word)
    assert INJECTION in text                  # escaped: neither bold markup nor a new w:t element
    assert JINJA in text                      # content is never rendered as a template
    assert "49" not in text
    assert text.count(WELSH) >= 2             # the title page and the lead paragraph
    bold = [r.text for p in word.paragraphs for r in p.runs if r.bold]
    assert "not bold" not in " ".join(bold) and "17" in bold


def test_only_web_and_mail_links_become_hyperlinks(word):
    links = [p for p in word.paragraphs if any(h.get(qn("r:id")) for h in p._p.findall(qn("w:hyperlink")))]
    assert len(links) == 1
    targets = {rel.target_ref for rel in word.part.rels.values() if rel.is_external}
    assert targets == {"https://example.org/?a=1&b=2"}
    assert "not a link" in links[0].text


def test_title_page_header_and_footer(word):
    first = "\n".join(p.text for p in word.paragraphs[:12])
    assert WELSH in first and "Lead partner: Wales Council for Voluntary Action" in first
    assert "Version 0.3" in first and "DRAFT" in first and "15 March 2019" in first
    title_page, body = word.sections[0], word.sections[-1]
    assert title_page.different_first_page_header_footer
    assert not "".join(p.text for p in title_page.first_page_header.paragraphs).strip()
    assert "Concept paper" in body.header.paragraphs[0].text and "DRAFT" in body.header.paragraphs[0].text
    footer = body.footer._element.xml
    assert "Page" in body.footer.paragraphs[0].text
    assert re.search(r"instrText[^>]*> PAGE ", footer) and re.search(r"instrText[^>]*> NUMPAGES ", footer)


def test_not_a_draft_says_no_draft(monkeypatch):
    from bidkit.render.docx import render_docx

    word = docx.Document(io.BytesIO(render_docx(make_document(draft=False), search_path(None))))
    assert "DRAFT" not in all_text(word)
    assert "DRAFT" not in word.sections[-1].header.paragraphs[0].text


def test_contents_are_filled_on_first_opening(word):
    entries = toc_result(word)
    assert entries[:1] == ["Summary"]
    for title in TITLES + ["What we will do", "Reach by nation"]:
        assert title in entries
    contents = next(p for p in word.paragraphs if p.text == "Contents")
    assert contents.style.name == "TOC Heading"
    anchors = [link.get(qn("w:anchor")) for link in word.element.body.iter(qn("w:hyperlink"))
               if link.get(qn("w:anchor"))]
    bookmarks = {b.get(qn("w:name")) for b in word.element.body.iter(qn("w:bookmarkStart"))}
    assert anchors and set(anchors) <= bookmarks


def test_contents_have_page_numbers_filled_on_opening(word):
    """Each entry ends in a dotted right tab and a PAGEREF field to its heading's bookmark, marked dirty, and the
    settings ask Word to update fields on opening; no TOC field is left to show a stale result."""
    entries = [p for p in word.paragraphs if p.style.name.lower() in ("toc 1", "toc 2", "toc 3")]
    bookmarks = {b.get(qn("w:name")) for b in word.element.body.iter(qn("w:bookmarkStart"))}
    for p in entries:
        tabs = p._p.pPr.find(qn("w:tabs")).findall(qn("w:tab"))
        assert [(t.get(qn("w:val")), t.get(qn("w:leader"))) for t in tabs] == [("right", "dot")]
        fields = [t.text.split() for t in p._p.iter(qn("w:instrText"))]
        assert len(fields) == 1 and fields[0][0] == "PAGEREF" and fields[0][1] in bookmarks and "\\h" in fields[0]
        begin = next(c for c in p._p.iter(qn("w:fldChar")) if c.get(qn("w:fldCharType")) == "begin")
        assert begin.get(qn("w:dirty")) == "true"
    assert not any("TOC" in (t.text or "") for t in word.element.body.iter(qn("w:instrText")))
    assert word.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_tables_use_table_grid_with_a_repeating_header(word):
    assert len(word.tables) == 2
    assert all(t.style.name == "Table Grid" for t in word.tables)
    facts, budget = word.tables
    first_row = budget.rows[0]._tr.trPr
    assert first_row.find(qn("w:tblHeader")) is not None and first_row.find(qn("w:cantSplit")) is not None
    assert all(r.bold for r in budget.rows[0].cells[0].paragraphs[0].runs)
    assert all(r.bold for r in budget.rows[-1].cells[1].paragraphs[0].runs)          # the totals row
    assert budget.rows[1].cells[1].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    widths = [int(c.get(qn("w:w"))) for c in budget._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[0] == pytest.approx(3 * widths[1], abs=3)
    assert [c.text for c in facts.rows[0].cells] == ["Meetings held", "17"]
    assert facts.rows[0]._tr.trPr.find(qn("w:tblHeader")) is None
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions == ["Engagement at a glance", "Budget by heading"]
    notes = [p.text for p in word.paragraphs if p.style.name == "Note"]
    assert "Meetings by nation" in notes            # under the chart, quiet, as the PDF's figcaption


def test_lists_use_list_styles_and_numbering_restarts(word):
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert styles["First bullet"] == "List Bullet" and styles["Nested bullet"] == "List Bullet 2"
    assert styles["Step one"] == "List Number" and styles["More on step two"] == "Normal"
    step = next(p for p in word.paragraphs if p.text == "Step one")
    num_id = step._p.pPr.numPr.numId.val
    num = word.part.numbering_part.element.num_having_numId(num_id)
    assert num.find(qn("w:lvlOverride")) is not None        # its own numbering, starting at 1


def test_chart_has_alt_text(word):
    doc_prs = word.element.body.xpath(".//wp:docPr")
    assert len(doc_prs) == 1
    assert doc_prs[0].get("descr") == ALT and doc_prs[0].get("title") == "Meetings by nation"
    assert len(word.inline_shapes) == 1
    assert word.inline_shapes[0].width == docx.shared.Cm(12)


def test_core_properties_and_language_are_ours(word, rendered):
    import zipfile

    from lxml import etree

    core = word.core_properties
    assert core.title == f"{WELSH}: Concept paper"
    assert core.author == "Wales Council for Voluntary Action"
    # read core.xml with its real namespaces: importing docxtpl rebinds python-docx's `cp` prefix (docxtpl #471)
    with zipfile.ZipFile(io.BytesIO(rendered)) as zf:
        root = etree.fromstring(zf.read("docProps/core.xml"))
    cp, dc = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "http://purl.org/dc/elements/1.1/"
    assert {el.tag.split("}")[0][1:] for el in root} <= {cp, dc, "http://purl.org/dc/terms/"}
    value = {el.tag.split("}")[1]: el.text for el in root}
    assert len(value) == len(root)                                   # each property once
    assert value["lastModifiedBy"] == "bidkit" and value["revision"] == "1"
    assert value["language"] == "en-GB" and value["keywords"] == "open government, Wales"
    assert value["created"] == value["modified"] == "2019-03-15T00:00:00Z"
    assert "lastPrinted" not in value and "description" not in value or not value["description"]
    lang = word.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_same_bytes_twice_with_source_date_epoch(rendered, monkeypatch):
    from bidkit.render.docx import render_docx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert render_docx(make_document(), search_path(None)) == rendered
    import zipfile

    with zipfile.ZipFile(io.BytesIO(rendered)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_shipped_templates_are_what_the_script_makes():
    spec = importlib.util.spec_from_file_location("make_docx_templates", ROOT / "scripts" / "make_docx_templates.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for name in script.DOCUMENTS:
        assert script.make(name) == (ROOT / "templates" / "docx" / f"{name}.docx").read_bytes(), name


def user_template(tmp_path: Path, text: str) -> list[Path]:
    from docx import Document as NewDocument

    evil = NewDocument()
    evil.add_paragraph(text)
    (tmp_path / "docx").mkdir()
    evil.save(tmp_path / "docx" / "concept-paper.docx")
    return [tmp_path] + search_path(None)


def test_a_hostile_user_template_is_refused(tmp_path):
    from bidkit.render.docx import render_docx

    folders = user_template(tmp_path, "{{ ''.__class__.__mro__ }}")
    with pytest.raises(BidkitError) as caught:
        render_docx(make_document(), folders)
    assert "concept-paper.docx" in str(caught.value) and "unsafe" in str(caught.value)


def test_a_broken_user_template_names_the_file(tmp_path):
    from bidkit.render.docx import render_docx

    with pytest.raises(BidkitError, match=r"concept-paper\.docx.*no_such_field"):
        render_docx(make_document(), user_template(tmp_path, "{{ doc.no_such_field }}"))


def test_a_user_template_overrides_the_shipped_one(tmp_path):
    from bidkit.render.docx import render_docx

    folders = user_template(tmp_path, "{{ doc.title }} for {{ doc.lead }}")
    word = docx.Document(io.BytesIO(render_docx(make_document(), folders)))
    assert [p.text for p in word.paragraphs] == [f"{WELSH} for Wales Council for Voluntary Action"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_opens_in_libreoffice(rendered, tmp_path):
    import pypdf

    source = tmp_path / "concept-paper.docx"
    source.write_bytes(rendered)
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    pages = pypdf.PdfReader(tmp_path / "concept-paper.pdf").pages
    text = re.sub(r"\s+", " ", "".join(page.extract_text() for page in pages))
    for title in TITLES:
        assert title in text
    assert "R&D <b>not bold</b>" in text and "pŵer pobl" in text


def test_noto_sans_is_embedded_as_the_standard_says(rendered):
    """ECMA-376 §17.8.1: each face an obfuscated part named in fontTable.xml with its key; deobfuscated (the same
    XOR again) it is the shipped font, byte for byte; the settings ask for embedded fonts to be used."""
    import zipfile

    from bidkit.render.docx_fonts import FACES, obfuscate

    fonts = Path(__file__).resolve().parent.parent / "templates" / "fonts"
    with zipfile.ZipFile(io.BytesIO(rendered)) as z:
        table = z.read("word/fontTable.xml").decode()
        rels = z.read("word/_rels/fontTable.xml.rels").decode()
        assert "<w:embedTrueTypeFonts/>" in z.read("word/settings.xml").decode()
        assert 'Extension="odttf"' in z.read("[Content_Types].xml").decode()
        entry = re.search(r'<w:font w:name="Noto Sans">.*?</w:font>', table, re.S).group(0)
        for kind, name in FACES:
            rel_id, key = re.search(rf'<w:{kind} r:id="([^"]+)" w:fontKey="([^"]+)"/>', entry).groups()
            target = re.search(rf'Id="{rel_id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rel_id}"',
                               rels).group(1)
            assert obfuscate(z.read(f"word/{target}"), key) == (fonts / name).read_bytes()
