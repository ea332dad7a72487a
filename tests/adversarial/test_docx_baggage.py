"""A Word template's hidden baggage never reaches the outputs: what runs or fetches is refused naming the
template, and document properties are bidkit's own, whatever the template held."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from adversarial.test_hostile_documents import build, project_with

SHIPPED = Path(__file__).resolve().parents[2] / "templates" / "docx" / "project-report.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def edited(changes: dict[str, bytes | None], edit: dict | None = None) -> bytes:
    """The shipped template with parts added or replaced (`changes`) and text substitutions in parts (`edit`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(SHIPPED) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            for old, new in (edit or {}).get(name, []):
                assert old in data, (name, old)
                data = data.replace(old, new, 1)
            if name not in changes:
                target.writestr(name, data)
        for name, data in changes.items():
            if data is not None:
                target.writestr(name, data)
    return out.getvalue()


def in_body(xml: bytes) -> dict:
    return {"word/document.xml": [(b"</w:body>", xml + b"</w:body>")]}


def rel(kind: str, target: str, external: bool = True) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return (f'<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/{kind}" Target="{target}"{mode}/></Relationships>').encode()


BAGGAGE = [
    ("macros", {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really vba"}, None, "macros"),
    ("an external image", {}, {"word/_rels/document.xml.rels": [(b"</Relationships>",
                                                                rel("image", "http://127.0.0.1:9/x.png"))]},
     "from outside the file"),
    ("a remote attached template", {"word/_rels/settings.xml.rels":
                                    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org'
                                    b'/package/2006/relationships">' + rel("attachedTemplate",
                                                                           "http://127.0.0.1:9/t.dotm")},
     None, "attached template"),
    ("altChunk", {}, {"word/_rels/document.xml.rels": [(b"</Relationships>",
                                                       rel("aFChunk", "chunk.html", external=False))]},
     "altChunk"),
    ("an INCLUDEPICTURE field", {}, in_body(b'<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://127.0.0.1'
                                            b'/x.png&quot; \\d "><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>'),
     "INCLUDEPICTURE"),
    ("an INCLUDETEXT field", {}, in_body(b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
                                          b' INCLUDETEXT "/etc/passwd" </w:instrText></w:r><w:r><w:fldChar '
                                          b'w:fldCharType="end"/></w:r></w:p>'), "INCLUDETEXT"),
    ("tracked changes", {}, in_body(b'<w:p><w:ins w:id="1" w:author="x" w:date="2019-01-01T00:00:00Z"><w:r>'
                                    b'<w:t>secret edit</w:t></w:r></w:ins></w:p>'), "tracked changes"),
    ("hidden text", {}, in_body(b"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden note</w:t></w:r></w:p>"),
     "hidden text"),
    ("comments", {"word/comments.xml": f'<w:comments {W}><w:comment w:id="0" w:author="Reviewer"><w:p><w:r>'
                                       f'<w:t>do not send this</w:t></w:r></w:p></w:comment></w:comments>'
                  .encode()}, None, "comments"),
]


@pytest.mark.parametrize("what, parts, edit, phrase", BAGGAGE, ids=[b[0] for b in BAGGAGE])
def test_a_template_carrying_something_that_runs_or_fetches_is_refused(tmp_path, what, parts, edit, phrase):
    root = project_with(tmp_path, "plain")
    (root / "templates" / "docx").mkdir(parents=True)
    (root / "templates" / "docx" / "project-report.docx").write_bytes(edited(parts, edit))
    out = tmp_path / "out"
    result = build(root, out, "--format", "docx")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "project-report.docx" in result.stderr and phrase in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "project-report.docx").exists()


def test_document_properties_are_bidkits_own(tmp_path):
    app = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'extended-properties"><Company>Secret Holdings Ltd</Company><Manager>A. Person</Manager>'
           b"<HyperlinkBase>http://127.0.0.1:9/</HyperlinkBase></Properties>")
    custom = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
              b'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client"><vt:lpwstr>Other bid'
              b"</vt:lpwstr></property></Properties>")
    types_edit = {"[Content_Types].xml": [(b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType='
                                           b'"application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
                                           b"</Types>")],
                  "_rels/.rels": [(b"</Relationships>", b'<Relationship Id="rIdC" Type="http://schemas.openxmlformats'
                                   b'.org/officeDocument/2006/relationships/custom-properties" Target="docProps/'
                                   b'custom.xml"/></Relationships>')]}
    root = project_with(tmp_path, "plain")
    (root / "templates" / "docx").mkdir(parents=True)
    (root / "templates" / "docx" / "project-report.docx").write_bytes(
        edited({"docProps/app.xml": app, "docProps/custom.xml": custom}, types_edit))
    out = tmp_path / "out"
    result = build(root, out, "--format", "docx")
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(out / "project-report.docx") as written:
        everything = b"".join(written.read(n) for n in written.namelist())
    for leak in (b"Secret Holdings", b"A. Person", b"127.0.0.1", b"Other bid"):
        assert leak not in everything
    assert re.search(rb"<Application>bidkit</Application>", everything)


BYPASSES = [
    ("External with spaces round its equals sign", {}, {"word/_rels/document.xml.rels": [(
        b"</Relationships>", b'<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/image" Target="http://127.0.0.1:9/x.png" TargetMode = "External"/></Relationships>')]},
     "from outside the file"),
    ("a field split over two instrText runs", {}, in_body(
        b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPIC</w:instrText></w:r>'
        b'<w:r><w:instrText>TURE "http://127.0.0.1:9/x.png" </w:instrText></w:r><w:r><w:fldChar w:fldCharType='
        b'"end"/></w:r></w:p>'), "INCLUDEPICTURE"),
    ("a single-quoted fldSimple", {}, in_body(b"<w:p><w:fldSimple w:instr=' INCLUDETEXT \"/etc/passwd\" '><w:r>"
                                              b"<w:t>x</w:t></w:r></w:fldSimple></w:p>"), "INCLUDETEXT"),
    ("custom XML data", {"customXml/item2.xml": b'<?xml version="1.0"?><client><name>Other bid Ltd</name></client>'},
     None, "custom XML data"),
    ("a preview picture bidkit cannot blank", {"docProps/thumbnail.wmf": b"\xd7\xcd\xc6\x9a not really a wmf"}, None,
     "preview picture"),
]


@pytest.mark.parametrize("what, parts, edit, phrase", BYPASSES, ids=[b[0] for b in BYPASSES])
def test_quoting_spacing_and_split_fields_do_not_slip_past(tmp_path, what, parts, edit, phrase):
    test_a_template_carrying_something_that_runs_or_fetches_is_refused(tmp_path, what, parts, edit, phrase)


def test_the_shipped_templates_empty_bibliography_is_no_objection():
    from bidkit.render.docx_guard import objections

    assert objections(SHIPPED) == []


def test_a_jpeg_preview_picture_is_replaced_by_a_blank_one(tmp_path):
    secret = b"\xff\xd8\xff\xe0 the template's first page: Other bid Ltd"
    root = project_with(tmp_path, "plain")
    (root / "templates" / "docx").mkdir(parents=True)
    (root / "templates" / "docx" / "project-report.docx").write_bytes(edited({"docProps/thumbnail.jpeg": secret}))
    out = tmp_path / "out"
    result = build(root, out, "--format", "docx")
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(out / "project-report.docx") as written:
        everything = b"".join(written.read(n) for n in written.namelist())
    assert b"Other bid Ltd" not in everything
