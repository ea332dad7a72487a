"""Where the projects run: a local pool of `jobs` project processes, or a Dask distributed cluster.

Both engines run the same function on each project's spec (`isolate.run_isolated`: the project in a process of
its own, under its limits) and hand each record to `on_record` as it arrives, in the order they finish. On Dask
the scheduler does the queueing, the placement and the retry of a worker that was lost; a project whose worker is
lost more often than the scheduler allows (`distributed.scheduler.allowed-failures`) is reported failed.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Callable

from ..problems import BidkitError
from .isolate import run_isolated
from .project import FAILED, record

CONNECT_SECONDS = 30


def local(specs: list[dict], jobs: int, on_record: Callable[[dict], None]) -> list[dict]:
    """`jobs` projects at a time, each in its own process forked from one preloaded server."""
    results = []
    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="bidkit-batch") as threads:
        futures = {threads.submit(run_isolated, spec): spec for spec in specs}
        for future in as_completed(futures):
            try:
                found = future.result()
            except Exception as exc:  # noqa: BLE001 (starting a process can fail: that project fails, not all)
                found = record(futures[future], FAILED, reason=f"could not start its process ({exc})")
            results.append(found)
            on_record(found)
    return results


def security_for(address: str, ca_file: str | None, cert: str | None, key: str | None):
    """Dask's Security: the certificates given, else those in Dask's own configuration (distributed.comm.tls)."""
    from distributed.security import Security

    if not (ca_file or cert or key):
        return Security()                # reads distributed.comm.tls.* from Dask's configuration
    if not (ca_file and cert and key):
        raise BidkitError("a tls:// scheduler needs all three of --tls-ca-file, --tls-cert and --tls-key "
                          "(or none, to use Dask's configuration)")
    if not address.startswith("tls://"):
        raise BidkitError("--tls-ca-file, --tls-cert and --tls-key are for a tls:// scheduler address")
    return Security(tls_ca_file=ca_file, tls_client_cert=cert, tls_client_key=key, require_encryption=True)


def connect(address: str, security=None):
    try:
        from distributed import Client
    except ImportError:
        raise BidkitError("--scheduler needs Dask's distributed package: pip install 'bidkit[cluster]'") from None
    if "://" not in address:
        raise BidkitError(f"'{address}' is not a scheduler address; write it as tcp://HOST:PORT or tls://HOST:PORT")
    try:
        return Client(address, security=security, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BidkitError(f"cannot reach the Dask scheduler at {address} ({exc})") from None


def cluster(specs: list[dict], client, on_record: Callable[[dict], None]) -> list[dict]:
    """Each project as one Dask task on `client`'s cluster (closed at the end); the records as tasks finish."""
    from distributed import as_completed as finished
    from distributed.scheduler import KilledWorker

    results = []
    try:
        futures = {}
        for spec in specs:
            # pure=False: a rebuild after an edit is a new task, never an old result from the scheduler's memory
            future = client.submit(run_isolated, spec, key=f"bidkit-batch-{spec['name']}-{spec['token']}",
                                   pure=False, retries=0)
            futures[future.key] = (future, spec)
        for future in finished([f for f, _ in futures.values()]):
            spec = futures[future.key][1]
            try:
                found = future.result()
            except KilledWorker:
                found = record(spec, FAILED, reason="the Dask workers building it were lost more often than the "
                               "scheduler allows (distributed.scheduler.allowed-failures); nothing was written")
            except Exception as exc:  # noqa: BLE001 (a worker without bidkit, a lost connection: that project)
                found = record(spec, FAILED, reason=f"on the cluster: {type(exc).__name__}: {exc}")
            results.append(found)
            on_record(found)
    finally:
        client.close()
    return results
