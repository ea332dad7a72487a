"""One document as DOCX: the Word template (docxtpl, sandboxed and autoescaped) plus the content built with
python-docx in real Word styles, so a facilitator can keep editing it.

The template gives the page (title page, header, footer, styles); each section's body is a Subdoc of real
paragraphs, lists, tables and pictures. After rendering, the table of contents is filled in (so it is not
empty on first opening), core properties are set by us, and the zip is written with fixed times so the same
evidence and SOURCE_DATE_EPOCH give the same bytes.
"""
from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import TemplateError

from .content import Chart, Document, Facts, Heading, Item, ListBlock, Paragraph, Run, Table
from .problems import BidkitError
from .templating import describe, environment, find

TOC_MARKER = "[[TOC]]"
SAFE_LINK = ("http://", "https://", "mailto:")


def stable_zip(data: bytes) -> bytes:
    """The same entries with a fixed time and mode: identical input, identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def moment() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise BidkitError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{epoch}'") from None
    return datetime.now(timezone.utc).replace(tzinfo=None).replace(microsecond=0)


class Writer:
    """Adds content items to a python-docx body (a Subdoc) in the template's styles."""

    def __init__(self, body, part):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        self.body, self.part = body, part
        self.OxmlElement, self.qn, self.Cm, self.Pt = OxmlElement, qn, Cm, Pt
        self.numbering = part.numbering_part.element

    # ---------------------------------------------------------------- text
    def runs(self, paragraph, runs: list[Run]) -> None:
        for run in runs:
            if run.href and run.href.lower().startswith(SAFE_LINK):
                self.hyperlink(paragraph, run)
            else:
                r = paragraph.add_run(run.text)
                r.bold, r.italic = run.bold or None, run.italic or None

    def hyperlink(self, paragraph, run: Run) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        rid = self.part.relate_to(run.href, RT.HYPERLINK, is_external=True)
        link = self.OxmlElement("w:hyperlink")
        link.set(self.qn("r:id"), rid)
        r = paragraph.add_run(run.text)
        r.bold, r.italic = run.bold or None, run.italic or None
        r.font.underline = True
        from docx.shared import RGBColor

        r.font.color.rgb = RGBColor(0x00, 0x4F, 0x8C)
        r._r.getparent().remove(r._r)
        link.append(r._r)
        paragraph._p.append(link)

    def paragraph(self, item: Paragraph, style: str | None = None):
        chosen = style or {"note": "Note"}.get(item.style, None)
        p = self.body.add_paragraph(style=self.style(chosen) if chosen else None)
        self.runs(p, item.runs)
        return p

    def style(self, name: str | None):
        try:
            return self.body.styles[name] if name else None
        except KeyError:
            return None

    # ---------------------------------------------------------------- lists
    def new_numbering(self, ordered: bool) -> int:
        """A numbering instance of its own, so every numbered list starts at 1."""
        style = self.body.styles["List Number" if ordered else "List Bullet"]
        num_id = style.element.pPr.numPr.numId.val
        abstract = self.numbering.num_having_numId(num_id).abstractNumId.val
        num = self.numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return num.numId

    def listing(self, block: ListBlock, level: int = 1) -> None:
        base = "List Number" if block.ordered else "List Bullet"
        style = base if level == 1 else f"{base} 2"
        num_id = self.new_numbering(block.ordered) if block.ordered and level == 1 else None
        for entry in block.items:
            first = True
            for item in entry:
                if isinstance(item, Paragraph) and first:
                    p = self.paragraph(item, style)
                    if num_id is not None:
                        p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
                    first = False
                elif isinstance(item, ListBlock):
                    self.listing(item, level + 1)
                elif isinstance(item, Paragraph):
                    self.paragraph(item).paragraph_format.left_indent = self.Cm(0.63 * level)
                else:
                    self.add(item)

    # ---------------------------------------------------------------- tables and pictures
    def caption(self, text: str) -> None:
        self.body.add_paragraph(text, style=self.style("Caption"))

    def table(self, columns: list[str] | None, rows: list[list[str]], numeric: list[bool],
              footer: list[str] | None = None, widths: list[float] | None = None, row_headers: bool = False):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        width = len(columns) if columns else len(rows[0])
        all_rows = ([columns] if columns else []) + rows + ([footer] if footer else [])
        table = self.body.add_table(rows=len(all_rows), cols=width)
        table.style = self.style("Table Grid")
        for r, values in enumerate(all_rows):
            row = table.rows[r]
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(self.OxmlElement("w:cantSplit"))
            if columns and r == 0:
                tr_pr.append(self.OxmlElement("w:tblHeader"))
            bold_row = (columns and r == 0) or (footer and r == len(all_rows) - 1)
            for c, value in enumerate(values):
                cell = row.cells[c]
                para = cell.paragraphs[0]
                run = para.add_run(str(value))
                run.bold = bool(bold_row or (row_headers and c == 0)) or None
                if numeric and c < len(numeric) and numeric[c]:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.widths(table, widths or [1] * width)
        self.body.add_paragraph()
        return table

    def widths(self, table, relative: list[float], total_cm: float = 17.0) -> None:
        """Fixed column widths in the grid and every cell: Word and LibreOffice then agree on the layout."""
        table.autofit = False
        cms = [self.Cm(total_cm * w / sum(relative)) for w in relative]
        for col, width in zip(table._tbl.tblGrid.findall(self.qn("w:gridCol")), cms):
            col.set(self.qn("w:w"), str(int(width.twips)))
        for row in table.rows:
            for cell, width in zip(row.cells, cms):
                cell.width = width

    def picture(self, chart: Chart) -> None:
        self.body.add_picture(io.BytesIO(chart.png), width=self.Cm(chart.width_cm))
        paragraph = self.body.paragraphs[-1]
        for doc_pr in paragraph._p.xpath(".//wp:docPr"):
            doc_pr.set("descr", chart.alt)
            doc_pr.set("title", chart.title)
        paragraph.paragraph_format.keep_with_next = True
        self.body.add_paragraph(chart.title, style=self.style("Caption"))

    # ---------------------------------------------------------------- any item
    def add(self, item: Item) -> None:
        if isinstance(item, Paragraph):
            self.paragraph(item)
        elif isinstance(item, Heading):
            self.body.add_paragraph(item.text, style=self.style(f"Heading {item.level}"))
        elif isinstance(item, ListBlock):
            self.listing(item)
        elif isinstance(item, Table):
            self.caption(item.caption)
            self.table(item.columns, item.rows, item.numeric, item.footer, item.widths)
        elif isinstance(item, Facts) and item.pairs:
            self.caption(item.caption)
            self.table(None, [[label, value] for label, value in item.pairs], [], widths=[2, 3], row_headers=True)
        elif isinstance(item, Chart):
            self.picture(item)


def fill_toc(docx_document) -> None:
    """Replace the marker paragraph with a TOC field whose result already lists the headings."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = docx_document.element.body
    marker = next((p for p in docx_document.paragraphs if p.text.strip() == TOC_MARKER), None)
    if marker is None:
        return
    headings = [p for p in docx_document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    entries = []
    for number, heading in enumerate(headings, start=1):
        name = f"_Toc{number:05d}"
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(number))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(number))
        heading._p.insert(1 if heading._p.pPr is not None else 0, start)
        heading._p.append(end)
        entries.append((name, heading.text, 1 if heading.style.name == "Heading 1" else 2))

    def fld(kind: str):
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        return run

    paragraphs = []
    for i, (anchor, text, level) in enumerate(entries or [("", "", 1)]):
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), docx_document.styles[f"TOC {level}"].style_id)
        ppr.append(style)
        p.append(ppr)
        if i == 0:
            p.append(fld("begin"))
            instr_run = OxmlElement("w:r")
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = ' TOC \\o "1-2" \\h \\z \\u '
            instr_run.append(instr)
            p.append(instr_run)
            p.append(fld("separate"))
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor)
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        link.append(run)
        p.append(link)
        if i == len(entries or [0]) - 1:
            p.append(fld("end"))
        paragraphs.append(p)
    for p in paragraphs:
        marker._p.addprevious(p)
    body.remove(marker._p)


def set_properties(docx_document, document: Document) -> None:
    """Core properties are ours, never the template's; the contact block is never among them."""
    core = docx_document.core_properties
    core.title = f"{document.title}: {document.name}"
    core.subject = document.subtitle
    core.author = document.lead
    core.keywords = ", ".join(document.keywords)
    core.language = document.lang
    core.last_modified_by = "bidkit"
    core.comments = ""
    core.category = document.name
    core.identifier = ""
    core.content_status = "Draft" if document.draft else "Final"
    core.version = document.version
    core.revision = 1
    core.created = core.modified = moment()
    core.last_printed = datetime(2000, 1, 1)
    from docx.oxml.ns import qn

    defaults = docx_document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), document.lang)


def render_docx(document: Document, folders: list[Path]) -> bytes:
    from docxtpl import DocxTemplate

    from .i18n import gettext_for

    name = f"docx/{document.id}.docx"
    path = find(folders, name)
    from .readers import ReadError, check_zip

    try:
        check_zip(path, "Word template")
        template = DocxTemplate(str(path))
        template.init_docx()
    except ReadError as exc:
        raise BidkitError(f"{path}: {exc}") from None
    except Exception as exc:  # python-docx raises several types for a damaged file
        raise BidkitError(f"{path} is not a Word document bidkit can read ({type(exc).__name__})") from None
    part = template.get_docx().part
    sections = []
    for section in document.sections:
        body = template.new_subdoc()
        writer = Writer(body, part)
        for item in section.items:
            writer.add(item)
        sections.append({"id": section.id, "title": section.title, "body": body})
    env = environment(folders, document.lang.split("-")[0])
    env.globals["_"] = gettext_for(document.lang.split("-")[0])
    try:
        template.render({"doc": document, "sections": sections}, jinja_env=env, autoescape=True)
    except (TemplateError, OverflowError) as exc:   # the sandbox raises OverflowError for a huge range()
        raise BidkitError(f"template error in {path}: {describe(exc)}") from None
    result = template.docx
    fill_toc(result)
    set_properties(result, document)
    buffer = io.BytesIO()
    result.save(buffer)
    return stable_zip(buffer.getvalue())
