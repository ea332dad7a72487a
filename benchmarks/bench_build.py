"""Build speed and memory, as ratios against baselines measured in the same run on the same content.

  full build / bare libraries       bidkit build --force  vs  bare.py (docxtpl + WeasyPrint on the same content)
  no-op rebuild / full build        nothing changed: bidkit must skip without importing the renderers
  --jobs 2 / --jobs 1               parallel renders on this machine's cores
  bidkit PDF / LibreOffice          bidkit's three PDFs  vs  soffice converting bidkit's three DOCX
  scale series                      check and build with 100 to 10,000 extra meetings; report pages; peak memory
  check on 20,000 meetings          bench_check.py: bidkit check against reading the same CSV
  diff of the example with itself   bench_diff.py: bidkit diff against bidkit check of the example

Run: .venv/bin/python benchmarks/bench_build.py   (writes benchmarks/RESULTS.md)
"""
from __future__ import annotations

import datetime
import shutil
import sys
import tempfile
from pathlib import Path

import bench_check
import bench_diff
from measure import BIDKIT, EXAMPLE, PYTHON, ROOT, machine, project_with_meetings, run

EPOCH = {"SOURCE_DATE_EPOCH": "1552608000"}
HERE = Path(__file__).resolve().parent


def build(project: Path, out: Path, *options: str, repeat: int = 3) -> dict:
    return run([BIDKIT, "build", str(project), "--out", str(out), *options], repeat=repeat, env=EPOCH)


def prepare_bare(project: Path, out: Path, folder: Path) -> None:
    """bidkit's DOCX outputs and rendered HTML, laid out for bare.py."""
    sys.path.insert(0, str(ROOT))
    from bidkit.documents import DOCUMENTS, document
    from bidkit.documents.writer import Writer
    from bidkit.evidence import load
    from bidkit.figures import compute
    from bidkit.evidence.funders.profile import load_profile
    from bidkit.paths import shipped
    from bidkit.render.pdf import render_html
    from bidkit.render.templating import search_path

    ev = load(project)
    writer = Writer(ev, compute(ev), load_profile(ev.project.funder))
    shutil.copytree(shipped("templates"), folder / "templates")
    (folder / "docs").mkdir()
    html_dir = folder / "docs" / "html"
    shutil.copytree(shipped("templates") / "html", html_dir)
    shutil.copytree(shipped("templates") / "fonts", folder / "docs" / "fonts")
    for name in DOCUMENTS:
        html, _ = render_html(document(writer, name), search_path(project))
        (html_dir / f"{name}.html").write_text(html, encoding="utf-8")
        shutil.copy(out / f"{name}.docx", folder / "docs" / f"{name}.docx")


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> None:
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = tmp / "example"
        shutil.copytree(EXAMPLE, project)
        out = tmp / "out"
        full = build(project, out, "--force")
        prepare_bare(project, out, tmp / "bare")
        bare = run([PYTHON, str(HERE / "bare.py"), str(tmp / "bare" / "docs")])
        noop = build(project, out)
        shutil.rmtree(out / ".bidkit-cache")
        cold = build(project, out, "--force", repeat=1)
        jobs1 = build(project, out, "--force", "--jobs", "1")
        jobs2 = build(project, out, "--force", "--jobs", "2")
        pdf_only = build(project, out, "--force", "--format", "pdf", "--jobs", "1")
        office = None
        if shutil.which("soffice"):
            docs = [str(out / f"{d}.docx") for d in ("concept-paper", "project-report", "funding-proposal")]
            office = run(["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
                          "--outdir", str(tmp / "lo-out"), *docs])

        say(f"# Benchmark results\n\nMachine: {machine()}. Date: {datetime.date.today().isoformat()}. "
            "Median of 3 whole-process runs (`/usr/bin/time -v`; the scale series runs once), example project, "
            "`SOURCE_DATE_EPOCH` set.\n")
        say("| measure | seconds | peak MiB | ratio | goal |")
        say("|---|---:|---:|---:|---|")

        def row(name, m, ratio="", goal=""):
            say(f"| {name} | {m['seconds']:.2f} | {m['peak_mib']:.0f} | {ratio} | {goal} |")

        row("bare libraries (docxtpl + WeasyPrint, same content)", bare)
        row("full build, charts cached (`--force`)", full, f"{full['seconds'] / bare['seconds']:.2f} × bare",
            "≤ 1.10")
        row("full build, cold (no chart cache)", cold, f"{cold['seconds'] / bare['seconds']:.2f} × bare")
        row("no-op rebuild", noop, f"{noop['seconds'] / full['seconds']:.3f} × full", "≤ 0.05")
        row("`--jobs 1`", jobs1)
        row("`--jobs 2`", jobs2, f"{jobs2['seconds'] / jobs1['seconds']:.2f} × jobs 1", "≤ 0.65")
        row("bidkit, three PDFs only (`--jobs 1`)", pdf_only)
        if office:
            row("LibreOffice converting bidkit's three DOCX", office,
                f"{pdf_only['seconds'] / office['seconds']:.2f} (bidkit / LibreOffice)", "≤ 0.5")
        say()
        say("## Scale: extra synthetic meetings\n")
        say("| meetings | check s | check MiB | build s | build MiB | DOCX only s | report pages |")
        say("|---:|---:|---:|---:|---:|---:|---:|")
        for count in (100, 1_000, 3_000, 10_000):
            big = project_with_meetings(tmp / f"p{count}", count)
            check = run([BIDKIT, "check", str(big)], repeat=1)
            built = build(big, tmp / f"o{count}", "--doc", "project-report", "--force", repeat=1)
            word = build(big, tmp / f"o{count}", "--doc", "project-report", "--format", "docx", "--force", repeat=1)
            report_pages = pages(tmp / f"o{count}" / "project-report.pdf")
            say(f"| {count:,} | {check['seconds']:.2f} | {check['peak_mib']:.0f} | {built['seconds']:.2f} | "
                f"{built['peak_mib']:.0f} | {word['seconds']:.2f} | {report_pages} |")
        say("\nSeconds are the median of the timed runs, which run unobserved. Peak memory comes from one more "
            "run of the same command: the whole process tree's memory (the build, its forkserver and render "
            "workers together, as the sum of proportional set sizes so shared pages count once) sampled every "
            "100 ms, or `/usr/bin/time`'s maximum resident set of one process if that is larger.")
    say("\n## check on 20,000 meeting rows (benchmarks/bench_check.py)\n\n```")
    for line in bench_check.measure():
        say(line)
    say("```")
    say("\n## diff of the example against itself (benchmarks/bench_diff.py)\n\n```")
    for line in bench_diff.measure():
        say(line)
    say("```")
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
