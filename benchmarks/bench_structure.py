"""The cost of the PDF structure repair (issue 15): a full build of the example with this tree against the same
build at a base commit, timed in turn (A B A B ...) so the machine's drift touches both alike.

  full build, this tree / base      bidkit build --force, all three documents in both formats, --jobs 2
  PDFs only, this tree / base       --format pdf: where the pikepdf pass runs (the DOCX gains embedded fonts)

Run: .venv/bin/python benchmarks/bench_structure.py [BASE_COMMIT] [REPEAT]   (prints a RESULTS.md section)
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from measure import EXAMPLE, PYTHON, ROOT, paired

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


def main() -> None:
    base_commit = sys.argv[1] if len(sys.argv) > 1 else "ce5dae3"
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        base = export(base_commit, Path(tmp) / "base")
        for label, options in (("full build", ()), ("PDFs only", ("--format", "pdf"))):
            new, old, ratios = paired(argv(ROOT, Path(tmp) / "new", *options),
                                      argv(base, Path(tmp) / "old", *options), repeat=repeat, env=EPOCH)
            print(f"{label}: this tree {new['seconds']:.2f} s (runs {', '.join(f'{r:.2f}' for r in new['runs'])}), "
                  f"base {base_commit} {old['seconds']:.2f} s (runs {', '.join(f'{r:.2f}' for r in old['runs'])}); "
                  f"ratio pair by pair: median {ratios[len(ratios) // 2]:.3f}, "
                  f"from {ratios[0]:.3f} to {ratios[-1]:.3f}; peak {new['peak_mib']:.0f} vs {old['peak_mib']:.0f} MiB",
                  flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
