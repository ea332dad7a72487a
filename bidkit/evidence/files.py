"""Which files in a project folder are evidence, what each holds, and the guards run before one is opened.

Not evidence, and skipped without a word, because a program left them behind and they hold no rows:
- names starting with `~`: Excel's and Word's owner files beside an open document (`~$meetings.xlsx`, 165 bytes
  naming who has it open) and their temporary files (`~WRL0001.tmp`);
- names starting with `.`: LibreOffice's lock file (`.~lock.meetings.xlsx#`), macOS's `.DS_Store` and the `._name`
  twins it writes on shared drives and USB sticks, editors' swap files;
- a `__MACOSX` folder (the `._name` twins, from a zip made on a Mac);
- whatever has an ending bidkit never reads: `*.tmp`, `*.bak`, `name~`, `Thumbs.db`, `desktop.ini`, PDFs, documents.
A file named after a kind in a format that could hold its rows but that bidkit does not read (`meetings.numbers`,
`meetings.txt`) is not skipped silently: it is read as far as to say so (readers.py), since its rows would
otherwise be missing from every figure.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..i18n.catalogue import N_
from ..paths import refused
from ..problems import Label, Message, Place, Problem
from .kinds import KINDS
from .tables import ReadError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".xls"}
TEXT_SUFFIXES = {".csv", ".tsv"}                 # read as CSV: the separator is found, not assumed
TABLE_SUFFIXES = TEXT_SUFFIXES | {".yaml", ".yml"} | SPREADSHEET_SUFFIXES
UNREAD_SUFFIXES = {".txt", ".numbers", ".xlsb", ".fods", ".xltx", ".xltm", ".xlt", ".ots", ".json", ".xml",
                   ".htm", ".html", ".prn", ".dif", ".slk", ".dbf"}
SKIPPED_DIRS = {"templates", "narrative", "outputs", "funders"}
LEFTOVER_DIRS = {"__MACOSX"}
MAX_ZIP_BYTES = 200 * 1024 * 1024    # uncompressed
MAX_ZIP_RATIO = 200                   # uncompressed / compressed, per member
MAX_FILE_BYTES = 100 * 1024 * 1024
ZIP_FILES = (N_("workbook"), N_("Word template"))     # what check_zip is asked to open, as its messages name it


def kind_of_name(name: str) -> str | None:
    """`meetings-wcva.csv` -> meetings; `Reading list.xlsx` -> reading-list; a sheet name works the same."""
    stem = fold_stem(name)
    for kind in KINDS:
        if stem == kind or stem.startswith(kind + "-"):
            return kind
    return None


def fold_stem(name: str) -> str:
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem if suffix in TABLE_SUFFIXES | UNREAD_SUFFIXES else name
    return "-".join(stem.replace("_", " ").replace("-", " ").lower().split())


def evidence_files(project: Path) -> tuple[list[Path], list[Problem]]:
    """Every spreadsheet or YAML file below the project folder (except project.yaml, hidden files and the skipped
    folders), walked without following links; what cannot be read as a project's own file is a problem at its
    path (a link out of the project, a pipe, an unreadable folder), never silently left out or followed."""
    found: list[Path] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        rel = Path(error.filename).relative_to(project).as_posix() if error.filename else "."
        problems.append(Problem.at(Place(rel), None, N_("this folder cannot be read ({error}); its files were not "
                                                        "checked"), args={"error": str(error.strerror or error)}))

    for folder, dirs, names in os.walk(project, onerror=unreadable, followlinks=False):
        here = Path(folder)
        rel_here = here.relative_to(project)
        for name in list(dirs):
            rel = rel_here / name
            if leftover(name) or (not rel_here.parts and name in SKIPPED_DIRS):
                dirs.remove(name)
            elif (here / name).is_symlink():
                dirs.remove(name)
                problems.append(Problem.at(Place(rel.as_posix()), None, N_("is a symbolic link to a folder; bidkit "
                                           "reads only the project's own folders (copy the files in instead)")))
        dirs.sort()
        for name in sorted(names):
            rel = rel_here / name
            if leftover(name) or rel.as_posix() == "project.yaml":
                continue          # hidden files, LibreOffice's `.~lock.x#`, Excel's `~$x.xlsx` owner file
            suffix = Path(name).suffix.lower()
            if suffix not in TABLE_SUFFIXES and not (suffix in UNREAD_SUFFIXES and kind_of_name(name)):
                continue
            why = refused(project, rel)           # a Message: said in the reader's language
            if why is not None:
                problems.append(Problem.at(Place(rel.as_posix()), None, N_("was not read: {why}"),
                                           args={"why": why}))
                continue
            found.append(here / name)
    return found, problems

def leftover(name: str) -> bool:
    """A lock, owner or temporary file, or a hidden one: see the module's docstring."""
    return name.startswith(("~", ".")) or name in LEFTOVER_DIRS



def check_zip(path: Path, what: str) -> None:
    """Refuse a zip whose contents would be absurdly large before any XML is parsed; `what` is one of ZIP_FILES."""
    what = Label(what)
    try:
        with zipfile.ZipFile(path) as zf:
            total = 0
            for info in zf.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_ZIP_RATIO and info.file_size > 10 * 2**20:
                    raise ReadError(Message(N_("the {what} expands {ratio:.0f} times over ({member}); it looks like "
                                               "a zip bomb and was not opened"),
                                            {"what": what, "ratio": ratio, "member": info.filename}))
            if total > MAX_ZIP_BYTES:
                raise ReadError(Message(N_("the {what} would expand to {mb} MB; bidkit opens up to {most} MB"),
                                        {"what": what, "mb": total // 2**20, "most": MAX_ZIP_BYTES // 2**20}))
    except zipfile.BadZipFile as exc:
        raise ReadError(Message(N_("this is not a real {what}: it is damaged, cut short, or another kind of file "
                                   "renamed; open it in Excel or LibreOffice and save it again"),
                                {"what": what})) from exc

