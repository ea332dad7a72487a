"""`bidkit check` on 20,000 meeting rows sent as a workbook (.xlsx, .ods, .xls) against the same rows as CSV,
and, in one run on the same .xlsx, python-calamine (what bidkit reads workbooks with) against openpyxl.

The workbooks hold the rows of benchmarks/measure.py's synthetic CSV with real date and number cells: the .xlsx
is written by openpyxl, the .ods and .xls by LibreOffice saving that .xlsx (skipped when `soffice` is missing).
Goal: check under 2 s on a 2-core machine, whatever the format.
Run: .venv/bin/python benchmarks/bench_workbook.py [ROWS]
"""
from __future__ import annotations

import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from measure import PYTHON, ROOT, machine, project_with_meetings, run


def write_xlsx(rows: list[list[str]], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Meetings")
    sheet.append(rows[0])
    for row in rows[1:]:
        day = datetime.strptime(row[0], "%d/%m/%Y").date()
        sheet.append([day, *row[1:5], int(row[5]), *row[6:]])
    book.save(path)


def convert(source: Path, fmt: str, filt: str, outdir: Path) -> Path:
    profile = Path(tempfile.mkdtemp(prefix="lo-bench-"))
    try:
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", filt, "--outdir", str(outdir), str(source)], check=True,
                       capture_output=True, timeout=900)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return outdir / f"{source.stem}.{fmt}"


def read_seconds(read, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def readers_compared(path: Path) -> list[str]:
    """One sheet of `path` read into rows by calamine (as bidkit does, with its sheet facts) and by openpyxl."""
    sys.path.insert(0, str(ROOT))
    import openpyxl

    from bidkit.evidence.spreadsheets import Workbook

    def calamine():
        book = Workbook(path)
        rows = book.grid("Meetings")
        book.close()
        return rows

    def openpyxl_read_only():
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = list(book["Meetings"].iter_rows(values_only=True))
        book.close()
        return rows

    assert len(calamine()) == len(openpyxl_read_only())
    fast, slow = read_seconds(calamine), read_seconds(openpyxl_read_only)
    return [f"read one sheet, in process (median of 3): calamine + sheet facts {fast:.2f} s, "
            f"openpyxl read-only {slow:.2f} s ({slow / fast:.0f}x slower)"]


def measure(rows: int = 20_000) -> list[str]:
    lines = [f"machine: {machine()}", f"rows: {rows:,} synthetic meetings + the example project"]
    env = {"PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = project_with_meetings(tmp / "csv", rows)
        source = base / "meetings-synthetic.csv"
        records = list(csv.reader(source.open(encoding="utf-8")))
        xlsx = tmp / "meetings-synthetic.xlsx"
        write_xlsx(records, xlsx)
        books = {"xlsx": xlsx}
        if shutil.which("soffice"):
            books["ods"] = convert(xlsx, "ods", "ods:calc8", tmp / "out")
            books["xls"] = convert(xlsx, "xls", "xls:MS Excel 97", tmp / "out")
        projects = {"csv": base}
        for fmt, book in books.items():
            folder = tmp / fmt
            shutil.copytree(base, folder)
            (folder / "meetings-synthetic.csv").unlink()
            shutil.copy(book, folder / f"meetings-synthetic.{fmt}")
            projects[fmt] = folder
        for fmt, folder in projects.items():
            check = run([PYTHON, "-m", "bidkit", "check", str(folder)], repeat=5, env=env)
            lines.append(f"bidkit check, rows as {fmt:<4}: {check['seconds']:.2f} s (median of 5; fastest "
                         f"{check['runs'][0]:.2f} s, slowest {check['runs'][-1]:.2f} s), {check['peak_mib']:.0f} MiB"
                         f"; goal under 2 s {'met' if check['seconds'] < 2 else 'MISSED'}")
        lines += readers_compared(xlsx)
    return lines


if __name__ == "__main__":
    os.chdir(ROOT)
    print("\n".join(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)))
