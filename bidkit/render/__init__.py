"""Content into bytes: RENDERERS, the one registry of output formats.

Each renderer module has `render(content, template_folders) -> (bytes, warnings)`. Adding a format is a module
here and one line below; the build chooses renderers from this table and preloads its workers from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Renderer:
    format: str
    module: str                          # bidkit.render.<module>
    per_document: bool = True            # False: one file for the whole build (figures.xlsx)
    libraries: tuple[str, ...] = ()      # imported once in the worker server, before any render is forked


RENDERERS = {r.format: r for r in (
    Renderer("docx", "docx", libraries=("docxtpl", "docx")),
    Renderer("pdf", "pdf", libraries=("weasyprint",)),
    Renderer("html", "html"),
    Renderer("xlsx", "xlsx", per_document=False),
)}
FORMATS = tuple(fmt for fmt, r in RENDERERS.items() if r.per_document)    # what `--format` offers
WORKBOOK = "figures.xlsx"     # the per-build spreadsheet, written with every build of all documents


def module_name(fmt: str) -> str:
    return f"{__name__}.{RENDERERS[fmt].module}"


def preload() -> list[str]:
    """What the worker server imports before it forks: the per-document renderers and their libraries (the
    figures workbook's pandas is left to the one worker that needs it)."""
    names: list[str] = []
    for r in RENDERERS.values():
        if r.per_document:
            names += [*r.libraries, module_name(r.format)]
    return names


def render(fmt: str, content, folders) -> tuple[bytes, list[str]]:
    return import_module(module_name(fmt)).render(content, folders)
