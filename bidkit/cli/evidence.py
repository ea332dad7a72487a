"""The commands that read the evidence: check, status, workbook, schema."""
from __future__ import annotations

import json
from pathlib import Path

import click

from . import cli
from .common import echo_problems, lang_option, load_or_exit, project_argument, words_for


@cli.command()
@project_argument
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON on stdout.")
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@click.option("--by-partner", "by_partner", metavar="DIR", type=click.Path(path_type=Path, file_okay=False),
              help="Also write into this folder one report per partner, <partner-id>.html to read and .csv to "
                   "sort: the problems in that partner's files (its subfolder, e.g. partners/wcva/, or file-name "
                   "suffix, e.g. meetings-wcva.csv), each with file, sheet, cell, what is wrong and what to write "
                   "instead, in the language of the lines printed (--lang). What belongs to no partner goes to "
                   "facilitator.html and .csv.")
@lang_option
def check(project: Path, as_json: bool, strict: bool, by_partner: Path | None, lang: str | None):
    """Validate the evidence in PROJECT (default ./evidence) and list every problem."""
    from ..output import write_partner_reports

    words = words_for(project, lang)
    _ = words._

    def reports(problems):
        if by_partner is not None:
            written = write_partner_reports(project, problems, by_partner, words.lang)
            if not as_json:
                click.echo(_("Wrote {n} reports to {folder}: one per partner and facilitator.html.")
                           .format(n=written, folder=by_partner))

    evidence = load_or_exit(project, as_json, strict, reports, words)
    echo_problems(evidence.warnings, as_json, words)
    if not as_json:
        click.echo((_("{project}: the evidence is valid") if evidence.warnings else
                    _("{project}: the evidence is valid (no problems)")).format(project=project))
    reports(evidence.warnings)


@cli.command()
@project_argument
@click.option("--json", "as_json", is_flag=True,
              help="Print the readiness as JSON on stdout (its keys and messages in English, whatever --lang says).")
@lang_option
def status(project: Path, as_json: bool, lang: str | None):
    """Readiness of PROJECT: each funder question's words against its limit in each language, counts, warnings,
    and what an assessor would question."""
    from ..readiness import assessor_questions, readiness
    from .status_words import print_readiness

    words = words_for(project, lang)
    evidence = load_or_exit(project, as_json, words=words)
    found = readiness(evidence)
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    print_readiness(found, evidence, assessor_questions(evidence), words)


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
@click.option("--lang", type=click.Choice(["en", "cy"]),
              help="The language of the workbook's instructions, notes, lists and messages, and of the line printed "
                   "(default: the project's main language). Sheet and column names stay as bidkit reads them.")
def workbook(project: Path, out: Path, partner: str | None, kinds: str | None, lang: str | None):
    """Write a workbook for a partner to fill in with Excel or LibreOffice: one sheet per kind of evidence, a
    note on every column, dropdowns, date and number rules, and an Instructions sheet. Send it to the partner;
    put the returned file in PROJECT (e.g. partners/ID/) and run bidkit check."""
    from ..output import check_folder, commit, make_folder
    from ..pipeline import partner_workbook

    if out.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"'{out}' should end in .xlsx (the partner may save it back as .ods)",
                                 param_hint="--out")
    words = words_for(project, lang)
    check_folder(project, out.parent)            # a blank workbook in the project would be read as evidence
    content, data = partner_workbook(project, kinds, partner, words.lang)
    make_folder(out.parent)
    commit(out.parent, {out.name: data})
    held, sheets = sum(len(s.rows) for s in content.sheets), ", ".join(s.title for s in content.sheets)
    line = words.n_("Wrote {out}: sheets {sheets}, with {n} row on file for {partner}.",
                    "Wrote {out}: sheets {sheets}, with {n} rows on file for {partner}.", held) if content.partner \
        else words._("Wrote {out}: sheets {sheets}.")
    click.echo(line.format(out=out, sheets=sheets, n=held, partner=content.partner and content.partner[1]))


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), help="Write one KIND.schema.json per kind here.")
def schema(out: Path | None):
    """JSON Schema of each evidence kind, for editors and validators."""
    from ..evidence.schema import schemas

    found = schemas()
    if out is None:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    out.mkdir(parents=True, exist_ok=True)
    for kind, body in found.items():
        (out / f"{kind}.schema.json").write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    click.echo(f"Wrote {len(found)} schemas to {out}")
