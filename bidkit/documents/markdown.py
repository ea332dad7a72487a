"""Partners' Markdown into content items every renderer takes, with counted figures substituted.

Raw HTML is never interpreted (markdown-it with html off shows it as text), and `{{ name }}` is plain
substitution from a fixed list, not template code: prose written by partners is never executed.
"""
from __future__ import annotations

from ..evidence.text import substitute
from ..evidence.text import parser
from .content import Heading, Item, ListBlock, Paragraph, Run, safe_link


def to_items(markdown: str, figures: dict[str, str] | None = None) -> list[Item]:
    tokens = parser().parse(substitute(markdown, figures or {}))
    items, _ = blocks(tokens, 0, None)
    return items


def blocks(tokens, i: int, stop: str | None) -> tuple[list[Item], int]:
    """Items from tokens[i:] up to the closing token `stop`; returns them and the index after it."""
    out: list[Item] = []
    while i < len(tokens):
        tok = tokens[i]
        if stop and tok.type == stop:
            return out, i + 1
        if tok.type == "inline":
            out.append(Paragraph(runs(tok.children or [])))
        elif tok.type == "heading_open":
            level = min(int(tok.tag[1]) + 1, 3)
            out.append(Heading(level, "".join(r.text for r in runs(tokens[i + 1].children or []))))
            i += 2
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            close = tok.type.replace("_open", "_close")
            ordered = tok.type.startswith("ordered")
            entries: list[list[Item]] = []
            i += 1
            while tokens[i].type != close:
                entry, i = blocks(tokens, i + 1, "list_item_close")
                entries.append(entry)
            out.append(ListBlock(ordered, entries))
        elif tok.type in ("code_block", "fence"):
            out.append(Paragraph([Run(tok.content.rstrip("\n"))]))
        i += 1
    return out, i


def runs(children) -> list[Run]:
    result: list[Run] = []
    bold = italic = 0
    href: str | None = None
    langs: list[str] = []           # passages in another language, innermost last

    def run(text: str) -> Run:
        return Run(text, bool(bold), bool(italic), href, langs[-1] if langs else None)

    for tok in children:
        kind = tok.type
        if kind == "lang_open":
            langs.append(str(tok.attrGet("lang")))
        elif kind == "lang_close":
            langs.pop()
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            target = tok.attrGet("href") or ""
            href = target if safe_link(target) else None
        elif kind == "link_close":
            href = None
        elif kind in ("softbreak", "hardbreak"):
            result.append(run(" " if kind == "softbreak" else "\n"))
        elif kind == "image":
            result.append(run(tok.content or ""))
        elif tok.content:
            result.append(run(tok.content))
    return merge(result)


def merge(items: list[Run]) -> list[Run]:
    """Adjacent runs with the same look become one, so text reads back as written."""
    merged: list[Run] = []
    for run in items:
        last = merged[-1] if merged else None
        if last and (last.bold, last.italic, last.href, last.lang) == (run.bold, run.italic, run.href, run.lang):
            merged[-1] = Run(last.text + run.text, run.bold, run.italic, run.href, run.lang)
        else:
            merged.append(run)
    return merged
