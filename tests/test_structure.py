"""The shape of the code: the flow runs one way, each list has one registry, no module grows past ~400 lines."""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bidkit"

# The flow, in order: a module may import only from its own layer or those before it.
LAYERS = [
    ("foundation", ["bidkit.version", "bidkit.problems", "bidkit.messages", "bidkit.paths", "bidkit.i18n"]),
    ("evidence", ["bidkit.evidence"]),
    ("figures", ["bidkit.figures"]),
    ("documents", ["bidkit.documents"]),
    ("render", ["bidkit.render"]),
    ("pipeline", ["bidkit.pipeline", "bidkit.readiness"]),
    ("changes", ["bidkit.changes"]),
    ("build", ["bidkit.build", "bidkit.output"]),
    ("batch", ["bidkit.batch"]),
    ("commands", ["bidkit.cli", "bidkit.__main__", "bidkit"]),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> int:
    best = None
    for rank, (_layer, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    assert best is not None, f"{name} is in no layer of the flow: add it to LAYERS"
    return best[0]


def imports_of(path: Path, source: str | None = None) -> set[str]:
    """Every bidkit module `path` imports (or `source`, as if it were that file), at the top or in a function."""
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rsplit(".", 1)[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "bidkit"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "bidkit":
                found.add(target)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_follow_the_flow(path):
    name = module_name(path)
    against = sorted(target for target in imports_of(path) if layer_of(target) > layer_of(name))
    assert against == [], f"{name} ({LAYERS[layer_of(name)][0]}) imports later in the flow: {against}"


def test_the_flow_test_sees_a_backwards_import():
    """The check above can fail: an evidence module importing a renderer is caught (read as if it were a file in
    bidkit/evidence, without writing one)."""
    probe = PACKAGE / "evidence" / "_probe_backwards.py"
    assert layer_of(next(iter(imports_of(probe, "from ..render import pdf\n")))) > layer_of(module_name(probe))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_is_past_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_every_preloaded_name_imports():
    """The worker server ignores a name that fails to import, so a typo here would pass silently."""
    import inspect

    import bidkit.build
    from bidkit.render import preload

    assert "bidkit.documents.charts" in inspect.getsource(bidkit.build.pool)
    for name in [*preload(), "bidkit.documents.charts"]:
        importlib.import_module(name)


def test_the_registries_drive_the_commands_and_templates():
    from bidkit.cli.documents import build
    from bidkit.documents import DOCUMENTS, module_of
    from bidkit.render import FORMATS, RENDERERS, module_name as renderer_module

    options = {p.name: p for p in build.params}
    assert list(options["docs"].type.choices) == list(DOCUMENTS)
    assert list(options["formats"].type.choices) == list(FORMATS)
    templates = PACKAGE.parent / "templates"
    for doc_id in DOCUMENTS:
        assert (templates / "docx" / f"{doc_id}.docx").is_file()
        assert (templates / "html" / f"{doc_id}.html").is_file()
        module = module_of(doc_id)
        assert callable(module.sections) and module.NAME
    for fmt in RENDERERS:
        assert callable(importlib.import_module(renderer_module(fmt)).render)


def test_figure_names_have_one_list():
    from bidkit.evidence import taxonomies as tx
    from bidkit.evidence.load import load
    from bidkit.figures import compute

    counted = compute(load(PACKAGE.parent / "evidence")).counted()
    assert list(counted) == list(tx.FIGURES)
    assert set(tx.MEASURES) <= set(tx.FIGURES)


def test_the_public_api_is_small_and_not_shadowed():
    import bidkit
    import bidkit.build  # noqa: F401  (a submodule of the same name must not replace a public name)

    assert sorted(bidkit.__all__) == ["BidkitError", "Evidence", "EvidenceInvalid", "Problem", "__version__",
                                      "build_documents", "check", "load_evidence"]
    for name in bidkit.__all__:
        assert getattr(bidkit, name) is not None
    assert callable(bidkit.build_documents) and callable(bidkit.check) and callable(bidkit.load_evidence)
    assert bidkit.check(PACKAGE.parent / "evidence")[0].severity == "warning"
