"""The wheel a user installs: every module, template, font, funder profile and example file is inside it, it
builds without a warning, and installed as it is (not editable) it builds the example."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
                             "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = out.glob("bidkit-*.whl")
    return built, result.stdout + result.stderr


def source_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "bidkit", "templates", "evidence"], cwd=ROOT, capture_output=True,
                            text=True)
    if listed.returncode == 0 and listed.stdout.strip():
        return listed.stdout.split()
    return [p.relative_to(ROOT).as_posix() for folder in ("bidkit", "templates", "evidence")
            for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def test_the_wheel_holds_every_file_bidkit_needs(wheel):
    names = set(zipfile.ZipFile(wheel[0]).namelist())
    inside = {"templates": "bidkit/_templates", "evidence": "bidkit/_example"}
    missing = []
    for rel in source_files():
        top, _, rest = rel.partition("/")
        expected = f"{inside[top]}/{rest}" if top in inside else rel
        if expected not in names:
            missing.append(expected)
    assert missing == []
    assert any(n.startswith("bidkit/evidence/funders/") and n.endswith(".yaml") for n in names)
    assert any(n.startswith("bidkit/_templates/fonts/") and n.endswith(".ttf") for n in names)


def test_the_wheel_builds_without_a_warning(wheel):
    output = wheel[1]
    assert "Deprecat" not in output and "Warning" not in output, output


def test_installed_from_the_wheel_it_builds_the_example(wheel, tmp_path):
    """Installed into a folder of its own (the dependencies come from this environment), run from elsewhere."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--disable-pip-version-check", "-q",
                    "--target", str(target), str(wheel[0])], check=True, capture_output=True, timeout=600)
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import bidkit; print(bidkit.__file__)"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(target))
    for args in (["init", "project"], ["build", "project", "--out", "out", "--jobs", "2"]):
        result = subprocess.run([sys.executable, "-m", "bidkit", *args], env=env, cwd=tmp_path, capture_output=True,
                                text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert written == ["concept-paper.cy.docx", "concept-paper.cy.html", "concept-paper.cy.pdf", "concept-paper.docx",
                       "concept-paper.html", "concept-paper.pdf", "figures.xlsx", "funding-proposal.cy.docx",
                       "funding-proposal.cy.html", "funding-proposal.cy.pdf", "funding-proposal.docx",
                       "funding-proposal.html", "funding-proposal.json", "funding-proposal.pdf",
                       "project-report.cy.docx", "project-report.cy.html", "project-report.cy.pdf",
                       "project-report.docx", "project-report.html", "project-report.pdf"]   # the Welsh catalogue is in the wheel
