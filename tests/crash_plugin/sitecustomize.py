"""Test-only, put on PYTHONPATH by tests/test_batch.py (never shipped, never on a user's path): a plugin that makes
the render of a document whose title holds CRASH-ON-RENDER end its process at once, as a segfaulting library would
(os._exit, no exception, no record), so the batch's handling of a crashed worker is tested on a real crash; one
with SLEEP-ON-RENDER hangs (a looping template), one with HOG-ON-RENDER asks for 64 GiB (a runaway template), and
one with KILL-WORKER-ON-RENDER kills the first process of its chain that loaded this plugin: on a Dask cluster, the
worker itself, as the machine running it would be lost."""
import importlib.abc
import importlib.machinery
import os
import sys

MARK = "CRASH-ON-RENDER"
# Each Python process started with this plugin adds its pid: the chain from the first (a Dask worker) down.
os.environ["CRASH_PLUGIN_PIDS"] = f"{os.environ.get('CRASH_PLUGIN_PIDS', '')} {os.getpid()}".strip()


def crashing(render):
    def wrapped(fmt, content, folders):
        title = str(getattr(content, "title", ""))
        if MARK in title:
            os._exit(70)
        if "KILL-WORKER-ON-RENDER" in title:
            import signal
            os.kill(int(os.environ["CRASH_PLUGIN_PIDS"].split()[0]), signal.SIGKILL)
            os._exit(71)
        if "SLEEP-ON-RENDER" in title:
            import time
            time.sleep(600)
        if "HOG-ON-RENDER" in title:
            hog = bytearray(64 * 2**30)
            return hog
        return render(fmt, content, folders)
    return wrapped


class Patch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "bidkit.render":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            module.render = crashing(module.render)
        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, Patch())
