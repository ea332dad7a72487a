"""The new draft's DOCX with the narrative's differences as real tracked changes (w:ins and w:del, by word).

The document is built by the ordinary renderer, so it is exactly the DOCX `bidkit build` writes for NEW; then
each narrative paragraph is found by its own text (in the order the document uses its sections) and its runs
are rewritten: words kept stay in runs of their own look, words added go in `w:ins`, words taken out come back in
`w:del` (as `w:delText`), in the look of the run they were next to. A paragraph added or removed whole has its
paragraph mark tracked too, so accepting every change gives the NEW text and rejecting every change gives the
OLD text, paragraph by paragraph. The author is "bidkit"; the date is SOURCE_DATE_EPOCH when set.

Every language NEW is written in gets its own: the Welsh document (Welsh labels, `cy-GB`) with the Welsh
narrative's changes, named as the build names it (`NAME.cy.changes.docx`), so a Welsh reviewer is not handed
the English draft to approve.
"""
from __future__ import annotations

import copy
import difflib
import io
import zipfile

from ..documents import DOCUMENTS, document
from ..documents.content import Heading, ListBlock, Paragraph
from ..documents.writer import Writer
from ..i18n.names import output_name
from ..paths import template_folders
from ..render.docx import render_docx
from ..render.docx_guard import own_properties
from ..render.reproducible import moment, stable_zip
from .narrative import word_opcodes

AUTHOR = "bidkit"


class Recording(Writer):
    """A Writer that notes which narrative sections a document uses, in its order, and what each one said."""

    def __post_init__(self):
        super().__post_init__()
        self.recorded: list[tuple[str, list]] = []

    def prose(self, section_id: str):
        items = super().prose(section_id)
        self.recorded.append((section_id, list(items)))    # a copy: a document may append a note to its list
        return items


def texts(items) -> list[str]:
    """The paragraphs' texts, in the order the renderer writes them (list entries, nested lists, headings)."""
    found: list[str] = []
    for item in items:
        if isinstance(item, (Paragraph, Heading)):
            found.append(item.text)
        elif isinstance(item, ListBlock):
            for entry in item.items:
                found += texts(entry)
    return found


def writers(side, langs: list[str], cls=Writer) -> dict[str, Writer]:
    """A Writer for each language, one figures for all (counted once)."""
    from ..figures import compute

    ev = side.evidence
    fig = compute(ev)
    return {lang: cls(ev, fig, ev.profile, lang) for lang in langs}


def writable(side) -> list[str]:
    """The documents NEW can be built as: one that needs a funder only when there is one."""
    return [d for d, kind in DOCUMENTS.items() if side.evidence.profile is not None or not kind.needs_funder]


def tracked_name(doc_id: str, lang: str, main: str) -> str:
    """As the build names that language's document, `.changes` before the format: `concept-paper.changes.docx`
    in the main language, `concept-paper.cy.changes.docx` in another."""
    return output_name(doc_id, "changes.docx", lang, main)


def tracked_documents(old, new) -> dict[str, bytes]:
    """Every document NEW can be built as, in every language NEW is written in, with that language's narrative
    changes tracked; both sides must be complete. A language OLD was not written in has no earlier draft to
    compare with, so all of its narrative is tracked as inserted; one only OLD has gives no document (NEW has
    none in it), its sections being listed as removed."""
    langs, main = new.evidence.languages, new.evidence.project.language
    before = writers(old, [lang for lang in langs if lang in old.evidence.languages])
    after = writers(new, langs, Recording)                  # one writer a language: each chart drawn once
    return {tracked_name(doc_id, lang, main): tracked_docx(before.get(lang), after[lang], new.folder, doc_id)
            for lang in langs for doc_id in writable(new)}


# ---------------------------------------------------------------------------------------------- the XML
def qn(tag: str) -> str:
    from docx.oxml.ns import qn as docx_qn

    return docx_qn(tag)


def run_text(r) -> str:
    parts = []
    for child in r:
        tag = child.tag
        if tag in (qn("w:t"), qn("w:delText")):
            parts.append(child.text or "")
        elif tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif tag == qn("w:tab"):
            parts.append("\t")
    return "".join(parts)


def runs_of(p) -> list:
    return [r for r in p.iter(qn("w:r"))]


def not_narrative(p) -> bool:
    """A paragraph no narrative writes, though its text may be a narrative's: the table of contents (which
    repeats the headings), a section's own heading (Heading 1: a narrative's headings are 2 and 3)."""
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    name = (style.get(qn("w:val")) or "").lower() if style is not None else ""
    return name.startswith("toc") or name in ("heading1", "title") or \
        any((t.text or "").strip().upper().startswith("TOC") for t in p.iter(qn("w:instrText")))


def paragraph_text(p) -> str:
    return "".join(run_text(r) for r in runs_of(p))


class Marks:
    """Makes w:ins / w:del elements with ids that no other annotation in the document has."""

    def __init__(self, body):
        used = [int(v) for el in body.iter() for k, v in el.attrib.items() if k == qn("w:id") and v.isdigit()]
        self.next_id = max(used, default=0) + 1
        self.date = moment().strftime("%Y-%m-%dT%H:%M:%SZ")

    def mark(self, tag: str):
        from docx.oxml import OxmlElement

        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el

    def run(self, rpr, text: str, deleted: bool):
        """A w:r in the look `rpr` holding `text` (line breaks and tabs as Word writes them)."""
        from docx.oxml import OxmlElement

        r = OxmlElement("w:r")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        for i, piece in enumerate(text.split("\n")):
            if i:
                r.append(OxmlElement("w:br"))
            for j, part in enumerate(piece.split("\t")):
                if j:
                    r.append(OxmlElement("w:tab"))
                if part:
                    t = OxmlElement("w:delText" if deleted else "w:t")
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    t.text = part
                    r.append(t)
        return r

    def piece(self, kind: str, rpr, text: str):
        if kind == "equal":
            return self.run(rpr, text, False)
        wrapper = self.mark("w:ins" if kind == "insert" else "w:del")
        wrapper.append(self.run(rpr, text, kind == "delete"))
        return wrapper

    def paragraph_mark(self, p, kind: str) -> None:
        """Track the paragraph mark itself, so a paragraph added (or removed) whole goes with its changes."""
        from docx.oxml import OxmlElement

        ppr = p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            later = [ppr.find(qn(t)) for t in ("w:sectPr", "w:pPrChange")]
            later = [el for el in later if el is not None]
            (later[0].addprevious if later else ppr.append)(rpr)
        rpr.insert(0, self.mark("w:ins" if kind == "insert" else "w:del"))


def rewrite(p, old_text: str, marks: Marks) -> None:
    """Rewrite the runs of paragraph `p` (which holds the new text) as old -> new tracked changes."""
    runs = runs_of(p)
    spans, at = [], 0
    for r in runs:
        n = len(run_text(r))
        spans.append((at, at + n))
        at += n
    last = len(runs) - 1

    def run_at(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(spans) if s <= pos < e), last)

    pieces: list[tuple[int, str, str]] = []        # (run index, kind, text)
    pos = 0
    for kind, before, after in word_opcodes(old_text, paragraph_text(p)):
        if kind == "delete":
            pieces.append((run_at(pos), kind, before))
            continue
        end = pos + len(after)
        for i, (s, e) in enumerate(spans):
            lo, hi = max(s, pos), min(e, end)
            if lo < hi:
                pieces.append((i, kind, after[lo - pos:hi - pos]))
        pos = end
    if not runs:
        p.extend(marks.piece(kind, None, text) for _, kind, text in pieces)
        return
    for i, r in enumerate(runs):
        mine = [(kind, text) for j, kind, text in pieces if j == i]
        if not mine and spans[i][0] == spans[i][1]:
            continue
        rpr = r.find(qn("w:rPr"))
        for kind, text in mine:
            r.addprevious(marks.piece(kind, rpr, text))
        r.getparent().remove(r)


def previous(p):
    """The paragraph before `p` in the body, or None."""
    found = p.getprevious()
    while found is not None and found.tag != qn("w:p"):
        found = found.getprevious()
    return found


def deleted_paragraph(like, text: str, marks: Marks):
    """A paragraph of OLD's that NEW no longer has: its words deleted, its mark deleted, in the look of `like`."""
    from docx.oxml import OxmlElement

    p = OxmlElement("w:p")
    ppr = like.find(qn("w:pPr")) if like is not None else None
    if ppr is not None:
        p.append(copy.deepcopy(ppr))
        for old_rpr in p.pPr.findall(qn("w:rPr")):
            p.pPr.remove(old_rpr)
    if text:
        p.append(marks.piece("delete", None, text))
    marks.paragraph_mark(p, "delete")
    return p


def track_section(elements: list, old: list[str], new: list[str], marks: Marks) -> None:
    """Old paragraphs -> new ones (whose elements are `elements`, None where one was not found), as tracked
    changes: paragraphs paired by difflib, words within a pair; the rest inserted or deleted whole."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            if elements[j1 + k] is not None:
                rewrite(elements[j1 + k], old[i1 + k], marks)
        after = next((e for e in elements[j2:] if e is not None), None)
        added = [e for e in elements[j1 + paired:j2] if e is not None]
        for p in added:
            rewrite(p, "", marks)
        # the paragraph marks that were typed: each added paragraph's own when one of the section's follows
        # (rejecting joins the emptied paragraphs to it); at the section's end, the mark before each instead,
        # as Word records Enter pressed at the end of a paragraph, so the next section's heading stays apart
        typed = added if after is not None or not added else [previous(added[0]), *added[:-1]]
        for p in typed:
            if p is not None:
                marks.paragraph_mark(p, "insert")
        gone = old[i1 + paired:i2]
        before = next((e for e in reversed(elements[:j2]) if e is not None), None)
        for text in gone:
            p = deleted_paragraph(after if after is not None else before, text, marks)
            if after is not None:
                after.addprevious(p)
            elif before is not None:
                before.addnext(p)
                before = p


def tracked_docx(before: Writer | None, w: Recording, folder, doc_id: str) -> bytes:
    """One document of the new draft (`w`, from `folder`) with the narrative's changes from `before` tracked
    (None: no earlier draft in this language, every narrative paragraph inserted)."""
    from docx import Document as open_docx

    w.recorded = []
    data = render_docx(document(w, doc_id), template_folders(folder))
    docx = open_docx(io.BytesIO(data))
    body = docx.element.body
    marks = Marks(body)
    paragraphs = [p for p in body.iter(qn("w:p")) if not not_narrative(p)]
    texts_of = [paragraph_text(p) for p in paragraphs]
    cursor = 0
    before = before and before.for_document(doc_id)     # a document's own narrative/<document>/<id>.md first
    for section_id, items in w.recorded:
        new_texts = texts(items)
        old_texts = texts(before.prose(section_id)) if before is not None else []
        elements, at = [], cursor
        for text in new_texts:
            found = next((i for i in range(at, len(paragraphs)) if texts_of[i] == text), None)
            elements.append(None if found is None else paragraphs[found])
            at = found + 1 if found is not None else at
        if any(e is not None for e in elements):
            cursor = at
        if old_texts != new_texts:
            track_section(elements, old_texts, new_texts, marks)
    buffer = io.BytesIO()
    docx.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written:
        names = written.namelist()
    return stable_zip(buffer.getvalue(), own_properties(names))
