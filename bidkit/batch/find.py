"""The project folders under a batch's folder, and a safe, unique output folder name for each.

A project folder is a folder with a `project.yaml`. The walk never follows a symbolic link (a linked folder or a
linked `project.yaml` is listed as skipped, with why), never goes into hidden folders or the batch's own output
folder, and does not look inside a project for more projects (its subfolders are its partners' evidence).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import refusal
from ..problems import BidkitError

RESERVED = {"batch.csv", "batch.json"}      # the batch's own files in OUT


@dataclass(frozen=True)
class Project:
    folder: Path            # absolute
    relative: str           # to the batch folder, as shown ("." for the batch folder itself)
    name: str               # OUT/<name>/


@dataclass
class Found:
    projects: list[Project]
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (relative path, why)


def find_projects(root: Path, out: Path | None = None) -> Found:
    """Every project folder under `root`, in path order; BidkitError when `root` is no folder."""
    root = Path(root)
    if root.is_symlink():
        raise BidkitError(f"'{root}' is a symbolic link; give the real folder it points to")
    if not root.is_dir():
        raise BidkitError(f"there is no folder at '{root}'")
    base = root.resolve()
    skip_out = Path(out).resolve() if out is not None else None
    folders: list[tuple[Path, str]] = []
    skipped: list[tuple[str, str]] = []
    for here, dirs, _files in os.walk(base, followlinks=False):
        current = Path(here)
        rel = current.relative_to(base).as_posix()
        keep = []
        for name in sorted(dirs):
            child = current / name
            if name.startswith(".") or name == "__pycache__" or child == skip_out:
                continue
            if child.is_symlink():
                skipped.append((child.relative_to(base).as_posix(), "it is a symbolic link; a batch only "
                                "follows real folders"))
                continue
            keep.append(name)
        dirs[:] = keep
        marker = current / "project.yaml"
        if not (marker.exists() or marker.is_symlink()):
            continue
        why = refusal(base, marker)
        if why is None:
            folders.append((current, rel))
            dirs[:] = []                    # a project's subfolders are its own evidence
        else:
            skipped.append((f"{rel}/project.yaml" if rel != "." else "project.yaml", why))
    names = output_names([rel if rel != "." else base.name for _folder, rel in folders])
    return Found([Project(folder, rel, name) for (folder, rel), name in zip(folders, names)], skipped)


def safe(text: str) -> str:
    """A folder name that is safe on every system: letters, digits, `.`, `_` and `-`, never hidden or empty."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-") or "project"
    return cleaned[:100]


def output_names(relatives: list[str]) -> list[str]:
    """The folder name of each project when no other project shares it (case ignored, for Windows and macOS
    disks), else its path with `-` for `/`; a number is added if that still collides."""
    def key(name: str) -> str:
        return name.casefold()

    short = [safe(rel.rsplit("/", 1)[-1]) for rel in relatives]
    counts: dict[str, int] = {}
    for name in short:
        counts[key(name)] = counts.get(key(name), 0) + 1
    taken = {key(n) for n in RESERVED}
    names = []
    for rel, name in zip(relatives, short):
        if counts[key(name)] > 1 or key(name) in taken:
            name = safe(rel.replace("/", "-"))
        unique, number = name, 2
        while key(unique) in taken:
            unique, number = f"{name}-{number}", number + 1
        taken.add(key(unique))
        names.append(unique)
    return names
