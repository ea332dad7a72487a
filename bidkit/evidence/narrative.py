"""The prose sections partners write, read as text; `{{ figure }}` placeholders checked against the one list.

A placeholder is plain substitution from a fixed list of counted figures, never template code: anything else
inside `{{ }}` is an error at its line, because a narrative is written by partners and is never executed. A
placeholder typed wrong (`{{ organisations_met }`, `{ people_reached }`, `{{x}}}`) is an error too, since it would
be printed as it is; single braces around anything that is not a figure's name are prose and left alone.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Place, Problem
from . import taxonomies as tx

NARRATIVE_SECTIONS = ("summary", "rationale", "approach", "open-government", "lessons", "next-steps")
BRACES = re.compile(r"(\{+)([^{}]*)(\}+)")                                 # a run of braces around some text
STRAY = re.compile(r"\{\{|\}\}")                                             # a pair left open or never opened
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
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem.at(Place(rel), None, "the file is not UTF-8 text; save it as UTF-8"))
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            problems += [Problem.at(Place(rel, None, number), None, message, value)
                         for message, value in placeholder_problems(line)]
        found[path.stem] = Narrative(path.stem, rel, text)
    return found, problems


def closest(name: str) -> str | None:
    """The figure a name was meant to be (`meetings` -> meetings_held), or None when it is no figure's name."""
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        return None
    folded = {tx.fold(f): f for f in tx.FIGURES}
    close = difflib.get_close_matches(tx.fold(name), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def placeholder_problems(line: str) -> list[tuple[str, str]]:
    """(message, what was written) for each placeholder in one line that is not `{{ a_known_figure }}`."""
    known = list(tx.FIGURES)
    found = []
    for match in BRACES.finditer(line):
        opens, inner, closes = len(match[1]), match[2].strip(), len(match[3])
        meant = inner if inner in tx.FIGURES else closest(inner)
        write = f"write {{{{ {meant} }}}}" if meant else "a figure is written {{ meetings_held }}"
        if opens == 2 and closes == 2:
            if inner not in tx.FIGURES:
                found.append((f"unknown figure '{inner}'{tx.suggest(inner, known)}; the figures are "
                              f"{', '.join(known)}", match[0]))
        elif opens >= 2 or closes >= 2:
            found.append((f"'{match[0]}' is not a complete placeholder (two braces each side); {write}", match[0]))
        elif meant:
            found.append((f"'{match[0]}' has one brace each side, so it would be printed as it is; {write}",
                          match[0]))
    rest = BRACES.sub("", line)
    for match in STRAY.finditer(rest):
        found.append((f"'{match[0]}' has no matching '{'}}' if match[0] == '{{' else '{{'}'; a figure is written "
                      "{{ meetings_held }}", match[0]))
    return found


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
