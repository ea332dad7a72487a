"""The commands. The only module that prints or exits: problems become lines, errors become exit codes."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click

from .problems import BidkitError, EvidenceInvalid, Problem, errors, summary, warnings

EXIT_OK, EXIT_INVALID, EXIT_CANNOT_RUN = 0, 1, 2
REPORT = "please report it at https://github.com/bidkit/bidkit/issues with the command you ran"


def echo_problems(problems: list[Problem], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"problems": [p.as_dict() for p in problems], "errors": len(errors(problems)),
                               "warnings": len(warnings(problems))}, ensure_ascii=False, indent=2))
        return
    for p in problems:
        click.echo(p.line())
    if problems:
        click.echo(summary(problems))


def load_or_exit(project: Path, as_json: bool = False, strict: bool = False):
    """Evidence, with warnings printed; on errors print every problem and exit 1."""
    from .evidence import load

    try:
        evidence = load(project)
    except EvidenceInvalid as exc:
        echo_problems(exc.problems, as_json)
        sys.exit(EXIT_INVALID)
    if strict and evidence.warnings:
        echo_problems(evidence.warnings, as_json)
        if not as_json:
            click.echo(f"Aborted with {len(evidence.warnings)} warnings in strict mode!")
        sys.exit(EXIT_INVALID)
    return evidence


project_argument = click.argument("project", type=click.Path(path_type=Path), default=Path("evidence"),
                                  required=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bidkit")
def cli():
    """bidkit: turn a consortium's evidence into grant documents (DOCX and PDF)."""


@cli.command()
@project_argument
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON on stdout.")
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
def check(project: Path, as_json: bool, strict: bool):
    """Validate the evidence in PROJECT (default ./evidence) and list every problem."""
    evidence = load_or_exit(project, as_json, strict)
    echo_problems(evidence.warnings, as_json)
    if not as_json:
        click.echo(f"{project}: the evidence is valid" + ("" if evidence.warnings else " (no problems)"))


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path):
    """Make a new project folder DIRECTORY, copied from the example project."""
    from .paths import shipped

    if directory.exists() and any(directory.iterdir()):
        raise BidkitError(f"'{directory}' already exists and is not empty; choose a new folder")
    shutil.copytree(shipped("example"), directory, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    click.echo(f"Made {directory} from the example project. Next: bidkit check {directory}")


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), help="Write one KIND.schema.json per kind here.")
def schema(out: Path | None):
    """JSON Schema of each evidence kind, for editors and validators."""
    from .schema import schemas

    found = schemas()
    if out is None:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    out.mkdir(parents=True, exist_ok=True)
    for kind, body in found.items():
        (out / f"{kind}.schema.json").write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    click.echo(f"Wrote {len(found)} schemas to {out}")


def main() -> None:
    """Entry point: no traceback reaches a user."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_CANNOT_RUN)
    except BidkitError as exc:
        click.echo(f"bidkit: {exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, and how to report it
        click.echo(f"bidkit: internal error ({type(exc).__name__}: {exc}); {REPORT}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
