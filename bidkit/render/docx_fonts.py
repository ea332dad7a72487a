"""Noto Sans embedded in the DOCX, so Word and LibreOffice show the font the templates use rather than falling back
to whatever the reader's machine has (LibreOffice chose DejaVu Sans, which changes every line break and page).

ECMA-376 Part 1 §17.8.1: each face is an obfuscated font part (`word/fonts/*.odttf`): its first 32 bytes XORed with
a key derived from a GUID that fontTable.xml names (`w:fontKey`), plus `w:embedTrueTypeFonts` in the settings. The
GUID comes from the font's bytes, so two builds stay byte-identical. Noto Sans is under the SIL Open Font License,
which allows embedding.
"""
from __future__ import annotations

import hashlib
import re
import uuid
import zipfile
from io import BytesIO
from pathlib import Path

FAMILY = "Noto Sans"
FACES = [("embedRegular", "NotoSans-Regular.ttf"), ("embedBold", "NotoSans-Bold.ttf"),
         ("embedItalic", "NotoSans-Italic.ttf"), ("embedBoldItalic", "NotoSans-BoldItalic.ttf")]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# settings children that come before w:embedTrueTypeFonts in the schema's order
SETTINGS_BEFORE = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                   "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                   "printFractionalCharacterWidth", "printFormsData")


def obfuscate(font: bytes, key: str) -> bytes:
    """§17.8.1: the GUID's 16 bytes in reverse order, XORed over the font's first 32 bytes."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ secret[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]


def font_key(font: bytes) -> str:
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(font).digest()[:16])).upper() + "}"


def embedded(data: bytes, fonts: dict[str, Path]) -> dict[str, bytes]:
    """The zip entries to add or replace in a saved DOCX (`data`) so `fonts` (embed element -> .ttf) travel in it."""
    from lxml import etree

    with zipfile.ZipFile(BytesIO(data)) as docx:
        names = set(docx.namelist())
        if "word/fontTable.xml" not in names or "word/settings.xml" not in names:
            return {}
        table = etree.fromstring(docx.read("word/fontTable.xml"))
        settings = etree.fromstring(docx.read("word/settings.xml"))
        rels_name = "word/_rels/fontTable.xml.rels"
        rels = etree.fromstring(docx.read(rels_name)) if rels_name in names else etree.fromstring(
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')
        types = docx.read("[Content_Types].xml").decode("utf-8")

    out: dict[str, bytes] = {}
    entry = next((f for f in table.iterchildren(f"{{{W}}}font") if f.get(f"{{{W}}}name") == FAMILY), None)
    if entry is None:
        entry = etree.SubElement(table, f"{{{W}}}font")
        entry.set(f"{{{W}}}name", FAMILY)
    for old in entry.iterchildren(*[f"{{{W}}}{kind}" for kind, _ in FACES]):
        entry.remove(old)
    for number, (kind, path) in enumerate(fonts.items(), start=1):
        font = path.read_bytes()
        key = font_key(font)
        part = f"fonts/bidkit-font{number}.odttf"
        out[f"word/{part}"] = obfuscate(font, key)
        rel_id = f"rIdBidkitFont{number}"
        for old in rels.iterchildren():
            if old.get("Id") == rel_id:
                rels.remove(old)
        etree.SubElement(rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship",
                         Id=rel_id, Type=FONT_REL, Target=part)
        face = etree.SubElement(entry, f"{{{W}}}{kind}")
        face.set(f"{{{R}}}id", rel_id)
        face.set(f"{{{W}}}fontKey", key)
    if settings.find(f"{{{W}}}embedTrueTypeFonts") is None:
        flag = etree.Element(f"{{{W}}}embedTrueTypeFonts")
        before = [c for c in settings if isinstance(c.tag, str) and etree.QName(c).localname in SETTINGS_BEFORE]
        (before[-1].addnext(flag) if before else settings.insert(0, flag))
    if 'Extension="odttf"' not in types:
        types = re.sub(r"(<Types[^>]*>)", rf'\1<Default Extension="odttf" ContentType="{ODTTF}"/>', types, count=1)
    out["[Content_Types].xml"] = types.encode("utf-8")
    out["word/fontTable.xml"] = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    out["word/settings.xml"] = etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True)
    out[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def shipped_fonts(find, folders) -> dict[str, Path]:
    """The four Noto Sans faces from the template folders (a user's folder first), by their embed element."""
    return {kind: find(folders, f"fonts/{name}") for kind, name in FACES}
