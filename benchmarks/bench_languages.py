"""What a second language costs: `bidkit build --force` of the example in [en, cy] against [en] alone, timed in
turn (A B A B ..., so a drift in the machine's speed touches both alike), with medians, spread and the ratio
pair by pair. Goal: the second language costs no more than the first did, so [en, cy] / [en] <= 2.0 (the
evidence is read and counted once; only the content and the renders are per language). Also times the Welsh
sort key, the alternative to PyICU.

Run: .venv/bin/python benchmarks/bench_languages.py [PAIRS]   (writes its section of benchmarks/RESULTS.md)
"""
from __future__ import annotations

import datetime
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from measure import EXAMPLE, PYTHON, ROOT, machine, once, paired, write_section

EPOCH = {"SOURCE_DATE_EPOCH": "1552608000", "PYTHONPATH": str(ROOT)}
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## Languages: [en, cy] against [en] (benchmarks/bench_languages.py)"


def project(folder: Path, languages: str) -> Path:
    """The example with `languages:` set; English only drops the Welsh narrative too."""
    shutil.copytree(EXAMPLE, folder)
    yaml = folder / "project.yaml"
    yaml.write_text(re.sub(r"^languages:.*$", f"languages: {languages}", yaml.read_text(encoding="utf-8"),
                           flags=re.MULTILINE), encoding="utf-8")
    if languages == "[en]":
        shutil.rmtree(folder / "narrative" / "cy")
    return folder


def sort_key_timing(count: int = 2000) -> float:
    """Microseconds to sort `count` Welsh-ish names with bidkit's key (cold cache)."""
    sys.path.insert(0, str(ROOT))
    from bidkit.i18n.collation import sort_key

    stems = ["Llan", "Aber", "Caer", "Pen", "Rhos", "Tre", "Ffos", "Ystrad", "Cwm", "Nant", "Dd", "Th"]
    names = [f"{stems[i % len(stems)]}{chr(97 + i % 26)}{i}" for i in range(count)]
    sort_key.cache_clear()
    started = time.perf_counter()
    sorted(names, key=lambda n: sort_key(n, "cy"))
    return (time.perf_counter() - started) * 1e6


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory(prefix="bench-lang-") as tmp:
        tmp = Path(tmp)
        both, english = project(tmp / "both", "[en, cy]"), project(tmp / "en", "[en]")
        argv = lambda p: [PYTHON, "-m", "bidkit", "build", str(p), "--out", str(tmp / f"out-{p.name}"), "--force",
                          "--jobs", "2"]
        for p in (both, english):          # draw and cache the charts once, as a facilitator's second build has
            once(argv(p), EPOCH, (0,), sample=False)
        two, one, ratios = paired(argv(both), argv(english), repeat=pairs, env=EPOCH)
    extra = two["seconds"] - one["seconds"]
    lines = [HEADING, "",
             f"Machine: {machine()}. Date: {datetime.date.today()}. {pairs} interleaved pairs of "
             "`bidkit build --force --jobs 2` (charts cached), example project, `SOURCE_DATE_EPOCH` set.", "",
             "| build | median s | runs (min–max) s | peak MiB |", "|---|---:|---:|---:|",
             f"| `[en]` (8 files) | {one['seconds']:.2f} | {one['runs'][0]:.2f}–{one['runs'][-1]:.2f} | "
             f"{one['peak_mib']:.0f} |",
             f"| `[en, cy]` (14 files) | {two['seconds']:.2f} | {two['runs'][0]:.2f}–{two['runs'][-1]:.2f} | "
             f"{two['peak_mib']:.0f} |", "",
             f"Ratio [en, cy] / [en], pair by pair: median {statistics.median(ratios):.2f} "
             f"(from {ratios[0]:.2f} to {ratios[-1]:.2f}); goal ≤ 2.00. The second language cost "
             f"{extra:.2f} s, {extra / one['seconds']:.0%} of the first language's build.", "",
             f"Welsh sort key: 2,000 names sorted in {sort_key_timing() / 1000:.0f} ms (cold cache); "
             "benchmarks/bench_collation.py measures it against PyICU.", ""]
    write_section(RESULTS, HEADING, "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
