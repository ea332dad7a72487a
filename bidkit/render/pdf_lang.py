"""A passage in another language carries its own /Lang in the PDF's structure tree (PDF/UA, Matterhorn 11-006).

WeasyPrint (70) tags `<span>` as a Span but drops its `lang` attribute, so a screen reader would read
`[pŵer pobl]{lang=cy}` with English rules. While a PDF is written, WeasyPrint's tree builder is wrapped so every
structure element made for an element with a `lang` different from the page's gets /Lang. The wrapper only adds
a key; when WeasyPrint changes the function, tests/test_welsh.py finds the Span without /Lang.
"""
from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def span_languages():
    import pydyf
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build(box, parent, *args):
        source = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = getattr(source, "element", None)
        lang = element.get("lang") if element is not None and element.tag != "html" else None
        for struct in original(box, parent, *args):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original
