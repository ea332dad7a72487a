"""Every message a partner can be shown is a template the catalogue translates: no message is built as an
f-string or left as an unmarked literal, where gettext could never find it and a Welsh reader would silently get
English. The catalogue tests (test_i18n.py) then make sure each marked template has its Welsh."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bidkit"
MODULES = sorted([*(PACKAGE / "evidence").rglob("*.py"), PACKAGE / "messages.py", PACKAGE / "readiness.py"])
MARKERS = {"N_", "plural", "Message"}


def unmarked(node: ast.AST) -> bool:
    """A message written in place that pybabel cannot extract: a plain string, an f-string, or a string joined
    or formatted there."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and (unmarked(node.left) or unmarked(node.right)):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return unmarked(node.func.value)
    return False


def message_arguments(tree: ast.AST):
    """(line, node) of each message given to Problem.at, to a replace(problem, message=…), or to an exception
    raised with words."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "at" and getattr(func.value, "id", "") == "Problem":
                if len(node.args) >= 3:
                    yield node.lineno, node.args[2]
                yield from ((node.lineno, k.value) for k in node.keywords if k.arg == "message")
            elif getattr(func, "id", "") == "replace":
                yield from ((node.lineno, k.value) for k in node.keywords if k.arg == "message")
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            if getattr(node.exc.func, "id", "") not in ("BidkitError",):     # exit 2: the command could not run
                yield node.lineno, node.exc.args[0]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_is_a_marked_template(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [line for line, node in message_arguments(tree) if unmarked(node)]
    assert found == [], (f"{path.name}: messages on these lines are not marked for translation; write "
                         "N_(\"... {name} ...\") with args={...} (or plural(...), or Message(...) in an exception)")


@pytest.mark.untranslated              # "{a}" is a template made up here
def test_a_message_is_told_in_welsh_with_its_arguments():
    from bidkit.i18n import words
    from bidkit.problems import Label, Place, Problem, plural

    p = Problem.at(Place("meetings.csv", None, 3), "people", plural("{n} warning", "{n} warnings"), args={"n": 2})
    assert p.message == "2 warnings" and p.words(words("cy")) == "2 rybudd"
    q = Problem.at(Place("project.yaml"), None, "warning: ")
    assert q.line(words("cy")) == "project.yaml: rhybudd: "
    assert Problem.at(Place("x"), None, "{a}", args={"a": Label("Year")}).words(words("cy")) == "Blwyddyn"
