"""Many projects: `bidkit batch --jobs 2` against one `bidkit build` per project, on the same synthetic projects.

50 projects made from the example, each with partners, meetings and figures of its own (a partners file of 2 to 8
more organisations, 10 to 120 more meetings naming them), split into groups built in turn, batch then separate
builds, group after group (A B A B ...), so a drift in the machine's speed touches both alike: each group gives one
ratio. Every build starts from an empty output folder (nothing up to date, charts not cached), all formats.

  throughput   wall seconds of the whole group / projects in it
  latency      a project's own seconds in batch.csv (its process, start to record)
  peak memory  the process tree (batch, its forkserver and project processes; or one bidkit build and its
               render workers), sampled every 100 ms during the run (the sampling stalls both alike)

Run: .venv/bin/python benchmarks/bench_batch.py [--projects 50] [--groups 5]   (prints a block for RESULTS.md)
"""
from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from measure import BIDKIT, EXAMPLE, machine, tree_rss_mib

EPOCH = {"SOURCE_DATE_EPOCH": "1552608000"}
KNOWN = ["wcva", "involve", "ehr-coalition", "copro-wales", "ers-cymru"]


def synthetic(folder: Path, number: int) -> Path:
    """The example with partners, meetings and so figures of its own (deterministic per number)."""
    shutil.copytree(EXAMPLE, folder)
    rng = random.Random(number)
    nations = ["wales", "england", "scotland", "northern-ireland"]
    new = [f"p{number}-{k}" for k in range(rng.randint(2, 8))]
    partners = ["id,name,type,nation,role"] + [
        f"{pid},Synthetic organisation {number}-{k},{rng.choice(['charity', 'community-group', 'network'])},"
        f"{rng.choice(nations)},supporter" for k, pid in enumerate(new)]
    (folder / "partners-synthetic.csv").write_text("\n".join(partners) + "\n", encoding="utf-8")
    lines = ["date,title,partners,kind,format,attendees,nation,characteristics,summary"]
    start = date(2018, 11, 1)
    for i in range(rng.randint(10, 120)):
        day = start + timedelta(days=rng.randrange(120))
        who = ";".join([rng.choice(new), rng.choice(KNOWN)])
        lines.append(f"{day:%d/%m/%Y},Synthetic meeting {number}-{i},{who},{rng.choice(['meeting', 'workshop'])},"
                     f"{rng.choice(['in-person', 'online'])},{rng.randrange(3, 40)},{rng.choice(nations)},"
                     f"{rng.choice(['disability', 'race', 'age'])},A conversation about decisions number {i}.")
    (folder / "meetings-synthetic.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def timed(argv_list: list[list[str]], ok=(0,)) -> tuple[float, float]:
    """Wall seconds of running the commands one after another, and the largest process tree seen."""
    import os

    peak = [0.0]
    started = time.perf_counter()
    for argv in argv_list:
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env={**os.environ, **EPOCH})

        def sampler(child=child):
            while child.poll() is None:
                peak[0] = max(peak[0], tree_rss_mib(child.pid))
                time.sleep(0.1)

        thread = threading.Thread(target=sampler, daemon=True)
        thread.start()
        stdout, stderr = child.communicate()
        thread.join()
        if child.returncode not in ok:
            raise SystemExit(f"{' '.join(argv)} exited {child.returncode}:\n{stdout[-2000:]}{stderr[-2000:]}")
    return time.perf_counter() - started, peak[0]


def spread(values: list[float], digits: int = 2) -> str:
    return f"median {statistics.median(values):.{digits}f} (from {min(values):.{digits}f} to {max(values):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--groups", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        size = -(-options.projects // options.groups)
        groups = []
        for g in range(options.groups):
            numbers = range(g * size, min(options.projects, (g + 1) * size))
            folder = tmp / f"group-{g}"
            for n in numbers:
                synthetic(folder / f"project-{n:03d}", n)
            groups.append((folder, len(numbers)))
        batch_per, single_per, ratios, latencies = [], [], [], []
        batch_peak = single_peak = 0.0
        for g, (folder, count) in enumerate(groups):
            out = tmp / f"batch-{g}"
            seconds, peak = timed([[BIDKIT, "batch", str(folder), "--out", str(out), "--jobs", str(options.jobs)]])
            with open(out / "batch.csv", encoding="utf-8-sig", newline="") as handle:
                found = list(csv.DictReader(handle))
            assert all(r["state"] == "built" for r in found), [r for r in found if r["state"] != "built"]
            latencies += [float(r["seconds"]) for r in found]
            batch_peak = max(batch_peak, peak)
            separate, peak2 = timed([[BIDKIT, "build", str(p), "--out", str(tmp / f"single-{g}" / p.name)]
                                     for p in sorted(folder.iterdir())])
            single_peak = max(single_peak, peak2)
            batch_per.append(seconds / count)
            single_per.append(separate / count)
            ratios.append(seconds / separate)
            print(f"group {g}: {count} projects, batch {seconds:.1f} s, separate builds {separate:.1f} s "
                  f"({seconds / separate:.2f}); peak {peak:.0f} / {peak2:.0f} MiB", file=sys.stderr, flush=True)
    print(f"machine: {machine()}")
    print(f"projects: {options.projects} synthetic (the example, 2-8 more partners, 10-120 more meetings each), "
          f"all documents and formats, nothing up to date; {options.groups} groups, batch and separate in turn")
    print(f"bidkit batch --jobs {options.jobs}: {spread(batch_per)} s per project (wall / projects), "
          f"peak {batch_peak:.0f} MiB")
    print(f"one bidkit build per project (--jobs default, {options.jobs} cores): {spread(single_per)} s per "
          f"project, peak {single_peak:.0f} MiB")
    print(f"ratio batch / separate, group by group: {spread(ratios)}")
    print(f"a project's own time in the batch (its process, batch.csv): {spread(latencies)} s")


if __name__ == "__main__":
    main()
