"""bidkit batch: finding project folders, the local pool and a real Dask cluster (worker processes), the same bytes
from both, one project's errors, crash, time or memory limit never stopping the others, and no link followed.

The crashing, hanging and memory-hungry renders come from a test-only plugin (tests/crash_plugin/sitecustomize.py)
put on the batch's PYTHONPATH: real crashes in the process that renders, reached through no file a partner writes.
DOCX only, on small projects, to keep the module fast; the build itself is tested in test_build.py.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bidkit.batch.find import find_projects, output_names, safe
from conftest import MINIMAL, ROOT, write_tree

PLUGIN = Path(__file__).resolve().parent / "crash_plugin"
EPOCH = "1552608000"
BROKEN = {"meetings.csv": "date,title,partners,attendees\n31/02/2019,Impossible,wcva,3\n"}


def run_batch(*args: str, epoch: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(PLUGIN)])}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = EPOCH
    return subprocess.run([sys.executable, "-m", "bidkit", "batch", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=300)


def project(root: Path, title: str = "Test project", **files) -> Path:
    text = MINIMAL["project.yaml"].replace("Test project", title)
    return write_tree(root, {**MINIMAL, "project.yaml": text, **files})


def rows(out: Path) -> dict[str, dict]:
    with open(out / "batch.csv", encoding="utf-8-sig", newline="") as handle:
        return {r["project"]: r for r in csv.DictReader(handle)}


# --- finding the projects ------------------------------------------------------------------------------------

def test_projects_are_found_named_uniquely_and_no_link_is_followed(tmp_path):
    root = tmp_path / "many"
    for rel in ("north/bridge", "south/bridge", "Bridge", "solo", "batch.csv"):
        project(root / rel)
    project(root / "solo" / "partners" / "inner")          # inside a project: its evidence, not a project
    project(root / ".hidden")
    outside = project(tmp_path / "elsewhere")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "yaml-link").mkdir()
    (root / "yaml-link" / "project.yaml").symlink_to(outside / "project.yaml")
    project(root / "out-here")
    found = find_projects(root, root / "out-here")
    names = {p.relative: p.name for p in found.projects}
    assert names == {"Bridge": "Bridge", "batch.csv": "batch.csv-2", "north/bridge": "north-bridge",
                     "solo": "solo", "south/bridge": "south-bridge"}
    assert [path for path, _ in found.skipped] == ["linked", "yaml-link/project.yaml"]
    assert all("symbolic link" in why for _, why in found.skipped)


def test_output_names_are_safe():
    assert safe("../..") == "project" and safe(".env") == "env" and safe("a b/c:d") == "a-b-c-d"
    assert output_names(["x/Team", "y/team", "x-team"]) == ["x-Team", "y-team", "x-team-2"]


def test_a_batch_that_cannot_run_exits_2(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_batch(tmp_path / "empty", "--out", tmp_path / "out")
    assert result.returncode == 2 and "no project folder" in result.stderr
    project(tmp_path / "many" / "one")
    result = run_batch(tmp_path / "many", "--out", tmp_path / "many" / "one" / "out")
    assert result.returncode == 2 and "inside the project folder" in result.stderr
    result = run_batch(tmp_path / "many", "--out", tmp_path / "o", "--scheduler", "localhost:1")
    assert result.returncode == 2 and "tcp://HOST:PORT" in result.stderr
    assert not (tmp_path / "o").exists()


def test_one_project_cannot_reach_another(tmp_path):
    """A project's templates or evidence linked to another project's are refused; the others are unaffected."""
    root = tmp_path / "many"
    victim = project(root / "victim", **BROKEN)         # errors: nothing to render, so the test stays quick
    (victim / "templates" / "docx").mkdir(parents=True)
    project(root / "thief")
    (root / "thief" / "templates").symlink_to(victim / "templates", target_is_directory=True)
    project(root / "peeker", **{"partners.csv": None})
    (root / "peeker" / "partners.csv").symlink_to(victim / "partners.csv")
    result = run_batch(root, "--out", tmp_path / "out", "--format", "docx")
    assert result.returncode == 1, result.stdout + result.stderr
    found = rows(tmp_path / "out")
    assert found["thief"]["state"] == "failed" and "symbolic link" in found["thief"]["reason"]
    assert found["peeker"]["state"] == "has errors" and found["victim"]["state"] == "has errors"
    assert not list((tmp_path / "out").glob("*/*.docx"))


def test_time_and_memory_limits_fail_only_that_project(tmp_path):
    project(tmp_path / "hog" / "hog", title="HOG-ON-RENDER")
    result = run_batch(tmp_path / "hog", "--out", tmp_path / "out-hog", "--format", "docx", "--memory", "2048")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "memory limit of 2048 MiB" in rows(tmp_path / "out-hog")["hog"]["reason"]
    project(tmp_path / "slow" / "slow", title="SLEEP-ON-RENDER")
    result = run_batch(tmp_path / "slow", "--out", tmp_path / "out-slow", "--format", "docx", "--timeout", "1")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "time limit of 1 s" in rows(tmp_path / "out-slow")["slow"]["reason"]


# --- six projects, on the local pool and on a Dask cluster -----------------------------------------------------

@pytest.fixture(scope="module")
def six(tmp_path_factory):
    """Four valid projects (two folders called `bridge`), one with evidence errors, one whose render crashes."""
    tmp = tmp_path_factory.mktemp("batch")
    root = tmp / "projects"
    project(root / "alpha", title="Alpha")
    project(root / "north" / "bridge", title="North bridge")
    project(root / "south" / "bridge", title="South bridge", **{
        "meetings.csv": MINIMAL["meetings.csv"] + "2019-01-20,Third meeting,wcva,30,age\n"})
    project(root / "gamma", title="Gamma", **{"partners.csv": MINIMAL["partners.csv"] +
                                              "ers,Electoral Reform Society,charity,scotland,supporter\n"})
    project(root / "broken", title="Broken", **BROKEN)
    project(root / "crash", title="CRASH-ON-RENDER")
    local = run_batch(root, "--out", tmp / "local", "--format", "docx", "--jobs", "2", "--by-partner")
    return tmp, root, local


VALID = {"alpha": "alpha", "north/bridge": "north-bridge", "south/bridge": "south-bridge", "gamma": "gamma"}


def test_the_local_pool_builds_the_valid_projects_and_reports_the_others(six):
    tmp, _root, local = six
    assert local.returncode == 1, local.stdout + local.stderr
    found = rows(tmp / "local")
    assert {k: r["state"] for k, r in found.items()} == {
        "alpha": "built", "broken": "has errors", "crash": "failed", "gamma": "built", "north/bridge": "built",
        "south/bridge": "built"}
    assert "stopped unexpectedly (exit code 70)" in found["crash"]["reason"]
    assert found["broken"]["errors"] == "1" and found["broken"]["meetings_held"] == ""
    assert found["south/bridge"]["meetings_held"] == "3" and found["gamma"]["partners"] == "3"
    for name in VALID.values():
        assert (tmp / "local" / name / "project-report.docx").is_file()
        assert (tmp / "local" / name / "partner-reports" / "facilitator.html").is_file()
    assert (tmp / "local" / "broken" / "partner-reports" / "facilitator.csv").is_file()
    report = json.loads((tmp / "local" / "batch.json").read_text(encoding="utf-8"))
    assert report["totals"] == {**report["totals"], "projects": 6, "built": 4, "has errors": 1, "failed": 1}
    assert "6 projects: 4 built, 0 up to date, 1 with errors, 1 failed" in local.stdout


def test_a_second_batch_skips_what_is_up_to_date(six):
    tmp, root, _local = six
    again = run_batch(root, "--out", tmp / "local", "--format", "docx", "--jobs", "2")
    found = rows(tmp / "local")
    assert again.returncode == 1
    assert [found[k]["state"] for k in VALID] == ["up to date"] * 4
    assert found["alpha"]["meetings_held"] == "2" and found["alpha"]["warnings"] == found["gamma"]["warnings"]


def test_a_batch_builds_what_bidkit_build_builds(six, tmp_path):
    tmp, root, _local = six
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH}
    subprocess.run([sys.executable, "-m", "bidkit", "build", str(root / "alpha"), "--out", str(tmp_path / "one"),
                    "--format", "docx"], check=True, capture_output=True, env=env)
    for path in (tmp_path / "one").glob("[!.]*.*"):
        assert path.read_bytes() == (tmp / "local" / "alpha" / path.name).read_bytes(), path.name


def test_a_dask_cluster_gives_the_same_bytes_and_reports_the_crash(six):
    distributed = pytest.importorskip("distributed")
    tmp, root, _local = six
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(PLUGIN)])    # the workers' own environment
    try:
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
    finally:
        os.environ.pop("PYTHONPATH") if saved is None else os.environ.update(PYTHONPATH=saved)
    try:
        on_dask = run_batch(root, "--out", tmp / "dask", "--format", "docx", "--by-partner",
                            "--scheduler", cluster.scheduler_address)
        # worker processes, not threads: each worker is a process of its own, started by a nanny
        assert len(cluster.workers) == 2 and all(isinstance(w, distributed.Nanny) for w in cluster.workers.values())
    finally:
        cluster.close()
    assert on_dask.returncode == 1, on_dask.stdout + on_dask.stderr
    found = rows(tmp / "dask")
    assert found["crash"]["state"] == "failed" and "exit code 70" in found["crash"]["reason"]
    assert [found[k]["state"] for k in VALID] == ["built"] * 4 and found["broken"]["state"] == "has errors"
    assert "(dask tcp://" in on_dask.stdout
    compared = 0
    for name in [*VALID.values(), "broken"]:
        for path in sorted((tmp / "local" / name).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                assert path.read_bytes() == (tmp / "dask" / path.relative_to(tmp / "local")).read_bytes(), path
                compared += 1
    assert compared >= 4 * 5


def test_a_lost_dask_worker_fails_only_its_project(tmp_path):
    """The worker building a project dies (SIGKILL, as a lost machine): that project is reported failed with why,
    once the scheduler has given up on it, and the other project is built."""
    distributed = pytest.importorskip("distributed")
    import dask

    project(tmp_path / "projects" / "alpha", title="Alpha")
    project(tmp_path / "projects" / "lost", title="KILL-WORKER-ON-RENDER")
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(PLUGIN)])
    try:
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
            cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                               dashboard_address=None, silence_logs=50)
    finally:
        os.environ.pop("PYTHONPATH") if saved is None else os.environ.update(PYTHONPATH=saved)
    try:
        result = run_batch(tmp_path / "projects", "--out", tmp_path / "out", "--format", "docx",
                           "--scheduler", cluster.scheduler_address)
    finally:
        cluster.close()
    assert result.returncode == 1, result.stdout + result.stderr
    found = rows(tmp_path / "out")
    assert found["alpha"]["state"] == "built" and (tmp_path / "out" / "alpha" / "project-report.docx").is_file()
    assert found["lost"]["state"] == "failed"
    assert "Dask workers building it were lost" in found["lost"]["reason"]
    assert not list((tmp_path / "out").glob("lost/*.docx"))          # nothing half-written for it


def test_a_tls_scheduler_takes_certificates_and_refuses_a_plain_connection(tmp_path):
    """A cluster that requires TLS: the batch runs with the certificates, and without TLS cannot connect (exit 2)."""
    distributed = pytest.importorskip("distributed")
    import shutil

    if not shutil.which("openssl"):
        pytest.skip("openssl makes the test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-subj", "/CN=localhost", "-days", "2"], check=True, capture_output=True)
    security = distributed.security.Security(
        tls_ca_file=str(cert), require_encryption=True, **{f"tls_{who}_{part}": str(path) for who in
                                                           ("scheduler", "worker", "client")
                                                           for part, path in (("cert", cert), ("key", key))})
    project(tmp_path / "many" / "broken", **BROKEN)          # errors: answered without rendering, so quick
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(ROOT)
    try:
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, protocol="tls://",
                                           security=security, dashboard_address=None, silence_logs=40)
    finally:
        os.environ.pop("PYTHONPATH") if saved is None else os.environ.update(PYTHONPATH=saved)
    try:
        address = cluster.scheduler_address
        assert address.startswith("tls://")
        secured = run_batch(tmp_path / "many", "--out", tmp_path / "out", "--scheduler", address,
                            "--tls-ca-file", cert, "--tls-cert", cert, "--tls-key", key)
        plain = run_batch(tmp_path / "many", "--out", tmp_path / "plain", "--scheduler",
                          address.replace("tls://", "tcp://"))
    finally:
        cluster.close()
    assert secured.returncode == 1, secured.stdout + secured.stderr
    assert rows(tmp_path / "out")["broken"]["state"] == "has errors"
    assert plain.returncode == 2 and "cannot reach the Dask scheduler" in plain.stderr
    assert not (tmp_path / "plain").exists()
