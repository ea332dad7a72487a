"""One project of a batch, in a process of its own: the ordinary build into OUT/<name>/, as a plain record.

This runs in the process `isolate.py` starts for the project (on this machine or on a Dask worker), under that
project's time and memory limits, so whatever the project's files or templates do ends with that process. Nothing
here prints: the record (a dict of plain values, the same on every engine) is the answer.
"""
from __future__ import annotations

import time
from concurrent.futures import Executor, Future
from pathlib import Path

BUILT, UP_TO_DATE, HAS_ERRORS, FAILED = "built", "up to date", "has errors", "failed"
STATES = (BUILT, UP_TO_DATE, HAS_ERRORS, FAILED)
PARTNER_REPORTS = "partner-reports"     # OUT/<name>/partner-reports/ with --by-partner


class OutOfMemory(Exception):
    """A render reached the project's memory limit (not a MemoryError, so the build's own message, which names
    the build's limit and setting, leaves it to the batch to say which limit it was)."""


class InProcess(Executor):
    """Renders in the calling process, one output after another: the project's process is already the isolated,
    limited worker, so a pool inside it would only pay start-up again."""

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except MemoryError:
            future.set_exception(OutOfMemory())
        except Exception as exc:        # noqa: BLE001 (handed to whoever reads the future, as a pool does)
            future.set_exception(exc)
        return future


def record(spec: dict, state: str, seconds: float = 0.0, reason: str = "", errors: int = 0, warnings: int = 0,
           written: int = 0, up_to_date: int = 0, figures: dict | None = None) -> dict:
    return {"project": spec["relative"], "name": spec["name"], "state": state, "errors": errors,
            "warnings": warnings, "written": written, "up_to_date": up_to_date, "seconds": round(seconds, 3),
            "reason": reason, "figures": figures or {}}


def build_project(spec: dict) -> dict:
    """Build one project; every outcome (errors, a refusal, running out of memory, a bug) is a record."""
    from ..problems import BidkitError, EvidenceInvalid

    started = time.perf_counter()
    try:
        return built(spec, started)
    except EvidenceInvalid as exc:
        from ..problems import errors, warnings

        if spec.get("by_partner"):
            partner_reports(spec, exc.problems)
        count = len(errors(exc.problems))
        return record(spec, HAS_ERRORS, time.perf_counter() - started, f"{count} error{'s' if count != 1 else ''} "
                      "in the evidence; nothing was written", count, len(warnings(exc.problems)))
    except BidkitError as exc:
        return record(spec, FAILED, time.perf_counter() - started, str(exc))
    except (MemoryError, OutOfMemory):
        return record(spec, FAILED, time.perf_counter() - started, f"it needed more than the memory limit of "
                      f"{spec.get('memory')} MiB and was stopped (--memory allows more); nothing was written")
    except Exception as exc:  # noqa: BLE001 (one project's bug must not stop the others: it is reported)
        return record(spec, FAILED, time.perf_counter() - started,
                      f"internal error ({type(exc).__name__}: {exc}); nothing was written")


def built(spec: dict, started: float) -> dict:
    from ..build import build

    project, out = Path(spec["project"]), Path(spec["out"])
    report = build(project, out, spec.get("docs"), spec.get("formats"), 1, bool(spec.get("force")),
                   executor=InProcess())
    written = len(report.written)
    figures, warnings = report.figures, len(report.evidence_warnings)
    previous = spec.get("previous") or {}
    problems = report.evidence_warnings
    if figures is None:             # nothing was out of date, so the evidence was not read
        if previous.get("state") in (BUILT, UP_TO_DATE) and previous.get("figures") and not spec.get("by_partner"):
            figures, warnings = previous["figures"], previous.get("warnings", 0)
        else:
            from ..pipeline import open_project

            drafts = open_project(project)
            figures, problems, warnings = drafts.figures.counted(), drafts.evidence.warnings, \
                len(drafts.evidence.warnings)
    if spec.get("by_partner"):
        partner_reports(spec, problems)
    return record(spec, BUILT if written else UP_TO_DATE, time.perf_counter() - started, warnings=warnings,
                  written=written, up_to_date=len(report.results) - written, figures=figures)


def partner_reports(spec: dict, problems: list) -> None:
    """`check --by-partner`'s reports for this project, into OUT/<name>/partner-reports/."""
    from ..output import write_partner_reports

    write_partner_reports(Path(spec["project"]), problems, Path(spec["out"]) / PARTNER_REPORTS)
