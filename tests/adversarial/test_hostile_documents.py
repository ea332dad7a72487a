"""Hostile text in evidence and hostile templates: everything is shown literally or refused, nothing leaks.

Each case states the input and the outcome. The documents are built for real (DOCX and PDF) and read back.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, write_tree

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")

SECRET = "root:x:0:0"          # the first line of /etc/passwd, which the hostile inputs ask for
HOSTILE = [
    # (what, text that must read back literally)
    ("HTML tags", "<b>bold?</b> <script>alert(1)</script>"),
    ("an attachment link", '<link rel="attachment" href="file:///etc/passwd">'),
    ("an image of a local file", '<img src="file:///etc/passwd">'),
    ("CSS url() and @import", "@import url(http://127.0.0.1:9/x.css); background: url(file:///etc/passwd)"),
    ("a local network address", "http://127.0.0.1:8080/admin"),
    ("Jinja expression", "{{ 7*7 }} and {{ ''.__class__ }}"),
    ("Jinja statement", "{% for x in range(3) %}loop{% endfor %}"),
    ("XML injection into DOCX", "</w:t></w:r><w:r><w:t>injected ]]> <!-- x -->"),
    ("ampersands, quotes and angle brackets", "R&D \"quoted\" 'single' a < b > c"),
    ("right-to-left text", "مرحبا بالعالم שלום"),
    ("emoji", "Pobl 😀 ❤️ 👩🏽‍🦽"),
    ("Welsh letters", "Ŵ ŵ Ŷ ŷ â ê î ô û ẁ ẃ ẅ ỳ"),
    ("formula text", "=HYPERLINK(\"http://127.0.0.1\",\"click\")"),
]


def project_with(tmp_path: Path, text: str) -> Path:
    """Hostile text in the meeting title and summary, a partner name, a reading-list entry and a narrative."""
    quoted = '"' + text.replace('"', '""') + '"'
    files = {
        **MINIMAL,
        "meetings.csv": "date,title,partners,attendees,summary\n"
                        f"14/11/2018,{quoted},wcva,5,{quoted}\n",
        "partners.csv": MINIMAL["partners.csv"] + f"hostile,{quoted},other,wales,supporter\n",
        "reading-list.csv": f"title,source,notes\n{quoted},{quoted},{quoted}\n",
        "narrative/summary.md": f"Before.\n\n{text.replace('{{', '{ {')}\n\nAfter.\n",
    }
    return write_tree(tmp_path / "project", files)


def build(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bidkit", "build", str(root), "--out", str(out),
                           "--doc", "project-report", "--jobs", "1", *extra],
                          capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1552608000"})


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_back(out: Path) -> tuple[str, str]:
    pdf = "\n".join(p.extract_text() for p in pypdf.PdfReader(out / "project-report.pdf").pages)
    document = docx.Document(out / "project-report.docx")
    word = "\n".join([p.text for p in document.paragraphs] +
                     [c.text for t in document.tables for r in t.rows for c in r.cells])
    return pdf, word


@pytest.mark.parametrize("what, text", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_text_reads_back_literally(tmp_path, what, text):
    out = tmp_path / "out"
    result = build(project_with(tmp_path, text), out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    pdf, word = read_back(out)
    assert text in word, what                                  # python-docx reads text exactly
    if what not in ("right-to-left text", "emoji"):            # shaping and joiners change pypdf's order
        assert squash(text) in squash(pdf), what
    assert SECRET not in pdf and SECRET not in word and SECRET not in unzipped(out / "project-report.docx")
    assert len(pypdf.PdfReader(out / "project-report.pdf").attachments) == 0


def unzipped(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(name).decode("utf-8", "replace") for name in zf.namelist())


MALICIOUS_TEMPLATES = [
    ("a __class__ walk", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("the attr filter", "{{ doc|attr('__class__') }}", "unsafe"),
    ("autoescape off", "{% autoescape false %}{{ doc.title }}{% endautoescape %}<img src=\"file:///etc/passwd\">",
     "file:///etc/passwd"),
    ("a huge range", "{% for i in range(10**9) %}x{% endfor %}", "range too big"),
    ("an image of /dev/zero", '<img src="/dev/zero">', "/dev/zero"),
    ("an image of a local file", '<img src="file:///etc/passwd">', "file:///etc/passwd"),
    ("a stylesheet from the network", '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">', "127.0.0.1"),
    ("an attachment", '<link rel="attachment" href="file:///etc/passwd">', "file:///etc/passwd"),
    ("a path out of the folder", '<img src="../../../../../../etc/passwd">', "passwd"),
]


@pytest.mark.parametrize("what, body, phrase", MALICIOUS_TEMPLATES, ids=[m[0] for m in MALICIOUS_TEMPLATES])
def test_malicious_html_template_is_refused_naming_it(tmp_path, what, body, phrase):
    root = project_with(tmp_path, "plain")
    write_tree(root, {"templates/html/project-report.html":
                      '{% extends "html/base.html" %}{% block head %}' + body + "{% endblock %}"})
    out = tmp_path / "out"
    result = build(root, out, "--format", "pdf")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert phrase.lower() in result.stderr.lower(), result.stderr
    assert "project-report.html" in result.stderr
    assert not (out / "project-report.pdf").exists()


def test_template_symlink_out_of_the_folder_is_refused(tmp_path):
    root = project_with(tmp_path, "plain")
    (root / "templates" / "html").mkdir(parents=True)
    (root / "templates" / "html" / "project-report.html").symlink_to("/etc/passwd")
    result = build(root, tmp_path / "out", "--format", "pdf")
    assert result.returncode == 2 and "symbolic link" in result.stderr


def test_malicious_docx_template_is_refused(tmp_path):
    from docx import Document

    root = project_with(tmp_path, "plain")
    evil = Document()
    evil.add_paragraph("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    (root / "templates" / "docx").mkdir(parents=True)
    evil.save(root / "templates" / "docx" / "project-report.docx")
    result = build(root, tmp_path / "out", "--format", "docx")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "project-report.docx" in result.stderr and "unsafe" in result.stderr


def test_hostile_project_title_in_headers_and_core_properties(tmp_path):
    title = 'R&D </w:t><w:t>x ]]> <b>"q"</b>'
    root = project_with(tmp_path, "plain")
    text = (root / "project.yaml").read_text().replace("title: Test project", f"title: '{title}'")
    (root / "project.yaml").write_text(text)
    out = tmp_path / "out"
    result = build(root, out)
    assert result.returncode == 0, result.stderr
    document = docx.Document(out / "project-report.docx")
    assert document.core_properties.title == f"{title}: Project report"
    headers = [p.text for s in document.sections for p in s.header.paragraphs]
    assert any(title in h for h in headers)
    assert pypdf.PdfReader(out / "project-report.pdf").metadata.title == f"{title}: Project report"


def test_a_zip_bomb_docx_template_is_refused(tmp_path):
    from adversarial.test_hostile_evidence import zip_bomb

    root = project_with(tmp_path, "plain")
    write_tree(root, {"templates/docx/project-report.docx": zip_bomb("word/document.xml")})
    result = build(root, tmp_path / "out", "--format", "docx")
    assert result.returncode == 2
    assert "zip bomb" in result.stderr and "project-report.docx" in result.stderr
