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

from ..i18n.catalogue import N_
from ..paths import refused
from ..problems import Message, Place, Problem
from . import taxonomies as tx
from .text import MAX_DEPTH, too_deep

MAX_NARRATIVE_BYTES = 1 * 2**20      # a section of prose; far past any funder's word limit
NARRATIVE_SECTIONS = ("summary", "rationale", "approach", "open-government", "lessons", "next-steps")
# A document may take its own version of a section from narrative/<document>/<id>.md (the report's summary says
# what was done, the concept paper's why it matters); the folder names are the documents' ids, which this layer
# may not import (tests/test_structure.py checks they agree with DOCUMENTS).
DOCUMENT_FOLDERS = ("concept-paper", "project-report", "funding-proposal")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")                                # what a figure is called
BRACES = re.compile(r"(\{+)([^{}]*)(\}+)")                                 # a run of braces around some text
STRAY = re.compile(r"\{\{|\}\}")                                             # a pair left open or never opened


@dataclass
class Narrative:
    id: str
    file: str          # relative to the project folder
    text: str


def read_narrative(root: Path, folder: str = "narrative") -> tuple[dict[str, Narrative], list[Problem]]:
    """Every `<folder>/*.md` (`narrative`, or `narrative/cy` for the second language) and each document's own
    `<folder>/<document>/*.md` (`narrative/cy/project-report/summary.md`), by the one rule for files
    bidkit reads (no links, regular files, inside the project) and within a size no section of prose needs; lists
    and quotes nested past what a reader can follow are refused at their line rather than shown in part."""
    found, problems = {}, []
    where = root / folder
    if where.is_symlink():
        return found, [Problem.at(Place(folder), None, N_("is a symbolic link; the narrative folder must be a "
                                                          "real folder in the project"))]
    problems += [Problem.at(Place(f"{folder}/{name}"), None, N_("is a symbolic link; a document's narrative "
                                                                "folder must be a real folder in the project"))
                 for name in DOCUMENT_FOLDERS if (where / name).is_symlink()]
    for path in section_files(where):
        rel = path.relative_to(root).as_posix()
        why = refused(root, path.relative_to(root))
        if why is not None:
            problems.append(Problem.at(Place(rel), None, N_("was not read: {why}"), args={"why": why}))
            continue
        size = path.stat().st_size
        if size > MAX_NARRATIVE_BYTES:
            problems.append(Problem.at(Place(rel), None, N_("is {size:.1f} MB; a section of prose is at most "
                                                            "{most} MB (is it the right file?)"),
                                       args={"size": size / 2**20, "most": MAX_NARRATIVE_BYTES // 2**20}))
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem.at(Place(rel), None, N_("the file is not UTF-8 text; save it as UTF-8")))
            continue
        except OSError as exc:
            problems.append(Problem.at(Place(rel), None, N_("cannot be read ({why})"),
                                       args={"why": str(exc.strerror or exc)}))
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            problems += [Problem.at(Place(rel, None, number), None, message, value)
                         for message, value in placeholder_problems(line)]
        problems += [Problem.at(Place(rel, None, line), None, N_("lists or quotes are nested {depth} deep here; "
                                                                 "bidkit shows at most {most} levels: bring the "
                                                                 "deepest ones up a level"),
                                args={"depth": depth, "most": MAX_DEPTH})
                     for line, depth in too_deep(text)]
        key = path.stem if path.parent == where else f"{path.parent.name}/{path.stem}"
        found[key] = Narrative(path.stem, rel, text)
    return found, problems


def language_folder(languages: list[str], lang: str) -> str:
    """Where a language's sections live: the first language in `narrative/`, the others in `narrative/<lang>/`."""
    return "narrative" if not languages or lang == languages[0] else f"narrative/{lang}"


def read_narratives(root: Path, languages: list[str]) -> tuple[dict[str, dict[str, Narrative]], list[Problem]]:
    """Each language's sections: language -> section id -> Narrative."""
    found, problems = {}, []
    for lang in languages or ["en"]:
        found[lang], trouble = read_narrative(root, language_folder(languages, lang))
        problems += trouble
    return found, problems


def check_languages(narratives: dict[str, dict[str, Narrative]], languages: list[str], sections: list[str],
                    final: bool) -> list[Problem]:
    """A section written in one language and not in another: a warning in draft, an error in final (a funder in
    Wales must not receive a Welsh application with parts in English only, nor the reverse). A document's own
    version of a section is compared the same way: `narrative/project-report/summary.md` wants
    `narrative/cy/project-report/summary.md`."""
    problems = []
    if len(languages) < 2:
        return problems

    def counted(key: str) -> bool:          # a shared section, or a document's own version of one
        doc, _, section = key.rpartition("/")
        return key in sections if not doc else doc in DOCUMENT_FOLDERS and section in NARRATIVE_SECTIONS

    written = {s for texts in narratives.values() for s in texts if counted(s)}
    for lang in languages:
        for section in sorted(written - set(narratives.get(lang, {}))):
            written_in = ", ".join(other for other in languages if section in narratives.get(other, {}))
            problems.append(Problem.at(Place(f"{language_folder(languages, lang)}/{section}.md"), None,
                                       N_("is missing: '{section}' is written in {written} but not in '{lang}'"),
                                       severity="error" if final else "warning",
                                       args={"section": section, "written": written_in, "lang": lang}))
    return problems


def section_files(folder: Path) -> list[Path]:
    """`narrative/*.md`, then each document's own `narrative/<document>/*.md` (a real folder, not a link)."""
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.md"))
    for name in DOCUMENT_FOLDERS:
        own = folder / name
        if own.is_dir() and not own.is_symlink():
            files += sorted(own.glob("*.md"))
    return files


def closest(name: str) -> str | None:
    """The figure a name was meant to be (`meetings` -> meetings_held), or None when it is no figure's name."""
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        return None
    folded = {tx.fold(f): f for f in tx.FIGURES}
    close = difflib.get_close_matches(tx.fold(name), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def placeholder_problems(line: str) -> list[tuple[Message, str]]:
    """(message, what was written) for each placeholder in one line that is not `{{ a_known_figure }}`."""
    known = list(tx.FIGURES)
    found = []
    for match in BRACES.finditer(line):
        opens, inner, closes = len(match[1]), match[2].strip(), len(match[3])
        meant = inner if inner in tx.FIGURES else closest(inner)
        write = Message(N_("write {{{{ {meant} }}}}"), {"meant": meant}) if meant else WRITTEN
        args = {"written": match[0], "write": write}
        if opens == 2 and closes == 2:
            if inner not in tx.FIGURES:
                found.append((Message(N_("unknown figure '{inner}'{hint}; the figures are {figures}"),
                                      {"inner": inner, "hint": tx.suggest(inner, known),
                                       "figures": ", ".join(known)}), match[0]))
        elif (opens >= 2 or closes >= 2) and (meant or NAME.fullmatch(inner)):    # a figure's name, braces wrong
            found.append((Message(N_("'{written}' is not a complete placeholder (two braces each side); {write}"),
                                  args), match[0]))
        elif meant:
            found.append((Message(N_("'{written}' has one brace each side, so it would be printed as it is; "
                                     "{write}"), args), match[0]))
    rest = BRACES.sub("", line)
    for match in STRAY.finditer(rest):
        found.append((Message(N_("'{written}' has no matching '{other}'; {write}"),
                              {"written": match[0], "other": "}}" if match[0] == "{{" else "{{", "write": WRITTEN}),
                      match[0]))
    return found


WRITTEN = Message(N_("a figure is written {{ meetings_held }}"))     # no arguments: its braces are as shown


def check_sections(narrative: dict[str, Narrative], questions: list[str], missing: bool = True) -> list[Problem]:
    """Sections still to be written (in the first language: `check_languages` compares the others with it), and
    narrative files that no document uses."""
    problems = []
    for section in NARRATIVE_SECTIONS if missing else ():
        if section not in narrative:
            problems.append(Problem.at(Place(f"narrative/{section}.md"), None, N_("is missing; its section will "
                                                                                  "say it is still to be "
                                                                                  "written"), severity="warning"))
    known = list(NARRATIVE_SECTIONS) + questions
    for name, text in narrative.items():
        if "/" in name and name.split("/", 1)[1] not in NARRATIVE_SECTIONS:
            problems.append(Problem.at(Place(text.file), None, N_("no document uses it; a document's own folder "
                                                                  "holds its versions of {sections} (a funder's "
                                                                  "question is answered once, in "
                                                                  "narrative/<question id>.md)"),
                                       severity="warning", args={"sections": ", ".join(NARRATIVE_SECTIONS)}))
        elif "/" not in name and name not in known:
            problems.append(Problem.at(Place(text.file), None, N_("no document uses '{name}'{hint}; the sections "
                                                                  "are {sections}"), severity="warning",
                                       args={"name": name, "hint": tx.suggest(name, known),
                                             "sections": ", ".join(known)}))
    return problems
