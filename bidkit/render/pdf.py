"""One document as a tagged PDF: Jinja renders HTML from the templates, WeasyPrint lays it out.

Templates can be edited by users, so WeasyPrint only gets what a fetcher serves: `data:` URIs and real files
inside the template folders. Anything else (http, file://, /dev/zero, a link out of the folder) stops the render
with a message naming the URL. WeasyPrint's own warnings are collected and returned, not lost in a log.
"""
from __future__ import annotations

import base64
import logging
import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import TemplateError
from markupsafe import Markup, escape

from ..documents.content import Chart, Document, Run, safe_link
from ..paths import refusal
from ..problems import BidkitError
from .pdf_tags import labelled, repair
from .reproducible import moment
from .templating import describe, environment, find, untranslated_warnings


URL_START = re.compile(r"https?://[^/\s]+", re.IGNORECASE)


class Refused(Exception):
    """A resource the template asked for that bidkit will not fetch."""


def runs_html(runs: list[Run]) -> Markup:
    """Runs as inline HTML; every text is escaped, links only to web and mail addresses."""
    out = []
    for run in runs:
        html = url_text(run.text) if safe_link(run.href) else escape(run.text)
        if run.italic:
            html = Markup("<em>%s</em>") % html
        if run.bold:
            html = Markup("<strong>%s</strong>") % html
        if safe_link(run.href):
            html = Markup('<a href="%s">%s</a>') % (run.href, html)
        if run.lang:
            html = Markup('<span lang="%s">%s</span>') % (run.lang, html)
        out.append(html)
    return Markup("").join(out)


def url_text(text: str) -> Markup:
    """A link's text; when it is a web address, its scheme and host never part (Unicode line breaking allows a
    break after "https://", which left the scheme alone at the end of a line); the path may still break."""
    match = URL_START.match(text)
    if match is None:
        return escape(text)
    return Markup('<span class="url-start">%s</span>%s') % (match.group(0), text[match.end():])


def keep_groups(items: list) -> list[tuple[bool, list]]:
    """Items in groups for the template: a heading, at most one paragraph, then a short table, facts or a chart are
    one group kept on one page (an outcome's heading was left at the foot of a page, its table overleaf; CSS's
    break-after: avoid on the heading and paragraph made WeasyPrint leave half a page empty instead)."""
    groups: list[tuple[bool, list]] = []
    i = 0
    while i < len(items):
        item = items[i]
        if item.kind == "heading":
            end = i + 1 + (i + 1 < len(items) and items[i + 1].kind == "paragraph")
            if end < len(items) and short(items[end]):
                groups.append((True, items[i:end + 1]))
                i = end + 1
                continue
        groups.append((False, [item]))
        i += 1
    return groups


def short(item) -> bool:
    return item.kind in ("facts", "chart") or (item.kind == "table" and len(item.rows) <= 10)


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string (a translated label in the page footer): every character that could end the
    string or the style element is escaped the CSS way, so no translation can break out of it."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-" else f"\\{ord(c):x} " for c in str(text))
    return Markup(f'"{escaped}"')


def svg_uri(chart: Chart) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")


def watermark_uri(text: str) -> str:
    """The DRAFT mark as an SVG page background: faint, diagonal, and drawn by WeasyPrint as an artifact."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">'
           '<text x="300" y="300" transform="rotate(-35 300 300)" text-anchor="middle" dominant-baseline="middle" '
           'font-family="Noto Sans, sans-serif" font-weight="bold" font-size="150" fill="#a30000" '
           f'fill-opacity="0.07">{escape(text)}</text></svg>')
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH as a W3C date, so two builds of the same evidence are byte-identical; None without it
    (WeasyPrint then dates the PDF itself)."""
    return moment().strftime("%Y-%m-%dT%H:%M:%SZ") if os.environ.get("SOURCE_DATE_EPOCH") else None


def make_fetcher(folders: list[Path]):
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [f.resolve() for f in folders]

    class TemplateFetcher(URLFetcher):
        """Serves `data:` URIs and files inside the template folders; refuses everything else."""

        def __init__(self):
            super().__init__(allow_redirects=False, fail_on_errors=True, allowed_protocols={"data", "file"})

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise Refused(f"{url} (only files inside the template folders are loaded)")
            real = self.locate(Path(unquote(parts.path)).resolve())
            if real is None:
                raise Refused(f"{url} (it is not a file inside the template folders)")
            kind = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
            return URLFetcherResponse(real.as_uri(), real.read_bytes(), {"Content-Type": kind})

        @staticmethod
        def locate(path: Path) -> Path | None:
            """A path inside one template folder, looked up along the whole search path (user folder
            first), so an overriding template still finds the shipped stylesheet and fonts; the same rule as
            every template file (no links, no hard links, nothing but regular files)."""
            inside = next((folder for folder in allowed if folder in path.parents), None)
            if inside is None:
                return None
            relative = path.relative_to(inside)
            for folder in allowed:
                if refusal(folder, relative) is None:
                    return (folder / relative).resolve()
            return None

    return TemplateFetcher()


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_html(document: Document, folders: list[Path], warnings: list[str] | None = None) -> tuple[str, Path]:
    """The document's HTML and its template; labels without a translation are added to `warnings`."""
    return render_template(document, folders, f"html/{document.id}.html", {}, {"watermark_uri": watermark_uri},
                           warnings)


def render_template(document: Document, folders: list[Path], name: str, filters: dict, names: dict,
                    warnings: list[str] | None = None) -> tuple[str, Path]:
    """A document's template rendered in the sandbox with the filters every page template shares (the PDF's and
    the HTML page's: `_items.html` is theirs both) and the caller's own `filters` and global `names`; a fault is
    named at its template file, a label with no translation added to `warnings`."""
    template_file = find(folders, name)
    lang = document.lang.split("-")[0]
    env = environment(folders, lang)
    env.filters.update(runs=runs_html, svg_uri=svg_uri, keep_groups=keep_groups, css_string=css_string, **filters)
    env.globals.update(names)
    try:
        html = env.get_template(name).render(doc=document, created=source_date())
    except (TemplateError, OverflowError) as exc:   # the sandbox raises OverflowError for a huge range()
        raise BidkitError(f"template error in {template_file}: {describe(exc)}") from None
    except RecursionError:
        raise BidkitError(f"template error in {template_file}: a macro or include calls itself without end") \
            from None
    except BidkitError as exc:                      # a global refused a file: name the template that asked
        raise BidkitError(f"template error in {template_file}: {exc}") from None
    if warnings is not None:
        warnings += untranslated_warnings(env, lang)
    return html, template_file


def render_pdf(document: Document, folders: list[Path]) -> tuple[bytes, list[str]]:
    """The PDF bytes and WeasyPrint's warnings (a missing image, an unsupported CSS rule)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    labels: list[str] = []
    html, template_file = render_html(document, folders, labels)
    handler = Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        page = HTML(string=html, base_url=template_file.parent.as_uri() + "/", url_fetcher=make_fetcher(folders))
        with labelled():
            pdf = page.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True)
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        reason = str(cause) if isinstance(cause, Refused) else str(exc)
        raise BidkitError(f"the PDF template {template_file} asked for a resource bidkit will not load: "
                          f"{reason}") from None
    finally:
        logger.removeHandler(handler)
    return repair(pdf, {s.id: s.title for s in document.sections}), labels + handler.messages


render = render_pdf
