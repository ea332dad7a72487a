"""`bidkit diff OLD NEW`: two copies of the example with known changes give exactly those changes; the tracked
DOCX reads back as NEW when every change is accepted and as OLD when every change is rejected."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bidkit.changes import compare
from bidkit.changes.narrative import word_opcodes
from bidkit.changes.records import IDENTITY
from bidkit.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "evidence"
SOURCE_DATE_EPOCH = "1555555555"          # 2019-04-18T02:45:55Z


def copy_example(folder: Path) -> Path:
    shutil.copytree(EXAMPLE, folder)
    return folder


def edit(path: Path, old: str, new: str, encoding: str = "utf-8") -> None:
    text = path.read_text(encoding=encoding)
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding=encoding)


def edit_sheet(path: Path, sheet: str, cells: dict[str, object]) -> None:
    wb = openpyxl.load_workbook(path)
    for cell, value in cells.items():
        wb[sheet][cell] = value
    wb.save(path)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> tuple[Path, Path]:
    """OLD: the example without next-steps.md. NEW: the example with every kind of record change, a figure
    change, narrative edits, next-steps.md added and lessons.md removed."""
    root = tmp_path_factory.mktemp("drafts")
    old, new = copy_example(root / "old"), copy_example(root / "new")
    (old / "narrative" / "next-steps.md").unlink()
    (new / "narrative" / "lessons.md").unlink()
    edit(new / "partners.csv", "https://involve.org.uk", "https://www.involve.org.uk")
    edit(new / "partners.csv", "wiserd,WISERD,academic,wales,supporter,,,https://wiserd.ac.uk,\n",
         "wiserd,WISERD,academic,wales,supporter,,,https://wiserd.ac.uk,\nnew-voices,New Voices,charity,wales,"
         "supporter,,,,\n")
    meetings = new / "meetings-ehrc.csv"
    edit(meetings, "race; religion-belief,\"Groups asked", "race; religion-belief,\"Groups asked")
    edit(meetings, ",ehr-coalition,meeting,in-person,held,13,", ",ehr-coalition,meeting,in-person,held,15,")
    edit(meetings, "10/01/2019,LGBT+ groups conversation", "10/01/2019,LGBT+ Groups Conversation")   # same one
    lines = meetings.read_text(encoding="utf-8").splitlines(keepends=True)
    removed = next(line for line in lines if line.startswith("17/01/2019,Older people"))
    meetings.write_text("".join(line for line in lines if line is not removed)
                        + "20/02/2019,Young people's panel,ehr-coalition,meeting,online,held,6,wales,age,\n",
                        encoding="utf-8")
    reading = new / "reading-list.csv"
    edit(reading, "Community Empowerment Briefing;Inclusion Scotland;report;;;",
         "Community Empowerment Briefing;Inclusion Scotland;report;2019;;", "cp1252")
    lines = reading.read_text(encoding="cp1252").splitlines(keepends=True)
    reading.write_text("".join(line for line in lines if not line.startswith("The Moral Imagination"))
                       + "Open Government Partnership handbook;Open Government Partnership;guidance;2019;;\n",
                       encoding="cp1252")
    edit_sheet(new / "consortium.xlsx", "Action plan", {"E3": "in-progress", "B4": "Training at WCVA for every officer"})
    wb = openpyxl.load_workbook(new / "consortium.xlsx")
    budget = wb["Budget"]
    assert (budget["A2"].value, budget["A3"].value) == ("Staff", "Partner grants")
    budget["D2"] = budget["D2"].value - 1000
    budget["D3"] = budget["D3"].value + 1000
    budget["B4"] = "Lead equality network for England: engagement"
    wb.save(new / "consortium.xlsx")
    edit(new / "narrative" / "summary.md", "Some people are a long way", "Many people are far")
    edit(new / "narrative" / "summary.md", "- they need time, money and support to join in;\n", "")
    edit(new / "narrative" / "summary.md", "What we heard was clear:", "What we heard was very clear:\n\n"
         "A new paragraph, written for this draft.")
    edit(new / "narrative" / "your-idea-project.md", "\n", " Four more words here.\n")
    return old, new


@pytest.fixture(scope="module")
def changes(drafts):
    return compare(*drafts)


def test_the_identity_table_names_every_kind_of_record():
    from bidkit.evidence.kinds import KINDS

    assert set(KINDS) <= set(IDENTITY)


def test_the_guide_gives_the_identity_of_every_kind():
    guide = (EXAMPLE.parent / "docs" / "getting-started.md").read_text(encoding="utf-8")
    rows = dict(line.strip("|").split("|")[:2] for line in guide.split("## See what changed", 1)[1].split("\n## ")[0].splitlines()
                if line.startswith("| ") and "`" in line)
    rows = {kind.strip().replace(" ", "-"): sorted(__import__("re").findall(r"`([a-z_]+)`", fields))
            for kind, fields in rows.items()}
    assert rows == {kind: sorted(fields) for kind, fields in IDENTITY.items() if fields}


def test_figures_that_changed(changes):
    """13 -> 15 attendees, a meeting of 7 gone and one of 6 added: one more attendance, the same meetings; one
    partner more; the budget moved between lines, so its total is the same."""
    assert [(f.name, f.old, f.new) for f in changes.figures] == [("people_reached", 261, 262), ("partners", 17, 18)]


def test_records_added_removed_changed(changes):
    found = [(r.kind, r.change, r.key, r.place, [(f.field, f.old, f.new) for f in r.fields])
             for r in changes.records]
    assert found == [
        ("partners", "changed", "involve", "partners.csv:4",
         [("website", "https://involve.org.uk", "https://www.involve.org.uk")]),
        ("partners", "added", "new-voices", "partners.csv:15", []),
        ("meetings", "changed", "2018-12-04, Race equality organisations, ehr-coalition", "meetings-ehrc.csv:3",
         [("attendees", "13", "15")]),
        ("meetings", "changed", "2019-01-10, LGBT+ Groups Conversation, ehr-coalition; edf", "meetings-ehrc.csv:4",
         [("title", "LGBT+ groups conversation", "LGBT+ Groups Conversation")]),      # same meeting: case aside
        ("meetings", "added", "2019-02-20, Young people's panel, ehr-coalition", "meetings-ehrc.csv:6", []),
        ("meetings", "removed", "2019-01-17, Older people's and carers' groups, ehr-coalition; cvcs",
         "meetings-ehrc.csv:5", []),
        ("reading-list", "changed", "Community Empowerment Briefing", "reading-list.csv:4", [("year", "", "2019")]),
        ("reading-list", "added", "Open Government Partnership handbook", "reading-list.csv:13", []),
        ("reading-list", "removed", "The Moral Imagination: The Art and Soul of Building Peace",
         "reading-list.csv:4", []),
        ("action-plan", "changed", "Write the action plan and share it through partners' blogs, websites and "
         "social media, a landing page on the WCVA site, and the Open Government website and wiki",
         "consortium.xlsx[Action plan]:3", [("status", "done", "in-progress")]),
        ("action-plan", "added", "Training at WCVA for every officer", "consortium.xlsx[Action plan]:4", []),
        ("action-plan", "removed", "Internal training at WCVA so every officer and network knows how Open "
         "Government can work for their groups", "consortium.xlsx[Action plan]:4", []),
        ("budget", "changed", "Staff, 1, Programme coordinator, 0.8 full-time equivalent, with on-costs",
         "consortium.xlsx[Budget]:2", [("amount", "30000", "29000")]),
        ("budget", "changed", "Partner grants, 1, Lead equality network for Wales: local engagement and support",
         "consortium.xlsx[Budget]:3", [("amount", "6000", "7000")]),
        ("budget", "added", "Partner grants, 1, Lead equality network for England: engagement",
         "consortium.xlsx[Budget]:4", []),
        ("budget", "removed", "Partner grants, 1, Lead equality network for England: local engagement and support",
         "consortium.xlsx[Budget]:4", []),
    ]


def test_narrative_per_section(changes):
    found = [(s.section, s.lang, s.change, s.file, s.added, s.removed, s.words, s.limit) for s in changes.narrative]
    assert found == [
        ("next-steps", "en", "added", "narrative/next-steps.md", 250, 0, None, None),
        ("summary", "en", "changed", "narrative/summary.md", 10, 13, None, None),
        ("your-idea-project", "en", "changed", "narrative/your-idea-project.md", 4, 0, (313, 317), "50–500 words"),
        ("lessons", "en", "removed", "narrative/lessons.md", 0, 258, None, None),
    ]


def test_word_opcodes_give_both_texts_back():
    old, new = "The cat sat  on the mat.\nIt was warm.", "A cat sat on the red mat.\nIt was warm!"
    ops = word_opcodes(old, new)
    assert "".join(b for _, b, _ in ops) == old and "".join(a for _, _, a in ops) == new


def test_the_example_against_itself_reports_nothing():
    result = CliRunner().invoke(cli, ["diff", str(EXAMPLE), str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"Comparing {EXAMPLE} -> {EXAMPLE}", "No changes."]
    found = compare(EXAMPLE, EXAMPLE)
    assert (found.figures, found.records, found.narrative, found.count) == ([], [], [], 0)


def test_summary_and_json(drafts):
    old, new = drafts
    result = CliRunner().invoke(cli, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:4] == [f"Comparing {old} -> {new}", "Figures:", "  people_reached: 261 -> 262",
                         "  partners: 17 -> 18"]
    assert "  changed meetings: 2018-12-04, Race equality organisations, ehr-coalition (meetings-ehrc.csv:3): " \
           "attendees '13' -> '15'" in lines
    assert "  removed reading-list: The Moral Imagination: The Art and Soul of Building Peace (reading-list.csv:4 " \
           "in OLD)" in lines
    assert "  changed your-idea-project [en] (narrative/your-idea-project.md): +4 -0 words; 313 -> 317 words " \
           "(50–500 words)" in lines
    assert lines[-1] == "22 changes"
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--json"])
    found = json.loads(result.output)
    assert (found["changes"], found["figures_compared"], found["problems"]) == (22, True, {"old": [], "new": []})
    assert found["figures"][0] == {"name": "people_reached", "old": 261, "new": 262}
    assert found["narrative"][2]["words"] == {"old": 313, "new": 317}


def test_a_folder_with_errors_is_compared_where_it_can_be_read(tmp_path):
    old, new = copy_example(tmp_path / "old"), copy_example(tmp_path / "new")
    edit(new / "meetings-ehrc.csv", "04/12/2018,Race equality", "31/02/2019,Race equality")
    edit(new / "partners.csv", "https://involve.org.uk", "https://www.involve.org.uk")
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"NEW ({new}) has evidence errors; compared where it can be read:" in lines
    assert any(line.startswith("  meetings-ehrc.csv:3: date: '31/02/2019' is not a real date") for line in lines)
    assert "Figures: not compared (a figure counted from part of the evidence would be wrong)" in lines
    assert "  changed partners: involve (partners.csv:4): website 'https://involve.org.uk' -> " \
           "'https://www.involve.org.uk'" in lines
    assert "  removed meetings: 2018-12-04, Race equality organisations, ehr-coalition (meetings-ehrc.csv:3 in " \
           "OLD)" in lines                                  # the row NEW cannot read is not one of its records
    assert not (tmp_path / "out").exists()


def test_no_such_folder_is_exit_2_in_one_line(tmp_path):
    import os
    import sys

    done = subprocess.run([sys.executable, "-m", "bidkit", "diff", str(EXAMPLE), str(tmp_path / "nowhere")],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(EXAMPLE.parent)})
    assert (done.returncode, done.stdout, done.stderr) == \
        (2, "", f"bidkit: there is no project folder at '{tmp_path / 'nowhere'}'\n")


# ---------------------------------------------------------------------------------------------- tracked DOCX
def paragraphs(data: bytes, accept: bool | None = None) -> list[str]:
    """The body's paragraph texts but the contents'; with accept True or False, as after accepting (drop w:del, keep w:ins) or
    rejecting (drop w:ins, keep w:del as text) every change; a paragraph whose mark goes joins the next one."""
    from docx import Document
    from docx.oxml.ns import qn

    drop = None if accept is None else qn("w:del" if accept else "w:ins")
    found, carried = [], ""
    for p in Document(io.BytesIO(data)).element.body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if style is not None and style.get(qn("w:val")).startswith("TOC"):
            continue            # the contents: a field Word and LibreOffice update from the headings
        mark = ppr.find(qn("w:rPr")) if ppr is not None else None
        text = "".join("\n" if el.tag == qn("w:br") else (el.text or "")
                       for el in p.iter(qn("w:t"), qn("w:delText"), qn("w:br"))
                       if drop not in {a.tag for a in el.iterancestors()}
                       and (accept is not None or el.tag != qn("w:delText")))
        text, carried = carried + text, ""
        if mark is not None and mark.find(drop) is not None if drop else False:
            carried = text          # its mark goes: what is left of it joins the next paragraph, as in Word
            continue
        found.append(text)
    assert carried == ""
    return found


@pytest.fixture(scope="module")
def narrative_drafts(tmp_path_factory) -> tuple[Path, Path]:
    """Only the narrative changes (so every other paragraph of the two documents is the same): a paragraph
    edited, one added, a list entry removed, a funder answer lengthened, a section added and one removed."""
    root = tmp_path_factory.mktemp("narrative")
    old, new = copy_example(root / "old"), copy_example(root / "new")
    (old / "narrative" / "next-steps.md").unlink()
    (new / "narrative" / "lessons.md").unlink()
    summary = new / "narrative" / "summary.md"
    edit(summary, "Some people are a long way", "Many people are **far**")
    edit(summary, "- they need time, money and support to join in;\n", "")
    edit(summary, "What we heard was clear:", "What we heard was very clear:\n\nA new paragraph, for this draft.")
    edit(new / "narrative" / "your-idea-project.md", "\n", " Four more words here.\n")
    return old, new


@pytest.fixture(scope="module")
def tracked(narrative_drafts, tmp_path_factory, monkeypatch_module):
    old, new = narrative_drafts
    out = tmp_path_factory.mktemp("tracked")
    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--out", str(out / "changes")])
    assert result.exit_code == 0, result.output
    built = {}
    for side, folder in (("old", old), ("new", new)):
        result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out / side), "--format", "docx"])
        assert result.exit_code == 0, result.output
        built[side] = out / side
    return out / "changes", built


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize("doc", ["concept-paper", "project-report", "funding-proposal"])
def test_accepting_gives_new_and_rejecting_gives_old(tracked, doc):
    changes, built = tracked
    data = (changes / f"{doc}.changes.docx").read_bytes()
    old = paragraphs((built["old"] / f"{doc}.docx").read_bytes())
    new = paragraphs((built["new"] / f"{doc}.docx").read_bytes())
    assert old != new
    assert paragraphs(data, accept=True) == new
    rejected = paragraphs(data, accept=False)
    if doc == "funding-proposal":      # the draft's "313 / 500 words" note is the new count, not narrative
        rejected = [p.replace("317 / 500 words", "313 / 500 words") for p in rejected]
    assert rejected == old


def test_the_changes_are_by_word_by_bidkit_dated_from_source_date_epoch(tracked):
    from docx import Document
    from docx.oxml.ns import qn

    body = Document(changes_file(tracked, "concept-paper")).element.body
    marks = [*body.iter(qn("w:ins")), *body.iter(qn("w:del"))]
    assert marks and {(m.get(qn("w:author")), m.get(qn("w:date"))) for m in marks} == \
        {("bidkit", "2019-04-18T02:45:55Z")}
    ids = [m.get(qn("w:id")) for m in marks]
    assert len(set(ids)) == len(ids)
    inserted = ["".join(t.text for t in m.iter(qn("w:t"))) for m in body.iter(qn("w:ins"))]
    deleted = ["".join(t.text for t in m.iter(qn("w:delText"))) for m in body.iter(qn("w:del"))]
    assert inserted[:3] == ["Many", "far", "very "] and deleted[:1] == ["Some"]
    bold = [m for m in body.iter(qn("w:ins")) if "".join(t.text for t in m.iter(qn("w:t"))) == "far"]
    assert bold[0].find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:b')}") is not None     # the run keeps its look


def changes_file(tracked, doc: str):
    return io.BytesIO((tracked[0] / f"{doc}.changes.docx").read_bytes())


def test_changes_html_is_one_accessible_file(tracked):
    html = (tracked[0] / "changes.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "<main" in html and "<script" not in html.lower()
    assert "<link" not in html and "src=" not in html and "http" not in html.split("<body", 1)[0]
    levels = [int(h) for h in __import__("re").findall(r"<h([1-6])", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    assert html.count("<table") == html.count("<caption>") >= 1
    assert '<th scope="col">' in html and "<th>" not in html
    assert "your-idea-project" in html and "313 → 317" in html


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_and_sees_the_tracked_changes(tracked, tmp_path):
    source = tracked[0] / "concept-paper.changes.docx"
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
                          capture_output=True, text=True, timeout=180)
    odt = tmp_path / "concept-paper.changes.odt"
    assert odt.is_file(), done.stdout + done.stderr
    import zipfile

    content = zipfile.ZipFile(odt).read("content.xml").decode("utf-8")
    assert content.count("<text:changed-region") >= 5 and "<dc:creator>bidkit</dc:creator>" in content


RESOLVE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Resolve(source As String, verb As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  If verb &lt;&gt; &quot;&quot; Then
    helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
    helper.executeDispatch(doc.CurrentController.Frame, &quot;.uno:&quot; &amp; verb &amp; &quot;AllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  End If
  Dim save(0) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;Text (encoded)&quot;
  doc.storeToURL(ConvertToURL(target), save())
  doc.close(True)
End Sub
</script:module>
"""


def libreoffice_text(tmp_path: Path, last_heading: str):
    """text(document, verb): its text as LibreOffice saves it after `verb` ("Accept", "Reject" or "" for none)
    every tracked change, from after the contents (a field, from NEW's headings), whose last entry is
    `last_heading`."""
    profile = tmp_path / "profile"
    soffice = ["soffice", "--headless", f"-env:UserInstallation=file://{profile}"]
    subprocess.run([*soffice, "--terminate_after_init"], capture_output=True, timeout=180)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(RESOLVE, encoding="utf-8")

    def text(source: Path, verb: str) -> list[str]:
        target = tmp_path / f"{source.stem}-{verb or 'as-is'}.txt"
        subprocess.run([*soffice, f'macro:///Standard.Module1.Resolve("{source}","{verb}","{target}")'],
                       capture_output=True, timeout=180)
        lines = target.read_text(encoding="utf-8-sig").splitlines()
        return lines[next(i for i, line in enumerate(lines) if line.startswith(last_heading)) + 1:]
    return text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_accept_all_gives_new_and_reject_all_gives_old(tracked, tmp_path):
    """Word's and LibreOffice's own Accept All / Reject All (the .uno: commands, from a Basic macro in a fresh
    profile), not our reading of the XML: the text LibreOffice then saves is NEW's document, or OLD's."""
    changes, built = tracked
    text = libreoffice_text(tmp_path, "Reading list")
    for doc in ("concept-paper", "project-report"):        # the report: a section's two sections, one gone
        tracked_file = changes / f"{doc}.changes.docx"
        assert text(tracked_file, "Accept") == text(built["new"] / f"{doc}.docx", "")
        assert text(tracked_file, "Reject") == text(built["old"] / f"{doc}.docx", "")


def test_the_same_drafts_and_source_date_epoch_give_the_same_bytes(tracked, narrative_drafts, tmp_path):
    again = tmp_path / "again"
    result = CliRunner().invoke(cli, ["diff", *map(str, narrative_drafts), "--out", str(again)])
    assert result.exit_code == 0, result.output
    first = tracked[0]
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in first.iterdir())
    for path in again.iterdir():
        assert path.read_bytes() == (first / path.name).read_bytes(), path.name


def test_a_welsh_section_edited_is_a_change_in_welsh(tmp_path):
    """The example is written in English and Welsh: an edit to narrative/cy/summary.md is reported as a Welsh
    change of that section, by word, and English is untouched."""
    old = copy_example(tmp_path / "old")
    new = copy_example(tmp_path / "new")
    edit(new / "narrative" / "cy" / "summary.md", "Mae rhai pobl yn bell iawn", "Mae llawer o bobl yn bell")
    found = [(s.section, s.lang, s.change, s.file, s.added, s.removed) for s in compare(old, new).narrative]
    assert found == [("summary", "cy", "changed", "narrative/cy/summary.md", 3, 3)]
