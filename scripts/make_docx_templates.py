"""Generates the default Word templates in templates/docx/ (one per document), with python-docx.

They are ordinary Word files a facilitator can open and restyle: real styles (Title, Heading 1-3, List Bullet,
List Number, Table Grid, Caption, TOC 1-2), an A4 page, a title page, running headers and "Page N of M" footers.
The Jinja tags (docxtpl) are each kept in one run so Word does not split them. Rerunning gives the same files.

Run: .venv/bin/python scripts/make_docx_templates.py
"""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from bidkit.render_docx import TOC_MARKER, stable_zip

OUT = Path(__file__).resolve().parent.parent / "templates" / "docx"
DOCUMENTS = ("concept-paper", "project-report", "funding-proposal")
FONT = "Noto Sans"
ACCENT = RGBColor(0x00, 0x4F, 0x8C)
QUIET = RGBColor(0x55, 0x55, 0x55)


def set_font(style, size: float, bold: bool = False, colour: RGBColor | None = None, italic: bool = False):
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    if colour is not None:
        style.font.color.rgb = colour
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def paragraph_style(doc, name: str, base: str = "Normal"):
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        return style


def styles(doc) -> None:
    normal = doc.styles["Normal"]
    set_font(normal, 11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.2
    for name, size in (("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12)):
        style = doc.styles[name]
        set_font(style, size, bold=True, colour=ACCENT)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12 if name != "Heading 1" else 0)
        style.paragraph_format.space_after = Pt(6)
    doc.styles["Heading 1"].paragraph_format.page_break_before = True
    set_font(doc.styles["Title"], 26, bold=True, colour=RGBColor(0x1A, 0x1A, 0x1A))
    set_font(doc.styles["Subtitle"], 13, colour=QUIET)
    set_font(doc.styles["Caption"], 10, bold=True, colour=RGBColor(0x1A, 0x1A, 0x1A))
    doc.styles["Caption"].paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2"):
        set_font(doc.styles[name], 11)
    note = paragraph_style(doc, "Note")
    set_font(note, 9.5, colour=QUIET)
    name = paragraph_style(doc, "Document Name")
    set_font(name, 14, bold=True, colour=ACCENT)
    draft = paragraph_style(doc, "Draft Mark")
    set_font(draft, 20, bold=True, colour=RGBColor(0xA3, 0x00, 0x00))
    draft.paragraph_format.space_before = Pt(36)
    heading = paragraph_style(doc, "TOC Heading")
    set_font(heading, 18, bold=True, colour=ACCENT)
    for level in (1, 2):
        toc = paragraph_style(doc, f"TOC {level}")
        set_font(toc, 11)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(3)
    for style_name in ("Header", "Footer"):
        set_font(paragraph_style(doc, style_name), 8.5, colour=QUIET)
    grid = doc.styles["Table Grid"]
    set_font(grid, 9.5)
    # the document's language, for spelling and screen readers (bidkit sets it again per project)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")


def field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES) with a result already in it."""
    def run_with(element):
        run = paragraph.add_run()
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def make(name: str) -> bytes:
    doc = Document()
    styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin = section.bottom_margin = Cm(2.2)

    # Title page
    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph("{{ doc.name }}", style="Document Name")
    doc.add_paragraph("{{ doc.title }}", style="Title")
    doc.add_paragraph("{{ doc.subtitle }}", style="Subtitle")
    doc.add_paragraph()
    doc.add_paragraph('{{ _("Lead partner") }}: {{ doc.lead }}')
    doc.add_paragraph('{{ _("Date") }}: {{ doc.date }}')
    doc.add_paragraph('{{ _("Version") }}: {{ doc.version }}')
    doc.add_paragraph("{%p if doc.draft %}")
    doc.add_paragraph('{{ _("DRAFT") }} · {{ _("not for submission") }}', style="Draft Mark")
    doc.add_paragraph("{%p endif %}")

    # Body: its own section, with running header and page numbers
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    body.header.is_linked_to_previous = False
    body.footer.is_linked_to_previous = False
    header = body.header.paragraphs[0]
    header.text = '{{ doc.title }} · {{ doc.name }}{% if doc.draft %} · {{ _("DRAFT") }}{% endif %}'
    header.style = doc.styles["Header"]
    footer = body.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run('{{ _("Page") }} ')
    field(footer, "PAGE")
    footer.add_run(' {{ _("of") }} ')
    field(footer, "NUMPAGES")
    # the title page (section 1) keeps an empty header and footer
    doc.sections[0].header.is_linked_to_previous = False
    doc.sections[0].footer.is_linked_to_previous = False

    doc.add_paragraph('{{ _("Contents") }}', style="TOC Heading")
    doc.add_paragraph(TOC_MARKER, style="TOC 1")
    doc.add_paragraph("{%p for section in sections %}")
    doc.add_paragraph("{{ section.title }}", style="Heading 1")
    doc.add_paragraph("{{p section.body }}")
    doc.add_paragraph("{%p endfor %}")

    core = doc.core_properties
    core.title, core.author, core.comments, core.keywords = f"bidkit template: {name}", "bidkit", "", ""
    core.last_modified_by, core.revision = "bidkit", 1
    from datetime import datetime

    core.created = core.modified = datetime(2019, 1, 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in DOCUMENTS:
        (OUT / f"{name}.docx").write_bytes(make(name))
        print(f"wrote {OUT / name}.docx")


if __name__ == "__main__":
    main()
