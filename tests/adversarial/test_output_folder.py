"""The output folder: never the project or a system folder, a user's files in it survive, a full disk leaves the
previous set whole, a killed build leaves no process behind, and file names cannot forge a line of output."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import write_tree


def bidkit(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bidkit", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, **kwargs)


def run(*args: str, **kwargs) -> tuple[int, str, str]:
    proc = bidkit(*args, **kwargs)
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


@pytest.mark.parametrize("where", ["the project folder", "inside the project", "/", "/etc", "a file"])
def test_an_output_folder_bidkit_must_not_write_into_is_refused(make_project, tmp_path, where):
    root = make_project()
    out = {"the project folder": root, "inside the project": root / "outputs", "/": Path("/"),
           "/etc": Path("/etc"), "a file": root.parent / "notes.txt"}[where]
    if where == "a file":
        out.write_text("mine\n")
    code, _, err = run("build", str(root), "--out", str(out), "--doc", "concept-paper", "--format", "docx")
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert {"the project folder": "inside the project folder", "inside the project": "inside the project folder",
            "/": "system folder", "/etc": "system folder", "a file": "is a file"}[where] in err
    assert not (root / "figures.xlsx").exists() and not (root / "concept-paper.docx").exists()


def test_a_users_own_files_in_the_output_folder_survive(make_project, tmp_path):
    out = tmp_path / "out"
    mine = {".notes.tmp": "my own temporary notes\n", "draft.docx.tmp": "x", "README.txt": "mine\n"}
    write_tree(out, mine)
    code, _, err = run("build", str(make_project()), "--out", str(out), "--doc", "concept-paper", "--format", "docx")
    assert code == 0, err
    assert {name: (out / name).read_text() for name in mine} == mine


def test_a_read_only_output_folder_is_a_plain_message(tmp_path, monkeypatch):
    """As a user without write permission sees it (the tests may run as root, who may write anywhere)."""
    from bidkit import output
    from bidkit.problems import BidkitError

    out = tmp_path / "out"
    out.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == out else real_access(path, mode))
    with pytest.raises(BidkitError) as caught:
        output.make_folder(out)
    assert "cannot be written to" in str(caught.value) and str(out) in str(caught.value)


def test_a_full_disk_leaves_the_previous_set_whole(tmp_path, monkeypatch):
    """Every file is written before any is replaced; the second of three hits a full disk."""
    from bidkit import output
    from bidkit.problems import BidkitError

    out = tmp_path / "out"
    old = {"a.pdf": b"old a", "b.docx": b"old b", "funding-proposal.json": b"old json"}
    write_tree(out, old)
    real = output.write_temporary
    calls = []

    def full_disk(path, data):
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(output, "write_temporary", full_disk)
    with pytest.raises(BidkitError) as caught:
        output.commit(out, {"funding-proposal.json": b"new json", "a.pdf": b"new a", "b.docx": b"new b"})
    assert "the disk is full" in str(caught.value) and "nothing was replaced" in str(caught.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


def processes_in_session(sid: int) -> list[str]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:           # the session id, after state, ppid and pgrp
            found.append(stat.parent.name)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_build_leaves_no_process_behind(make_project, tmp_path):
    """A looping template keeps a worker busy; the build alone is killed (as by the OOM killer), and its
    worker server and workers go with it."""
    root = make_project({"templates/html/project-report.html":
                         '{% extends "html/base.html" %}{% block head %}{% for i in range(100000) %}'
                         "{% for j in range(100000) %}{% endfor %}{% endfor %}{% endblock %}"})
    proc = bidkit("build", str(root), "--out", str(tmp_path / "out"), "--doc", "project-report", "--format", "pdf",
                  start_new_session=True)
    deadline = time.monotonic() + 60
    while len(processes_in_session(proc.pid)) < 3 and time.monotonic() < deadline:   # build, server, worker
        time.sleep(0.2)
    assert len(processes_in_session(proc.pid)) >= 3
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while processes_in_session(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = processes_in_session(proc.pid)
    for pid in left:
        os.kill(int(pid), signal.SIGKILL)
    assert left == []


def test_a_file_name_cannot_forge_a_line_of_output(make_project):
    root = make_project({"meetings-x\nmeetings.csv:2: date: all is well.csv": "date,title,partners\n31/02/2019,A,wcva\n",
                         "meetings-\u202egnp.csv": "date,title,partners\n31/02/2019,B,wcva\n"})
    code, out, _ = run("check", str(root))
    assert code == 1
    lines = out.splitlines()
    assert not any(line.startswith("meetings.csv:2: date: all is well") for line in lines)
    assert any("meetings-x\\nmeetings.csv" in line for line in lines)
    assert any("meetings-\\u202egnp.csv" in line for line in lines)


@pytest.mark.parametrize("command", [["check", "--by-partner", "{root}/reports"],
                                     ["workbook", "--out", "{root}/to-send/wcva.xlsx"]])
def test_reports_and_workbooks_are_never_written_into_the_project(make_project, command):
    root = make_project()
    args = [part.format(root=root) for part in command]
    code, _, err = run(args[0], str(root), *args[1:])
    assert code == 2, err
    assert "inside the project folder" in err and "Traceback" not in err
    assert not (root / "reports").exists() and not (root / "to-send").exists()


def test_a_file_name_that_is_not_utf8_is_shown_escaped_everywhere(make_project, tmp_path):
    root = make_project()
    with open(os.path.join(os.fsencode(root), b"meetings-\xff.csv"), "wb") as handle:
        handle.write(b"date,title,partners\n31/02/2019,A,wcva\n")
    code, out, err = run("check", str(root), "--by-partner", str(tmp_path / "reports"))
    assert code == 1 and "internal error" not in err, err
    assert "meetings-\\xff.csv:2: date:" in out
    code, out, err = run("check", str(root), "--json")
    assert code == 1 and "meetings-\\\\xff.csv" in out, err


def test_outputs_are_ordinary_files_under_the_users_umask(tmp_path):
    from bidkit import output

    old = os.umask(0o027)
    try:
        output.commit(tmp_path, {"a.pdf": b"x"})
    finally:
        os.umask(old)
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o640
