"""The structure tree of WeasyPrint's tagged PDF, repaired for screen readers (PDF/UA, the Matterhorn protocol).

WeasyPrint 70 builds the tree page by page, so it has faults a reader hears:
- running headers, footers and page numbers (margin boxes) are tagged content that no element lists;
- an element that crosses a page break becomes one element per page: a table read as two tables, the second
  starting with its repeated header row (Kozea/WeasyPrint#2903); the same for sections, lists and paragraphs;
- table header cells carry no Scope, and list items have a label but no LBody.

`labelled()` wraps WeasyPrint's tree builder so every element remembers which HTML element it came from (a
private /BKE key, removed before saving); `repair()` then merges the fragments of one element, drops a repeated
table header, scopes header cells, wraps list bodies, and rebuilds the marked content: whatever the repaired tree
does not reach becomes an /Artifact, the rest is numbered again in reading order. Nothing depends on memory
addresses or time, so two builds stay byte-identical.
"""
from __future__ import annotations

import io
from contextlib import contextmanager

KEY = "/BKE"      # the id of the HTML element an element was built from; never saved


@contextmanager
def labelled():
    """WeasyPrint's tree builder, with each element it yields labelled by its HTML element (the builder calls
    itself through the module, so the wrapper sees every level), and given the /Lang of an element in another
    language than the page's: WeasyPrint (70) tags `<span lang>` as a Span but drops its `lang`, so a screen
    reader would read `[pŵer pobl]{lang=cy}` with English rules (PDF/UA, Matterhorn 11-006). When WeasyPrint
    changes the function, tests/test_welsh.py finds the Span without /Lang and the structure tests the
    fragments left apart."""
    import pydyf
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = getattr(tags, "_build_box_tree", None)
    if original is None:            # another WeasyPrint: no labels, so fragments stay apart; the rest still runs
        yield
        return

    def build(box, parent, *args):
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = getattr(real, "element", None)
        lang = element.get("lang") if element is not None and element.tag != "html" else None
        for struct in original(box, parent, *args):
            if "BKE" not in struct and element is not None:
                struct["BKE"] = pydyf.String(str(id(element)))
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


def repair(data: bytes, titles: dict[str, str] | None = None) -> bytes:
    """The structure tree mended (see the module's docstring); `titles`, anchor -> the words a contents link
    says: WeasyPrint gives each internal link its target's id as the text a screen reader announces."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        for page in pdf.pages:
            for link in page.get("/Annots", []):
                said = str(link.get("/Contents", ""))
                if link.get("/Subtype") == "/Link" and said in (titles or {}):
                    link.Contents = pikepdf.String(titles[said])
        fixer = Fixer(pdf)
        for top in kids_of(tree):
            fixer.merge(top)
            fixer.tidy(top)
        fixer.renumber(tree)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def is_elem(obj) -> bool:
    import pikepdf
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


def kids_of(elem) -> list:
    import pikepdf
    k = elem.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def set_kids(elem, kids: list) -> None:
    import pikepdf
    elem.K = pikepdf.Array(kids)


def tag(elem) -> str:
    return str(elem.get("/S", ""))


class Fixer:
    def __init__(self, pdf):
        self.pdf = pdf
        self.header_ids: dict[str, object] = {}     # a dropped repeated TH's ID -> the first header's ID

    def merge(self, elem) -> None:
        """Fragments of one HTML element that follow each other under one parent become one element."""
        out: list = []
        for kid in kids_of(elem):
            prev = out[-1] if out else None
            if (is_elem(kid) and prev is not None and is_elem(prev) and KEY in kid and
                    str(kid.get(KEY)) == str(prev.get(KEY)) and tag(kid) == tag(prev)):
                self.absorb(prev, kid)
            else:
                out.append(kid)
        set_kids(elem, out)
        for kid in out:
            if is_elem(kid):
                self.merge(kid)

    def absorb(self, prev, kid) -> None:
        import pikepdf
        moved = kids_of(kid)
        if tag(prev) == "/Table":
            moved = self.without_repeated_header(prev, moved)
        same_page = "/Pg" in prev and "/Pg" in kid and prev.Pg.objgen == kid.Pg.objgen
        joined = kids_of(prev)
        for k in moved:
            if isinstance(k, int) and not same_page:
                k = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=kid.Pg, MCID=k)
            elif is_elem(k):
                k.P = prev
            joined.append(k)
        set_kids(prev, joined)

    def without_repeated_header(self, prev, moved: list) -> list:
        """A table's continuation starts with WeasyPrint's copy of the header rows: drawn again for the sighted
        reader (an artifact), but not read again; its cells' IDs point to the first header's cells."""
        first = next((k for k in kids_of(prev) if is_elem(k) and tag(k) == "/THead"), None)
        again = next((k for k in moved if is_elem(k) and tag(k) == "/THead"), None)
        if first is None or again is None:
            return moved
        for old, new in zip(cells(again, "/TH"), cells(first, "/TH")):
            if "/ID" in old and "/ID" in new:
                self.header_ids[bytes(old.ID)] = new.ID
        return [k for k in moved if not (is_elem(k) and tag(k) == "/THead")]

    def tidy(self, elem) -> None:
        """Scopes on header cells, LBody in list items, header references across a merged table."""
        import pikepdf
        for kid in kids_of(elem):
            if is_elem(kid):
                self.tidy(kid)
        s = tag(elem)
        if s == "/TH":
            row = elem.get("/P")
            beside_data = row is not None and any(tag(c) == "/TD" for c in kids_of(row) if is_elem(c))
            attributes = elem.get("/A")
            if not isinstance(attributes, pikepdf.Dictionary):
                attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
            attributes.Scope = pikepdf.Name.Row if beside_data else pikepdf.Name.Column
            elem.A = attributes
        elif s == "/TD" and self.header_ids:
            attributes = elem.get("/A")
            if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                attributes.Headers = pikepdf.Array(
                    [self.header_ids.get(bytes(h), h) for h in attributes.Headers])
        elif s == "/LI":
            kids = kids_of(elem)
            if not any(is_elem(k) and tag(k) == "/LBody" for k in kids):
                label = [k for k in kids if is_elem(k) and tag(k) == "/Lbl"]
                rest = [k for k in kids if not (is_elem(k) and tag(k) == "/Lbl")]
                if rest:
                    body = self.pdf.make_indirect(pikepdf.Dictionary(
                        Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, P=elem, K=pikepdf.Array(rest)))
                    if "/Pg" in elem:
                        body.Pg = elem.Pg
                    for k in rest:
                        if is_elem(k):
                            k.P = body
                    set_kids(elem, label + [body])

    def renumber(self, tree) -> None:
        """Marked content the tree reaches is numbered again page by page; all other marked content (margin boxes,
        repeated headers) becomes an artifact. The ParentTree is rebuilt from the tree."""
        import pikepdf
        pages = {page.objgen: index for index, page in enumerate(self.pdf.pages)}
        owners: dict[tuple[int, int], tuple] = {}       # (page, old MCID) -> (element, position in its K)
        annotations: list[tuple] = []
        stack = list(reversed(kids_of(tree)))
        while stack:
            elem = stack.pop()
            if not is_elem(elem):
                continue
            if KEY in elem:
                del elem[KEY]
            page = pages.get(elem.Pg.objgen) if "/Pg" in elem else None
            for position, k in enumerate(kids_of(elem)):
                if isinstance(k, int) and page is not None:
                    owners[(page, int(k))] = (elem, position)
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                    owners[(pages[k.Pg.objgen], int(k.MCID))] = (elem, position)
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                    annotations.append((elem, k.Obj))
            stack.extend(reversed([k for k in kids_of(elem) if is_elem(k)]))

        nums = pikepdf.Array()
        for index, page in enumerate(self.pdf.pages):
            new_ids: dict[int, int] = {}
            ops = []
            for operands, operator in pikepdf.parse_content_stream(page):
                if operator == pikepdf.Operator("BDC") and len(operands) == 2 and \
                        isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    old = int(operands[1].MCID)
                    if (index, old) in owners:
                        new_ids[old] = len(new_ids)
                        operands = [operands[0], pikepdf.Dictionary(MCID=new_ids[old])]
                    else:
                        operands, operator = [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
                ops.append((operands, operator))
            page.Contents = self.pdf.make_stream(pikepdf.unparse_content_stream(ops))
            parents = [None] * len(new_ids)
            for old, new in new_ids.items():
                elem, position = owners[(index, old)]
                kids = kids_of(elem)
                if isinstance(kids[position], int):
                    kids[position] = new
                else:
                    kids[position].MCID = new
                set_kids(elem, kids)
                parents[new] = elem
            page.StructParents = index
            nums.extend([index, pikepdf.Array(parents)])
        for number, (elem, annotation) in enumerate(annotations, start=len(self.pdf.pages)):
            annotation.StructParent = number
            nums.extend([number, elem])
        tree.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
        tree.ParentTreeNextKey = len(self.pdf.pages) + len(annotations)


def cells(elem, kind: str) -> list:
    found = []
    for kid in kids_of(elem):
        if is_elem(kid):
            found.extend([kid] if tag(kid) == kind else cells(kid, kind))
    return found
