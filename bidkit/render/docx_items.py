"""Content items written into a python-docx body (a docxtpl Subdoc) in the template's own Word styles.

Why python-docx and not Jinja loops in the .docx: every text goes through python-docx, which escapes it for XML,
so nothing a partner writes can become markup; and the result uses real styles (Heading 2, List Bullet, Table
Grid, Caption) that a facilitator can restyle in Word. Only style *names* are used, so a user's template that
restyles them changes the look; a template without one of them falls back to Normal rather than failing.

Imported only by render_docx, inside the renderer, so python-docx is loaded only when a DOCX is built.
"""
from __future__ import annotations

import io
from copy import deepcopy

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor, Twips

from ..documents.content import Chart, Facts, Heading, Item, ListBlock, Paragraph, Run, Table, safe_link

PARAGRAPH_STYLES = {"note": "Note", "lead": "Lead Paragraph"}
QUIET = RGBColor(0x55, 0x55, 0x55)
LINK = RGBColor(0x00, 0x4F, 0x8C)
HEADER_FILL = "E6EDF3"      # a light tint of the accent: the header row reads as a header in print too
W_P, W_R, W_T = qn("w:p"), qn("w:r"), qn("w:t")
LIST_INDENT = 360           # twips per list level, as in the default List Bullet/List Number styles
NUMBER_INDENT = 567         # a numbered list's hanging indent (1 cm): the styles' 360 leaves "10." no gap


def element(tag: str, **attrs: str):
    """An OOXML element with `w:`-style attributes given as w_val="..." keyword arguments."""
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(name.replace("_", ":", 1)), value)
    return el


def language(r, lang: str | None) -> None:
    """A passage in another language than the document's: `w:lang` on its run, so Word checks its spelling in
    that language and a screen reader switches voice."""
    if lang:
        from ..i18n import BCP47

        r._r.get_or_add_rPr().append(element("w:lang", w_val=BCP47.get(lang, lang)))


def prototype_cell(twips: int, right: bool, bold: bool, shaded: bool):
    """One table cell, copied for every cell of its kind: fixed width, optional header shading, a paragraph
    with tight spacing, right-aligned for numbers, and one (bold) run whose text is filled in."""
    tc = element("w:tc")
    tc_pr = element("w:tcPr")
    tc_pr.append(element("w:tcW", w_w=str(twips), w_type="dxa"))
    if shaded:
        tc_pr.append(element("w:shd", w_val="clear", w_color="auto", w_fill=HEADER_FILL))
    tc.append(tc_pr)
    p = element("w:p")
    p_pr = element("w:pPr")
    p_pr.append(element("w:spacing", w_before="40", w_after="40", w_line="240", w_lineRule="auto"))
    if right:
        p_pr.append(element("w:jc", w_val="right"))
    p.append(p_pr)
    run = element("w:r")
    if bold:
        r_pr = element("w:rPr")
        r_pr.append(element("w:b"))
        run.append(r_pr)
    t = element("w:t")
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    p.append(run)
    tc.append(p)
    return tc


def child(parent, tag: str, first: bool = False):
    """`parent`'s `tag` element, made (last, or first) when it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert(0, found) if first else parent.append(found)
    return found


def room_for_numbers(numbering, abstract_id, left: int) -> None:
    """A numbered list's first level indented `left` twips with a hanging indent of NUMBER_INDENT, and the tab
    after the number there too: LibreOffice starts the text at the level's tab, so a 360-twip tab puts "10."
    against the text ("10.Scottish"). Set on the template's own list definition, so every list using it agrees."""
    definition = next((d for d in numbering.iterchildren(qn("w:abstractNum"))
                       if d.get(qn("w:abstractNumId")) == str(abstract_id)), None)
    lvl = None if definition is None else \
        next((x for x in definition.iterchildren(qn("w:lvl")) if x.get(qn("w:ilvl")) == "0"), None)
    if lvl is None:
        return
    ppr = child(lvl, "w:pPr")
    tabs = child(ppr, "w:tabs", first=True)      # tabs come before ind in a paragraph's properties
    for old in list(tabs):
        tabs.remove(old)
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "num")
    tab.set(qn("w:pos"), str(left))
    tabs.append(tab)
    ind = child(ppr, "w:ind")
    ind.set(qn("w:left"), str(left))
    ind.set(qn("w:hanging"), str(NUMBER_INDENT))

class Writer:
    """Adds content items to one section's body. `part` is the main document part: pictures, hyperlinks and
    numbering instances must live there, because the Subdoc's XML is pasted into the main document."""

    def __init__(self, body, part, text_width: Emu):
        self.body, self.part, self.text_width = body, part, text_width
        self.styles = part.styles

    def style(self, name: str | None):
        """The template's style of that name, or None (Normal) when a user's template has removed it."""
        if not name:
            return None
        try:
            return self.styles[name]
        except KeyError:
            return None

    # ------------------------------------------------------------------ text
    def runs(self, paragraph, runs: list[Run]) -> None:
        for run in runs:
            if safe_link(run.href):
                self.hyperlink(paragraph, run)
            else:
                r = paragraph.add_run(run.text)
                r.bold, r.italic = run.bold or None, run.italic or None
                language(r, run.lang)

    def hyperlink(self, paragraph, run: Run) -> None:
        """A real `w:hyperlink` to an external target, in the Hyperlink character style when there is one."""
        rid = self.part.relate_to(run.href.strip(), RT.HYPERLINK, is_external=True)
        link = element("w:hyperlink", r_id=rid, w_history="1")
        r = paragraph.add_run(run.text)
        r.bold, r.italic = run.bold or None, run.italic or None
        language(r, run.lang)
        if self.style("Hyperlink") is not None:
            r.style = self.styles["Hyperlink"]
        else:
            r.font.underline, r.font.color.rgb = True, LINK
        link.append(r._r)            # moves the run from the paragraph into the link
        paragraph._p.append(link)

    def paragraph(self, item: Paragraph, style: str | None = None):
        name = style or PARAGRAPH_STYLES.get(item.style)
        p = self.body.add_paragraph(style=self.style(name))
        self.runs(p, item.runs)
        if item.style == "note" and style is None and self.style("Note") is None:
            for r in p.runs:
                r.font.size, r.font.color.rgb = Pt(9.5), QUIET
        return p

    # ------------------------------------------------------------------ lists
    def restart(self, style_name: str) -> str | None:
        """A numbering instance of its own, so every numbered list starts at 1 instead of continuing the last."""
        style = self.style(style_name)
        ppr = style.element.pPr if style is not None else None
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return None
        numbering = self.part.numbering_part.element
        try:
            abstract = numbering.num_having_numId(ppr.numPr.numId.val).abstractNumId.val
        except KeyError:
            return None
        level = int(style_name[-1]) if style_name[-1].isdigit() else 1
        room_for_numbers(numbering, abstract, NUMBER_INDENT * level)
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def listing(self, block: ListBlock, level: int = 1) -> None:
        base = "List Number" if block.ordered else "List Bullet"
        name = base if level == 1 else f"{base} {min(level, 3)}"
        num_id = self.restart(name) if block.ordered else None
        indent = NUMBER_INDENT if block.ordered else LIST_INDENT
        for entry in block.items:
            first = True
            for item in entry:
                if isinstance(item, Paragraph) and first:
                    p = self.paragraph(item, name)
                    if num_id is not None:
                        p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
                elif isinstance(item, ListBlock):
                    self.listing(item, level + 1)
                elif isinstance(item, Paragraph):   # a second paragraph of the same item, lined up with its text
                    self.paragraph(item).paragraph_format.left_indent = Twips(indent * level)
                else:
                    self.add(item)
                first = False

    # ------------------------------------------------------------------ tables
    def caption(self, text: str):
        p = self.body.add_paragraph(text, style=self.style("Caption"))
        p.paragraph_format.keep_with_next = True
        return p

    def table(self, rows: list[list[str]], numeric: list[bool], widths: list[float], *,
              header: bool, footer: bool, label_column: bool = False):
        """A Table Grid table: a repeating bold header row, a bold totals row, rows that never split across
        pages, numbers right-aligned, and fixed column widths so Word and LibreOffice lay it out alike.

        Rows are stamped from prototype cells (lxml copies) rather than made through python-docx's cell API,
        which walks the table for every cell it touches: a 3,000-row table took 40 s that way, 1 s this way."""
        width = max(len(r) for r in rows)
        table = self.body.add_table(rows=0, cols=width)
        table.style = self.style("Table Grid")
        table.autofit = False
        self.look(table, header, footer, label_column)
        twips = self.grid(table, widths if widths and len(widths) == width else [1] * width)
        right = [c < len(numeric) and numeric[c] for c in range(width)]
        prototypes: dict[tuple, object] = {}
        last = len(rows) - 1
        # keep-with-next on the first rows' paragraphs: a short table moves to the next page whole, a long one
        # never leaves its caption, header and one row stranded at the foot of a page
        keep = last if last <= 10 else 3
        for r, values in enumerate(rows):
            is_header, is_footer = header and r == 0, footer and r == last
            tr = element("w:tr")
            tr_pr = element("w:trPr")
            tr_pr.append(element("w:cantSplit"))
            if is_header:
                tr_pr.append(element("w:tblHeader"))
            tr.append(tr_pr)
            for c in range(width):
                stands_out = is_header or (label_column and c == 0)
                key = (twips[c], right[c], stands_out or is_footer, stands_out)
                if key not in prototypes:
                    prototypes[key] = prototype_cell(*key)
                tc = deepcopy(prototypes[key])
                if r < keep:
                    tc.find(W_P).get_or_add_pPr().keepNext_val = True
                text = str(values[c]) if c < len(values) else ""
                run = tc.find(f"{W_P}/{W_R}")
                if "\t" in text or "\n" in text:
                    run.text = text          # python-docx's setter: tabs and line breaks as Word's own elements
                else:
                    run.find(W_T).text = text
                tr.append(tc)
            table._tbl.append(tr)
        return table

    @staticmethod
    def look(table, header: bool, footer: bool, label_column: bool) -> None:
        """Tell Word which rows and columns are headers (tblLook), for table styles and screen readers."""
        flags = {"firstRow": header, "lastRow": footer, "firstColumn": label_column, "lastColumn": False,
                 "noHBand": False, "noVBand": True}
        bits = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100,
                "noHBand": 0x200, "noVBand": 0x400}
        tbl_pr = table._tbl.tblPr
        tbl_look = tbl_pr.find(qn("w:tblLook"))
        if tbl_look is None:
            tbl_look = element("w:tblLook")
            tbl_pr.append(tbl_look)
        for name, on in flags.items():
            tbl_look.set(qn(f"w:{name}"), "1" if on else "0")
        tbl_look.set(qn("w:val"), f"{sum(b for n, b in bits.items() if flags[n]):04X}")

    def grid(self, table, relative: list[float]) -> list[int]:
        """Fixed column widths in twips, set in the grid here and in every cell by the prototypes: without both,
        LibreOffice and Word disagree."""
        total = sum(relative) or 1
        twips = [int(Emu(int(self.text_width * w / total)).twips) for w in relative]
        for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips):
            col.set(qn("w:w"), str(width))
        return twips

    # ------------------------------------------------------------------ charts
    def picture(self, chart: Chart) -> None:
        """The PNG at its width (never wider than the text), with the text alternative on the drawing
        (`wp:docPr` descr and title: what Word shows as alt text and a screen reader reads)."""
        width = min(Cm(chart.width_cm), self.text_width)
        p = self.body.add_paragraph()
        p.add_run().add_picture(io.BytesIO(chart.png), width=Emu(width))
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        for doc_pr in p._p.xpath(".//wp:docPr"):
            doc_pr.set("name", chart.id or "chart")
            doc_pr.set("descr", chart.alt)
            doc_pr.set("title", chart.title)
        for c_nv_pr in p._p.xpath(".//pic:cNvPr"):
            c_nv_pr.set("descr", chart.alt)
        # the chart's title below it in the quiet Note style, as the PDF's figcaption (the image no longer draws
        # it), so it does not read as a second bold caption above the table that follows
        caption = self.paragraph(Paragraph([Run(chart.title)], "note"))
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = False

    # ------------------------------------------------------------------ any item
    def add(self, item: Item) -> None:
        if isinstance(item, Paragraph):
            self.paragraph(item)
        elif isinstance(item, Heading):
            self.body.add_paragraph(item.text, style=self.style("Heading 3" if item.level >= 3 else "Heading 2"))
        elif isinstance(item, ListBlock):
            self.listing(item)
        elif isinstance(item, (Table, Facts)):
            self.keep_with_table()
        if isinstance(item, Table):
            self.caption(item.caption)
            rows = [item.columns] + item.rows + ([item.footer] if item.footer else [])
            self.table(rows, item.numeric, item.widths, header=True, footer=bool(item.footer))
            self.spacer()
        elif isinstance(item, Facts) and item.pairs:
            self.caption(item.caption)
            self.table([[label, value] for label, value in item.pairs], [], [2, 3],
                       header=False, footer=False, label_column=True)
            self.spacer()
        elif isinstance(item, Chart):
            self.picture(item)

    def keep_with_table(self) -> None:
        """The paragraph just before a table (an outcome's "Type: ..." line under its heading) stays on the
        table's page, so a heading is never left at the foot of a page with its table overleaf."""
        blocks = [child for child in self.body.element.body if child.tag != qn("w:sectPr")]
        last = blocks[-1] if blocks else None
        if last is not None and last.tag == qn("w:p") and "".join(last.itertext()).strip():
            last.get_or_add_pPr().keepNext_val = True

    def spacer(self) -> None:
        """A small empty paragraph after a table: keeps the next paragraph off the table's bottom border, and
        two tables in a row from merging into one when someone deletes a caption in Word."""
        p = self.body.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), Pt(8)
