"""Run bidkit on every case of the corpus and compare with cases.yaml (a helper, not a test).

    .venv/bin/python tests/partner_files/compare.py [CASE ...]

For each case: the project is assembled in a temporary folder (the base project, `remove` deleted, the case's
files copied in), `bidkit check --json` gives the problems, compared on (severity, file, sheet, row, cell,
field); when the case expects figures, bidkit.figures.compute on the loaded evidence gives them. Prints PASS or
DIFF per case and the differences; exits 1 when any case differs.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import make_corpus  # noqa: E402

KEYS = ("severity", "file", "sheet", "row", "cell", "field")


def problems_of(root: Path) -> list[tuple]:
    result = subprocess.run([sys.executable, "-m", "bidkit", "check", "--json", str(root)],
                            capture_output=True, text=True, timeout=300)
    try:
        found = json.loads(result.stdout)["problems"]
    except (ValueError, KeyError):
        return [("crash", result.returncode, result.stdout[-300:], result.stderr[-300:], None, None)]
    return sorted(tuple(p.get(k) for k in KEYS) for p in found)


def figures_of(root: Path) -> dict | str:
    """The case's figures as cases.yaml names them (test_partner_files.figures), or why there are none."""
    try:
        from test_partner_files import figures
        return figures(root)
    except Exception as exc:                      # the evidence has errors, or the API moved
        return f"{type(exc).__name__}: {exc}"


def main(argv: list[str]) -> int:
    cases = yaml.safe_load(make_corpus.CASES_YAML.read_text(encoding="utf-8"))["cases"]
    differ = 0
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        for case in cases:
            if argv and case["id"] not in argv:
                continue
            root = make_corpus.assemble(case["id"], Path(tmp) / case["id"])
            expect = case["expect"]
            lines = []
            want = sorted(tuple(p[k] for k in KEYS) for p in expect["problems"])
            got = problems_of(root)
            if got != want:
                lines += [f"   want {w}" for w in want if w not in got]
                lines += [f"   got  {g}" for g in got if g not in want]
            if "figures" in expect:
                figures = figures_of(root)
                if isinstance(figures, str):
                    lines.append(f"   figures: {figures}")
                else:
                    for key, value in expect["figures"].items():
                        if figures.get(key) != value:
                            lines.append(f"   {key}: want {value}, got {figures.get(key)}")
            print(("DIFF " if lines else "PASS ") + case["id"])
            for line in lines:
                print(line)
            differ += bool(lines)
    print(f"{differ} of {len([c for c in cases if not argv or c['id'] in argv])} cases differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
