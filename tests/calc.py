"""Reading a sheet the way LibreOffice Calc shows it: what a facilitator sees on opening the workbook."""
from __future__ import annotations

import csv
import subprocess
from pathlib import Path

# CSV export options: comma, double quote, UTF-8, from row 1, default column formats, quote text,
# detect special numbers, save cell contents as shown, export formulas (false), remove space, sheet number
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,{sheet}"


def sheet_as_csv(workbook: Path, sheet: int, tmp_path: Path) -> list[list[str]]:
    """Sheet `sheet` (1 = first) as LibreOffice Calc shows it, converted headless with its own profile."""
    out = tmp_path / "calc"
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                             "--convert-to", CSV_FILTER.format(sheet=sheet), "--outdir", str(out), str(workbook)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    produced = sorted(out.glob("*.csv"))
    assert produced, f"LibreOffice wrote no CSV: {result.stdout} {result.stderr}"
    with produced[0].open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))
