"""The Welsh sort key against PyICU's `cy` collator: do they give the same order, and what does each cost?

Welsh lists (partners, meetings, the reading list) are sorted with bidkit's small key function
(bidkit/i18n/collation.py). The alternative is PyICU, which wraps the ICU library's own Welsh tailoring. This
measures both on the same names, in the same run:
  - agreement: the order of a list of real Welsh place and personal names with every digraph (ch dd ff ng ll ph
    rh th), accents (ŵ, ŷ, â) and case pairs, and of 5,000 generated names; every place the two orders differ
    is printed;
  - speed: sorting the 5,000 names, the two timed in turn (key, ICU, key, ICU, ...), medians and spread, and the
    ratio pair by pair; both with a cold cache;
  - start-up: the seconds `import icu` adds to a process (each command sorts once, so this is what a user pays).

PyICU is not a dependency of bidkit: it needs a compiled ICU of a matching version (on Debian `apt-get install
libicu-dev pkg-config`, then `pip install PyICU`, about a minute of compiling). Without it this prints the key's
own timing and leaves RESULTS.md as it is.

Run: .venv/bin/python benchmarks/bench_collation.py [ROUNDS]   (writes its section of benchmarks/RESULTS.md)
"""
from __future__ import annotations

import datetime
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from measure import PYTHON, ROOT, machine, write_section

sys.path.insert(0, str(ROOT))
from bidkit.i18n.collation import sort_key  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## Welsh order: bidkit's key against PyICU (benchmarks/bench_collation.py)"

REAL = ["Aberystwyth", "Abertawe", "aber", "Aber", "Angharad", "Anna", "Bangor", "Banc", "Bala", "Caerdydd",
        "Caernarfon", "Cymru", "Chwarae Teg", "Chwilog", "Cwm", "Dyfed", "Ddraig", "Dinbych", "Efa", "Fynnon",
        "Ffos-y-ffin", "Ffestiniog", "Gwynedd", "Glyn", "Ngwynedd", "Ngaerdydd", "Hywel", "Iolo", "Lyon",
        "Llanelli", "Llandudno", "Lloyd", "Mair", "Môn", "Nant", "Nefyn", "Ogwen", "Pont", "Powys", "Phil",
        "Pheasant", "Ruthin", "Rhyl", "Rhos", "Rhondda", "Sain Ffagan", "Siân", "Tudur", "Tywyn", "Thomas",
        "Theatr Clwyd", "Undeb", "wyn", "ŵyn", "Wrecsam", "Ynys Môn", "ŷd", "yd", "Ystrad", "Anabledd Cymru",
        "Cyngor Gweithredu Gwirfoddol Cymru", "Chwaraeon Cymru", "Comisiwn Cydraddoldeb", "Tai Pawb", "Llais"]


def generated(count: int, seed: int = 7) -> list[str]:
    """Names built from Welsh syllables, so digraphs fall at every position."""
    onsets = ["", "b", "c", "ch", "d", "dd", "f", "ff", "g", "ng", "h", "l", "ll", "m", "n", "p", "ph", "r", "rh",
              "s", "t", "th", "w", "y"]
    vowels = ["a", "e", "i", "o", "u", "w", "y", "â", "ŵ", "ŷ"]
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(1, 4)))
        names.append(word.capitalize() if rng.random() < 0.7 else word)
    return names


def differences(ours: list[str], theirs: list[str]) -> list[tuple[int, str, str]]:
    return [(i, a, b) for i, (a, b) in enumerate(zip(ours, theirs)) if a != b]


def primary_differences(ours: list[str], theirs: list[str]) -> list[tuple[int, str, str]]:
    """Where the orders differ other than between names equal at the primary level (case or accent only)."""
    import icu

    collator = icu.Collator.createInstance(icu.Locale("cy"))
    collator.setStrength(icu.Collator.PRIMARY)
    return [(i, a, b) for i, a, b in differences(ours, theirs) if collator.compare(a, b) != 0]


def timed(sort) -> float:
    started = time.perf_counter()
    sort()
    return time.perf_counter() - started


def import_seconds(rounds: int) -> list[float]:
    code = "import time; t = time.perf_counter(); import icu; print(time.perf_counter() - t)"
    return sorted(float(subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True).stdout)
                  for _ in range(rounds))


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    names = generated(5000)
    lines = [f"{HEADING}\n", f"Run {datetime.date.today()} on {machine()}; {rounds} rounds, 5,000 generated names.\n"]

    def ours():
        sort_key.cache_clear()
        return sorted(names, key=lambda n: sort_key(n, "cy"))

    try:
        import icu
    except ImportError:
        walls = sorted(timed(ours) for _ in range(rounds))
        print(f"bidkit's key: {statistics.median(walls) * 1e3:.1f} ms median ({walls[0] * 1e3:.1f}–"
              f"{walls[-1] * 1e3:.1f}). PyICU is not installed, so nothing is compared and RESULTS.md keeps its "
              "last comparison.")
        return
    collator = icu.Collator.createInstance(icu.Locale("cy"))

    def theirs():
        return sorted(names, key=collator.getSortKey)

    real_ours = sorted(REAL, key=lambda n: sort_key(n, "cy"))
    real_icu = sorted(REAL, key=collator.getSortKey)
    gen_ours, gen_icu = ours(), theirs()
    lines.append(f"- ICU {icu.ICU_VERSION}, PyICU {icu.VERSION}.\n")
    for title, a, b in (("real names", real_ours, real_icu), ("generated names", gen_ours, gen_icu)):
        all_diff, primary = differences(a, b), primary_differences(a, b)
        lines.append(f"- Order of {len(a)} {title}: {len(a) - len(all_diff)} places the same; "
                     f"{len(primary)} differ in letters, {len(all_diff) - len(primary)} only in case or accent "
                     f"between names otherwise equal.\n")
        lines += [f"  - position {i}: key `{x}`, ICU `{y}`\n" for i, x, y in primary[:10]]
        lines += [f"  - (case/accent) position {i}: key `{x}`, ICU `{y}`\n" for i, x, y in
                  [d for d in all_diff if d not in primary][:3]]
    pairs = [(timed(ours), timed(theirs)) for _ in range(rounds)]
    key_walls, icu_walls = sorted(p[0] for p in pairs), sorted(p[1] for p in pairs)
    ratios = sorted(a / b for a, b in pairs)
    started = import_seconds(rounds)
    lines += [
        f"- Sorting 5,000 names, cold: key {statistics.median(key_walls) * 1e3:.1f} ms median "
        f"({key_walls[0] * 1e3:.1f}–{key_walls[-1] * 1e3:.1f}); ICU {statistics.median(icu_walls) * 1e3:.1f} ms "
        f"({icu_walls[0] * 1e3:.1f}–{icu_walls[-1] * 1e3:.1f}); key / ICU pair by pair: median "
        f"{statistics.median(ratios):.2f}× ({ratios[0]:.2f}–{ratios[-1]:.2f}).\n",
        f"- `import icu` adds {statistics.median(started) * 1e3:.1f} ms to a process "
        f"({started[0] * 1e3:.1f}–{started[-1] * 1e3:.1f}).\n",
        "\nDecision (bidkit/i18n/collation.py): keep the key function while it gives ICU's order on every name "
        "tried: a real partner list is tens of names, sorted in a few milliseconds, and PyICU would need a compiler "
        "and a system ICU of a matching version on every machine that installs bidkit.\n",
    ]
    report(lines)


def report(lines: list[str]) -> None:
    text = "".join(lines)
    print(text)
    write_section(RESULTS, HEADING, text)


if __name__ == "__main__":
    main()
