"""Plain-text YAML: no implicit typing, no aliases, no tags; duplicate keys are errors; every value keeps its line.

The parser's own messages are for programmers; a partner reads the words in bidkit/messages.py (YAML), at the
line where the mistake is. The bytes are decoded as CSV's are (textfile.py): Notepad's "Unicode" is UTF-16.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..i18n.catalogue import N_
from ..messages import yaml_message
from ..problems import Label, Message, Place, Problem
from .tables import ReadError, Row, Table
from .taxonomies import fold
from .textfile import SAVE_YAML_AS, bad_bytes, decode_text, shown

LINE_END = re.compile(r"\r\n|\r|\n")
EMPTY = N_("the file is empty (it holds no entries), so nothing was read from it; fill it in or delete it")
NOT_YAML = N_("this is not valid YAML: {words}")


class YMap(dict):
    """A YAML mapping whose values are text, with the line of each key."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.lines: dict = {}


class YList(list):
    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.lines: list = []


MAX_DEPTH = 20              # outcomes > indicators > targets is four; a file 5,000 deep would exhaust the stack
# PyYAML builds a node, then a value, for every scalar at about 100 bytes of memory per byte of YAML and 10 s a
# megabyte: 5 MB (some 100,000 short entries, five times the largest YAML file we measure) costs under a minute
# and 600 MB at worst; a larger file is refused before it is read
MAX_YAML_BYTES = 5 * 2**20
MAX_ENTRIES = 50_000        # list entries in one file, counted on the event stream before any node is composed


def load_yaml(text: str, rel: str):
    """Plain-text YAML: no implicit typing, no aliases, no tags, duplicate keys are errors."""
    def fail(message: str, mark, line: int | None = None, args: dict | None = None) -> ReadError:
        err = ReadError(Message(message, args))
        err.line = mark.line + 1 if mark else line
        return err

    depth = entries = 0
    in_list: list[bool] = []                   # for each open collection: is it a list
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                  yaml.AliasEvent)) and in_list and in_list[-1]:
                entries += 1
                if entries > MAX_ENTRIES:
                    raise fail(N_("the file has more than {most:,} list entries; bidkit reads at most {most:,} "
                                  "from one YAML file: split it, or keep the rows in a .csv"), event.start_mark,
                               args={"most": MAX_ENTRIES})
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                in_list.append(isinstance(event, yaml.SequenceStartEvent))
                depth += 1
                if depth > MAX_DEPTH:            # checked on the stream, before anything recursive is built
                    raise fail(N_("the YAML nests lists and sets of keys more than {most} deep here; no kind of "
                                  "evidence needs that many levels"), event.start_mark, args={"most": MAX_DEPTH})
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                in_list.pop()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise fail(N_("YAML anchors and aliases (& and *) are not allowed; write the value out"),
                           event.start_mark)
            if getattr(event, "tag", None) and not isinstance(event, (yaml.DocumentStartEvent,)):
                raise fail(N_("YAML tags such as '{tag}' are not allowed; write plain values"), event.start_mark,
                           args={"tag": event.tag})
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        raise parser_error(exc, text, fail) from None
    except yaml.reader.ReaderError as exc:          # a character YAML does not allow, at a position
        line = len(LINE_END.findall(text, 0, exc.position)) + 1
        words, _ = yaml_message(str(exc), None, "", None)
        raise fail(NOT_YAML, None, line, {"words": words}) from None
    except yaml.YAMLError as exc:
        raise ReadError(Message(NOT_YAML, {"words": str(exc)})) from None
    if len(nodes) > 1:
        raise fail(N_("the file holds more than one YAML document (a second '---'); keep one"), nodes[1].start_mark)
    return convert(nodes[0], fail) if nodes else None


def parser_error(exc: yaml.MarkedYAMLError, text: str, fail) -> ReadError:
    """PyYAML's error in the words of messages.YAML, at the line it points to."""
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    before = ""
    if problem_mark is not None:
        lines = text.splitlines()
        if problem_mark.line < len(lines):
            before = lines[problem_mark.line][:problem_mark.column]
    words, which = yaml_message(exc.problem or "", exc.context, before,
                                context_mark.line + 1 if context_mark else None)
    mark = context_mark if which == "context" and context_mark else problem_mark or context_mark
    return fail(NOT_YAML, mark, args={"words": words})


def convert(node, fail):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if node.style is None and value == "":
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        out = YList(line)
        for item in node.value:
            out.append(convert(item, fail))
            out.lines.append(item.start_mark.line + 1)
        return out
    out = YMap(line)
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise fail(N_("a key must be plain text; a value that starts with '{' or '[' but is not a list must be "
                          "put in quotes"), key_node.start_mark)
        key = key_node.value
        if key in out:
            raise fail(N_("the key '{key}' appears twice (first on line {line})"), key_node.start_mark,
                       args={"key": key, "line": out.lines[key]})
        out[key] = convert(value_node, fail)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def yaml_text(path: Path) -> str:
    """The file's text; ReadError at the first line holding a byte no encoding explains, or for a file past
    MAX_YAML_BYTES (read no further than that)."""
    with open(path, "rb") as stream:
        data = stream.read(MAX_YAML_BYTES + 1)
    if len(data) > MAX_YAML_BYTES:
        raise ReadError(Message(N_("the file is larger than {most} MB, more than bidkit reads from one YAML file; "
                                   "split it, or keep long lists of rows in a .csv"),
                                {"most": MAX_YAML_BYTES // 2**20}))
    decoded = decode_text(data, SAVE_YAML_AS)
    if decoded.bad_lines:
        line = min(decoded.bad_lines)
        text = decoded.text.splitlines()[line - 1]
        err = ReadError(Message(N_("'{text}' holds a letter that is neither UTF-8 nor Windows-1252 (byte {bytes}, "
                                   "shown as ?), so bidkit cannot tell what it is; retype it, or {save_as}"),
                                {"text": shown(text).strip()[:60], "bytes": bad_bytes(text),
                                 "save_as": Label(SAVE_YAML_AS)}))
        err.line = line
        raise err
    return decoded.text


def read_yaml(path: Path, rel: str, folder: Path | None = None):
    """project.yaml or a funder profile: a file that must say something. With `folder`, the file is read only if
    the path rule (paths.refused) allows it as `rel` in that folder."""
    if folder is not None:
        from ..paths import refused

        why = refused(folder, Path(rel))
        if why is not None:
            raise ReadError(Message(N_("bidkit did not read it: {why}"), {"why": why}))
    text = yaml_text(path)
    if not text.strip():
        raise ReadError(Message(N_("the file is empty; it needs at least title, lead_partner, as_of and period "
                                   "(`bidkit init DIR` makes a project from the example)")
                                if rel == "project.yaml" else EMPTY))
    return load_yaml(text, rel)


def read_yaml_table(path: Path, rel: str, kind: str) -> tuple[list[Table], list[Problem]]:
    """A YAML list of mappings; a mapping with the kind's name as its only key is accepted too.
    An entry with nothing in it (a '-' alone) is skipped with a warning, as a blank row would be."""
    data = load_yaml(yaml_text(path), rel)
    if isinstance(data, YMap) and len(data) == 1 and fold(next(iter(data))) == fold(kind):
        data = next(iter(data.values()))
    if data is None:
        return [], [Problem.at(Place(rel), None, EMPTY, severity="warning")]
    if not isinstance(data, YList):
        err = ReadError(Message(N_("the file should be a YAML list of {kind}, one '- ' entry each"),
                                {"kind": Label(kind)}))
        err.line = getattr(data, "line", None)
        raise err
    rows, problems = [], []
    for item, line in zip(data, data.lines):
        if item is None:
            problems.append(Problem.at(Place(rel, None, line), None, N_("this entry is empty (a '-' with nothing "
                                       "after it), so it was skipped; remove the line, or fill the entry in"),
                                       severity="warning"))
        elif isinstance(item, str):
            problems.append(Problem.at(Place(rel, None, line), None, N_("this entry is just '{item}'; each entry "
                                       "should be a set of 'key: value' lines (e.g. title: ...)"), item,
                                       args={"item": item}))
        elif not isinstance(item, YMap):
            problems.append(Problem.at(Place(rel, None, line), None, N_("this entry is a list; each entry should be a "
                                       "set of 'key: value' lines (e.g. title: ...)")))
        else:
            rows.append(Row(Place(rel, None, line), item, dict(item.lines)))
    if not rows:                                   # `[]`, or nothing but empty entries: nothing to check
        return [], problems
    headers = sorted({k for row in rows for k in row.values})
    return [Table(kind, Place(rel), rows, headers)], problems
