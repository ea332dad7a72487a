"""What every command shares: how problems are printed, how evidence is loaded or the command exits."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..problems import EvidenceInvalid, Problem, errors, summary, warnings

EXIT_OK, EXIT_INVALID, EXIT_CANNOT_RUN = 0, 1, 2
REPORT = "this is a bug in bidkit: please send the command you ran and this message to its maintainers"


READER: dict = {}              # the words of the command running, for `main` to say why it could not run


def words_for(project: Path | None, lang: str | None):
    """`--lang` when given, else the project's main language (its `languages:` first), else English: a Welsh
    project's partners are told what is wrong in Welsh without asking."""
    from ..evidence.load import main_language
    from ..i18n import words

    READER["words"] = words(lang or (main_language(project) if project is not None else "en"))
    return READER["words"]


def why_not(exc: Exception) -> str:
    """A BidkitError's words in the reader's language where it carries a `Message`, else as raised."""
    from ..problems import Message

    found = exc.args[0] if exc.args else ""
    return found.words(READER.get("words")) if isinstance(found, Message) else str(exc)


def english():
    from ..i18n import words

    return words("en")


def echo_problems(problems: list[Problem], as_json: bool, words=None) -> None:
    """Each problem as a line in the reader's language, then the count; `--json` keeps the contract's English
    `message` (a program reads the field and the cell, not the words)."""
    if as_json:
        click.echo(json.dumps({"problems": [p.as_dict() for p in problems], "errors": len(errors(problems)),
                               "warnings": len(warnings(problems))}, ensure_ascii=False, indent=2))
        return
    for p in problems:
        click.echo(p.line(words))
    if problems:
        click.echo(summary(problems, words))


def language_option(help_text: str):
    return click.option("--lang", type=click.Choice(["en", "cy"]), help=help_text)


lang_option = language_option("The language of the lines printed (default: the project's main language).")


def load_or_exit(project: Path, as_json: bool = False, strict: bool = False, also=None, words=None):
    """Evidence, with warnings printed; on errors print every problem and exit 1, calling `also(problems)` first
    when given (check's per-partner reports are written whether or not the evidence has errors)."""
    from ..evidence import load

    try:
        evidence = load(project)
    except EvidenceInvalid as exc:
        echo_problems(exc.problems, as_json, words)
        also and also(exc.problems)
        sys.exit(EXIT_INVALID)
    if strict and evidence.warnings:
        echo_problems(evidence.warnings, as_json, words)
        if not as_json:
            n = len(evidence.warnings)
            click.echo((words or english()).n_("Aborted with {n} warning in strict mode!", "Aborted with {n} "
                                               "warnings in strict mode!", n).format(n=n))
        also and also(evidence.warnings)
        sys.exit(EXIT_INVALID)
    return evidence


project_argument = click.argument("project", type=click.Path(path_type=Path), default=Path("evidence"),
                                  required=False)
