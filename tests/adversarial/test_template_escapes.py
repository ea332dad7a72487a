"""Templates a user may edit reach data only: no object with a method that reads or writes a file, no include
that follows a link, no hard link or link out of the template folders. Each case builds for real."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import write_tree
from adversarial.test_hostile_documents import SECRET, build, project_with, unzipped

docx = pytest.importorskip("docx")


def docx_template(root: Path, text: str) -> None:
    from docx import Document

    template = Document()
    template.add_paragraph(text)
    (root / "templates" / "docx").mkdir(parents=True, exist_ok=True)
    template.save(root / "templates" / "docx" / "project-report.docx")


ESCAPES = [
    # (what, template text, the file it would write or read)
    ("save the section body anywhere", "{{ sections[0].body.save('%(victim)s') }}", "write"),
    ("save the whole template over a file", "{{ sections[0].body.tpl.save('%(victim)s') }}", "write"),
    ("read a file in as a picture", "{{ sections[0].body.tpl.replace_pic('x.png', '/etc/passwd') }}", "read"),
    ("embed another document", "{{ sections[0].body.tpl.new_subdoc('%(victim)s') }}", "read"),
    ("add a private picture", "{{ sections[0].body.add_picture('/etc/passwd') }}", "read"),
    ("through doc.sections", "{{ doc.sections[0].body.save('%(victim)s') }}", "write"),
]


@pytest.mark.parametrize("what, text, kind", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_a_docx_template_cannot_reach_files_through_the_context(tmp_path, what, text, kind):
    root = project_with(tmp_path, "plain")
    victim = tmp_path / "victim.docx"
    if kind == "read":
        victim.write_bytes(Path(__file__).with_name("__init__.py").read_bytes() or b"x")
    docx_template(root, text % {"victim": victim})
    before = victim.read_bytes() if victim.exists() else None
    out = tmp_path / "out"
    result = build(root, out, "--format", "docx")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "project-report.docx" in result.stderr
    assert (victim.read_bytes() if victim.exists() else None) == before
    assert not (out / "project-report.docx").exists()


def test_a_docx_template_still_places_the_sections(tmp_path):
    """The plain use keeps working: `{{p section.body }}` inside the loop puts the content in."""
    from docx import Document

    root = project_with(tmp_path, "plain")
    template = Document()
    template.add_paragraph("{%p for section in doc.sections %}")
    template.add_paragraph("{{ section.title }}")
    template.add_paragraph("{{p section.body }}")
    template.add_paragraph("{%p endfor %}")
    (root / "templates" / "docx").mkdir(parents=True)
    template.save(root / "templates" / "docx" / "project-report.docx")
    out = tmp_path / "out"
    result = build(root, out, "--format", "docx")
    assert result.returncode == 0, result.stdout + result.stderr
    text = "\n".join(p.text for p in docx.Document(out / "project-report.docx").paragraphs)
    assert "Background and aims" in text and "Before.\nplain\nAfter." in text


LINKS = [
    ("an include linked to a private file", "symlink"),
    ("an include hard-linked to a private file", "hardlink"),
    ("an include through a linked folder", "dirlink"),
]


@pytest.mark.parametrize("what, how", LINKS, ids=[c[0] for c in LINKS])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_includes_follow_no_link(tmp_path, what, how, fmt):
    root = project_with(tmp_path, "plain")
    secret = tmp_path / "private" / "notes.txt"
    write_tree(tmp_path, {"private/notes.txt": SECRET + " private notes\n"})
    folder = root / "templates" / "html"
    folder.parent.mkdir(parents=True, exist_ok=True)
    if how == "dirlink":
        (root / "templates" / "inc").symlink_to(secret.parent, target_is_directory=True)
        name = "inc/notes.txt"
    else:
        (root / "templates" / "inc").mkdir()
        target = root / "templates" / "inc" / "notes.txt"
        os.link(secret, target) if how == "hardlink" else target.symlink_to(secret)
        name = "inc/notes.txt"
    if fmt == "pdf":
        write_tree(root, {"templates/html/project-report.html":
                          '{% extends "html/base.html" %}{% block head %}{% include "' + name + '" %}{% endblock %}'})
    else:
        docx_template(root, '{% include "' + name + '" %}')
    out = tmp_path / "out"
    result = build(root, out, "--format", fmt)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "notes.txt" in result.stderr
    assert ("symbolic link" in result.stderr) or ("hard link" in result.stderr)
    assert not (out / f"project-report.{fmt}").exists()


def test_a_hard_link_in_the_templates_is_not_attached_to_the_pdf(tmp_path):
    root = project_with(tmp_path, "plain")
    write_tree(tmp_path, {"private/secret.txt": SECRET + "\n"})
    (root / "templates" / "html").mkdir(parents=True)
    os.link(tmp_path / "private" / "secret.txt", root / "templates" / "html" / "notes.txt")
    write_tree(root, {"templates/html/project-report.html":
                      '{% extends "html/base.html" %}{% block head %}<link rel="attachment" href="notes.txt">'
                      '{% endblock %}'})
    out = tmp_path / "out"
    result = build(root, out, "--format", "pdf")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "notes.txt" in result.stderr
    assert not (out / "project-report.pdf").exists() or SECRET not in unzipped(out / "project-report.pdf")


def test_a_templates_folder_linked_to_the_root_is_refused(tmp_path):
    root = project_with(tmp_path, "plain")
    (root / "templates").symlink_to("/", target_is_directory=True)
    result = build(root, tmp_path / "out", "--format", "pdf")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "symbolic link" in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_recursive_macro_is_a_template_error(tmp_path, fmt):
    root = project_with(tmp_path, "plain")
    body = "{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}"
    if fmt == "pdf":
        write_tree(root, {"templates/html/project-report.html":
                          '{% extends "html/base.html" %}{% block head %}' + body + "{% endblock %}"})
    else:
        docx_template(root, body)
    result = build(root, tmp_path / "out", "--format", fmt)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "calls itself without end" in result.stderr and "project-report" in result.stderr
