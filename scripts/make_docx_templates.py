"""Generates the default Word templates in templates/docx/ (one per document), with python-docx.

They are ordinary Word files a facilitator can open and restyle: real styles (Normal, Title, Subtitle,
Heading 1-3, List Bullet/Number with real numbering, Table Grid, Caption, TOC Heading, TOC 1-3, Hyperlink),
an A4 page, a title page without header or footer, then a section with a running header and a "Page N of M"
footer built from real PAGE and NUMPAGES fields. Jinja tags (docxtpl) are each written in one run so nothing
splits them, and every fixed label goes through `_()`. The files are written with fixed zip times, so rerunning
gives the same bytes.

Run: .venv/bin/python scripts/make_docx_templates.py
"""
from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bidkit.render.docx import replace_core_properties  # noqa: E402
from bidkit.render.reproducible import core_xml, stable_zip  # noqa: E402

OUT = ROOT / "templates" / "docx"
from bidkit.documents import DOCUMENTS  # noqa: E402  (the one registry of document ids)
FONT = "Noto Sans"          # shipped in templates/fonts; Word falls back to a similar sans serif without it
INK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x00, 0x4F, 0x8C)
QUIET = RGBColor(0x55, 0x55, 0x55)
DRAFT = RGBColor(0xA3, 0x00, 0x00)
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


# ---------------------------------------------------------------------------------------------- styles
def fonts(rpr) -> None:
    """Name the font outright (no theme fonts: the theme says Calibri/Cambria)."""
    el = rpr.find(qn("w:rFonts"))
    if el is None:
        el = OxmlElement("w:rFonts")
        rpr.insert(0, el)
    for attr in list(el.attrib):
        del el.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        el.set(qn(attr), FONT)


def look(style, size: float, bold: bool = False, colour: RGBColor | None = INK, italic: bool = False) -> None:
    style.font.size = Pt(size)
    style.font.bold, style.font.italic = bold, italic
    if colour is not None:
        style.font.color.rgb = colour
        color = style.element.rPr.find(qn("w:color"))
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)
    fonts(style.element.get_or_add_rPr())


def builtin(doc, name: str, ui_name: str, kind=WD_STYLE_TYPE.PARAGRAPH, base: str | None = "Normal"):
    """A style Word knows as built-in (e.g. `toc 1`, shown as "TOC 1"): Word's own TOC update uses exactly
    these, so restyling them in Word restyles the contents."""
    for style in doc.styles:
        if style.name in (name, ui_name):
            return style
    style = doc.styles.add_style(name, kind)
    style.element.attrib.pop(qn("w:customStyle"), None)
    style.element.set(qn("w:styleId"), ui_name.replace(" ", ""))
    if base:
        style.base_style = doc.styles[base]
    style.hidden, style.unhide_when_used, style.priority = False, True, 39
    return style


def custom(doc, name: str, base: str = "Normal"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def defaults(doc) -> None:
    """Document defaults: the font, 11pt, the language (bidkit sets it per project), and paragraph spacing
    (in the defaults, not Normal, so the Table Grid style's tighter spacing still applies inside tables)."""
    root = doc.styles.element.find(qn("w:docDefaults"))
    rpr = root.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts(rpr)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    spacing = root.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "276")


def styles(doc) -> None:
    defaults(doc)
    look(doc.styles["Normal"], 11)
    for level, size in ((1, 18), (2, 14), (3, 12)):
        style = doc.styles[f"Heading {level}"]
        look(style, size, bold=True, colour=ACCENT)
        fmt = style.paragraph_format
        fmt.keep_with_next, fmt.keep_together = True, True
        fmt.space_before, fmt.space_after = Pt(0 if level == 1 else 14), Pt(6)
        ppr = style.element.get_or_add_pPr()
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = OxmlElement("w:outlineLvl")
            ppr.append(outline)
        outline.set(qn("w:val"), str(level - 1))
    doc.styles["Heading 1"].paragraph_format.page_break_before = True   # each section on a new page, as the PDF

    title = doc.styles["Title"]
    look(title, 28, bold=True)
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    title.paragraph_format.space_after = Pt(6)
    subtitle = doc.styles["Subtitle"]
    look(subtitle, 14, colour=QUIET)
    num_pr = subtitle.element.pPr.find(qn("w:numPr"))
    if num_pr is not None:           # the default Subtitle carries a stray list level
        subtitle.element.pPr.remove(num_pr)
    subtitle.paragraph_format.space_after = Pt(30)
    for el in (title.element.rPr.find(qn("w:spacing")), subtitle.element.rPr.find(qn("w:spacing"))):
        if el is not None:                 # the default letter-spacing looks odd in Noto Sans
            el.getparent().remove(el)

    caption = doc.styles["Caption"]
    look(caption, 10, bold=True)
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(10), Pt(4)
    caption.paragraph_format.keep_with_next = True
    caption.hidden, caption.unhide_when_used = False, False

    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2", "List Bullet 3", "List Number 3"):
        doc.styles[name].paragraph_format.space_after = Pt(3)

    toc_heading = doc.styles["TOC Heading"]
    look(toc_heading, 18, bold=True, colour=ACCENT)
    toc_heading.paragraph_format.page_break_before = False
    toc_heading.hidden, toc_heading.unhide_when_used = False, False
    for level in (1, 2, 3):
        toc = builtin(doc, f"toc {level}", f"TOC {level}")
        look(toc, 11 if level == 1 else 10.5, bold=level == 1)
        fmt = toc.paragraph_format
        fmt.left_indent, fmt.space_before, fmt.space_after = Cm(0.6 * (level - 1)), Pt(4 if level == 1 else 0), Pt(2)
        fmt.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    link = builtin(doc, "Hyperlink", "Hyperlink", WD_STYLE_TYPE.CHARACTER, base=None)
    link.font.color.rgb, link.font.underline = ACCENT, True
    link.priority = 99

    header, footer = doc.styles["Header"], doc.styles["Footer"]
    look(header, 8.5, colour=QUIET)
    look(footer, 8.5, colour=QUIET)
    bottom_rule(header)

    look(custom(doc, "Note"), 9.5, colour=QUIET)
    look(custom(doc, "Lead Paragraph"), 12.5)
    name = custom(doc, "Document Name")
    look(name, 16, bold=True, colour=ACCENT)
    name.paragraph_format.space_before = Pt(0)
    name.paragraph_format.space_after = Pt(4)
    draft = custom(doc, "Draft Mark")
    look(draft, 28, bold=True, colour=DRAFT)
    draft.paragraph_format.space_before = Pt(48)
    look(custom(doc, "Title Page Detail"), 12)

    look(doc.styles["Table Grid"], 10)


def bottom_rule(style) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "999999")):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    ppr.insert(0, borders)


def numbering(doc) -> None:
    """Bullets as plain Unicode in the body font (the default uses a Symbol-font glyph some readers show as a
    box), and second-level numbers as letters."""
    root = doc.part.numbering_part.element
    for lvl in root.iter(qn("w:lvl")):
        fmt = lvl.find(qn("w:numFmt")).get(qn("w:val"))
        style = lvl.find(qn("w:pStyle"))
        style = style.get(qn("w:val")) if style is not None else ""
        text = lvl.find(qn("w:lvlText"))
        if fmt == "bullet":
            text.set(qn("w:val"), "–" if style.endswith("2") else "•")
            fonts(lvl.find(qn("w:rPr")))
        elif style == "ListNumber2":
            lvl.find(qn("w:numFmt")).set(qn("w:val"), "lowerLetter")


# ---------------------------------------------------------------------------------------------- page
def field(paragraph, instruction: str, result: str) -> None:
    """A complex field (PAGE, NUMPAGES, TOC) with a result already in it, as Word writes one."""
    def char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(result)
    char("end")


def a4(section) -> None:
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1)


def title_page(doc) -> None:
    doc.add_paragraph("{{ doc.title }}", style="Title").paragraph_format.space_before = Pt(150)
    doc.add_paragraph("{{ doc.name }}", style="Document Name")
    doc.add_paragraph("{{ doc.subtitle }}", style="Subtitle")
    doc.add_paragraph('{{ _("Lead partner") }}: {{ doc.lead }}', style="Title Page Detail")
    doc.add_paragraph("{{ doc.date }}", style="Title Page Detail")
    doc.add_paragraph('{{ _("Version") }} {{ doc.version }}', style="Title Page Detail")
    doc.add_paragraph('{% if doc.draft %}{{ _("DRAFT") }}{% endif %}', style="Draft Mark")


def running_header_and_footer(section) -> None:
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.style = "Header"
    header.add_run('{{ doc.title }} · {{ doc.name }}{% if doc.draft %} · {{ _("DRAFT") }}{% endif %}')
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run('{{ _("Page") }} ')
    field(footer, "PAGE", "1")
    footer.add_run(' {{ _("of") }} ')
    field(footer, "NUMPAGES", "1")


def body(doc) -> None:
    doc.add_paragraph('{{ _("Contents") }}', style="TOC Heading")
    toc = doc.add_paragraph(style="toc 1")
    field(toc, TOC_INSTRUCTION, '{{ _("Update this field to list the headings.") }}')
    doc.add_paragraph("{%p for section in doc.sections %}")
    doc.add_paragraph("{{ section.title }}", style="Heading 1")
    doc.add_paragraph("{{p section.body }}")
    doc.add_paragraph("{%p endfor %}")


def tidy_package(doc) -> None:
    """Drop parts of python-docx's own template that would be stale here: the thumbnail (a picture of an empty
    page) and stylesWithEffects (a Word 2010 copy of the styles that would not have ours)."""
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]


def make(name: str) -> bytes:
    doc = Document()
    tidy_package(doc)
    styles(doc)
    numbering(doc)
    a4(doc.sections[0])
    title_page(doc)
    doc.add_section(WD_SECTION.NEW_PAGE)
    title, main = doc.sections
    # the title page: its own section with a different first page and empty headers and footers
    title.different_first_page_header_footer = True
    for part in (title.header, title.footer, title.first_page_header, title.first_page_footer):
        part.is_linked_to_previous = False
        for paragraph in part.paragraphs:
            paragraph.style = "Normal"          # not Header: its bottom rule would show on the title page
    running_header_and_footer(main)
    body(doc)

    replace_core_properties(doc, core_xml(f"bidkit template: {name}", "bidkit", datetime(2019, 1, 1)))
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
