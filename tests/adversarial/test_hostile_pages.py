"""Hostile text and hostile templates for the HTML pages: evidence reads back as text, and a page that would
run something or fetch something is refused naming its template. Each case states the input and the outcome.
The content is made once (every hostile text in one project) and the pages rendered from it, since the content
does not depend on the templates; one case goes through the real command line."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MINIMAL, write_tree

from .test_hostile_documents import HOSTILE, SECRET, build, project_with

lxml_html = pytest.importorskip("lxml.html")


def csv_text(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A project with every hostile text as a meeting's title and summary, a partner's name and a reading-list
    entry, and its project report's content."""
    from bidkit.documents import document
    from bidkit.pipeline import open_project

    root = tmp_path_factory.mktemp("hostile") / "project"
    meetings = "".join(f"14/11/2018,{csv_text(f'{n} {text}')},wcva,5,{csv_text(text)}\n"
                       for n, (_what, text) in enumerate(HOSTILE))
    partners = "".join(f"hostile-{n},{csv_text(f'{n} {text}')},other,wales,supporter\n"
                       for n, (_what, text) in enumerate(HOSTILE))
    reading = "".join(f"{csv_text(f'{n} {text}')},{csv_text(text)},{csv_text(text)}\n"
                      for n, (_what, text) in enumerate(HOSTILE))
    write_tree(root, {**MINIMAL, "meetings.csv": "date,title,partners,attendees,summary\n" + meetings,
                      "partners.csv": MINIMAL["partners.csv"] + partners,
                      "reading-list.csv": "title,source,notes\n" + reading})
    return root, document(open_project(root).writer, "project-report")


def render_with(root: Path, content, templates: dict[str, str]) -> str:
    from bidkit.paths import template_folders
    from bidkit.render.html import render

    write_tree(root, templates)
    data, _warnings = render(content, template_folders(root))
    return data.decode("utf-8")


@pytest.mark.parametrize("what, text", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_text_reads_back_literally_in_the_page(hostile, what, text):
    root, content = hostile
    html = render_with(root, content, {})
    page = lxml_html.fromstring(html)
    shown = re.sub(r"\s+", " ", page.text_content())
    assert re.sub(r"\s+", " ", text) in shown, what
    assert not page.xpath("//script|//link|//img|//b|//*[@src]"), what      # tags in the text stay text
    assert SECRET not in html


HOSTILE_PAGES = [
    # (what, the body of a project's templates/html/web/project-report.html, what the refusal says)
    ("a script", '{% block head %}<script>alert(1)</script>{% endblock %}', "<script>"),
    ("an event handler", '{% block header %}<p onclick="steal()">x</p>{% endblock %}', "event handler"),
    ("a stylesheet from the network", '{% block head %}<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
     '{% endblock %}', "would fetch"),
    ("a CSS url()", '{% block head %}<style>body { background: url(http://127.0.0.1:9/x.png) }</style>'
     '{% endblock %}', "fetches"),
    ("a CSS @import", '{% block head %}<style>@import "x.css";</style>{% endblock %}', "fetches"),
    ("an image", '{% block header %}<img src="file:///etc/passwd" alt="">{% endblock %}', "would fetch"),
    ("an iframe", '{% block header %}<iframe srcdoc="x"></iframe>{% endblock %}', "<iframe>"),
    ("a javascript: link", '{% block header %}<a href="javascript:alert(1)">x</a>{% endblock %}', "javascript:"),
    ("a refresh", '{% block head %}<meta http-equiv="refresh" content="0;url=http://127.0.0.1">{% endblock %}',
     "refresh"),
    ("a stylesheet out of the folder", '{% block head %}<style>{{ inline_css("../../../../etc/passwd.css") }}'
     '</style>{% endblock %}', "passwd"),
    ("a file that is no stylesheet", '{% block head %}<style>{{ inline_css("html/web/base.html") }}</style>'
     '{% endblock %}', "only inlines stylesheets"),
    ("a __class__ walk", "{% block header %}{{ doc.__class__.__mro__ }}{% endblock %}", "unsafe"),
]


@pytest.mark.parametrize("what, body, phrase", HOSTILE_PAGES, ids=[h[0] for h in HOSTILE_PAGES])
def test_a_hostile_page_template_is_refused_naming_it(hostile, tmp_path, what, body, phrase):
    from bidkit.problems import BidkitError

    _root, content = hostile
    with pytest.raises(BidkitError) as refused:
        render_with(tmp_path, content, {"templates/html/web/project-report.html":
                                        '{% extends "html/web/base.html" %}' + body})
    assert phrase.lower() in str(refused.value).lower()
    assert "templates/html/web/project-report.html" in str(refused.value)


def test_the_command_refuses_a_page_template_and_writes_nothing(tmp_path):
    root = project_with(tmp_path, "plain")
    write_tree(root, {"templates/html/web/project-report.html": '{% extends "html/web/base.html" %}'
                                                                '{% block head %}<script>x()</script>{% endblock %}'})
    out = tmp_path / "out"
    result = build(root, out, "--format", "html")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "project-report.html" in result.stderr and "<script>" in result.stderr
    assert not (out / "project-report.html").exists()
