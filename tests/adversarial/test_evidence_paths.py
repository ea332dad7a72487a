"""Every evidence file by the one path rule: a link out of the project, a linked folder, a pipe or a hard link
is a problem at its path (and nothing of it is read or printed); lock files are passed over; the others are
still checked."""
from __future__ import annotations

import os

import pytest

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
