"""`bidkit batch`: every project folder under a folder, built into OUT/<name>/, on this machine or a Dask cluster.

    found = find_projects(root, out)                 find.py: the folders, safe unique names, what was skipped
    run_batch(...) -> Batch                          each project's spec to an engine; batch.csv and batch.json

Each project is the ordinary `build` (skipping what is up to date) in a process of its own (isolate.py), so one
project's errors, crash, time or memory limit never stop the others, and no project's files or templates can
reach another's folder or outputs: each process reads one project folder and writes one output folder.
"""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..output import check_folder, commit, locked, make_folder
from ..problems import BidkitError
from .find import Found, find_projects
from .project import BUILT, FAILED, HAS_ERRORS, UP_TO_DATE
from .report import as_csv, as_json, previous

__all__ = ["BUILT", "FAILED", "HAS_ERRORS", "UP_TO_DATE", "Batch", "find_projects", "run_batch"]
DEFAULT_MEMORY_MB = 3072


@dataclass
class Batch:
    records: list[dict]               # in project path order
    found: Found
    engine: str

    def count(self, state: str) -> int:
        return sum(1 for r in self.records if r["state"] == state)


def check_out(root: Path, out: Path, found: Found) -> None:
    """Projects and outputs never nest: OUT is not the batch folder, not inside a project, not around DIR."""
    real_root, real_out = Path(root).resolve(), Path(out).resolve()
    if real_out == real_root or real_out in real_root.parents:
        raise BidkitError(f"the output folder {out} holds the batch folder {root}; choose a folder beside it, "
                          "e.g. --out batch-outputs")
    for project in found.projects:
        check_folder(project.folder, out)


def run_batch(root: Path, out: Path, *, jobs: int | None = None, scheduler: str | None = None, security=None,
              timeout: float | None = None, memory: int | None = DEFAULT_MEMORY_MB, docs: list[str] | None = None,
              formats: list[str] | None = None, force: bool = False, by_partner: bool = False,
              on_found: Callable[[Found], None] | None = None,
              on_record: Callable[[dict], None] | None = None) -> Batch:
    """Build every project under `root`; BidkitError when the batch cannot run at all (no such folder, no
    project in it, an output folder it must not write, an unreachable scheduler)."""
    root, out = Path(root), Path(out)
    found = find_projects(root, out)
    if not found.projects:
        raise BidkitError(f"there is no project folder (a folder with a project.yaml) under {root}")
    check_out(root, out, found)
    from . import engines

    client = engines.connect(scheduler, security) if scheduler else None      # before anything is written
    make_folder(out)
    with locked(out):
        try:
            earlier = previous((out / "batch.json").read_bytes())
        except OSError:
            earlier = {}
        token = uuid.uuid4().hex[:12]
        env = {k: os.environ[k] for k in ("SOURCE_DATE_EPOCH",) if k in os.environ}
        specs = [{"project": str(p.folder), "relative": p.relative, "name": p.name, "out": str(out.resolve() / p.name),
                  "docs": docs, "formats": formats, "force": force, "by_partner": by_partner, "timeout": timeout,
                  "memory": memory, "env": env, "previous": earlier.get(p.name), "token": token}
                 for p in found.projects]
        on_found and on_found(found)
        report = on_record or (lambda _record: None)
        if client is not None:
            records = engines.cluster(specs, client, report)
            engine = f"dask {scheduler}"
        else:
            workers = jobs or os.cpu_count() or 1
            records = engines.local(specs, workers, report)
            engine = f"local, {workers} jobs"
        order = {p.name: i for i, p in enumerate(found.projects)}
        records.sort(key=lambda r: order[r["name"]])
        commit(out, {"batch.csv": as_csv(records), "batch.json": as_json(records, found.skipped, engine)})
    return Batch(records, found, engine)
