"""Where bidkit's own files live: beside the package in a wheel, or at the top of a source checkout."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT_NAMES = {"templates": "templates", "example": "evidence"}


def shipped(name: str) -> Path:
    """The shipped `templates` or `example` folder."""
    inside = HERE / f"_{name}"
    return inside if inside.is_dir() else HERE.parent / CHECKOUT_NAMES[name]


FUNDERS = HERE / "evidence" / "funders"


def template_folders(project: Path | None) -> list[Path]:
    """The template search path: the project's `templates/` overrides the shipped ones file by file."""
    folders = []
    own = None if project is None else project / "templates"
    if own is not None and own.is_symlink():
        from .problems import BidkitError

        raise BidkitError(f"{own} is a symbolic link; a project's templates folder must be a real folder in it")
    if own is not None and own.is_dir():
        folders.append(own.resolve())
    folders.append(shipped("templates").resolve())
    return folders


def refusal(folder: Path, path: Path) -> str | None:
    """`refused`'s English words (what a command that cannot run says), or None when the file may be read."""
    why = refused(folder, path)
    return None if why is None else str(why)


def refused(folder: Path, path: Path) -> "Message | None":
    """Why bidkit will not read `path` as a file of `folder`, or None when it may: the one rule for every file
    bidkit reads from a folder someone else can write to (evidence, narrative, templates).

    The file must be a regular file reached without a symbolic link at any step below `folder`, stay inside it
    once resolved, and have no second name (a hard link is another file's contents under a new name). A `Message`,
    so a problem can say it in the reader's language; `refusal` gives its English words."""
    import os
    import stat

    from .i18n.catalogue import N_
    from .problems import Message

    # `path` is relative to `folder`, or absolute
    relative = Path(os.path.relpath(path, os.path.abspath(folder))) if Path(path).is_absolute() else Path(path)
    if ".." in relative.parts:
        return Message(N_("it points outside the folder ('..')") if relative.parts[0] != ".." else
                       N_("it is outside the folder"))
    folder = Path(folder).resolve()
    current = folder
    for part in relative.parts:
        current = current / part
        try:
            info = current.lstat()
        except FileNotFoundError:
            return Message(N_("it does not exist"))
        except OSError as exc:
            return Message(N_("it cannot be read ({why})"), {"why": str(exc.strerror or exc)})
        if stat.S_ISLNK(info.st_mode):
            return Message(N_("it is a symbolic link; bidkit only reads real files"))
    if stat.S_ISDIR(info.st_mode):
        return Message(N_("it is a folder"))
    if not stat.S_ISREG(info.st_mode):
        return Message(N_("it is not a regular file (a pipe, device or socket)"))
    if info.st_nlink > 1 and folder != shipped("templates").resolve():   # installers may hard-link our own files
        return Message(N_("it is a hard link to another file; copy the file instead"))
    if folder not in current.resolve().parents:
        return Message(N_("it points outside the folder"))
    return None
