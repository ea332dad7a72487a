"""Where outputs go and how they arrive: the folder rules, one build at a time, and all files or none.

The output folder is written by bidkit and read by people, so it must never be the project folder (the next
check would read bidkit's own figures.xlsx as evidence), `/` or a system folder; a user's own files in it are
never touched. A build renders every file first, then writes each to a temporary name only bidkit uses, flushed
to disk, and only when every one is safely written are they renamed over the old ones: a full disk or a killed
build leaves the previous set whole.
"""
from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path

from .i18n.catalogue import N_
from .problems import BidkitError, Message

LOCK = ".bidkit.lock"
TEMPORARY = ".bidkit-tmp-"          # the prefix of every temporary file bidkit writes, and of nothing else
SYSTEM = {"/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/run", "/sbin", "/sys",
          "/usr", "/var"}
NEVER_INSIDE = {"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/sbin", "/sys", "/usr"}


def check_folder(project: Path, out: Path) -> None:
    """Refuse an output folder bidkit must not write into, with what to do instead."""
    real, home = out.resolve(), Path(project).resolve()
    if real == home or home in real.parents:
        raise BidkitError(Message(N_("the output folder {out} is inside the project folder {project}; bidkit "
                                     "would read its own outputs as evidence next time. Choose a folder outside it, "
                                     "e.g. --out outputs beside the project folder"),
                                  {"out": str(out), "project": str(project)}))
    if str(real) in SYSTEM or any(str(real).startswith(top + "/") for top in NEVER_INSIDE):
        raise BidkitError(Message(N_("the output folder {out} is a system folder; choose a folder of your own, "
                                     "e.g. --out outputs"), {"out": str(out)}))
    if out.exists() and not out.is_dir():
        raise BidkitError(Message(N_("the output folder {out} is a file, not a folder; choose another --out"),
                                  {"out": str(out)}))


def make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BidkitError(Message(N_("cannot make the output folder {out} ({why})"),
                                  {"out": str(out), "why": plain_os_error(exc)})) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise BidkitError(Message(N_("the output folder {out} cannot be written to (it is read-only for you); "
                                     "choose another --out"), {"out": str(out)}))


def plain_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or str(exc)


@contextmanager
def locked(out: Path):
    """One build per output folder at a time."""
    import fcntl

    try:
        handle = open(out / LOCK, "a+")
    except OSError as exc:
        raise BidkitError(f"cannot write to the output folder {out} ({plain_os_error(exc)})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BidkitError(f"the output folder {out} is in use by another bidkit build; "
                              "wait for it to finish") from None
        yield
    finally:
        handle.close()


def temporary_for(path: Path) -> Path:
    return path.with_name(f"{TEMPORARY}{os.getpid()}-{path.name}")


def write_temporary(path: Path, data: bytes) -> Path:
    """`data` in a temporary file beside `path`, flushed to disk; the temporary's path."""
    tmp = temporary_for(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)   # the umask applies
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def commit(out: Path, files: dict[str, bytes]) -> None:
    """Every file, or none: all are written to temporaries first, then renamed over the old ones."""
    written: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            written.append((write_temporary(out / name, data), out / name))
    except OSError as exc:
        for tmp, _final in written:
            tmp.unlink(missing_ok=True)
        raise BidkitError(f"could not write {name} into {out} ({plain_os_error(exc)}); nothing was replaced, "
                          "the previous documents are as they were") from None
    except BaseException:
        for tmp, _final in written:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in written:
        os.replace(tmp, final)


def write_atomic(path: Path, data: bytes) -> None:
    """One file, whole or not at all."""
    commit(path.parent, {path.name: data})


def clean_temporary(out: Path) -> None:
    """Temporary files a killed build left (SIGKILL cannot clean up after itself): bidkit's own names only."""
    for stale in out.glob(TEMPORARY + "*"):
        if stale.is_file() and not stale.is_symlink():
            stale.unlink(missing_ok=True)


def write_partner_reports(project: Path, problems: list, folder: Path, lang: str | None = None) -> int:
    """`check --by-partner`'s reports (pipeline.partner_reports) written into `folder`, all or none, in `lang`
    (default the project's main language); how many."""
    from .pipeline import partner_reports

    check_folder(project, folder)               # never the project (its next check would read the reports)
    files = partner_reports(project, problems, lang)
    make_folder(folder)
    commit(folder, files)
    return len(files) // 2


def write_changes(changes, out: Path, reader=None) -> list[str]:
    """`bidkit diff --out`: changes.html (in the reader's language) and each document's tracked DOCX in each of
    NEW's languages, all written or none."""
    from .changes.report import changes_html
    from .changes.tracked_docx import tracked_documents

    check_folder(changes.new.folder, out)       # never inside NEW: its next check would read the files
    check_folder(changes.old.folder, out)
    files = {"changes.html": changes_html(changes, reader), **tracked_documents(changes.old, changes.new)}
    make_folder(out)
    commit(out, files)
    return list(files)
