"""Where bidkit's own files live: beside the package in a wheel, or at the top of a source checkout."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT_NAMES = {"templates": "templates", "example": "evidence"}


def shipped(name: str) -> Path:
    """The shipped `templates` or `example` folder."""
    inside = HERE / f"_{name}"
    return inside if inside.is_dir() else HERE.parent / CHECKOUT_NAMES[name]
