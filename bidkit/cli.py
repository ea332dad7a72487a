"""The commands. The only module that prints or exits: problems become lines, errors become exit codes."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click

from .documents import DOCUMENTS
from .problems import BidkitError, EvidenceInvalid, Problem, errors, shown, summary, warnings
from .render import FORMATS

EXIT_OK, EXIT_INVALID, EXIT_CANNOT_RUN = 0, 1, 2
REPORT = "this is a bug in bidkit: please send the command you ran and this message to its maintainers"


def echo_problems(problems: list[Problem], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"problems": [p.as_dict() for p in problems], "errors": len(errors(problems)),
                               "warnings": len(warnings(problems))}, ensure_ascii=False, indent=2))
        return
    for p in problems:
        click.echo(p.line())
    if problems:
        click.echo(summary(problems))


def load_or_exit(project: Path, as_json: bool = False, strict: bool = False, also=None):
    """Evidence, with warnings printed; on errors print every problem and exit 1, calling `also(problems)` first
    when given (check's per-partner reports are written whether or not the evidence has errors)."""
    from .evidence import load

    try:
        evidence = load(project)
    except EvidenceInvalid as exc:
        echo_problems(exc.problems, as_json)
        also and also(exc.problems)
        sys.exit(EXIT_INVALID)
    if strict and evidence.warnings:
        echo_problems(evidence.warnings, as_json)
        if not as_json:
            click.echo(f"Aborted with {len(evidence.warnings)} warnings in strict mode!")
        also and also(evidence.warnings)
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
@click.option("--by-partner", "by_partner", metavar="DIR", type=click.Path(path_type=Path, file_okay=False),
              help="Also write into this folder one report per partner, <partner-id>.html to read and .csv to "
                   "sort: the problems in that partner's files (its subfolder, e.g. partners/wcva/, or file-name "
                   "suffix, e.g. meetings-wcva.csv), each with file, sheet, cell, what is wrong and what to write "
                   "instead. What belongs to no partner goes to facilitator.html and .csv.")
def check(project: Path, as_json: bool, strict: bool, by_partner: Path | None):
    """Validate the evidence in PROJECT (default ./evidence) and list every problem."""
    from .output import write_partner_reports

    def reports(problems):
        if by_partner is not None:
            written = write_partner_reports(project, problems, by_partner)
            if not as_json:
                click.echo(f"Wrote {written} reports to {by_partner}: one per partner and facilitator.html.")

    evidence = load_or_exit(project, as_json, strict, reports)
    echo_problems(evidence.warnings, as_json)
    if not as_json:
        click.echo(f"{project}: the evidence is valid" + ("" if evidence.warnings else " (no problems)"))
    reports(evidence.warnings)


@cli.command()
@project_argument
@click.option("--out", type=click.Path(path_type=Path), default=Path("outputs"), show_default=True,
              help="Folder for the documents.")
@click.option("--doc", "docs", multiple=True, type=click.Choice(list(DOCUMENTS)),
              help="Only this document (repeatable; default all).")
@click.option("--format", "formats", multiple=True, type=click.Choice(list(FORMATS)),
              help="Only this format (repeatable; default all).")
@click.option("--lang", "langs", multiple=True, type=click.Choice(["en", "cy"]),
              help="Only this language (repeatable; default every language in project.yaml).")
@click.option("--jobs", type=click.IntRange(1, 64), help="Parallel renders (default: number of cores).")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
def build(project: Path, out: Path, docs, formats, langs, jobs, force):
    """Build the documents from PROJECT (default ./evidence) into --out."""
    from .build import build as run_build

    status = None
    if sys.stdout.isatty():         # a spinner for people; plain lines for logs and pipes
        from rich.console import Console

        status = Console().status("Checking the evidence and rendering…")
        status.start()

    def progress(result):
        if result.skipped:
            click.echo(f"  {result.name:<28} up to date")
        else:
            click.echo(f"  {result.name:<28} written in {result.seconds:.1f} s")
            for warning in result.warnings:
                click.echo(f"    warning: {warning}")

    try:
        report = run_build(project, out, list(docs) or None, list(formats) or None, jobs, force, progress,
                           langs=list(langs) or None)
    except EvidenceInvalid as exc:
        status and status.stop()
        echo_problems(exc.problems, False)
        click.echo("Nothing was written.")
        sys.exit(EXIT_INVALID)
    finally:
        status and status.stop()
    if report.evidence_warnings:
        echo_problems(report.evidence_warnings, False)
    written = len(report.written)
    click.echo(f"{written} file{'s' if written != 1 else ''} written, {len(report.results) - written} up to date, "
               f"in {report.seconds:.1f} s -> {out}")


@cli.command()
@project_argument
@click.option("--json", "as_json", is_flag=True, help="Print the readiness as JSON on stdout.")
def status(project: Path, as_json: bool):
    """Readiness of PROJECT: each funder question's words against its limit in each language, counts, warnings,
    and what an assessor would question."""
    from .evidence.taxonomies import LANGUAGES
    from .readiness import assessor_questions, readiness

    evidence = load_or_exit(project, as_json)
    found = readiness(evidence)
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]{found['project']}[/bold] ({found['status']})")
    if found["funder"]:
        for lang, listed in found["languages"].items():
            name = LANGUAGES.get(lang, lang)
            table = Table(title=f"{listed['funder']} ({name})", title_justify="left")
            for column in ("Question", "Words", "Limit", "State"):
                table.add_column(column, justify="right" if column in ("Words", "Limit") else "left")
            for a in listed["answers"]:
                limit = (f"{a['min_words']}–{a['max_words']}" if a["min_words"] else f"≤ {a['max_words']}") \
                    if a["max_words"] else (f"≤ {a['max_chars']} chars" if a["max_chars"] else "")
                words = "—" if a["words"] is None else str(a["words"])
                state = {"ok": "[green]ok[/green]", "missing": "[red]missing[/red]", "over": "[red]over[/red]",
                         "under": "[yellow]under[/yellow]"}[a["state"]]
                table.add_row(a["title"], words, limit, state)
            console.print(table)
    else:
        console.print("No funder in project.yaml: add 'funder:' to check the proposal's answers.")
    from .evidence.taxonomies import FIGURES

    counts = ", ".join(f"{FIGURES[k].lower()}: {v if v is not None else '—'}" for k, v in found["counts"].items())
    console.print(f"Evidence: {counts}")
    asked = assessor_questions(evidence)
    echo_problems([p for p in evidence.warnings if p not in asked], False)
    if asked:
        click.echo(f"What an assessor would question ({len(asked)}):")
        for p in asked:
            click.echo(p.line())
    console.print("Ready to submit." if found["ready"] else "Not ready yet: see above.")


@cli.command()
@project_argument
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The workbook to write, FILE.xlsx.")
@click.option("--partner", metavar="ID",
              help="Make it for this partner (its id or name): the sheets hold the rows of its own files (its "
                   "folder or file-name suffix), to correct rather than retype; rows in other partners' or the "
                   "facilitator's files are left out even when they name it (corrected in the workbook, they would "
                   "be counted twice).")
@click.option("--kinds", metavar="K,K",
              help="The sheets to include, separated by commas (default: partners,meetings,reading-list,"
                   "action-plan,budget; delivery-plan and other-funding when asked for).")
def workbook(project: Path, out: Path, partner: str | None, kinds: str | None):
    """Write a workbook for a partner to fill in with Excel or LibreOffice: one sheet per kind of evidence, a
    note on every column, dropdowns, date and number rules, and an Instructions sheet. Send it to the partner;
    put the returned file in PROJECT (e.g. partners/ID/) and run bidkit check."""
    from .output import check_folder, commit, make_folder
    from .pipeline import partner_workbook

    if out.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"'{out}' should end in .xlsx (the partner may save it back as .ods)",
                                 param_hint="--out")
    check_folder(project, out.parent)            # a blank workbook in the project would be read as evidence
    content, data = partner_workbook(project, kinds, partner)
    make_folder(out.parent)
    commit(out.parent, {out.name: data})
    held = sum(len(s.rows) for s in content.sheets)
    whose = f", with {held} row{'s' if held != 1 else ''} on file for {content.partner[1]}" if content.partner else ""
    click.echo(f"Wrote {out}: sheets {', '.join(s.title for s in content.sheets)}{whose}.")


@cli.command()
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path),
              help="Folder for the outputs: OUT/<project folder name>/ each, and OUT/batch.csv and batch.json.")
@click.option("--jobs", type=click.IntRange(1, 256), help="Projects built at once on this machine (default: "
              "number of cores).")
@click.option("--scheduler", metavar="ADDRESS", help="Build on a Dask distributed cluster instead: "
              "tcp://HOST:8786 or tls://HOST:8786 (needs pip install 'bidkit[cluster]'; see docs/batch.md).")
@click.option("--timeout", type=click.FloatRange(1, None), metavar="SECONDS",
              help="Stop a project that takes longer than this (default: no limit).")
@click.option("--memory", type=click.IntRange(256, None), metavar="MB", default=3072, show_default=True,
              help="Stop a project whose process needs more memory than this (its address space, in MiB).")
@click.option("--doc", "docs", multiple=True, type=click.Choice(list(DOCUMENTS)),
              help="Only this document (repeatable; default all).")
@click.option("--format", "formats", multiple=True, type=click.Choice(list(FORMATS)),
              help="Only this format (repeatable; default all).")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("--by-partner", "by_partner", is_flag=True,
              help="Also write check --by-partner's reports of each project into OUT/<name>/partner-reports/.")
@click.option("--tls-ca-file", metavar="FILE", help="With a tls:// scheduler: the certificate authority.")
@click.option("--tls-cert", metavar="FILE", help="With a tls:// scheduler: this client's certificate.")
@click.option("--tls-key", metavar="FILE", help="With a tls:// scheduler: this client's private key.")
def batch(directory: Path, out: Path, jobs, scheduler, timeout, memory, docs, formats, force, by_partner,
          tls_ca_file, tls_cert, tls_key):
    """Build every project folder under DIR (each a folder with a project.yaml) into OUT/<name>/, skipping what
    is up to date, and write OUT/batch.csv and OUT/batch.json: each project's state (built, up to date, has
    errors, failed), its error and warning counts, its figures and its time. Exit 1 when a project has errors
    or failed; the others are built all the same."""
    from .batch import BUILT, FAILED, HAS_ERRORS, UP_TO_DATE, run_batch

    security = None
    if scheduler:
        from .batch.engines import security_for

        security = security_for(scheduler, tls_ca_file, tls_cert, tls_key)
    elif tls_ca_file or tls_cert or tls_key:
        raise click.BadParameter("the TLS options are for a tls:// --scheduler", param_hint="--tls-ca-file")
    bar = {}

    def found(projects):
        for path, why in projects.skipped:
            click.echo(f"  skipped {path}: {why}")
        if sys.stdout.isatty():     # a bar for people; one line per project for logs and pipes
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            bar["progress"] = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                       TimeElapsedColumn())
            bar["task"] = bar["progress"].add_task("Building projects", total=len(projects.projects))
            bar["progress"].start()

    def finished(record):
        line = f"  {record['project']:<32} {record['state']}" + (f": {record['reason']}" if record["reason"] else "")
        if "progress" in bar:
            bar["progress"].console.print(line, highlight=False, markup=False)
            bar["progress"].advance(bar["task"])
        else:
            click.echo(line)

    try:
        done = run_batch(directory, out, jobs=jobs, scheduler=scheduler, security=security, timeout=timeout,
                         memory=memory, docs=list(docs) or None, formats=list(formats) or None, force=force,
                         by_partner=by_partner, on_found=found, on_record=finished)
    finally:
        "progress" in bar and bar["progress"].stop()
    click.echo(f"{len(done.records)} project{'s' if len(done.records) != 1 else ''}: {done.count(BUILT)} built, {done.count(UP_TO_DATE)} up to date, "
               f"{done.count(HAS_ERRORS)} with errors, {done.count(FAILED)} failed ({done.engine}) -> "
               f"{out / 'batch.csv'}")
    if done.count(HAS_ERRORS) or done.count(FAILED):
        sys.exit(EXIT_INVALID)


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON on stdout.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="Also write changes.html and, for each document, NAME.changes.docx: the NEW document with "
                   "the narrative's differences as tracked changes to accept or reject in Word or LibreOffice.")
def diff(old: Path, new: Path, as_json: bool, out: Path | None):
    """What changed between two drafts, OLD and NEW (project folders): figures, evidence records, narrative.
    A folder with evidence errors is compared where it can be read, its errors are listed, and the exit status
    is 1 (nothing is written)."""
    from .changes import compare
    from .changes.report import summary_lines

    changes = compare(old, new)
    if as_json:
        click.echo(json.dumps(changes.as_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        for line in summary_lines(changes):
            click.echo(shown(line))
    if changes.has_errors:
        if out is not None and not as_json:
            click.echo("Nothing was written: the tracked DOCX is built from valid evidence.")
        sys.exit(EXIT_INVALID)
    if out is not None:
        from .output import write_changes

        written = write_changes(changes, out)
        if not as_json:
            click.echo(f"Wrote {', '.join(written)} to {out}")


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
    from .evidence.schema import schemas

    found = schemas()
    if out is None:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    out.mkdir(parents=True, exist_ok=True)
    for kind, body in found.items():
        (out / f"{kind}.schema.json").write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    click.echo(f"Wrote {len(found)} schemas to {out}")


@cli.group()
def templates():
    """The document templates."""


@templates.command()
@click.argument("directory", type=click.Path(path_type=Path))
def eject(directory: Path):
    """Copy the default templates into DIRECTORY (e.g. evidence/templates) to edit them."""
    from .paths import shipped

    source = shipped("templates")
    copied = []
    for path in sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        target = directory / path.relative_to(source)
        if target.exists() or target.is_symlink():       # a dangling link would be written through
            raise BidkitError(f"{target} already exists; bidkit does not overwrite your templates")
        copied.append((path, target))
    for path, target in copied:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    click.echo(f"Copied {len(copied)} template files to {directory}. A file there overrides the default "
               "with the same name; delete the ones you do not change.")


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
        click.echo(shown(f"bidkit: {exc}"), err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, and how to report it
        click.echo(shown(f"bidkit: internal error ({type(exc).__name__}: {exc}); {REPORT}"), err=True)
        sys.exit(EXIT_CANNOT_RUN)
