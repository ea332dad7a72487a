"""The one way templates are loaded: sandboxed, strict, autoescaped, user folder first.

Templates are code a user may edit, so they run in Jinja's immutable sandbox with StrictUndefined; HTML is
autoescaped, and DOCX templates get an environment that escapes for XML.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..i18n import gettext_for, ngettext_for
from ..paths import template_folders
from ..problems import BidkitError


search_path = template_folders


def environment(folders: list[Path], lang: str = "en", autoescape: bool = True) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader([str(f) for f in folders], followlinks=False),
        autoescape=autoescape,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(gettext_for(lang), ngettext_for(lang), newstyle=True)
    return env


def find(folders: list[Path], name: str) -> Path:
    """The first template file called `name`, refusing links and paths that leave the template folders."""
    for folder in folders:
        candidate = folder / name
        if candidate.is_symlink():
            raise BidkitError(f"template {candidate} is a symbolic link; bidkit only reads real files")
        if candidate.is_file():
            resolved = candidate.resolve()
            if folder not in resolved.parents:
                raise BidkitError(f"template {name} points outside its folder {folder}")
            return resolved
    raise BidkitError(f"no template named {name} in {', '.join(str(f) for f in folders)}")


def describe(exc: TemplateError) -> str:
    """`templates/html/report.html:12: 'x' is undefined` — the template's own file and line."""
    where = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    place = f"{where}{f':{line}' if line else ''}: " if where else (f"line {line}: " if line else "")
    return f"{place}{getattr(exc, 'message', None) or exc}"
