"""Same evidence and SOURCE_DATE_EPOCH, same bytes: the moment a build says it was made, the core properties
of an Office file (DOCX, XLSX) written whole in a fixed order, and zips with fixed entry order, times and modes."""
from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone

from ..problems import BidkitError

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def moment() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; naive UTC, as python-docx and openpyxl write it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise BidkitError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not '{epoch}'") from None
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def stable_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The same entries in a fixed order with a fixed time, mode and compression: identical parts, identical
    bytes. `[Content_Types].xml` stays first, where some readers expect it. `replace` swaps whole entries
    or adds new ones."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        names = sorted(set(source.namelist()) | set(replace), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, replace[name] if name in replace else source.read(name), compresslevel=6)
    return out.getvalue()


CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def core_xml(title: str, author: str, when: datetime, subject: str = "", keywords: str = "", category: str = "",
             language: str = "", status: str = "", version: str = "") -> bytes:
    """docProps/core.xml written whole, in a fixed order, with nothing kept from a template.

    Written by hand rather than through python-docx's CoreProperties because importing docxtpl (through
    docxcompose) rebinds python-docx's `cp` prefix to the custom-properties namespace for the whole process,
    so keywords, lastModifiedBy, revision etc. set that way land in the wrong namespace and Word reports
    unreadable content (docxtpl #471, docxcompose #101)."""
    from lxml import etree

    def q(name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{CORE_NS[prefix]}}}{local}"

    root = etree.Element(q("cp:coreProperties"), nsmap=CORE_NS)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for name, value in (("dc:title", title), ("dc:subject", subject), ("dc:creator", author),
                        ("cp:keywords", keywords), ("dc:description", ""), ("cp:lastModifiedBy", "bidkit"),
                        ("cp:revision", "1"), ("dcterms:created", stamp), ("dcterms:modified", stamp),
                        ("cp:category", category), ("dc:language", language), ("cp:contentStatus", status),
                        ("cp:version", version)):
        if value or name in ("dc:title", "dc:creator"):
            el = etree.SubElement(root, q(name))
            el.text = value
            if name.startswith("dcterms:"):
                el.set(q("xsi:type"), "dcterms:W3CDTF")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
