"""The commands for the project folder itself: init and templates eject."""
from __future__ import annotations

import shutil
from pathlib import Path

import click

from ..problems import BidkitError
from . import cli


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path):
    """Make a new project folder DIRECTORY, copied from the example project."""
    from ..paths import shipped

    if directory.exists() and any(directory.iterdir()):
        raise BidkitError(f"'{directory}' already exists and is not empty; choose a new folder")
    shutil.copytree(shipped("example"), directory, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    click.echo(f"Made {directory} from the example project. Next: bidkit check {directory}")


@cli.group()
def templates():
    """The document templates."""


@templates.command()
@click.argument("directory", type=click.Path(path_type=Path))
def eject(directory: Path):
    """Copy the default templates into DIRECTORY (e.g. evidence/templates) to edit them."""
    from ..paths import shipped

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
