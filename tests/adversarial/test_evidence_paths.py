"""Every evidence file by the one path rule: a link out of the project, a linked folder, a pipe or a hard link
is a problem at its path (and nothing of it is read or printed); lock files are passed over; the others are
still checked."""
from __future__ import annotations

import os


from conftest import places, problems_of

SECRET = "root:x:0:0"


def test_a_csv_linked_out_of_the_project_is_refused_and_not_printed(make_project, tmp_path):
    (tmp_path / "elsewhere.csv").write_text(f"date,title,partners\n14/11/2018,{SECRET},wcva\n")
    root = make_project()
    (root / "meetings-x.csv").symlink_to(tmp_path / "elsewhere.csv")
    found = problems_of(root)
    assert places(found) == [("meetings-x.csv", None, None, None, "error")]
    assert "symbolic link" in found[0].message
    assert all(SECRET not in p.line() for p in found)


def test_a_linked_folder_is_not_walked(make_project, tmp_path):
    other = tmp_path / "another-bid"
    other.mkdir()
    (other / "meetings.csv").write_text("date,title,partners\n14/11/2018,Another bid's meeting,wcva\n")
    root = make_project()
    (root / "partners-from-elsewhere").symlink_to(other, target_is_directory=True)
    found = problems_of(root)
    assert places(found) == [("partners-from-elsewhere", None, None, None, "error")]
    assert "symbolic link to a folder" in found[0].message


def test_a_pipe_and_a_hard_link_are_refused_without_hanging(make_project, tmp_path):
    root = make_project()
    os.mkfifo(root / "meetings-pipe.csv")
    (tmp_path / "outside.csv").write_text("date,title,partners\n14/11/2018,Outside,wcva\n")
    os.link(tmp_path / "outside.csv", root / "meetings-hard.csv")
    found = {p.file: p.message for p in problems_of(root)}
    assert "not a regular file" in found["meetings-pipe.csv"]
    assert "hard link" in found["meetings-hard.csv"]


def test_an_unreadable_folder_is_named_and_hides_no_partner_error(make_project, monkeypatch):
    """As a user without permission sees it (the tests may run as root, who reads everything: the folder's
    listing is refused the way the kernel refuses it)."""
    root = make_project()
    locked = root / "partners" / "wcva"
    locked.mkdir(parents=True)
    (locked / "meetings.csv").write_text("date,title,partners\n14/11/2018,A,wcva\n")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.abspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = problems_of(root)
    assert places(found) == [("partners/wcva", None, None, None, "error")]
    assert "cannot be read (Permission denied)" in found[0].message


def test_a_project_yaml_linked_elsewhere_is_refused(make_project, tmp_path):
    root = make_project()
    (tmp_path / "other-project.yaml").write_text((root / "project.yaml").read_text())
    (root / "project.yaml").unlink()
    (root / "project.yaml").symlink_to(tmp_path / "other-project.yaml")
    found = [p for p in problems_of(root) if p.file == "project.yaml"]
    assert [(p.severity, "symbolic link" in p.message) for p in found] == [("error", True)]


def check_cli(root, *extra):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "bidkit", "check", str(root), *extra], capture_output=True,
                          text=True, timeout=60)


def with_own_funder(make_project):
    from conftest import MINIMAL

    root = make_project({"project.yaml": MINIMAL["project.yaml"] + "funder: myfunder\n"})
    (root / "funders").mkdir()
    return root


def test_a_funder_profile_linked_out_of_the_project_is_refused_and_not_printed(make_project, tmp_path):
    root = with_own_funder(make_project)
    (tmp_path / "passwd").write_text(f"{SECRET}:root:/root:/bin/bash\n")
    (root / "funders" / "myfunder.yaml").symlink_to(tmp_path / "passwd")
    result = check_cli(root)
    assert "symbolic link" in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr and "input_value" not in result.stdout + result.stderr


def test_a_funder_profile_that_is_a_pipe_does_not_hang_check(make_project):
    root = with_own_funder(make_project)
    os.mkfifo(root / "funders" / "myfunder.yaml")
    result = check_cli(root)
    assert "not a regular file" in result.stdout + result.stderr


def test_an_invalid_funder_profile_is_told_in_plain_words(make_project):
    from bidkit.paths import FUNDERS

    root = with_own_funder(make_project)
    shipped = (FUNDERS / "tnlcf-awards-for-all.yaml").read_text().replace("id: tnlcf-awards-for-all", "id: myfunder")
    (root / "funders" / "myfunder.yaml").write_text(shipped + f"\nbogus_key: {SECRET}\n")
    out = check_cli(root)
    said = out.stdout + out.stderr
    assert "'bogus_key' is not a key a profile has" in said, said
    for raw in ("input_value", SECRET, "pydantic", "ValidationError", "Traceback"):
        assert raw not in said, said


def test_a_project_yaml_that_is_a_pipe_does_not_hang_the_partner_reports(make_project, tmp_path):
    from bidkit.evidence.on_file import project_facts

    root = make_project()
    (root / "project.yaml").unlink()
    os.mkfifo(root / "project.yaml")
    import signal

    def hung(*_):
        raise AssertionError("reading project.yaml hung on a pipe")
    signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        assert project_facts(root) == (None, None, None)
    finally:
        signal.alarm(0)
    result = check_cli(root, "--by-partner", str(tmp_path / "reports"))
    assert "Traceback" not in result.stderr
