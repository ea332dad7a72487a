"""The cost of the PDF structure repair (issue 15): a full build of the example with this tree against the same
build at a base commit, run in turn (A B A B ...) so the machine's drift touches both alike.

Wall time of whole builds, and the CPU time of rendering the three documents in both formats in one process
(`render` below, run under each tree's PYTHONPATH): on a shared machine a build's wall time swings by 2x from run
to run, CPU time much less, and the build's own CPU is mostly in its render workers, which the parent's rusage
does not see (the forkserver is not waited for). So the comparison is made on render CPU; wall time beside it.

  full build, this tree / base      bidkit build --force, all three documents in both formats, --jobs 2
  PDFs only, this tree / base       --format pdf: where the pikepdf pass runs (the DOCX gains embedded fonts)

Run: .venv/bin/python benchmarks/bench_structure.py [BASE_COMMIT] [REPEAT]   (prints a RESULTS.md section)
"""
from __future__ import annotations

import io
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from measure import EXAMPLE, PYTHON, ROOT

EPOCH = {"SOURCE_DATE_EPOCH": "1552608000"}


def export(commit: str, into: Path) -> Path:
    """The base commit's tree as plain files (git archive), so nothing in the repository is checked out."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def argv(tree: Path, out: Path, *options: str) -> list[str]:
    # PYTHONPATH picks the tree; `env` runs it so the paired timer sees one whole process
    return ["env", f"PYTHONPATH={tree}", PYTHON, "-m", "bidkit", "build", str(EXAMPLE), "--out", str(out),
            "--force", "--jobs", "2", *options]


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command` and everything it started."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, **EPOCH})
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} s (from {min(values):.2f} to {max(values):.2f})"


RENDER = """
import sys, time
from bidkit.documents import DOCUMENTS, document
from bidkit.pipeline import open_project
from bidkit.render import render
from bidkit.render.templating import search_path
import weasyprint, docxtpl, pikepdf  # imports are not what is measured
from pathlib import Path
project = Path(sys.argv[1])
writer = open_project(project).writer
documents = [document(writer, name) for name in DOCUMENTS]   # charts drawn here, outside the timing
start = time.process_time()
for fmt in sys.argv[2:]:
    for doc in documents:
        render(fmt, doc, search_path(project))
print(time.process_time() - start)
"""


def render_cpu(tree: Path, *formats: str) -> float:
    out = subprocess.run(["env", f"PYTHONPATH={tree}", PYTHON, "-c", RENDER, str(EXAMPLE), *formats], check=True,
                         capture_output=True, text=True, env={**os.environ, **EPOCH}).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    base_commit = sys.argv[1] if len(sys.argv) > 1 else "ce5dae3"
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        base = export(base_commit, Path(tmp) / "base")
        for label, formats in (("render CPU, PDF", ("pdf",)), ("render CPU, DOCX", ("docx",))):
            pairs = [(render_cpu(ROOT, *formats), render_cpu(base, *formats)) for _ in range(repeat)]
            ratios = sorted(new / old for new, old in pairs)
            print(f"{label} ({repeat} pairs): this tree {summary([p[0] for p in pairs])}, base {base_commit} "
                  f"{summary([p[1] for p in pairs])}; ratio pair by pair median {statistics.median(ratios):.3f} "
                  f"(from {ratios[0]:.3f} to {ratios[-1]:.3f})", flush=True)
        for label, options in (("full build", ()),):
            runs = {"this tree": [], "base": []}
            for _ in range(repeat):
                runs["this tree"].append(timed(argv(ROOT, Path(tmp) / "new", *options)))
                runs["base"].append(timed(argv(base, Path(tmp) / "old", *options)))
            ratios = sorted(new[1] / old[1] for new, old in zip(runs["this tree"], runs["base"]))
            print(f"{label} ({repeat} pairs): the build process's own CPU (workers not seen) this tree "
                  f"{summary([r[1] for r in runs['this tree']])}, base {base_commit} "
                  f"{summary([r[1] for r in runs['base']])}, ratio median {statistics.median(ratios):.3f} "
                  f"(from {ratios[0]:.3f} to {ratios[-1]:.3f}); wall this tree "
                  f"{summary([r[0] for r in runs['this tree']])}, base {summary([r[0] for r in runs['base']])}",
                  flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
