"""The readers under fire: real partner files mutated at random (bytes flipped, cut short, repeated, spliced)
are each read or refused with a problem, never a crash, a hang or a runaway allocation. The whole run is one
child process with a memory limit, and each file has a time limit, so a reader that misbehaves fails the test
instead of taking the machine down with it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "partner_files" / "cases"
CHILD = r'''
import json, random, resource, shutil, signal, sys, time, traceback
from pathlib import Path

resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))
from bidkit.evidence import load
from bidkit.problems import BidkitError, EvidenceInvalid

corpus, work, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
seeds = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in
               {".csv", ".xlsx", ".xlsm", ".ods", ".xls", ".yaml", ".yml", ".md"})
base = {"project.yaml": "title: Fuzz\nlead_partner: wcva\nas_of: 2019-03-15\nperiod:\n  start: 2018-11-01\n"
                        "  end: 2019-03-31\nnations: [wales]\n",
        "partners.csv": "id,name,type,nation,role\nwcva,WCVA,charity,wales,lead\n"}
rng = random.Random(20181114)

def mutate(data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        how = rng.choice(["flip", "cut", "repeat", "splice", "zero"])
        if not data:
            break
        at = rng.randrange(len(data))
        if how == "flip":
            data[at] ^= 1 << rng.randrange(8)
        elif how == "cut":
            del data[at:]
        elif how == "repeat":
            data[at:at] = data[at:at + rng.randint(1, 64)] * rng.randint(2, 50)
        elif how == "splice":
            other = rng.choice(seeds).read_bytes()
            data[at:at + rng.randint(0, 256)] = other[:rng.randint(0, 512)]
        else:
            data[at:at + rng.randint(1, 32)] = b"\0" * rng.randint(1, 32)
    return bytes(data)

def alarm(*_):
    raise TimeoutError

signal.signal(signal.SIGALRM, alarm)
failures = []
for n in range(rounds):
    seed = rng.choice(seeds)
    root = work / f"case{n}"
    shutil.rmtree(root, ignore_errors=True)
    (root / "narrative").mkdir(parents=True)
    for name, text in base.items():
        (root / name).write_text(text)
    kind = "narrative/summary.md" if seed.suffix == ".md" else "meetings" + seed.suffix
    (root / kind).write_bytes(mutate(seed.read_bytes()))
    started = time.monotonic()
    signal.alarm(20)
    try:
        load(root)
    except (EvidenceInvalid, BidkitError):
        pass
    except TimeoutError:
        failures.append({"seed": str(seed), "case": n, "error": "took longer than 20 s"})
    except BaseException as exc:
        failures.append({"seed": str(seed), "case": n, "error": f"{type(exc).__name__}: {exc}"[:300],
                         "where": traceback.format_exc().splitlines()[-3:]})
    finally:
        signal.alarm(0)
    if failures and failures[-1]["case"] == n:
        shutil.copytree(root, work / f"failed{n}", dirs_exist_ok=True)
    shutil.rmtree(root, ignore_errors=True)
print(json.dumps(failures))
'''


def test_mutated_partner_files_are_read_or_refused(tmp_path):
    result = subprocess.run([sys.executable, "-c", CHILD, str(CORPUS), str(tmp_path), "300"], capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    assert failures == [], json.dumps(failures[:5], indent=1)
