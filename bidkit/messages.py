"""The plain-English words for problems that come from libraries, one table per library.

pydantic's own messages ("Input should be a valid integer") and PyYAML's ("found character '\\t' that cannot start
any token") are written for programmers; a partner reads these instead.

PYDANTIC: each entry is a pydantic error type and a text that may use the error's context (`{ge}`, `{expected}`).
A type not in the table keeps pydantic's message, with its first letter lowered to fit after the field name.
YAML: see below.
"""
from __future__ import annotations

import re

from .i18n.catalogue import N_
from .problems import Label, Message, message_of

PYDANTIC = {
    "missing": N_("is required but not given"),
    "extra_forbidden": N_("is not a known key"),
    "greater_than_equal": N_("must be {ge} or more"),
    "greater_than": N_("must be more than {gt}"),
    "less_than_equal": N_("must be {le} or less"),
    "less_than": N_("must be less than {lt}"),
    "too_short": N_("needs at least one value"),
    "model_type": N_("should be a set of 'key: value' lines"),
    "model_attributes_type": N_("should be a set of 'key: value' lines"),
    "dict_type": N_("should be a set of 'key: value' lines"),
    "list_type": N_("should be a list"),
    "literal_error": N_("is not one of {expected}"),
}


def plain_message(err: dict) -> "Message | str":
    """One pydantic error (from `ValidationError.errors()`) as the words a partner reads: a `Message` (template
    and arguments) for `Problem.at`, so it can be told in Welsh too."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":           # our own validators: their message is already plain, and may be a Message
        error = ctx.get("error", err["msg"])
        return message_of(error) if isinstance(error, Exception) else str(error)
    if kind in PYDANTIC:
        return Message(PYDANTIC[kind], {k: str(v).replace("'", "") for k, v in ctx.items()})
    return err["msg"][0].lower() + err["msg"][1:]


# PyYAML's messages ("found character '\t' that cannot start any token") name the parser's states, not what the
# person typed. Each entry: a pattern for the parser's problem, one for its context (or None), a condition on the
# line's text before the problem (None, "indent": only spaces or tabs before it, "value": after a 'key: '), which
# mark to place it at ("problem", or "context": where a quote or key began), and the words. The words may use the
# pattern's groups and {open_line}, the line of the context mark. The first entry that matches wins.
YAML = [
    (r"found (character '\\t' that cannot start any token|a tab character)", None, "indent", "problem",
     N_("this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces")),
    (r"found (character '\\t' that cannot start any token|a tab character)", None, None, "problem",
     N_("this line has a tab after its key; YAML needs a space there: replace the tab with a space")),
    (r"found character '(?P<char>.)' that cannot start any token", None, None, "problem",
     N_("a value cannot start with '{char}' in YAML; put the whole value in quotes")),
    (r"expected <block end>, but found '-'", None, None, "problem",
     N_("this '-' is out of place: each entry starts with '-' at the same indent as the first entry, and the keys of "
        "one entry line up under each other; remove it, or line it up with the other '-' lines")),
    (r"sequence entries are not allowed here", None, None, "problem",
     N_("a list ('- ') cannot start on the same line as its key; write it in brackets (partners: [wcva, involve]) or "
        "put each '- ' on a line of its own below the key")),
    (r"expected <block end>, but found '\?'", None, None, "problem",
     N_("this 'key: value' line is where YAML expects the next '- ' entry; start it with '- ', or indent it under the "
        "entry above")),
    (r"expected <block end>, but found '<block mapping start>'", None, None, "problem",
     N_("this line is indented differently from the lines above it; the keys of one entry must line up under each "
        "other (the same number of spaces)")),
    (r"expected <block end>, but found '<block sequence start>'", None, None, "problem",
     N_("this list is indented differently from the list above it; the '-' lines of one list must line up under "
        "each other")),
    (r"expected <block end>, but found '<scalar>'", None, None, "problem",
     N_("there is text here that YAML does not expect: a value in quotes must end at its closing quote (put the whole "
        "value in quotes; in single quotes a quote inside is written twice: 'it''s'), and each key needs ': ' after "
        "it")),
    (r"expected <block end>, but found '(?P<char>[\]}])'", None, None, "problem",
     N_("there is a '{char}' with no opening bracket before it; remove it, or put the whole value in quotes")),
    (r"mapping values are not allowed here", None, "value", "problem",
     N_("the value has ': ' in it, which YAML reads as the start of a new key; put the whole value in quotes "
        "(title: \"Meeting: the launch\")")),
    (r"mapping values are not allowed here", None, None, "problem",
     N_("YAML did not expect a key here: check that this line lines up under the key above it, and that the line "
        "above has its ':' (key: value)")),
    (r"found unexpected end of stream", r"while scanning a quoted scalar", None, "context",
     N_("a quote opens a value here and is never closed; add the closing quote at the end of the value (in single "
        "quotes a quote inside is written twice: 'it''s')")),
    (r"expected ',' or '\]'", r"while parsing a flow sequence", None, "problem",
     N_("the '[' on line {open_line} is never closed with ']'; close it, or put the whole value in quotes if the '[' "
        "is part of the text")),
    (r"expected ',' or '}'", r"while parsing a flow mapping", None, "problem",
     N_("the '{{' on line {open_line} is never closed with '}}'; close it, or put the whole value in quotes if the "
        "'{{' is part of the text")),
    (r"expected escape sequence|found unknown escape character", r"while scanning a double-quoted scalar", None,
        "problem", N_("a backslash (\\) inside double quotes starts a code such as \\n; put the value in single quotes "
        "instead ('C:\\Users'), or write each backslash twice")),
    (r"expected alphabetic or numeric character", r"while scanning an? (anchor|alias)", None, "problem",
     N_("a value cannot start with '&' or '*' in YAML (they mark references); put the whole value in quotes")),
    (r"could not find expected ':'", r"while scanning a simple key", None, "context",
     N_("this line has no ':' after its key (key: value); a value that goes on over several lines must be indented "
        "under its key")),
    (r".", r"while scanning a block scalar", None, "problem",
     N_("after '|' or '>' nothing may follow on the line; start the text on the next line, indented")),
    (r".", r"while scanning a directive", None, "problem",
     N_("a line cannot start with '%' in YAML; put the value in quotes")),
    (r"unacceptable character #x(?P<code>[0-9a-fA-F]+)", None, None, "problem",
     N_("this line holds the control character U+{code}, which YAML does not allow; remove it")),
]


def yaml_message(problem: str, context: str | None, before: str, open_line: int | None) -> tuple[Message, str]:
    """The words for one PyYAML error (a template and its arguments), and which mark ("problem" or "context") to
    place them at. `before` is the text of the problem's line up to the problem."""
    for pattern, context_pattern, condition, mark, words in YAML:
        found = re.search(pattern, problem or "")
        if not found or (context_pattern and not re.search(context_pattern, context or "")):
            continue
        if condition == "indent" and before.strip(" \t-"):
            continue
        if condition == "value" and not re.search(r":\s", before):
            continue
        groups = {k: (v.upper().zfill(4) if k == "code" else v) for k, v in found.groupdict().items()}
        return Message(words, {"open_line": open_line, **groups}), mark
    text = problem or context or Label(N_("the parser stopped here"))      # PyYAML's own words: English
    return Message(N_("{text}; check this line and the one above it"), {"text": text}), "problem"
