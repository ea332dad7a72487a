"""From a project folder to written documents: what is out of date, render in parallel, write atomically.

Each output's inputs (evidence files, templates, funder profiles, bidkit's version and code, the options) are hashed
into a manifest in the output folder; an output whose hash has not changed is skipped without reading the
evidence, so a no-op build imports neither WeasyPrint nor docxtpl. Every file is rendered before any is
replaced, so a failed build leaves the previous outputs as they were.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .documents import DOCUMENTS
from .paths import FUNDERS, template_folders
from .output import check_folder, clean_temporary, commit, locked, make_folder, write_atomic
from .i18n.catalogue import N_
from .problems import BidkitError, Message
from .render import FORMATS, WORKBOOK
from .version import __version__

MANIFEST = ".bidkit-manifest.json"
CACHE = ".bidkit-cache"
RENDER_SECONDS = int(os.environ.get("BIDKIT_RENDER_TIMEOUT", "300"))       # per document and format
CHART_SECONDS = max(RENDER_SECONDS, 120)     # charts are bidkit's own code: only the machine can slow them
RENDER_MEMORY_MB = int(os.environ.get("BIDKIT_RENDER_MEMORY_MB", "3072"))  # address space of a render process


@dataclass
class Result:
    name: str                   # file name, e.g. project-report.pdf
    seconds: float = 0.0
    skipped: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass
class Report:
    results: list[Result]
    evidence_warnings: list = field(default_factory=list)
    seconds: float = 0.0
    figures: dict | None = None     # the counted figures, when the build read the evidence

    @property
    def written(self) -> list[Result]:
        return [r for r in self.results if not r.skipped]


def tree_files(folder: Path) -> list[Path]:
    """Regular files only: a link, pipe or device in a project is not read to decide what is out of date."""
    import stat

    def regular(path: Path) -> bool:
        try:
            return stat.S_ISREG(path.lstat().st_mode)
        except OSError:
            return False

    return sorted(p for p in folder.rglob("*") if "__pycache__" not in p.parts and regular(p)) \
        if folder.is_dir() and not folder.is_symlink() else []


def input_files(project: Path, folders: list[Path]) -> list[Path]:
    """Everything an output may depend on: the project folder (less templates/outputs), templates, funder profiles
    and the catalogues (a corrected translation rebuilds the documents in that language)."""
    from .i18n.catalogue import LOCALE_DIR

    files = [p for p in tree_files(project)
             if not any(part.startswith(".") or part == "outputs" for part in p.relative_to(project).parts)]
    for folder in [*folders, FUNDERS, LOCALE_DIR]:
        files += tree_files(folder)
    return sorted(set(files))


@lru_cache(maxsize=4)
def code_version(package: Path = Path(__file__).resolve().parent) -> str:
    """bidkit's version and a hash of its own code: an upgraded or edited bidkit rebuilds everything, even
    when the version number has not moved (an editable install, a patched copy)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def file_digests(files: list[Path]) -> dict[Path, bytes]:
    """Each input's SHA-256, read in chunks and once per build (a large file left in the project folder, a video
    say, costs time to hash, never its size in memory, and is not read again for every output)."""
    found = {}
    for path in files:
        with open(path, "rb") as handle:
            found[path] = hashlib.file_digest(handle, "sha256").digest()
    return found


def fingerprint(files: list[Path], options: dict, digests: dict[Path, bytes] | None = None) -> str:
    digests = digests if digests is not None else file_digests(files)
    digest = hashlib.sha256()
    digest.update(json.dumps({"bidkit": code_version(), **options}, sort_keys=True).encode())
    for path in files:
        digest.update(str(path).encode() + b"\0" + digests[path])
    return digest.hexdigest()


def start_worker(megabytes: int, build_pid: int) -> None:
    """In each render process: a template or input that tries to eat the machine gets a MemoryError, and the
    process ends when the build does, even when the build is killed outright (SIGKILL, the OOM killer), so a
    looping template cannot outlive it. (The worker server stays up while any worker holds its pipe, so the
    workers watch the build itself rather than their parent.)"""
    import resource

    watch(build_pid)                    # first: a thread's stack must fit under the limit set next
    limit = megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def watch(pid: int) -> None:
    """A daemon thread that ends this process the moment process `pid` exits (Linux: a pidfd, no polling)."""
    import select
    import threading

    def wait_then_exit(wait) -> None:
        wait()
        os._exit(1)

    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):           # not Linux 5.3+: look once a second instead
        def wait() -> None:
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
                time.sleep(1)
    else:
        def wait() -> None:
            select.select([fd], [], [])
    threading.Thread(target=wait_then_exit, args=(wait,), daemon=True, name="bidkit-watch-build").start()


def out_of_memory(exc: BaseException) -> bool:
    """Under the memory limit, a library may fail while loading rather than with a MemoryError."""
    return isinstance(exc, MemoryError) or (isinstance(exc, (ImportError, OSError)) and any(
        phrase in str(exc) for phrase in ("failed to map segment", "Cannot allocate memory")))


def in_worker(function):
    """Runs `function` in a render process, turning running out of memory into MemoryError."""
    def run(*args):
        try:
            return function(*args)
        except Exception as exc:
            if out_of_memory(exc):
                raise MemoryError(str(exc)) from None
            raise
    return run


def _draw_chart(spec: tuple[str, tuple]):
    from .documents import charts

    function, args = spec
    return getattr(charts, function)(*args)


def draw_chart(spec: tuple[str, tuple]):
    """In a worker process: one chart."""
    return in_worker(_draw_chart)(spec)


def chart_key(spec: tuple[str, tuple]) -> str:
    return hashlib.sha256(json.dumps([code_version(), spec], default=str).encode()).hexdigest()[:32]


def cached_charts(out: Path, specs: dict[str, tuple], executor) -> dict:
    """Charts whose data has not changed come from the output folder's cache (plain JSON, never pickle);
    the others are drawn in the worker processes, side by side."""
    import base64

    from .documents.content import Chart

    cache = out / CACHE
    cache.mkdir(exist_ok=True)
    found, missing = {}, {}
    for name, spec in specs.items():
        path = cache / f"chart-{chart_key(spec)}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found[name] = Chart(data["id"], data["title"], data["alt"], base64.b64decode(data["png"]), data["svg"],
                                data["width_cm"], data["height_cm"])
        except (OSError, ValueError, KeyError, TypeError):
            missing[name] = spec
    try:
        drawn = dict(zip(missing, executor.map(draw_chart, missing.values(), timeout=CHART_SECONDS)))
    except MemoryError:
        raise BidkitError(f"drawing the charts needed more than {RENDER_MEMORY_MB} MiB and was stopped "
                          "(set BIDKIT_RENDER_MEMORY_MB to allow more)") from None
    except TimeoutError:     # concurrent.futures.TimeoutError is TimeoutError since Python 3.11
        raise BidkitError(f"drawing the charts took longer than {CHART_SECONDS} s and was stopped") from None
    for name, chart in drawn.items():
        record = {"id": chart.id, "title": chart.title, "alt": chart.alt, "svg": chart.svg,
                  "png": base64.b64encode(chart.png).decode("ascii"), "width_cm": chart.width_cm,
                  "height_cm": chart.height_cm}
        write_atomic(cache / f"chart-{chart_key(missing[name])}.json", json.dumps(record).encode())
    keep = {f"chart-{chart_key(spec)}.json" for spec in specs.values()}
    for old in cache.glob("chart-*.json"):
        if old.name not in keep:
            old.unlink(missing_ok=True)
    return {**found, **drawn}


def render_one(task: tuple) -> tuple[bytes, list[str], float]:
    """In a worker process: one document in one format."""
    return in_worker(_render_one)(task)


def _render_one(task: tuple) -> tuple[bytes, list[str], float]:
    from .render import render

    content, fmt, folders = task
    started = time.perf_counter()
    data, warnings = render(fmt, content, folders)
    return data, warnings, time.perf_counter() - started


def planned(docs: list[str] | None, formats: list[str], langs: list[str] | None = None,
            main: str | None = None) -> list[str]:
    """The output names a build of these documents, formats and languages writes, from the two registries: the
    main language keeps the plain names, another is `NAME.cy.pdf`; the data file and the workbook, one each."""
    from .i18n.names import output_name

    langs = list(dict.fromkeys(langs or ["en"]))
    main = main or langs[0]
    wanted = list(dict.fromkeys(docs or DOCUMENTS))
    names = [output_name(d, f, lang, main) for lang in langs for d in wanted for f in formats]
    names += [DOCUMENTS[d].data_file for d in wanted if DOCUMENTS[d].data_file]
    if not docs:
        names.append(WORKBOOK)
    return names


def build(project: Path, out: Path, docs: list[str] | None = None, formats: list[str] | None = None,
          jobs: int | None = None, force: bool = False,
          on_result: Callable[[Result], None] | None = None, executor=None,
          langs: list[str] | None = None) -> Report:
    """Build what is out of date. Raises EvidenceInvalid (nothing written) or BidkitError. `executor` renders
    instead of a pool of `jobs` processes (the batch's project process passes one that renders in itself)."""
    started = time.perf_counter()
    project = Path(project)
    if not project.is_dir():
        raise BidkitError(Message(N_("there is no project folder at '{folder}'"), {"folder": str(project)}))
    out = Path(out)
    check_folder(project, out)
    make_folder(out)
    formats = list(dict.fromkeys(formats or FORMATS))
    folders = template_folders(project)
    report = Report([])
    with locked(out):
        clean_temporary(out)
        manifest_path = out / MANIFEST
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        files = input_files(project, folders)
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        from .i18n.names import languages_of

        languages = languages_of(project)
        unknown = [lang for lang in langs or [] if lang not in languages]
        if unknown:
            raise BidkitError(Message(N_("project.yaml has languages: [{languages}]; add {unknown} to it (and "
                                         "write narrative/{first}/) to build in {unknown}"),
                                      {"languages": ", ".join(languages), "unknown": ", ".join(unknown),
                                       "first": unknown[0]}))
        names = planned(docs, formats, [lang for lang in languages if not langs or lang in langs], languages[0])
        try:
            digests = file_digests(files)
        except OSError as exc:
            raise BidkitError(f"cannot read {exc.filename} to see whether the documents are up to date "
                              f"({exc.strerror or exc})") from None
        keys = {n: fingerprint(files, {"output": n, "epoch": epoch}, digests) for n in names}
        stale = [n for n in names if force or manifest.get(n) != keys[n] or not (out / n).is_file()]
        for name in names:
            if name not in stale:
                result = Result(name, skipped=True)
                report.results.append(result)
                on_result and on_result(result)
        if not stale:
            report.seconds = time.perf_counter() - started
            return report

        outputs, evidence_warnings = render_stale(project, out, folders, stale, docs, jobs, report, on_result,
                                                  executor)
        report.evidence_warnings = evidence_warnings
        manifest.update({name: keys[name] for name in outputs})
        outputs[MANIFEST] = json.dumps(manifest, indent=2, sort_keys=True).encode()   # renamed last
        commit(out, outputs)
    report.seconds = time.perf_counter() - started
    return report


def pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    from .render import preload

    # forkserver: workers do not inherit the output folder's lock, so a killed build never leaves it held
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*preload(), "bidkit.documents.charts"])   # charts are drawn in the workers too
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=start_worker, initargs=(RENDER_MEMORY_MB, os.getpid()))


def stop(executor: ProcessPoolExecutor) -> None:
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)


def render_all(tasks: list[tuple[str, tuple]], executor: ProcessPoolExecutor):
    """Render with a time and memory limit each; yields results in task order."""
    from concurrent.futures import TimeoutError as Timeout
    from concurrent.futures.process import BrokenProcessPool

    futures = [(name, executor.submit(render_one, task)) for name, task in tasks]
    for name, future in futures:
        try:
            data, warnings, seconds = future.result(timeout=RENDER_SECONDS)
        except Timeout:
            raise BidkitError(f"rendering {name} took longer than {RENDER_SECONDS} s and was stopped; "
                              "a template may loop or the evidence may be far larger than expected") from None
        except MemoryError:
            raise BidkitError(f"rendering {name} needed more than {RENDER_MEMORY_MB} MiB and was stopped "
                              "(set BIDKIT_RENDER_MEMORY_MB to allow more)") from None
        except BrokenProcessPool:
            raise BidkitError(f"the process rendering {name} stopped unexpectedly (out of memory?); "
                              "nothing was written") from None
        yield name, data, warnings, seconds


def render_stale(project: Path, out: Path, folders: list[Path], stale: list[str], docs: list[str] | None,
                 jobs: int | None, report: Report, on_result, executor=None) -> tuple[dict[str, bytes], list]:
    from .pipeline import open_project

    drafts = open_project(project)
    report.figures = drafts.figures.counted()
    stale = drafts.without_unwritable(stale, docs)
    outputs: dict[str, bytes] = {}
    for name in stale:
        started = time.perf_counter()
        data = drafts.data(name)
        if data is not None:
            outputs[name] = data
            result = Result(name, time.perf_counter() - started)
            report.results.append(result)
            on_result and on_result(result)
    renders = [n for n in stale if n not in outputs]
    if not renders:
        return outputs, drafts.evidence.warnings
    own = executor is None
    if own:
        executor = pool(max(1, min(jobs or os.cpu_count() or 1, len(renders))))
    try:
        langs = list(dict.fromkeys(drafts.language_of(n) for n in renders if n != WORKBOOK))
        drafts.use_charts(cached_charts(out, drafts.chart_specs(langs), executor))
        # longest first (PDFs, the report first), so two workers finish together
        renders.sort(key=lambda n: (not n.endswith(".pdf"), n != "project-report.pdf"))
        tasks = [(name, (content, fmt, folders)) for name, (fmt, content) in drafts.contents(renders).items()]
        for name, data, warnings, seconds in render_all(tasks, executor):
            outputs[name] = data
            result = Result(name, seconds, warnings=warnings)
            report.results.append(result)
            on_result and on_result(result)
    finally:
        own and stop(executor)
    return outputs, drafts.evidence.warnings
