"""Small files that would exhaust memory or the stack in the main process are refused at their file and line
before the work, in a child process held to 1 GiB so a regression fails the test rather than the machine."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import MINIMAL, write_tree

CORPUS = Path(__file__).resolve().parents[1] / "partner_files" / "cases"
CHILD = r'''
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1024 * 2**20, 1024 * 2**20))
import bidkit
print(json.dumps([(p.severity, p.file, p.row, p.message) for p in bidkit.check(sys.argv[1])]))
'''


def check_limited(root: Path) -> list[tuple]:
    result = subprocess.run([sys.executable, "-c", CHILD, str(root)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return [tuple(p) for p in json.loads(result.stdout)]


def test_99_mb_of_blank_csv_lines_is_refused_before_any_row_is_made(tmp_path):
    root = write_tree(tmp_path / "p", MINIMAL)
    (root / "meetings-blank.csv").write_bytes(b"date,title,partners\n" + b"\n" * 99_000_000)
    found = [p for p in check_limited(root) if p[1] == "meetings-blank.csv"]
    assert [(s, f, r) for s, f, r, _ in found] == [("error", "meetings-blank.csv", None)]
    assert "99,000,001 lines" in found[0][3] and "1,048,576 rows" in found[0][3]


def test_yaml_nested_5000_deep_is_a_problem_at_its_line(tmp_path):
    root = write_tree(tmp_path / "p", {**MINIMAL, "meetings-deep.yaml": "- " + "[" * 5000 + "]" * 5000 + "\n"})
    found = [p for p in check_limited(root) if p[1] == "meetings-deep.yaml"]
    assert [(s, f, r) for s, f, r, _ in found] == [("error", "meetings-deep.yaml", 1)]
    assert "more than 20 deep" in found[0][3]


def test_a_workbook_with_an_xml_entity_bomb_is_refused(tmp_path):
    laughs = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([ord("a") + i + 1]), b"&%s;" % bytes([ord("a") + i]) * 10) for i in range(8)
    ) + b"]><worksheet"
    source = zipfile.ZipFile(CORPUS / "format-xlsx" / "meetings.xlsx")
    root = write_tree(tmp_path / "p", {k: v for k, v in MINIMAL.items() if k != "meetings.csv"})
    with zipfile.ZipFile(root / "meetings.xlsx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", laughs, 1)
                data = re.sub(rb'(<c r="B2"[^>]*?)( t="s")?>(.*?)</c>', rb'\1 t="inlineStr"><is><t>&i;</t></is></c>',
                              data, count=1)
            target.writestr(name, data)
    found = [p for p in check_limited(root) if p[1] == "meetings.xlsx"]
    assert [(s, f, r) for s, f, r, _ in found] == [("error", "meetings.xlsx", None)]
    assert "could not be opened" in found[0][3]
