"""Concurrency, faults and resource limits: a busy folder is refused, a killed build loses nothing,
a runaway render is stopped with a clear message."""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path


from conftest import write_tree


def bidkit(*args: str, env: dict | None = None, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "bidkit", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, **kwargs)


def finish(proc) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def test_a_second_build_in_the_same_folder_is_refused(make_project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".bidkit.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        code, _, err = finish(bidkit("build", str(make_project()), "--out", str(out)))
    assert code == 2
    assert "is in use by another bidkit build" in err


def complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    if path.suffix == ".docx":
        try:
            return zipfile.ZipFile(path).testzip() is None
        except zipfile.BadZipFile:
            return False
    return True


def test_a_killed_build_leaves_old_or_new_files_and_no_temporary_ones(make_project, tmp_path):
    root = make_project()
    out = tmp_path / "out"
    code, _, err = finish(bidkit("build", str(root), "--out", str(out), "--doc", "project-report"))
    assert code == 0, err
    before = {p.name: p.read_bytes() for p in out.glob("project-report.*")}
    write_tree(root, {"narrative/summary.md": "Changed, so every output is rebuilt.\n"})
    for delay in (0.5, 1.5, 2.5, 3.5):
        proc = bidkit("build", str(root), "--out", str(out), "--doc", "project-report", "--jobs", "1",
                      start_new_session=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)          # the build itself dies, as under the OOM killer
        proc.wait()
        for path in out.glob("project-report.*"):
            assert complete(path), (delay, path.name)
        try:
            os.killpg(proc.pid, signal.SIGKILL)   # then its orphaned render processes, as a shell would
        except ProcessLookupError:
            pass
    code, _, err = finish(bidkit("build", str(root), "--out", str(out), "--doc", "project-report"))
    assert code == 0, err
    assert list(out.glob(".*.tmp")) == [] and list(out.glob(".bidkit-tmp-*")) == []
    after = {p.name: p.read_bytes() for p in out.glob("project-report.*")}
    assert after.keys() == before.keys() and after["project-report.docx"] != before["project-report.docx"]


def test_a_runaway_template_is_stopped_by_the_time_limit(make_project, tmp_path):
    root = make_project({"templates/html/project-report.html":
                         '{% extends "html/base.html" %}{% block head %}{% for i in range(100000) %}'
                         "{% for j in range(100000) %}{% endfor %}{% endfor %}{% endblock %}"})
    out = tmp_path / "out"
    started = time.monotonic()
    code, _, err = finish(bidkit("build", str(root), "--out", str(out), "--doc", "project-report", "--format", "pdf",
                                 env={"BIDKIT_RENDER_TIMEOUT": "3"}))
    assert code == 2
    assert "rendering project-report.pdf took longer than 3 s and was stopped" in err
    assert time.monotonic() - started < 60
    assert not (out / "project-report.pdf").exists()


def test_a_render_over_the_memory_limit_is_stopped(make_project, tmp_path):
    out = tmp_path / "out"
    code, _, err = finish(bidkit("build", str(make_project()), "--out", str(out), "--doc", "concept-paper",
                                 "--format", "pdf", env={"BIDKIT_RENDER_MEMORY_MB": "64"}))
    assert code == 2, err
    assert "needed more than 64 MiB and was stopped" in err
    assert "Traceback" not in err
    assert not (out / "concept-paper.pdf").exists()
