"""Where bidkit's own files live: beside the package in a wheel, or at the top of a source checkout."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT_NAMES = {"templates": "templates", "example": "evidence"}


def shipped(name: str) -> Path:
    """The shipped `templates` or `example` folder."""
    inside = HERE / f"_{name}"
    return inside if inside.is_dir() else HERE.parent / CHECKOUT_NAMES[name]


FUNDERS = HERE / "evidence" / "funders"


def template_folders(project: Path | None) -> list[Path]:
    """The template search path: the project's `templates/` overrides the shipped ones file by file."""
    folders = []
    if project is not None and (project / "templates").is_dir():
        folders.append((project / "templates").resolve())
    folders.append(shipped("templates").resolve())
    return folders
