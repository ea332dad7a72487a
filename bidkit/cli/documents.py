"""The commands that make documents: build, batch (many projects) and diff (two drafts)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import cli
from ..documents import DOCUMENTS
from ..problems import EvidenceInvalid, shown
from ..render import FORMATS
from .common import EXIT_INVALID, echo_problems, language_option, project_argument, words_for


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
    from ..build import build as run_build

    words = words_for(project, None)            # --lang picks the documents; the lines are the project's language
    _ = words._
    status = None
    if sys.stdout.isatty():         # a spinner for people; plain lines for logs and pipes
        from rich.console import Console

        status = Console().status(_("Checking the evidence and rendering…"))
        status.start()

    def progress(result):
        if result.skipped:
            click.echo(f"  {result.name:<28} " + _("up to date"))
        else:
            click.echo(f"  {result.name:<28} " + _("written in {seconds:.1f} s").format(seconds=result.seconds))
            for warning in result.warnings:
                click.echo("    " + _("warning: ") + warning)

    try:
        report = run_build(project, out, list(docs) or None, list(formats) or None, jobs, force, progress,
                           langs=list(langs) or None)
    except EvidenceInvalid as exc:
        status and status.stop()
        echo_problems(exc.problems, False, words)
        click.echo(_("Nothing was written."))
        sys.exit(EXIT_INVALID)
    finally:
        status and status.stop()
    if report.evidence_warnings:
        echo_problems(report.evidence_warnings, False, words)
    written = len(report.written)
    click.echo(words.n_("{n} file written, {fresh} up to date, in {seconds:.1f} s -> {out}",
                        "{n} files written, {fresh} up to date, in {seconds:.1f} s -> {out}", written)
               .format(n=written, fresh=len(report.results) - written, seconds=report.seconds, out=out))


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
              help="Also write check --by-partner's reports of each project into OUT/<name>/partner-reports/, "
                   "each in its project's main language.")
@click.option("--tls-ca-file", metavar="FILE", help="With a tls:// scheduler: the certificate authority.")
@click.option("--tls-cert", metavar="FILE", help="With a tls:// scheduler: this client's certificate.")
@click.option("--tls-key", metavar="FILE", help="With a tls:// scheduler: this client's private key.")
def batch(directory: Path, out: Path, jobs, scheduler, timeout, memory, docs, formats, force, by_partner,
          tls_ca_file, tls_cert, tls_key):
    """Build every project folder under DIR (each a folder with a project.yaml) into OUT/<name>/, skipping what
    is up to date, and write OUT/batch.csv and OUT/batch.json: each project's state (built, up to date, has
    errors, failed), its error and warning counts, its figures and its time. Exit 1 when a project has errors
    or failed; the others are built all the same."""
    from ..batch import BUILT, FAILED, HAS_ERRORS, UP_TO_DATE, run_batch

    security = None
    if scheduler:
        from ..batch.engines import security_for

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
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON on stdout (in English).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="Also write changes.html and, for each document in each language NEW is written in, "
                   "NAME.changes.docx (NAME.cy.changes.docx for Welsh as a second language, NAME.en.changes.docx "
                   "for English): the NEW document with that language's narrative differences as tracked changes "
                   "to accept or reject in Word or LibreOffice.")
@language_option("The language of the lines printed and of changes.html (default: NEW's main language).")
def diff(old: Path, new: Path, as_json: bool, out: Path | None, lang: str | None):
    """What changed between two drafts, OLD and NEW (project folders): figures, evidence records, narrative.
    A folder with evidence errors is compared where it can be read, its errors are listed, and the exit status
    is 1 (nothing is written)."""
    from ..changes import compare
    from ..changes.report import summary_lines

    reader = words_for(new, lang)
    changes = compare(old, new)
    if as_json:
        click.echo(json.dumps(changes.as_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        for line in summary_lines(changes, reader):
            click.echo(shown(line))
    if changes.has_errors:
        if out is not None and not as_json:
            click.echo(reader._("Nothing was written: the tracked DOCX is built from valid evidence."))
        sys.exit(EXIT_INVALID)
    if out is not None:
        from ..output import write_changes

        written = write_changes(changes, out, reader)
        if not as_json:
            click.echo(reader._("Wrote {files} to {folder}").format(files=", ".join(written), folder=out))
