"""What a Word template may carry into every bid made from it, checked before docxtpl opens it.

A template is a file a user may be sent by someone else. Whatever it holds reaches every output, so bidkit
refuses the parts that run or fetch something (macros, ActiveX, OLE objects, external images, an attached
template on a server, altChunk imports, INCLUDEPICTURE / INCLUDETEXT / LINK / DDE fields) and the edits a
reviewer would be surprised by (comments, tracked changes, hidden text), and data that would travel unseen into
every bid (custom XML data beyond an empty bibliography, a preview picture of the template's first page): each
is a problem naming the template and saying what to do in Word. Document properties (app.xml, custom.xml) are
never taken from the template: bidkit writes its own.

Relationships and parts are read with an XML parser (no entities expanded, nothing fetched), so quoting and
spacing make no difference, and a field's instruction is read whole: the text of all its `w:instrText` runs
between its begin and end `w:fldChar`, joined with nothing between them, as Word reads it.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
ALLOWED_EXTERNAL = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"}
FIELDS = re.compile(r"\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.I)
CONTENT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments|glossary/document)\.xml$",
                           re.I)
CUSTOM_ITEM = re.compile(r"^customxml/item\d*\.xml$", re.I)
THUMBNAIL = re.compile(r"^docprops/thumbnail\.[^/]*$", re.I)
WNS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFF = {"0", "false", "off"}

APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b"<Application>bidkit</Application><DocSecurity>0</DocSecurity></Properties>")
CUSTOM_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
              b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')


# a preview picture (docProps/thumbnail.*) would show the template's first page in every bid: a JPEG or PNG one is
# replaced by a blank 1 x 1 picture (python-docx's own default template carries one); any other kind is refused
BLANK_PREVIEW = {
    "png": bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478da63f8"
                         "ffff3f0005fe02fe331295140000000049454e44ae426082"),
    "jpeg": bytes.fromhex(
        "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f"
        "1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffdb0043010909090c0b0c180d0d1832211c21"
        "3232323232323232323232323232323232323232323232323232323232323232323232323232323232323232323232323232ffc00011"
        "080001000103012200021101031101ffc4001500010100000000000000000000000000000007ffc4001410010000000000000000000000"
        "0000000000ffc40014010100000000000000000000000000000000ffc40014110100000000000000000000000000000000ffda000c0301"
        "0002110311003f00bf800fffd9"),
}
BLANK_PREVIEW["jpg"] = BLANK_PREVIEW["jpeg"]


def parse(data: bytes):
    """A part as an XML tree; entities are left unexpanded and nothing is fetched."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(data, parser)


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attribute(element, name: str) -> str:
    """An attribute by its local name, whatever its prefix; "" when absent."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return ""


def instructions(root) -> list[str]:
    """Every field's instruction: fldSimple's w:instr, and for a complex field the text of its instrText runs
    from its begin to its end fldChar, joined with no separator (nested fields each give their own)."""
    found, open_fields = [], []
    for element in root.iter():
        name = local(element.tag)
        if name == "fldSimple":
            found.append(attribute(element, "instr"))
        elif name == "fldChar":
            kind = attribute(element, "fldCharType").strip()
            if kind == "begin":
                open_fields.append([])
            elif kind == "end" and open_fields:
                found.append("".join(open_fields.pop()))
        elif name == "instrText" and open_fields:
            open_fields[-1].append(element.text or "")
    found.extend("".join(parts) for parts in open_fields)     # a field never closed still counts
    return found


def rels_objections(name: str, root) -> list[str]:
    found = []
    for element in root.iter():
        if local(element.tag) != "Relationship":
            continue
        kind = attribute(element, "Type").strip()
        if kind.endswith("/aFChunk"):
            found.append(f"it imports another file's contents (altChunk, in {name}); paste the text in instead")
        elif attribute(element, "TargetMode").strip().lower() == "external" and kind not in ALLOWED_EXTERNAL:
            what = "an attached template" if kind.endswith("/attachedTemplate") else \
                "a picture or part" if kind else "a part"
            found.append(f"it loads {what} from outside the file ({attribute(element, 'Target')[:80] or '?'}); "
                         "insert it into the file instead")
    return found


def content_objections(name: str, root) -> list[str]:
    found = []
    if any(FIELDS.search(text) for text in instructions(root)):
        found.append(f"it has a field that fetches a file or a link ({name}: INCLUDEPICTURE, INCLUDETEXT, LINK "
                     "or DDE); remove the field")
    tags = [(local(e.tag), e) for e in root.iter() if isinstance(e.tag, str) and e.tag.startswith(WNS)]
    if any(tag in ("ins", "del", "moveFrom", "moveTo") for tag, _ in tags):
        found.append(f"it has tracked changes ({name}); accept or reject them in Word and save")
    if any(tag == "vanish" and attribute(e, "val").strip().lower() not in OFF for tag, e in tags):
        found.append(f"it has hidden text ({name}); delete it or make it visible")
    if name.lower() == "word/comments.xml" and any(tag == "comment" for tag, _ in tags):
        found.append("it has comments; delete them in Word and save")
    return found


def objections(path: Path) -> list[str]:
    """Everything in the template bidkit will not carry into a document, in words; [] when it is clean."""
    found: list[str] = []
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        lowered = [n.lower() for n in names]
        types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if any("vbaproject" in n for n in lowered) or b"macroenabled" in types.lower():
            found.append("it holds macros (a VBA project); save it in Word as a plain .docx, not .docm")
        if any(n.startswith("word/activex/") for n in lowered):
            found.append("it holds ActiveX controls; remove them")
        if any(n.startswith("word/embeddings/") for n in lowered):
            found.append("it holds embedded objects (OLE); remove them or paste them as pictures")
        for name in names:
            if THUMBNAIL.match(name) and name.rsplit(".", 1)[-1].lower() not in BLANK_PREVIEW:
                found.append(f"it carries a preview picture of its first page ({name}), which would travel into "
                             "every bid; untick 'Save preview picture' (File > Properties) and save it again")
                continue
            is_rels, is_content, is_custom = name.lower().endswith(".rels"), CONTENT_PARTS.match(name), \
                CUSTOM_ITEM.match(name)
            if not (is_rels or is_content or is_custom):
                continue
            try:
                root = parse(zf.read(name))
            except Exception:       # noqa: BLE001 (lxml's syntax errors, a damaged zip member)
                found.append(f"a part of it is not readable XML ({name}); open it in Word and save it again")
                continue
            if is_rels:
                found.extend(rels_objections(name, root))
            elif is_content:
                found.extend(content_objections(name, root))
            elif len(root) or (root.text or "").strip():
                found.append(f"it carries custom XML data ({name}), which would travel into every bid; remove it "
                             "with Word's Document Inspector (Custom XML Data) and save")
    return list(dict.fromkeys(found))


def own_properties(names: list[str]) -> dict[str, bytes]:
    """Replacements for the template's document properties, for stable_zip: ours, with nothing kept."""
    replace = {}
    if "docProps/app.xml" in names:
        replace["docProps/app.xml"] = APP_XML
    if "docProps/custom.xml" in names:
        replace["docProps/custom.xml"] = CUSTOM_XML
    for name in names:
        if THUMBNAIL.match(name) and name.rsplit(".", 1)[-1].lower() in BLANK_PREVIEW:
            replace[name] = BLANK_PREVIEW[name.rsplit(".", 1)[-1].lower()]
    return replace
