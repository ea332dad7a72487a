"""`bidkit diff` of the example against itself, against `bidkit check` of the example in the same run.

A diff reads both folders and compares them, so its floor is about two checks; the goal is that a diff that
finds nothing takes under 2 s on a 2-core machine. The two commands are timed in turn (A B A B ...), so a drift
in the machine's speed touches both alike.
Run: .venv/bin/python benchmarks/bench_diff.py [REPEAT]
"""
from __future__ import annotations

import sys

from measure import BIDKIT, EXAMPLE, machine, paired


def measure(repeat: int = 7) -> list[str]:
    """The report's lines: diff of the example against itself, check of the example, and their ratio."""
    diff, check, ratios = paired([BIDKIT, "diff", str(EXAMPLE), str(EXAMPLE)], [BIDKIT, "check", str(EXAMPLE)],
                                 repeat=repeat)

    def line(name: str, found: dict) -> str:
        return (f"{name:<32}{found['seconds']:.2f} s (median of {repeat}; fastest {found['runs'][0]:.2f} s, "
                f"slowest {found['runs'][-1]:.2f} s), {found['peak_mib']:.0f} MiB")

    return [
        f"machine: {machine()}",
        line("baseline (bidkit check):", check),
        line("bidkit diff example example:", diff),
        f"ratio diff / check, pair by pair (interleaved): median {ratios[len(ratios) // 2]:.2f}x (from "
        f"{ratios[0]:.2f}x to {ratios[-1]:.2f}x); goal: under 2 s ({'met' if diff['seconds'] < 2 else 'MISSED'} "
        "by the median)",
    ]


if __name__ == "__main__":
    print("\n".join(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 7)))
