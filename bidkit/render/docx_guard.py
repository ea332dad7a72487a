"""What a Word template may carry into every bid made from it, checked before docxtpl opens it.

A template is a file a user may be sent by someone else. Whatever it holds reaches every output, so bidkit
refuses the parts that run or fetch something (macros, ActiveX, OLE objects, external images, an attached
template on a server, altChunk imports, INCLUDEPICTURE / INCLUDETEXT / LINK / DDE fields) and the edits a
reviewer would be surprised by (comments, tracked changes, hidden text): each is a problem naming the template
and saying what to do in Word. Document properties (app.xml, custom.xml) are never taken from the template:
bidkit writes its own.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
ALLOWED_EXTERNAL = {"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"}
FIELDS = re.compile(rb"\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b")
CONTENT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|glossary/document)\.xml$")

APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b"<Application>bidkit</Application><DocSecurity>0</DocSecurity></Properties>")
CUSTOM_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
              b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')


def objections(path: Path) -> list[str]:
    """Everything in the template bidkit will not carry into a document, in words; [] when it is clean."""
    found: list[str] = []
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        lowered = [n.lower() for n in names]
        types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if any("vbaproject" in n for n in lowered) or b"macroEnabled" in types:
            found.append("it holds macros (a VBA project); save it in Word as a plain .docx, not .docm")
        if any(n.startswith("word/activex/") for n in lowered):
            found.append("it holds ActiveX controls; remove them")
        if any(n.startswith("word/embeddings/") for n in lowered):
            found.append("it holds embedded objects (OLE); remove them or paste them as pictures")
        for name in names:
            if name.endswith(".rels"):
                rels = zf.read(name)
                for match in re.finditer(rb"<Relationship\b[^>]*>", rels):
                    tag = match.group(0)
                    kind = (re.search(rb'Type="([^"]+)"', tag) or re.search(rb"Type='([^']+)'", tag))
                    kind = kind.group(1).decode() if kind else ""
                    if kind.endswith("/aFChunk"):
                        found.append(f"it imports another file's contents (altChunk, in {name}); paste the "
                                     "text in instead")
                    elif re.search(rb"""TargetMode=["']External["']""", tag) and kind not in ALLOWED_EXTERNAL:
                        target = re.search(rb"""Target=["']([^"']*)["']""", tag)
                        what = "an attached template" if kind.endswith("/attachedTemplate") else \
                            "a picture or part" if kind else "a part"
                        found.append(f"it loads {what} from outside the file "
                                     f"({(target.group(1).decode(errors='replace') if target else '?')[:80]}); "
                                     "insert it into the file instead")
            elif CONTENT_PARTS.match(name):
                xml = zf.read(name)
                if FIELDS.search(b" ".join(re.findall(rb"<w:instrText[^>]*>([^<]*)<", xml)
                                           + re.findall(rb'w:instr="([^"]*)"', xml))):
                    found.append(f"it has a field that fetches a file or a link ({name}: INCLUDEPICTURE, "
                                 "INCLUDETEXT, LINK or DDE); remove the field")
                if re.search(rb"<w:(ins|del|moveFrom|moveTo)\b", xml):
                    found.append(f"it has tracked changes ({name}); accept or reject them in Word and save")
                if re.search(rb"<w:vanish\s*/?>", xml):
                    found.append(f"it has hidden text ({name}); delete it or make it visible")
        if "word/comments.xml" in names and re.search(rb"<w:comment\b", zf.read("word/comments.xml")):
            found.append("it has comments; delete them in Word and save")
    return list(dict.fromkeys(found))


def own_properties(names: list[str]) -> dict[str, bytes]:
    """Replacements for the template's document properties, for stable_zip: ours, with nothing kept."""
    replace = {}
    if "docProps/app.xml" in names:
        replace["docProps/app.xml"] = APP_XML
    if "docProps/custom.xml" in names:
        replace["docProps/custom.xml"] = CUSTOM_XML
    return replace
