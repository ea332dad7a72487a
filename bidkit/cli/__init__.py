"""The commands: the only package that prints or exits. Problems become lines in the reader's language, errors
become exit codes. One module per part of the flow the commands start: the evidence (check, status, workbook,
schema), the documents (build, batch, diff) and the project folder (init, templates)."""
from __future__ import annotations

import sys

import click

from ..problems import BidkitError, shown
from .common import EXIT_CANNOT_RUN, REPORT, why_not


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bidkit")
def cli():
    """bidkit: turn a consortium's evidence into grant documents (DOCX and PDF)."""


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
        click.echo(shown(f"bidkit: {why_not(exc)}"), err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, and how to report it
        click.echo(shown(f"bidkit: internal error ({type(exc).__name__}: {exc}); {REPORT}"), err=True)
        sys.exit(EXIT_CANNOT_RUN)


from . import documents, evidence, project  # noqa: E402,F401  (each registers its commands on `cli`)
