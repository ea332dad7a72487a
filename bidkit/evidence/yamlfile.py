"""Plain-text YAML: no implicit typing, no aliases, no tags; duplicate keys are errors; every value keeps its line."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..problems import Place
from .tables import ReadError, Row, Table, decode
from .taxonomies import fold


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


def load_yaml(text: str, rel: str):
    """Plain-text YAML: no implicit typing, no aliases, no tags, duplicate keys are errors."""
    def fail(message: str, mark) -> ReadError:
        err = ReadError(message)
        err.line = mark.line + 1 if mark else None
        return err

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise fail("YAML anchors and aliases (& and *) are not allowed; write the value out",
                           event.start_mark)
            if getattr(event, "tag", None) and not isinstance(event, (yaml.DocumentStartEvent,)):
                raise fail(f"YAML tags such as '{event.tag}' are not allowed; write plain values",
                           event.start_mark)
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise fail(f"this is not valid YAML: {exc.problem or exc.context}", mark) from exc
    except yaml.YAMLError as exc:
        raise ReadError(f"this is not valid YAML: {exc}") from exc
    if len(nodes) > 1:
        raise fail("the file holds more than one YAML document (a second '---'); keep one", nodes[1].start_mark)
    return convert(nodes[0], fail) if nodes else None


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
            raise fail("a key must be plain text", key_node.start_mark)
        key = key_node.value
        if key in out:
            raise fail(f"the key '{key}' appears twice (first on line {out.lines[key]})", key_node.start_mark)
        out[key] = convert(value_node, fail)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def read_yaml(path: Path, rel: str):
    try:
        text = decode(path.read_bytes())
    except ReadError:
        raise ReadError("the file is not UTF-8 text") from None
    return load_yaml(text, rel)


def read_yaml_table(path: Path, rel: str, kind: str) -> Table:
    """A YAML list of mappings; a mapping with the kind's name as its only key is accepted too."""
    data = read_yaml(path, rel)
    if isinstance(data, YMap) and len(data) == 1 and fold(next(iter(data))) == fold(kind):
        data = next(iter(data.values()))
    if data is None:
        return Table(kind, Place(rel), [], [])
    if not isinstance(data, YList):
        raise ReadError(f"the file should be a YAML list of {kind}, one '- ' entry each")
    rows = []
    for item, line in zip(data, data.lines):
        if not isinstance(item, YMap):
            err = ReadError("each entry should be a set of 'key: value' lines")
            err.line = line
            raise err
        rows.append(Row(Place(rel, None, line), item, dict(item.lines)))
    headers = sorted({k for row in rows for k in row.values})
    return Table(kind, Place(rel), rows, headers)
