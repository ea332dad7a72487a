"""Property: any Unicode text in a free-text field either builds both formats and reads back as written,
or is refused with a problem that names its file, row and field. Never a crash."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bidkit.evidence import load
from bidkit.problems import EvidenceInvalid
from conftest import MINIMAL, write_tree

docx = pytest.importorskip("docx")
pypdf = pytest.importorskip("pypdf")

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("\x00\x07\x1b\ufffe"),
               min_size=1, max_size=80)
WELSH_AND_LATIN = re.compile(r"[A-Za-z0-9À-ſ]")


def yaml_quoted(text: str) -> str:
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


def render(root: Path):
    from bidkit.documents import document
    from bidkit.documents.writer import Writer
    from bidkit.figures import compute
    from bidkit.render.docx import render_docx
    from bidkit.render.pdf import render_pdf
    from bidkit.render.templating import search_path

    ev = load(root)
    paper = document(Writer(ev, compute(ev), None), "concept-paper")
    return render_docx(paper, search_path(root)), render_pdf(paper, search_path(root))[0], ev


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(text="0\r0")
@given(text=TEXT)
def test_any_text_reads_back_or_is_refused_at_its_place(tmp_path_factory, text):
    root = write_tree(tmp_path_factory.mktemp("p"), {
        **MINIMAL,
        "reading-list.yaml": f"- title: {yaml_quoted(text)}\n  source: Someone\n",
    })
    try:
        word_bytes, pdf_bytes, ev = render(root)
    except EvidenceInvalid as exc:
        assert [(p.file, p.row, p.field) for p in exc.problems] == [("reading-list.yaml", 1, "title")]
        return
    written = ev.reading_list[0].title
    # Windows and old Mac line ends are one line end, as a spreadsheet cell's Alt+Enter is (values.check_text)
    assert written == text.replace("\r\n", "\n").replace("\r", "\n").strip()
    import io

    word = docx.Document(io.BytesIO(word_bytes))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert written in paragraphs
    pdf = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)
    folded = unicodedata.normalize("NFC", re.sub(r"\s+", "", pdf))
    for ch in WELSH_AND_LATIN.findall(unicodedata.normalize("NFC", written)):
        assert ch in folded
