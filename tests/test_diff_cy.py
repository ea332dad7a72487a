"""`bidkit diff` treats Welsh no less favourably: the Welsh document gets its own tracked DOCX
(`NAME.cy.changes.docx`, cy-GB, Welsh labels) with exactly the Welsh narrative's changes, and the lines printed and
changes.html are in the reader's language (`--lang`; `--json` stays English)."""
from __future__ import annotations

import io
import json
import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from bidkit.cli import cli
from test_diff import SOURCE_DATE_EPOCH, copy_example, edit, libreoffice_text, paragraphs

DOCS = ("concept-paper", "project-report", "funding-proposal")


@pytest.fixture(scope="module")
def welsh(tmp_path_factory):
    """Two copies of the example (languages [en, cy]); NEW's Welsh summary and Welsh funder answer edited."""
    root = tmp_path_factory.mktemp("welsh")
    old, new = copy_example(root / "old"), copy_example(root / "new")
    edit(new / "narrative" / "cy" / "summary.md", "Mae rhai pobl yn bell iawn", "Mae llawer o bobl yn bell")
    edit(new / "narrative" / "cy" / "your-idea-project.md", "Rydym eisiau helpu", "Rydym ni eisiau helpu")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--out", str(root / "changes"), "--lang", "cy"])
        assert result.exit_code == 0, result.output
        for side, folder in (("old", old), ("new", new)):
            built = CliRunner().invoke(cli, ["build", str(folder), "--out", str(root / f"{side}-built"),
                                             "--format", "docx"])
            assert built.exit_code == 0, built.output
    return root, result.output.splitlines()


def marked(data: bytes, tag: str) -> list[str]:
    from docx import Document
    from docx.oxml.ns import qn

    text = "w:t" if tag == "w:ins" else "w:delText"
    return ["".join(t.text for t in m.iter(qn(text))) for m in Document(io.BytesIO(data)).element.body.iter(qn(tag))]


def test_the_lines_are_welsh(welsh):
    root, lines = welsh
    assert lines == [
        f"Cymharu {root / 'old'} -> {root / 'new'}",
        "Naratif:",
        "  newidiwyd summary [cy] (narrative/cy/summary.md): geiriau +3 -3",
        "  newidiwyd your-idea-project [cy] (narrative/cy/your-idea-project.md): geiriau +1 -0; geiriau 125 -> 126 "
        "(50–500 gair)",
        "2 newid",
        "Ysgrifennwyd changes.html, concept-paper.changes.docx, project-report.changes.docx, "
        "funding-proposal.changes.docx, concept-paper.cy.changes.docx, project-report.cy.changes.docx, "
        f"funding-proposal.cy.changes.docx yn {root / 'changes'}",
    ]


def test_json_stays_english(welsh):
    root, _ = welsh
    result = CliRunner().invoke(cli, ["diff", str(root / "old"), str(root / "new"), "--json", "--lang", "cy"])
    found = json.loads(result.output)["narrative"]
    assert [(s["section"], s["lang"], s["change"], s["limit"]) for s in found] == \
        [("summary", "cy", "changed", None), ("your-idea-project", "cy", "changed", "50–500 words")]


def test_the_welsh_tracked_docx_holds_exactly_the_welsh_words_changed(welsh):
    root, _ = welsh
    concept = (root / "changes" / "concept-paper.cy.changes.docx").read_bytes()
    assert [w for t in marked(concept, "w:ins") for w in t.split()] == ["llawer", "o", "bobl"]
    assert [w for t in marked(concept, "w:del") for w in t.split()] == ["rhai", "pobl", "iawn"]
    proposal = (root / "changes" / "funding-proposal.cy.changes.docx").read_bytes()
    assert (marked(proposal, "w:ins"), marked(proposal, "w:del")) == ([" ni"], [])
    report = (root / "changes" / "project-report.cy.changes.docx").read_bytes()     # its own Welsh summary
    assert (marked(report, "w:ins"), marked(report, "w:del")) == ([], [])
    for doc in DOCS:                # nothing changed in English: the English ones have no change to track
        data = (root / "changes" / f"{doc}.changes.docx").read_bytes()
        assert (marked(data, "w:ins"), marked(data, "w:del")) == ([], [])
        assert paragraphs(data) == paragraphs((root / "new-built" / f"{doc}.docx").read_bytes())


def test_the_welsh_tracked_docx_is_the_welsh_document(welsh):
    root, _ = welsh
    with zipfile.ZipFile(root / "changes" / "concept-paper.cy.changes.docx") as docx:
        styles, core = docx.read("word/styles.xml").decode(), docx.read("docProps/core.xml").decode()
        body = docx.read("word/document.xml").decode()
    assert re.search(r'<w:docDefaults>.*?<w:lang w:val="cy-GB"', styles, re.S)
    assert "<dc:language>cy-GB</dc:language>" in core
    changed = re.findall(r"<w:(?:ins|del) .*?</w:(?:ins|del)>", body, re.S)
    assert changed and not any("<w:lang" in piece for piece in changed)      # in the document's Welsh
    assert {"Papur cysyniad", "DRAFFT"} <= set(paragraphs((root / "changes" / "concept-paper.cy.changes.docx").read_bytes()))


@pytest.mark.parametrize("doc", DOCS)
def test_accepting_gives_the_new_welsh_and_rejecting_the_old(welsh, doc):
    root, _ = welsh
    data = (root / "changes" / f"{doc}.cy.changes.docx").read_bytes()
    old = paragraphs((root / "old-built" / f"{doc}.cy.docx").read_bytes())
    new = paragraphs((root / "new-built" / f"{doc}.cy.docx").read_bytes())
    assert paragraphs(data, accept=True) == new
    rejected = paragraphs(data, accept=False)
    if doc == "funding-proposal":      # the draft's word count note is the new count, not narrative
        rejected = [p.replace("126 / 500", "125 / 500") for p in rejected]
    assert rejected == old
    assert (old != new) == (doc != "project-report")


def test_changes_html_is_welsh(welsh):
    html = (welsh[0] / "changes" / "changes.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in html
    assert "<title>Beth a newidiodd: " in html and "<h1>Beth a newidiodd: " in html
    assert [h for h in re.findall(r"<h2>([^<]*)</h2>", html)] == ["Ffigurau", "Tystiolaeth", "Naratif"]
    assert "<caption>Adrannau a newidiodd</caption>" in html and "Ni newidiodd unrhyw ffigur." in html
    assert ":\n2 newid.</p>" in html and "<td>newidiwyd</td>" in html and "125 → 126 (50–500 gair)" in html
    assert "Skip to" not in html and "changed" not in html.replace("changes.", "")


def test_the_same_drafts_give_the_same_bytes(welsh, tmp_path, monkeypatch):
    root, _ = welsh
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    again = tmp_path / "again"
    result = CliRunner().invoke(cli, ["diff", str(root / "old"), str(root / "new"), "--out", str(again), "--lang", "cy"])
    assert result.exit_code == 0, result.output
    first = root / "changes"
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in first.iterdir())
    for path in again.iterdir():
        assert path.read_bytes() == (first / path.name).read_bytes(), path.name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_accept_all_gives_the_new_welsh_and_reject_all_the_old(welsh, tmp_path):
    """LibreOffice's own Accept All / Reject All on the Welsh concept paper (one document, to keep it short)."""
    root, _ = welsh
    text = libreoffice_text(tmp_path, "Rhestr ddarllen")
    tracked = root / "changes" / "concept-paper.cy.changes.docx"
    accepted, new = text(tracked, "Accept"), text(root / "new-built" / "concept-paper.cy.docx", "")
    assert accepted == new and any("Mae llawer o bobl yn bell" in line for line in new)
    assert text(tracked, "Reject") == text(root / "old-built" / "concept-paper.cy.docx", "")


# ------------------------------------------------------------------------- a language in one draft only
def only_concept_paper(monkeypatch):
    from bidkit.changes import tracked_docx

    monkeypatch.setattr(tracked_docx, "writable", lambda side: ["concept-paper"])


def test_a_language_added_in_new_is_all_inserted(tmp_path, monkeypatch):
    """OLD in English only, NEW in English and Welsh: the Welsh has no earlier draft, so every Welsh section is
    listed as added and the Welsh document's narrative is all insertion (accepting gives NEW's Welsh)."""
    from bidkit.changes import compare
    from bidkit.changes.tracked_docx import tracked_documents

    old, new = copy_example(tmp_path / "old"), copy_example(tmp_path / "new")
    edit(old / "project.yaml", "languages: [en, cy]", "languages: [en]")
    changes = compare(old, new)
    assert {(s.lang, s.change) for s in changes.narrative} == {("cy", "added")}
    only_concept_paper(monkeypatch)
    found = tracked_documents(changes.old, changes.new)
    assert list(found) == ["concept-paper.changes.docx", "concept-paper.cy.changes.docx"]
    assert marked(found["concept-paper.changes.docx"], "w:ins") == []
    welsh = found["concept-paper.cy.changes.docx"]
    assert marked(welsh, "w:del") == [] and any(t.startswith("Mae rhai pobl yn bell iawn") for t in marked(welsh, "w:ins"))
    result = CliRunner().invoke(cli, ["build", str(new), "--out", str(tmp_path / "built"), "--format", "docx",
                                      "--doc", "concept-paper", "--lang", "cy"])
    assert result.exit_code == 0, result.output
    built = paragraphs((tmp_path / "built" / "concept-paper.cy.docx").read_bytes())
    assert paragraphs(welsh, accept=True) == built
    rejected = paragraphs(welsh, accept=False)
    assert len(rejected) < len(built) and all(p in built for p in rejected)
    assert not any(p.startswith("Mae rhai pobl") for p in rejected)


def test_a_language_only_in_old_gives_no_document(tmp_path, monkeypatch):
    from bidkit.changes import compare
    from bidkit.changes.tracked_docx import tracked_documents

    old, new = copy_example(tmp_path / "old"), copy_example(tmp_path / "new")
    edit(new / "project.yaml", "languages: [en, cy]", "languages: [en]")
    changes = compare(old, new)
    assert {(s.lang, s.change) for s in changes.narrative} == {("cy", "removed")}
    only_concept_paper(monkeypatch)
    assert list(tracked_documents(changes.old, changes.new)) == ["concept-paper.changes.docx"]


def test_the_names_are_the_builds():
    from bidkit.changes.tracked_docx import tracked_name

    assert [tracked_name("concept-paper", lang, main) for lang, main in
            (("en", "en"), ("cy", "en"), ("cy", "cy"), ("en", "cy"))] == \
        ["concept-paper.changes.docx", "concept-paper.cy.changes.docx", "concept-paper.changes.docx",
         "concept-paper.en.changes.docx"]


def test_the_reader_language_defaults_to_new_main_language(tmp_path):
    """NEW written in Welsh first: its lines are Welsh without asking; --lang en gives English."""
    old, new = copy_example(tmp_path / "old"), copy_example(tmp_path / "new")
    for folder in (old, new):
        edit(folder / "project.yaml", "languages: [en, cy]", "languages: [cy, en]")
    result = CliRunner().invoke(cli, ["diff", str(old), str(new)])
    assert result.output.splitlines()[-1] == "Dim newidiadau."
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--lang", "en"])
    assert result.output.splitlines()[-1] == "No changes."


def test_a_folder_with_errors_is_told_in_welsh(tmp_path):
    old, new = copy_example(tmp_path / "old"), copy_example(tmp_path / "new")
    edit(new / "meetings-ehrc.csv", "04/12/2018,Race equality", "31/02/2019,Race equality")
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--out", str(tmp_path / "out"), "--lang", "cy"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = lines.index(f"Mae gwallau yn y dystiolaeth yn NEW ({new}); cymharwyd yr hyn y gellir ei ddarllen:")
    assert lines[at + 1].startswith("  meetings-ehrc.csv:3: date: ")
    assert "Ffigurau: heb eu cymharu (byddai ffigur a gyfrifwyd o ran o'r dystiolaeth yn anghywir)" in lines
    assert "  tynnwyd cyfarfodydd: 2018-12-04, Race equality organisations, ehr-coalition (meetings-ehrc.csv:3 yn " \
           "OLD)" in lines
    assert lines[-1] == "Ni ysgrifennwyd dim: dim ond o dystiolaeth ddilys y caiff y DOCX ag olrhain newidiadau ei " \
                        "wneud."
    assert not (tmp_path / "out").exists()
