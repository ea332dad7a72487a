"""Narrative Markdown as plain text, the way the funder's form sees an answer: for word and character counts.

Words are runs of non-whitespace once the markup is gone, so `this 📝 contains emoji ❤️` is 5 words, as the form
counts it. This reads Markdown tokens directly: counting words needs no document content model.
"""
from __future__ import annotations

import re
from functools import lru_cache

PLACEHOLDER_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")    # what is substituted


def substitute(text: str, figures: dict[str, str]) -> str:
    """`{{ name }}` replaced by the figure's text: known names only (`narrative.read_narrative` has already
    reported anything else between braces as an error). Plain substitution from a fixed list, never templating."""
    return PLACEHOLDER_NAME.sub(lambda m: figures.get(m.group(1), m.group(0)), text)


MAX_DEPTH = 8           # lists and quotes inside each other, as a reader counts them
PARSE_DEPTH = 100       # markdown-it drops, without a word, whatever lies deeper than its maxNesting


LANG_SPAN = re.compile(r"\{lang=([a-z]{2,3}(?:-[A-Za-z]{2})?)\}")     # after `[text]`: text in another language


def language_span(state, silent: bool) -> bool:
    """`[pŵer pobl]{lang=cy}`: a passage in another language, as `lang_open`/`lang_close` around its inline
    content (so bold, links and word counts work inside it); the brackets are not shown. Tried before links, so
    `[text](url)` is untouched: only a label followed at once by `{lang=xx}` is a span."""
    if state.src[state.pos] != "[":
        return False
    end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if end < 0:
        return False
    found = LANG_SPAN.match(state.src, end + 1)
    if not found:
        return False
    if not silent:
        old_max = state.posMax
        token = state.push("lang_open", "span", 1)
        token.attrs = {"lang": found.group(1)}
        state.pos, state.posMax = state.pos + 1, end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("lang_close", "span", -1)
    state.pos = found.end()
    return True


@lru_cache(maxsize=1)
def parser():
    """The one Markdown dialect bidkit reads: CommonMark, raw HTML shown as text, nothing guessed, plus the
    language span SPEC.md gives (`[pŵer pobl]{lang=cy}`)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False,
                                   "maxNesting": PARSE_DEPTH})
    md.inline.ruler.before("link", "language_span", language_span)
    return md


def too_deep(markdown: str) -> list[tuple[int, int]]:
    """(line, depth) where lists and quotes nest deeper than MAX_DEPTH: such text is refused at its line rather
    than shown in part (markdown-it would silently drop what lies past its own limit, and the rest of the file
    with it). One entry per run of deep lines."""
    found: list[tuple[int, int]] = []
    depth = 0
    deepest_run = False
    for token in parser().parse(markdown):
        if token.type in ("list_item_open", "blockquote_open"):
            depth += 1
        elif token.type in ("list_item_close", "blockquote_close"):
            depth -= 1
        if token.map and (depth > MAX_DEPTH or token.level >= PARSE_DEPTH - 2):
            if not deepest_run:
                found.append((token.map[0] + 1, depth))
            deepest_run = True
        elif token.map:
            deepest_run = False
    return found


def inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        else:
            parts.append(child.content or "")
    return "".join(parts)


def plain_text(markdown: str, figures: dict[str, str] | None = None) -> str:
    """Markup removed, list markers gone, figures filled in; one line per paragraph, heading or list entry.

    Without figures each placeholder stands as one word, as every figure is (`42`, `£249,600`)."""
    markdown = PLACEHOLDER_NAME.sub("0", markdown) if figures is None else substitute(markdown, figures)
    lines = []
    for token in parser().parse(markdown):
        if token.type == "inline":
            lines.append(inline_text(token))
        elif token.type in ("code_block", "fence"):
            lines.append(token.content.rstrip("\n"))
    return "\n".join(lines)


def count_words(markdown: str) -> int:
    return len(plain_text(markdown).split())


def count_chars(markdown: str) -> int:
    return len(plain_text(markdown))
