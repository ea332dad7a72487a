"""The one way templates are loaded: sandboxed, strict, autoescaped, user folder first.

Templates are code a user may edit, so they run in Jinja's immutable sandbox with StrictUndefined; HTML is
autoescaped, and DOCX templates get an environment that escapes for XML.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..i18n import gettext_for, ngettext_for
from ..paths import refusal, template_folders
from ..problems import BidkitError


search_path = template_folders


class TemplateLoader(BaseLoader):
    """Every template, include, import and extends goes through `find`: a link, a hard link, a path out of the
    template folders or anything but a regular file is refused, whichever tag asked for it."""

    def __init__(self, folders: list[Path]):
        self.folders = [Path(f).resolve() for f in folders]

    def get_source(self, environment, template: str):
        try:
            path = find(self.folders, template)
        except BidkitError as exc:
            if str(exc).startswith("no template named"):
                raise TemplateNotFound(template) from None
            raise
        text = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime


def environment(folders: list[Path], lang: str = "en", autoescape: bool = True) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=TemplateLoader(folders),
        autoescape=autoescape,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.untranslated = set()           # labels a template asked for that the language's catalogue lacks
    env.install_gettext_callables(*watched(lang, env.untranslated), newstyle=True)
    return env


def watched(lang: str, missing: set):
    """gettext and ngettext for `lang` that note each label with no translation, so a template a user added a
    label to reports it (a warning naming the label) instead of silently showing English in a Welsh document."""
    from ..i18n import translations

    gettext, ngettext = gettext_for(lang), ngettext_for(lang)
    catalogue = getattr(translations(lang), "_catalog", None)

    def watched_gettext(message: str) -> str:
        if catalogue is not None and message not in catalogue:
            missing.add(message)
        return gettext(message)

    def watched_ngettext(singular: str, plural: str, n: int) -> str:
        if catalogue is not None and (singular, 0) not in catalogue:
            missing.add(singular)
        return ngettext(singular, plural, n)

    return watched_gettext, watched_ngettext


def untranslated_warnings(env, lang: str) -> list[str]:
    return [f"the template label {label!r} has no '{lang}' translation, so it is shown in English; add it to "
            "the catalogue (scripts/translations.py)" for label in sorted(getattr(env, "untranslated", ()))]


def find(folders: list[Path], name: str) -> Path:
    """The first template file called `name` along the search path (the project's folder first), by the one
    rule for files bidkit reads (`paths.refusal`)."""
    for folder in folders:
        why = refusal(folder, Path(name))
        if why is None:
            return (Path(folder) / name).resolve()
        if why != "it does not exist":
            raise BidkitError(f"template {Path(folder) / name}: {why}")
    raise BidkitError(f"no template named {name} in {', '.join(str(f) for f in folders)}")


def describe(exc: TemplateError) -> str:
    """`templates/html/report.html:12: 'x' is undefined` — the template's own file and line."""
    where = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    place = f"{where}{f':{line}' if line else ''}: " if where else (f"line {line}: " if line else "")
    return f"{place}{getattr(exc, 'message', None) or exc}"
