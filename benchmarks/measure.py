"""Whole-process timing and peak memory with /usr/bin/time -v, and synthetic projects of any size."""
from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "evidence"
PYTHON = sys.executable
BIDKIT = str(Path(PYTHON).with_name("bidkit"))


def tree_rss_mib(root: int) -> float:
    """Memory of a process and all its descendants (render workers included), in MiB: the sum of each
    process's proportional set size, so pages the workers share with their forkserver count once."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.MULTILINE).group(1))
        except (OSError, AttributeError):
            continue
    return total / 1024


def run(argv: list[str], repeat: int = 3, env: dict | None = None, ok=(0,)) -> dict:
    """Median wall seconds over `repeat` timed runs of a whole process, and its peak memory (MiB) from one more
    run: the larger of /usr/bin/time's maximum resident set and the process tree's memory sampled every 100 ms.

    Timing and memory come from different runs because reading a process's memory map stalls it (the kernel
    walks its page tables): sampling during the timed runs made a two-worker build look 20 % slower."""
    walls = [once(argv, env, ok, sample=False)[0] for _ in range(repeat)]
    _, peak = once(argv, env, ok, sample=True)
    return {"seconds": statistics.median(walls), "peak_mib": peak, "runs": sorted(walls)}


def paired(a: list[str], b: list[str], repeat: int = 7, env: dict | None = None) -> tuple[dict, dict, list[float]]:
    """`a` and `b` timed in turn, A B A B ..., so a drift in the machine's speed touches both alike: each one's
    median and runs (as `run` gives them, with peak memory from one more run each), and the ratio a/b pair by pair,
    sorted."""
    pairs = [(once(a, env, (0,), sample=False)[0], once(b, env, (0,), sample=False)[0]) for _ in range(repeat)]
    results = []
    for argv, walls in ((a, [p[0] for p in pairs]), (b, [p[1] for p in pairs])):
        _, peak = once(argv, env, (0,), sample=True)
        results.append({"seconds": statistics.median(walls), "peak_mib": peak, "runs": sorted(walls)})
    return results[0], results[1], sorted(x / y for x, y in pairs)


def once(argv: list[str], env: dict | None, ok, sample: bool) -> tuple[float, float]:
    """(wall seconds, peak MiB) of one run under /usr/bin/time -v."""
    import threading
    import time

    child = subprocess.Popen(["/usr/bin/time", "-v", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env={**os.environ, **(env or {})})
    tree_peak = [0.0]

    def sampler():
        while child.poll() is None:
            tree_peak[0] = max(tree_peak[0], tree_rss_mib(child.pid))
            time.sleep(0.1)

    thread = threading.Thread(target=sampler, daemon=True)
    if sample:
        thread.start()
    stdout, stderr = child.communicate()
    if sample:
        thread.join()
    if child.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}:\n{stdout[-2000:]}{stderr[-2000:]}")
    hours, minutes, seconds = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", stderr).groups()
    resident = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr).group(1)) / 1024
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), max(tree_peak[0], resident)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"


def project_with_meetings(folder: Path, count: int, seed: int = 7) -> Path:
    """The example project with `count` extra synthetic meetings in one CSV (deterministic)."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(EXAMPLE, folder)
    partners = ["wcva", "involve", "ehr-coalition", "copro-wales", "ers-cymru"]
    rng = random.Random(seed)
    start = date(2018, 11, 1)
    lines = ["date,title,partners,kind,format,attendees,nation,characteristics,summary"]
    kinds, formats = ["meeting", "workshop", "webinar"], ["in-person", "online", "hybrid"]
    nations = ["wales", "england", "scotland", "northern-ireland"]
    chars = ["disability", "race", "age", "sex", "religion-belief"]
    for i in range(count):
        day = start + timedelta(days=rng.randrange(120))
        who = ";".join(rng.sample(partners, 2))
        lines.append(f"{day:%d/%m/%Y},Synthetic meeting {i},{who},{rng.choice(kinds)},{rng.choice(formats)},"
                     f"{rng.randrange(3, 40)},{rng.choice(nations)},{';'.join(rng.sample(chars, 2))},"
                     f"A conversation about taking part in decisions number {i}.")
    (folder / "meetings-synthetic.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def write_section(results: Path, heading: str, text: str) -> None:
    """Put a benchmark's section (starting with `heading`) into RESULTS.md: in place of its last run's, the
    sections after it kept; at the end when it is new."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    if heading in old:
        before, after = old.split(heading, 1)
        rest = after[after.index("\n## "):] if "\n## " in after else ""
        old, text = before, text.rstrip() + "\n" + rest
    results.write_text(old.rstrip() + "\n\n" + text.lstrip(), encoding="utf-8")
