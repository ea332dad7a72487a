"""Each project in a process of its own, with a time and a memory limit: a crash, a loop or a runaway template
ends that process and becomes the project's "failed" record; the batch and the other projects go on.

On this machine the process is forked from a server that has already imported the renderers (the start-up a
separate `bidkit build` pays every time is paid once). A Dask worker is a daemon process, which Python does not let
start multiprocessing children, so there the project runs in a fresh `python -m bidkit.batch.isolate`, which
reads its spec as JSON on stdin and writes its record as the last line of stdout.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from .project import FAILED, build_project, record

KILLED_AFTER = 5          # seconds a process has to stop after SIGTERM before SIGKILL


def run_isolated(spec: dict) -> dict:
    """The project's record, from a process of its own; the process is gone when this returns."""
    import multiprocessing

    started = time.perf_counter()
    if multiprocessing.current_process().daemon:
        result = in_subprocess(spec)
    else:
        result = in_forked(spec)
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


def limits(spec: dict, parent: int) -> None:
    """In the project's process: end with the batch, the memory limit, the batch's SOURCE_DATE_EPOCH."""
    from ..build import start_worker

    os.environ.update(spec.get("env") or {})
    start_worker(int(spec["memory"]), parent) if spec.get("memory") else None


def serve_forked(spec: dict, connection, parent: int) -> None:
    """The forked process's target: build, send the record back."""
    limits(spec, parent)
    connection.send(build_project(spec))
    connection.close()


def server():
    import multiprocessing

    from ..render import preload

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*preload(), "bidkit.documents.charts", "bidkit.batch.project", "bidkit.build",
                                    "bidkit.pipeline"])
    return context


def in_forked(spec: dict) -> dict:
    context = server()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=serve_forked, args=(spec, send, os.getpid()), daemon=True,
                              name=f"bidkit-batch-{spec['name']}")
    process.start()
    send.close()
    try:
        if receive.poll(spec.get("timeout")):
            try:
                return receive.recv()
            except (EOFError, OSError):       # the process ended without a record: it crashed
                process.join(KILLED_AFTER)
                return record(spec, FAILED, reason=crashed(process.exitcode))
        end(process)
        return record(spec, FAILED, reason=timed_out(spec))
    finally:
        receive.close()
        end(process)


def end(process) -> None:
    if process.is_alive():
        process.terminate()
        process.join(KILLED_AFTER)
        if process.is_alive():
            process.kill()
    process.join()


def in_subprocess(spec: dict) -> dict:
    child = subprocess.Popen([sys.executable, "-m", "bidkit.batch.isolate", str(os.getpid())],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = child.communicate(json.dumps(spec), timeout=spec.get("timeout"))
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return record(spec, FAILED, reason=timed_out(spec))
    lines = stdout.strip().splitlines()
    try:
        found = json.loads(lines[-1]) if child.returncode == 0 and lines else None
    except ValueError:
        found = None
    return found if isinstance(found, dict) else record(spec, FAILED, reason=crashed(child.returncode))


def crashed(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            how = f"signal {signal.Signals(-code).name}"
        except ValueError:
            how = f"signal {-code}"
        if -code == signal.SIGKILL:
            how += ", often the system running out of memory"
    else:
        how = f"exit code {code}"
    return f"the process building it stopped unexpectedly ({how}); nothing was written"


def timed_out(spec: dict) -> str:
    return f"it took longer than the time limit of {spec.get('timeout'):g} s and was stopped; nothing was written"


def main() -> None:
    """`python -m bidkit.batch.isolate PARENT_PID`: one project, spec on stdin, record on stdout's last line."""
    spec = json.loads(sys.stdin.read())
    limits(spec, int(sys.argv[1]))
    result = build_project(spec)
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
