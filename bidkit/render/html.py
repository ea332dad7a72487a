"""One document as one self-contained, accessible HTML page: the "who we met" page a consortium publishes.

The page is made from the same content as the DOCX and the PDF, through the same sandboxed Jinja environment and
the same template search path (a project's `templates/html/web/` overrides the shipped files one by one). It must
open anywhere without fetching anything and run nothing: the stylesheet is inlined, charts are inline SVG with
their text alternative as the SVG's accessible name, and the page has no script. What the template writes is
checked before it is returned, so an edited template cannot bring back a script or a fetched resource.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup, escape

from ..documents.content import Chart, Document
from ..problems import BidkitError
from .pdf import render_template
from .templating import find

FOLDER = "html/web"                       # the HTML page's templates, beside the PDF's in templates/html
PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|<metadata>.*?</metadata>|<style[^>]*>.*?</style>",
                    re.DOTALL)
ID_REFS = re.compile(r'(\bid=")([^"]+)(")|(url\(#)([^)]+)(\))|((?:xlink:)?href="#)([^"]+)(")')
ROOT = re.compile(r"<svg\b([^>]*)>")
SIZE = re.compile(r'\s(width|height)="[^"]*"')


def inline_svg(chart: Chart) -> Markup:
    """The chart's SVG made fit to sit inside a page: no XML prolog, no global style rule, every id prefixed
    with the chart's id (two charts' clip paths must not meet), scaled to the column, and named by its text
    alternative (`role="img"` with a `<title>`) so a screen reader reads the numbers, not the drawing."""
    svg = PROLOG.sub("", chart.svg).strip()
    prefix = f"chart-{chart.id}-"

    def rename(match: re.Match) -> str:
        groups = [g for g in match.groups() if g is not None]
        return groups[0] + prefix + groups[1] + groups[2]

    svg = ID_REFS.sub(rename, svg)
    title_id = f"{prefix}alt"

    def root(match: re.Match) -> str:
        attributes = SIZE.sub("", match[1])
        return (f'<svg{attributes} width="100%" role="img" aria-labelledby="{title_id}" focusable="false">'
                f'<title id="{title_id}">{escape(chart.alt)}</title>')

    return Markup(ROOT.sub(root, svg, count=1))


def stylesheet(folders: list[Path]):
    """`inline_css("html/web/screen.css")` in a template: the file's text, found along the template search path
    by the one rule, for a `<style>` element (a stylesheet cannot end the element early)."""
    def inline_css(name: str) -> Markup:
        if not name.endswith(".css"):
            raise BidkitError(f"inline_css only inlines stylesheets (.css), not {name}")
        text = find(folders, name).read_text(encoding="utf-8")
        return Markup(re.sub(r"</(style)", r"<\\/\1", text, flags=re.IGNORECASE))
    return inline_css


class Audit(HTMLParser):
    """What a page must not have, whoever wrote its template: a script, an event handler, a frame or object,
    or anything the browser would fetch (a stylesheet link, an image, a font, a CSS `url()` or `@import`).
    Links a reader follows (`<a href>`) are fine; in-page `#` references are too."""

    FETCHING = {"img": "src", "script": "src", "iframe": "src", "embed": "src", "object": "data", "source": "src",
                "video": "src", "audio": "src", "track": "src", "input": "src", "link": "href", "image": "href",
                "use": "href", "feimage": "href"}
    FORBIDDEN = {"script", "iframe", "frame", "object", "embed", "applet", "base"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.faults: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in self.FORBIDDEN:
            self.faults.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.faults.append(f"an event handler ({name} on <{tag}>)")
            if name == "style" and value and self.fetches(value):
                self.faults.append(f"a style attribute that fetches ({value[:60]})")
            if value and value.strip().lower().startswith("javascript:"):
                self.faults.append(f"a javascript: address on <{tag}>")
        attribute = self.FETCHING.get(tag)
        for name in (attribute, "xlink:href", "srcset", "poster") if attribute else ("srcset", "poster"):
            target = values.get(name)
            if target is not None and (tag == "link" or name in ("srcset", "poster")
                                       or not target.startswith(("#", "data:"))):
                self.faults.append(f"<{tag} {name}={target!r}>, which a browser would fetch")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.faults.append("a <meta http-equiv=refresh>")
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style and self.fetches(data):
            self.faults.append("a stylesheet that fetches (url() or @import)")

    @staticmethod
    def fetches(css: str) -> bool:
        found = re.findall(r"url\(\s*['\"]?([^'\")]*)", css, flags=re.IGNORECASE)
        return "@import" in css.lower() or any(not (u.startswith("#") or u.startswith("data:")) for u in found)


def audit(html: str) -> list[str]:
    parser = Audit()
    parser.feed(html)
    parser.close()
    return list(dict.fromkeys(parser.faults))


def page(document: Document, folders: list[Path], warnings: list[str] | None = None) -> str:
    """The page in the document's language (`<html lang>`, its labels from the catalogue; a label a template
    asks for that the catalogue lacks is added to `warnings`)."""
    html, template_file = render_template(document, folders, f"{FOLDER}/{document.id}.html",
                                          {"inline_svg": inline_svg}, {"inline_css": stylesheet(folders)}, warnings)
    faults = audit(html)
    if faults:
        raise BidkitError(f"the HTML template {template_file} wrote what a self-contained page may not have: "
                          + "; ".join(faults))
    return html


def render(document: Document, folders: list[Path]) -> tuple[bytes, list[str]]:
    """The page's bytes (UTF-8, one line end) and its warnings: nothing is fetched, so nothing can go missing,
    but a template's label with no translation is named."""
    warnings: list[str] = []
    html = page(document, folders, warnings)
    return "\n".join(line.rstrip() for line in html.splitlines()).encode("utf-8") + b"\n", warnings
