"""Output names per language, and the languages a project asks for, without loading its evidence.

The main language keeps the plain names (`project-report.pdf`), another adds its code (`project-report.cy.pdf`);
a build with nothing to do plans its outputs from `languages_of`, which reads only project.yaml, so it loads
neither the evidence models nor a renderer.
"""
from __future__ import annotations

from pathlib import Path

from .catalogue import languages


def output_name(stem: str, fmt: str, lang: str, main: str) -> str:
    """`project-report.pdf` in the main language, `project-report.cy.pdf` in another (SPEC: output names)."""
    return f"{stem}.{fmt}" if lang == main else f"{stem}.{lang}.{fmt}"


def split_name(name: str, languages: list[str]) -> tuple[str, str | None, str]:
    """(stem, language or None for the main one, format) of an output name."""
    stem, fmt = name.rsplit(".", 1)
    base, _, lang = stem.rpartition(".")
    return (base, lang, fmt) if base and lang in languages else (stem, None, fmt)


def languages_of(project: Path) -> list[str]:
    """The languages project.yaml asks for, read without loading the evidence (a build with nothing to do plans
    its outputs from this). Anything unreadable is left to `load` to report; until then, English."""
    import yaml

    known = languages()
    try:
        data = yaml.load((Path(project) / "project.yaml").read_text(encoding="utf-8-sig"), Loader=yaml.BaseLoader)
        found = data.get("languages", ["en"]) if isinstance(data, dict) else ["en"]
    except (OSError, ValueError, yaml.YAMLError):
        return ["en"]
    found = [found] if isinstance(found, str) else found
    langs = [str(v).strip().lower() for v in found if isinstance(v, str) and str(v).strip().lower() in known]
    return list(dict.fromkeys(langs)) or ["en"]
