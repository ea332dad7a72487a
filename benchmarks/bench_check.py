"""`bidkit check` on a project with 20,000 meeting rows: time and peak memory, against a bare baseline.

The baseline is the least any checker must do in the same run: start Python and read the same CSV with the
standard library. Goal: check under 2 s on a 2-core machine.
Run: .venv/bin/python benchmarks/bench_check.py [ROWS]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from measure import BIDKIT, PYTHON, machine, paired, project_with_meetings


def measure(rows: int = 20_000) -> list[str]:
    """The report's lines: bidkit check against reading the same CSV with the standard library."""
    with tempfile.TemporaryDirectory() as tmp:
        project = project_with_meetings(Path(tmp) / "project", rows)
        csv_file = project / "meetings-synthetic.csv"
        check, baseline, ratios = paired([BIDKIT, "check", str(project)],
                                         [PYTHON, "-c", f"import csv; list(csv.reader(open({str(csv_file)!r}, "
                                                        "encoding='utf-8')))"])
    return [
        f"machine: {machine()}",
        f"rows: {rows:,} synthetic meetings + the example project",
        f"baseline (python + csv.reader): {baseline['seconds']:.2f} s (median of 7; fastest {baseline['runs'][0]:.2f} s, "
        f"slowest {baseline['runs'][-1]:.2f} s), {baseline['peak_mib']:.0f} MiB",
        f"bidkit check:                   {check['seconds']:.2f} s (median of 7; fastest "
        f"{check['runs'][0]:.2f} s, slowest {check['runs'][-1]:.2f} s), {check['peak_mib']:.0f} MiB",
        f"ratio check / baseline, pair by pair (interleaved): median {ratios[len(ratios) // 2]:.1f}x "
        f"(from {ratios[0]:.1f}x to {ratios[-1]:.1f}x) time, "
        f"{check['peak_mib'] / baseline['peak_mib']:.1f}x memory; goal: under 2 s "
        f"({'met' if check['seconds'] < 2 else 'MISSED'} by the median)",
    ]


if __name__ == "__main__":
    print("\n".join(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)))
