"""The commands as a user meets them: exact output, exit codes, JSON, and no traceback ever."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from bidkit.cli import cli
from conftest import ROOT

BROKEN = {"meetings.csv": "date,title,partners,attendees\n31/02/2019,x,wcva,5\n14/11/2018,y,wvca,3\n"}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_check_valid_project(make_project):
    result = run("check", str(make_project()))
    assert result.exit_code == 0
    assert result.output.endswith("the evidence is valid (no problems)\n")


def test_check_prints_every_problem_then_a_count(make_project):
    result = run("check", str(make_project(BROKEN)))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "meetings.csv:2: date: '31/02/2019' is not a real date (February 2019 has 28 days)",
        "meetings.csv:3: partners: 'wvca' is not a partner (did you mean 'wcva'?)",
        "2 errors, 0 warnings in 1 file",
    ]


def test_check_json_shape(make_project):
    result = run("check", "--json", str(make_project(BROKEN)))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert (data["errors"], data["warnings"]) == (2, 0)
    assert data["problems"][0] == {"severity": "error", "file": "meetings.csv", "sheet": None, "row": 2,
                                   "field": "date", "value": "31/02/2019",
                                   "message": "'31/02/2019' is not a real date (February 2019 has 28 days)",
                                   "cell": None}


def test_strict_turns_warnings_into_failure(make_project):
    root = make_project({"narrative/summary.md": None})
    assert run("check", str(root)).exit_code == 0
    result = run("check", "--strict", str(root))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "narrative/summary.md: warning: is missing; its section will say it is still to be written",
        "0 errors, 1 warning in 1 file",
        "Aborted with 1 warning in strict mode!",
    ]


def test_cannot_run_exits_2_without_traceback(tmp_path):
    for argv in (["check", str(tmp_path / "nowhere")], ["check", "--bogus"], ["build", "--doc", "letter"]):
        proc = subprocess.run([sys.executable, "-m", "bidkit", *argv], capture_output=True, text=True)
        assert proc.returncode == 2, argv
        assert "Traceback" not in proc.stderr + proc.stdout


def test_check_does_not_import_weasyprint_or_pandas(make_project):
    code = ("import sys; from bidkit.cli import main; sys.argv = ['bidkit', 'check', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('weasyprint', 'pandas', 'docxtpl', 'matplotlib') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code, str(make_project())], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_init_makes_a_valid_project(tmp_path):
    target = tmp_path / "new"
    result = run("init", str(target))
    assert result.exit_code == 0, result.output
    assert (target / "project.yaml").is_file()
    assert run("check", str(target)).exit_code == 0
    again = subprocess.run([sys.executable, "-m", "bidkit", "init", str(target)], capture_output=True, text=True)
    assert again.returncode == 2                                       # never over an existing project
    assert again.stderr.startswith("bidkit: ") and "already exists" in again.stderr


def test_schema_lists_every_kind(tmp_path):
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{k}.schema.json" for k in ("project", "partners", "meetings", "reading-list",
                                                        "action-plan", "delivery-plan", "budget",
                                                        "other-funding", "outcomes"))
    meeting = json.loads((tmp_path / "meetings.schema.json").read_text())
    assert set(meeting["required"]) == {"date", "title", "partners"}


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [name for name in cli.commands if name != "templates"] + ["templates eject"]
    for name in commands:
        result = run(*name.split(), "--help")
        assert result.exit_code == 0 and len(result.output) > 80, name
        assert f"bidkit {name}" in readme, name
