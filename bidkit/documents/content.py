"""What a document says, independent of format: both renderers take exactly these.

A document is a title page plus sections; a section is a heading plus items. Keeping the content here and the
look in the templates is what makes the DOCX and the PDF carry the same sections and figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def safe_link(href: str | None) -> bool:
    """Only web and mail links become links, in every format; `file:`, `javascript:` and the like stay text."""
    return bool(href) and bool(SAFE_LINK.match(href.strip()))


@dataclass(frozen=True)
class Run:
    kind = "run"
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None     # http(s) or mailto only; anything else is shown as text
    lang: str | None = None     # BCP 47 of a passage in another language than the document's (`[..]{lang=cy}`)


@dataclass
class Paragraph:
    kind = "paragraph"
    runs: list[Run]
    style: str = "body"         # body | lead | note (a quiet line: word counts, sources)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class ListBlock:
    kind = "list"
    ordered: bool
    items: list[list["Item"]]   # each item: paragraphs and nested lists


@dataclass
class Heading:
    kind = "heading"
    level: int                  # 2 or 3; sections are level 1
    text: str
    id: str = ""


@dataclass
class Table:
    kind = "table"
    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)   # right-aligned columns
    footer: list[str] | None = None                      # a totals row
    widths: list[float] | None = None                    # relative column widths

    def __post_init__(self):
        self.numeric = list(self.numeric) + [False] * (len(self.columns) - len(self.numeric))


@dataclass
class Facts:
    """Label: value pairs, such as the project at a glance."""
    kind = "facts"
    caption: str
    pairs: list[tuple[str, str]]


@dataclass
class Chart:
    kind = "chart"
    id: str
    title: str
    alt: str                    # the text alternative: what the chart shows, in words and numbers
    png: bytes                  # for DOCX
    svg: str                    # for PDF (as an image) and HTML (inline)
    width_cm: float = 16.0
    height_cm: float = 8.0


Item = Union[Paragraph, ListBlock, Heading, Table, Facts, Chart]


@dataclass
class Section:
    id: str
    title: str
    items: list[Item]

    def __post_init__(self):
        self.items = tidy_headings(self.title, self.items)


def tidy_headings(title: str, items: list[Item]) -> list[Item]:
    """Headings that sit under their section without skipping a level: a narrative that starts at `##` gets level 2,
    not 3 under the section's 1, and a heading that repeats the section's title ("Why this matters › Why this
    matters") is dropped. Screen-reader users move by heading level, so a skipped level reads as a missing part."""
    out: list[Item] = []
    stack: list[tuple[int, int]] = []           # (level as written, level given) of the open headings
    for item in items:
        if isinstance(item, Heading):
            if item.text.strip().casefold() == title.strip().casefold():
                continue
            while stack and stack[-1][0] >= item.level:
                stack.pop()
            level = (stack[-1][1] if stack else 1) + 1
            stack.append((item.level, level))
            item = Heading(level, item.text, item.id)
        out.append(item)
    return out


@dataclass
class Document:
    id: str                     # concept-paper | project-report | funding-proposal
    name: str                   # "Project report", translated
    title: str                  # the project's title
    subtitle: str               # e.g. the funder's programme
    lead: str                   # lead partner's name
    date: str                   # formatted for display, in the project's language
    version: str
    draft: bool
    lang: str                   # BCP 47, e.g. "en-GB"
    sections: list[Section]
    labels: dict[str, str] = field(default_factory=dict)   # translated fixed labels the templates use
    keywords: list[str] = field(default_factory=list)
