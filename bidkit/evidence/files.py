"""Which files in a project folder are evidence, what each holds, and the guards run before one is opened."""
from __future__ import annotations

import zipfile
from pathlib import Path

from .kinds import KINDS
from .tables import ReadError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".xls"}
TABLE_SUFFIXES = {".csv", ".yaml", ".yml"} | SPREADSHEET_SUFFIXES
SKIPPED_DIRS = {"templates", "narrative", "outputs", "funders"}
MAX_ZIP_BYTES = 200 * 1024 * 1024    # uncompressed
MAX_ZIP_RATIO = 200                   # uncompressed / compressed, per member
MAX_FILE_BYTES = 100 * 1024 * 1024


def kind_of_name(name: str) -> str | None:
    """`meetings-wcva.csv` -> meetings; `Reading list.xlsx` -> reading-list; a sheet name works the same."""
    stem = fold_stem(name)
    for kind in KINDS:
        if stem == kind or stem.startswith(kind + "-"):
            return kind
    return None


def fold_stem(name: str) -> str:
    stem = Path(name).stem if Path(name).suffix.lower() in TABLE_SUFFIXES else name
    return "-".join(stem.replace("_", " ").replace("-", " ").lower().split())


def evidence_files(project: Path) -> list[Path]:
    """Every spreadsheet or YAML file below the project folder, except project.yaml and the skipped folders."""
    found = []
    for path in sorted(project.rglob("*")):
        rel = path.relative_to(project)
        if any(part.startswith(".") for part in rel.parts) or rel.parts[0] in SKIPPED_DIRS:
            continue                  # LibreOffice's lock file `.~lock.meetings.ods#` is one of these
        if path.name.startswith("~$"):
            continue                  # Excel's owner file beside an open workbook: not a workbook
        if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES and rel.as_posix() != "project.yaml":
            found.append(path)
    return found



def check_zip(path: Path, what: str) -> None:
    """Refuse a zip whose contents would be absurdly large before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = 0
            for info in zf.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_ZIP_RATIO and info.file_size > 10 * 2**20:
                    raise ReadError(f"the {what} expands {ratio:.0f} times over ({info.filename}); "
                                    "it looks like a zip bomb and was not opened")
            if total > MAX_ZIP_BYTES:
                raise ReadError(f"the {what} would expand to {total // 2**20} MB; bidkit opens up to "
                                f"{MAX_ZIP_BYTES // 2**20} MB")
    except zipfile.BadZipFile as exc:
        raise ReadError(f"this is not a real {what} (it may be a renamed file; open it in Excel or "
                        "LibreOffice and save it as .xlsx)") from exc

