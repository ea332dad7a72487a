"""Every file in the corpus of real partner files (tests/partner_files) is read right or refused at its cell:
the exact problems of each case, and its figures when it has no error (cases.yaml is the contract)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent / "partner_files"
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402

CASES = yaml.safe_load(make_corpus.CASES_YAML.read_text(encoding="utf-8"))["cases"]
KEYS = ("severity", "file", "sheet", "row", "cell", "field")


def figures(root: Path) -> dict:
    from bidkit.evidence import load
    from bidkit.figures import compute

    f = compute(load(root))
    return {"meetings_held": f.meetings_held, "people_reached": f.people_reached,
            "organisations_met": f.organisations_met, "partners": f.partners,
            "nations_covered": f.nations_covered, "budget_total": f.budget_total,
            "meetings_with": dict(f.meetings_with),
            "by_characteristic": {r.key: r.meetings for r in f.by_characteristic},
            "held_dates": [m.date.isoformat() for m in f.held], "held_titles": [m.title for m in f.held]}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_real_partner_file(case, tmp_path):
    import bidkit

    root = make_corpus.assemble(case["id"], tmp_path / case["id"])
    expect = case["expect"]
    found = bidkit.check(root)
    assert sorted(tuple(getattr(p, k) for k in KEYS) for p in found) == \
        sorted(tuple(p[k] for k in KEYS) for p in expect["problems"]), "\n".join(p.line() for p in found)
    if "figures" in expect:
        got = figures(root)
        assert {k: got[k] for k in expect["figures"]} == expect["figures"]
