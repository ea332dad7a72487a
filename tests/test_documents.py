"""The documents' content, whatever the format: each document's own narrative, captions that add to their heading,
the meetings' summaries in the report, and the small wording rules (lists with "and", no empty rows)."""
from __future__ import annotations

import pytest

from conftest import EXAMPLE, problems_of

from bidkit.documents import DOCUMENTS, document
from bidkit.documents.content import Facts, Heading, ListBlock, Paragraph, Table
from bidkit.pipeline import open_project


@pytest.fixture(scope="module")
def example():
    drafts = open_project(EXAMPLE)
    return {name: document(drafts.writer, name) for name in DOCUMENTS}


def words(items) -> str:
    """The text of paragraphs and lists, in order."""
    out = []
    for item in items:
        if isinstance(item, Paragraph):
            out.append(item.text)
        elif isinstance(item, ListBlock):
            out += [words(entry) for entry in item.items]
    return " ".join(out)


def section(doc, section_id: str):
    return next(s for s in doc.sections if s.id == section_id)


def test_the_report_has_its_own_summary_and_next_steps(example):
    report, paper = example["project-report"], example["concept-paper"]
    assert words(section(report, "summary").items) != words(section(paper, "summary").items)
    assert "This report says what the Equality Good Relations project did" in words(section(report, "summary").items)
    assert "Why this matters" not in words(section(report, "summary").items)
    lessons, next_steps = words(section(report, "lessons").items), words(section(paper, "next-steps").items)
    assert next_steps not in lessons
    assert "A follow-up meeting with the nation leads" in lessons


def test_a_document_section_falls_back_to_the_shared_file(make_project):
    root = make_project({"narrative/project-report/summary.md": "What the report says was done.\n",
                         "narrative/concept-paper/approach.md": "The paper's own approach.\n"})
    assert problems_of(root) == []
    drafts = open_project(root)
    report, paper = document(drafts.writer, "project-report"), document(drafts.writer, "concept-paper")
    assert words(section(report, "summary").items) == "What the report says was done."
    assert words(section(paper, "summary").items).startswith("The summary of a small test project")
    assert words(section(paper, "approach").items) == "The paper's own approach."
    assert words(section(report, "lessons").items).startswith("The lessons of a small test project")


def test_a_document_folder_file_no_document_uses_is_a_warning(make_project):
    root = make_project({"narrative/project-report/sumary.md": "Typo.\n",
                         "narrative/project-report/summary.md": "We held {{ meetngs_held }} meetings.\n"})
    found = {(p.file, p.severity) for p in problems_of(root)}
    assert ("narrative/project-report/sumary.md", "warning") in found
    assert ("narrative/project-report/summary.md", "error") in found        # checked like every narrative


def test_the_document_folders_are_the_documents():
    from bidkit.evidence.narrative import DOCUMENT_FOLDERS

    assert DOCUMENT_FOLDERS == tuple(DOCUMENTS)


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_no_caption_repeats_the_heading_above_it(example, name):
    for sec in example[name].sections:
        above = sec.title
        for item in sec.items:
            if isinstance(item, Heading):
                above = item.text
            elif isinstance(item, (Table, Facts)):
                caption = item.caption.casefold()         # "Budget by heading and year" under Budget adds to it
                assert caption != above.casefold() and not caption.endswith(above.casefold()), (above, caption)


def test_the_report_shows_each_held_meetings_summary(example):
    from bidkit.evidence import load
    from bidkit.figures import compute

    held = [m for m in compute(load(EXAMPLE)).held if m.summary]
    shown = words(section(example["project-report"], "who-we-met").items)
    assert len(held) >= 10
    for m in held:
        assert f"{m.title}: {m.summary}" in shown, m.title
    assert "Cancelled because of snow" not in shown                         # held meetings only


def test_only_the_labels_are_bold_in_an_outcomes_type_line(example):
    line = next(i for i in section(example["project-report"], "outcomes").items
                if isinstance(i, Paragraph) and i.text.startswith("Type:"))
    assert [r.text.strip() for r in line.runs if r.bold] == ["Type:", "Goals:"]
    assert line.text.startswith("Type: Output. Goals: SDG")


def test_nations_in_a_sentence_end_with_and_and_no_empty_partnership_rows(example):
    proposal = example["funding-proposal"]
    benefit = words(section(proposal, "who-will-benefit").items)
    assert "in Wales, England, Scotland and Northern Ireland." in benefit
    tables = [i for i in section(proposal, "partnership").items if hasattr(i, "rows")]
    assert tables and all(row and all(cell not in ("", "—") for cell in row) for t in tables for row in t.rows)


def test_numbered_lists_leave_room_for_two_digits_in_the_docx(example):
    """"10." needs more than the styles' 360 twips before the text, or LibreOffice shows "10.Scottish"."""
    import io

    import docx
    from docx.oxml.ns import qn

    from bidkit.paths import template_folders
    from bidkit.render.docx import render

    data, _ = render(example["project-report"], template_folders(None))
    word = docx.Document(io.BytesIO(data))
    numbering = word.part.numbering_part.element
    style = word.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style).abstractNumId.val
    definition = next(a for a in numbering.iterchildren(qn("w:abstractNum"))
                      if a.get(qn("w:abstractNumId")) == str(abstract))
    lvl = next(x for x in definition.iterchildren(qn("w:lvl")) if x.get(qn("w:ilvl")) == "0")
    assert int(lvl.find(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}").get(qn("w:pos"))) >= 567
    assert int(lvl.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn("w:hanging"))) >= 567


def test_a_document_folder_follows_the_path_rule(make_project, tmp_path):
    """A linked file in a document's folder is refused at its path, and a linked folder is not read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "summary.md").write_text("Someone else's summary.\n", encoding="utf-8")
    root = make_project({"narrative/project-report/next-steps.md": "Ours.\n"})
    (root / "narrative" / "project-report" / "summary.md").symlink_to(outside / "summary.md")
    (root / "narrative" / "concept-paper").symlink_to(outside, target_is_directory=True)
    found = [(p.file, p.message) for p in problems_of(root)]
    assert any(f == "narrative/project-report/summary.md" and "symbolic link" in m for f, m in found), found
    assert not any("Someone else" in m for _f, m in found)
    assert ("narrative/concept-paper", "is a symbolic link; a document's narrative folder must be a real folder "
            "in the project") in found                                              # and nothing in it is read
    assert not any(f.startswith("narrative/concept-paper/") for f, _m in found)
