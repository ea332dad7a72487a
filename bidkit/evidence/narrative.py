"""The prose sections partners write, read as text; `{{ figure }}` placeholders checked against the one list.

A placeholder is plain substitution from a fixed list of counted figures, never template code: anything else
inside `{{ }}` is an error at its line, because a narrative is written by partners and is never executed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Place, Problem
from . import taxonomies as tx

NARRATIVE_SECTIONS = ("summary", "rationale", "approach", "open-government", "lessons", "next-steps")
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)                      # anything a partner put in braces
PLACEHOLDER_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")    # what is substituted


@dataclass
class Narrative:
    id: str
    file: str          # relative to the project folder
    text: str


def substitute(text: str, figures: dict[str, str]) -> str:
    """Known names only; `read_narrative` has already reported any other name as an error."""
    return PLACEHOLDER_NAME.sub(lambda m: figures.get(m.group(1), m.group(0)), text)


def read_narrative(root: Path) -> tuple[dict[str, Narrative], list[Problem]]:
    found, problems = {}, []
    folder = root / "narrative"
    known = list(tx.FIGURES)
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem.at(Place(rel), None, "the file is not UTF-8 text; save it as UTF-8"))
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            for match in PLACEHOLDER.finditer(line):
                name = match.group(1).strip()
                if name not in tx.FIGURES:
                    problems.append(Problem.at(Place(rel, None, number), None, f"unknown figure '{name}'"
                                               f"{tx.suggest(name, known)}; the figures are {', '.join(known)}",
                                               match.group(0)))
        found[path.stem] = Narrative(path.stem, rel, text)
    return found, problems


def check_sections(narrative: dict[str, Narrative], questions: list[str]) -> list[Problem]:
    """Sections still to be written, and narrative files that no document uses."""
    problems = []
    for section in NARRATIVE_SECTIONS:
        if section not in narrative:
            problems.append(Problem.at(Place(f"narrative/{section}.md"), None, "is missing; its section will "
                                       "say it is still to be written", severity="warning"))
    known = list(NARRATIVE_SECTIONS) + questions
    for name, text in narrative.items():
        if name not in known:
            problems.append(Problem.at(Place(text.file), None, f"no document uses '{name}'{tx.suggest(name, known)}"
                                       f"; the sections are {', '.join(known)}", severity="warning"))
    return problems
