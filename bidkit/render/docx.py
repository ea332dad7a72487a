"""One document as DOCX: the Word template (docxtpl, sandboxed and autoescaped) plus the content built with
python-docx in real Word styles, so a facilitator can keep editing it.

The template gives the page (title page, header, footer, styles, where the contents go); each section's body is
a Subdoc of real paragraphs, lists, tables and pictures (see docx_items). After rendering, the table of contents
is filled in (so it is not empty on first opening), core properties and the language are set by us, and the zip
is written with fixed times and order so the same evidence and SOURCE_DATE_EPOCH give the same bytes.

docxtpl and python-docx are imported inside render_docx: they cost a noticeable fraction of a second, and a
build that has nothing to do should not pay it.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from jinja2 import TemplateError
from markupsafe import Markup

from ..documents.content import Document
from ..problems import BidkitError
from .docx_guard import objections, own_properties
from .docx_fonts import embedded, shipped_fonts
from .reproducible import core_xml, moment, stable_zip
from .templating import describe, environment, find, untranslated_warnings, watched


def open_template(path: Path):
    """The DocxTemplate, refusing zip bombs and files python-docx cannot read with a message, not a trace."""
    from docxtpl import DocxTemplate

    from ..evidence.files import check_zip
    from ..evidence.tables import ReadError

    try:
        check_zip(path, "Word template")
        refused = objections(path)
        if refused:
            raise BidkitError(f"the Word template {path} cannot be used: " + "; ".join(refused))
        template = DocxTemplate(str(path))
        template.init_docx()
    except ReadError as exc:
        raise BidkitError(f"{path}: {exc}") from None
    except BidkitError:
        raise
    except Exception as exc:  # python-docx raises several types for a damaged file
        raise BidkitError(f"{path} is not a Word document bidkit can read ({type(exc).__name__})") from None
    return template


def text_width(docx_document):
    """The width between the margins of the body section, so tables and charts fit the user's page setup."""
    from docx.shared import Cm

    section = docx_document.sections[-1]
    try:
        return section.page_width - section.left_margin - section.right_margin
    except TypeError:       # a template without page size or margins
        return Cm(17)


def context(document: Document, sections: list[dict]) -> dict:
    """What the template sees: plain text, numbers, lists and dicts, nothing with a method that touches a file.
    `doc.sections` and `sections` are the same list, each with `title` and `body`, the section's content already
    turned into WordprocessingML (a Subdoc object would hand the template `save`, `add_picture` and the whole
    DocxTemplate)."""
    doc = {name: getattr(document, name) for name in
           ("id", "name", "title", "subtitle", "lead", "date", "version", "draft", "lang")}
    doc.update(labels=dict(document.labels), keywords=list(document.keywords), sections=sections)
    return {"doc": doc, "sections": sections}


def render_docx(document: Document, folders: list[Path], warnings: list[str] | None = None) -> bytes:
    """The DOCX bytes for one document, from `docx/<id>.docx` in the first template folder that has it."""
    from lxml import etree

    from .docx_items import Writer

    path = find(folders, f"docx/{document.id}.docx")
    template = open_template(path)
    part = template.get_docx().part
    width = text_width(template.get_docx())
    sections = []
    for section in document.sections:
        body = template.new_subdoc()
        writer = Writer(body, part, width)
        for item in section.items:
            writer.add(item)
        sections.append({"id": section.id, "title": section.title, "body": Markup(body._get_xml())})

    lang = document.lang.split("-")[0]
    env = environment(folders, lang, autoescape=True)
    # plain gettext returns str, which is then escaped for XML like any value (the newstyle one returns Markup)
    env.globals["_"] = watched(lang, env.untranslated)[0]
    try:
        template.render(context(document, sections), jinja_env=env, autoescape=True)
    except (TemplateError, OverflowError) as exc:   # the sandbox raises OverflowError for a huge range()
        near = " / ".join(t.strip() for t in getattr(exc, "docx_context", []) or [] if t.strip())
        raise BidkitError(f"template error in {path}: {describe(exc)}"
                          + (f" (near: {near[:200]})" if near else "")) from None
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise BidkitError(f"template {path} did not give a valid Word document: {exc}") from None
    except RecursionError:
        raise BidkitError(f"template error in {path}: a macro or include calls itself without end") from None

    if warnings is not None:
        warnings += untranslated_warnings(env, lang)
    result = template.docx
    fill_toc(result)
    set_properties(result, document)
    buffer = io.BytesIO()
    result.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written:
        names = written.namelist()
    fonts = embedded(buffer.getvalue(), shipped_fonts(find, folders))
    return stable_zip(buffer.getvalue(), {**own_properties(names), **fonts})


# ---------------------------------------------------------------------------------------------- contents
def toc_levels(instruction: str) -> range:
    """The heading levels a TOC field lists: its `\\o "1-3"` switch, else 1-3 as Word does."""
    match = re.search(r'\\o\s+"(\d)-(\d)"', instruction)
    return range(int(match.group(1)), int(match.group(2)) + 1) if match else range(1, 4)


def fill_toc(docx_document) -> None:
    """Replace the template's TOC field with the contents themselves: each heading linked to a bookmark on it, a
    dotted leader, and its page number as a PAGEREF field that Word and LibreOffice fill in on opening (only a
    layout engine knows the pages). A TOC field would show its stored result, empty or stale, until updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Twips
    from docx.text.paragraph import Paragraph as DocxParagraph

    body = docx_document.element.body
    found = field_paragraphs(body, qn)
    if found is None:
        return
    first, old_result, separate, instruction = found
    levels = toc_levels(instruction)
    style_ids = {s.name.lower(): s.style_id for s in docx_document.styles}
    headings = {style_ids.get(f"heading {n}", f"Heading{n}"): n for n in levels}
    existing = [int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart")) if b.get(qn("w:id"), "").isdigit()]
    next_id = max(existing, default=0) + 1

    entries = []
    for p in body.iterchildren(qn("w:p")):
        ppr = p.pPr
        level = headings.get(ppr.style if ppr is not None else None)
        text = DocxParagraph(p, None).text.strip()
        if level is None or not text:
            continue
        name = f"_Toc{next_id:08d}"
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(next_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(next_id))
        (ppr.addnext if ppr is not None else (lambda e: p.insert(0, e)))(start)
        p.append(end)
        entries.append((name, text, level))
        next_id += 1

    # The TOC field goes; its paragraphs stay, one a heading, each with a PAGEREF field for its page number.
    # LibreOffice shows a TOC field's stored result until someone updates it by hand (so "?" for every page), but
    # computes a PAGEREF field itself; Word updates both on opening (`updateFields`).
    for child in list(first):
        if child is not first.pPr:
            first.remove(child)
    for p in old_result:
        body.remove(p)
    paragraphs = [first]
    section = docx_document.sections[0]
    width = int((section.page_width - section.left_margin - section.right_margin) / 635)     # EMU -> twips
    for i, (anchor, text, level) in enumerate(entries):
        p = first if i == 0 else OxmlElement("w:p")
        ppr = p.get_or_add_pPr()
        ppr.style = style_ids.get(f"toc {level}", f"TOC{level}")
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
        run, t = OxmlElement("w:r"), OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        link.append(run)
        for part in page_number(anchor, qn, OxmlElement):
            link.append(part)
        p.append(link)
        DocxParagraph(p, None).paragraph_format.tab_stops.add_tab_stop(Twips(width), WD_TAB_ALIGNMENT.RIGHT,
                                                                       WD_TAB_LEADER.DOTS)
        if i:
            paragraphs[-1].addnext(p)
            paragraphs.append(p)
    update_fields_on_open(docx_document, qn, OxmlElement)


def page_number(anchor: str, qn, OxmlElement) -> list:
    """A tab, then a PAGEREF field to the heading's bookmark marked dirty: the page number is the layout engine's
    to know, so Word and LibreOffice fill it in when they open the file (with `updateFields` in the settings)."""
    def run(*children):
        r = OxmlElement("w:r")
        for child in children:
            r.append(child)
        return r

    def char(kind: str):
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            c.set(qn("w:dirty"), "true")
        return c
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" PAGEREF {anchor} \\h "
    result = OxmlElement("w:t")
    result.text = ""
    return [run(OxmlElement("w:tab")), run(char("begin")), run(instr), run(char("separate")), run(result),
            run(char("end"))]


def update_fields_on_open(docx_document, qn, OxmlElement) -> None:
    """`w:updateFields` in the settings, in its place in the schema's order (Word refuses a file otherwise)."""
    from lxml import etree

    settings = docx_document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    following = next((child for child in settings if isinstance(child.tag, str)
                      and etree.QName(child).localname in SETTINGS_AFTER_UPDATE_FIELDS), None)
    if following is None:
        settings.append(flag)
    else:
        following.addprevious(flag)


SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def field_paragraphs(body, qn):
    """(first paragraph, later paragraphs up to the field's end, the run holding `separate`, instruction) of the
    first TOC field in the body, or None. The field ends in a later paragraph when a template was saved in Word
    with a result in it; those paragraphs are the old result and are replaced."""
    fld, instr_tag = qn("w:fldChar"), qn("w:instrText")
    children = list(body.iterchildren(qn("w:p")))
    for i, p in enumerate(children):
        instr = next((t for t in p.iter(instr_tag) if (t.text or "").strip().upper().startswith("TOC")), None)
        if instr is None:
            continue
        marks = [(j, el) for j in range(i, len(children)) for el in children[j].iter(fld, instr_tag)]
        at = next(k for k, (_, el) in enumerate(marks) if el is instr)
        begins = [k for k, (_, el) in enumerate(marks[:at]) if el.tag == fld and el.get(qn("w:fldCharType")) == "begin"]
        if not begins:
            return None
        depth, separate, instruction = 0, None, ""
        for j, el in marks[begins[-1]:]:
            if el.tag == instr_tag:
                instruction += (el.text or "") if depth == 1 and separate is None else ""
                continue
            kind = el.get(qn("w:fldCharType"))
            if kind == "begin":
                depth += 1
            elif kind == "separate" and depth == 1:
                separate = el.getparent()
            elif kind == "end":
                depth -= 1
                if depth == 0:
                    if separate is None or separate.getparent() is not p:
                        return None         # a field shape we do not know: leave it as the template has it
                    return p, children[i + 1:j + 1], separate, instruction
        return None
    return None


# ---------------------------------------------------------------------------------------------- properties
def replace_core_properties(docx_document, xml: bytes) -> None:
    """Put our core.xml in place of whatever the template had (python-docx adds the part if it is missing)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.oxml.parser import parse_xml

    docx_document.core_properties          # makes the part when the template has none
    for part in docx_document.part.package.iter_parts():
        if part.content_type == CT.OPC_CORE_PROPERTIES:
            part._element = parse_xml(xml)


def set_properties(docx_document, document: Document) -> None:
    """Core properties are ours, never the template's (a template's author or comments must not leak into
    every bid), and the document language is set where Word and LibreOffice read it: the default run
    properties in styles.xml (spelling, hyphenation, screen readers) and dc:language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    replace_core_properties(docx_document, core_xml(
        title=f"{document.title}: {document.name}",      # as the PDF's title, so both formats agree
        author=document.lead, when=moment(), subject=document.subtitle, keywords=", ".join(document.keywords),
        category=document.name, language=document.lang, status="Draft" if document.draft else "Final",
        version=document.version))

    styles = docx_document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), document.lang)


def render(document: Document, folders: list[Path]) -> tuple[bytes, list[str]]:
    warnings: list[str] = []
    return render_docx(document, folders, warnings), warnings
