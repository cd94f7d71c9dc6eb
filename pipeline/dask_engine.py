"""The same run on a Dask cluster (`vanban run --engine dask`).

Dask rather than Ray: `dask[distributed]` is pure Python (a few MB on top of
what vanban already installs) where Ray ships a ~70 MB wheel with its own
object store and dashboard, and a Dask scheduler runs anywhere a Python runs.
The engine offers the batch the same three calls as the local pool (submit,
wait, close), so ordering, caching, the partial file and the summary are the
batch's and identical on both engines.

Without `--dask-address` a LocalCluster of `--workers` processes (one thread
each) is started and stopped with the run. Dask runs tasks in threads, where
the SIGALRM time limit cannot fire, so the deadline is kept here: a file still
running `--timeout` + grace seconds after it was handed out becomes a
`timeout` record and the worker process holding it is killed; its nanny
starts a fresh one.
"""
from __future__ import annotations

import importlib
import os
import signal
import time
from pathlib import Path

from .limits import Limits
from .pool import GRACE_SECONDS, Task
from .run import error_record, process_file, timeout_record


def read_file(path: str, seconds: float, limits: Limits) -> list[dict]:
    """The task a Dask worker runs: module-level so workers import it by name."""
    return process_file(Path(path), seconds, limits)


async def end_worker_process() -> None:
    """SIGKILL to the worker process itself (a coroutine: Dask runs those in the worker's event loop)."""
    os.kill(os.getpid(), signal.SIGKILL)


class DaskPool:
    name = "dask"

    def __init__(self, workers: int, seconds: float, limits: Limits, address: str | None = None,
                 grace: float = GRACE_SECONDS, task: Task = read_file):
        from distributed import Client, LocalCluster

        self._cluster = None
        if address is None:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=":0")
            address = self._cluster.scheduler_address
        self.client = Client(address)
        self.slots = max(1, sum(self.client.nthreads().values()))
        self.seconds, self.limits, self.grace = seconds, limits, grace
        self.task = task
        # Imports first, so that no file's deadline pays for them.
        self.client.run(importlib.import_module, task.__module__)
        self.replaced = 0
        self._running: dict = {}  # future -> (index, path, deadline)

    def submit(self, index: int, path: Path) -> None:
        future = self.client.submit(self.task, str(path), self.seconds, self.limits, pure=False)
        self._running[future] = (index, path, time.monotonic() + self.seconds + self.grace)

    def wait(self) -> list[tuple[int, list[dict]]]:
        from distributed import wait

        if not self._running:
            return []
        left = min(d for _, _, d in self._running.values()) - time.monotonic()
        try:
            wait(list(self._running), timeout=max(0.05, left), return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        done = [self._collect(f) for f in list(self._running) if f.done()]
        return done or self._expire()

    def _collect(self, future) -> tuple[int, list[dict]]:
        index, path, _ = self._running.pop(future)
        try:
            return index, future.result()
        except Exception as e:  # the worker died or the task could not run
            return index, [error_record(path, "internal_error",
                                        f"The Dask task for this file failed ({type(e).__name__}: {e}); "
                                        "please report it.")]

    def _expire(self) -> list[tuple[int, list[dict]]]:
        now = time.monotonic()
        late = [f for f, (_, _, deadline) in self._running.items() if now >= deadline]
        if not late:
            return []
        holders = {key: w for w, keys in self.client.processing().items() for key in keys}
        stuck = {holders[f.key] for f in late if f.key in holders}
        out = []
        for f in late:
            index, path, _ = self._running.pop(f)
            f.cancel()
            out.append((index, [timeout_record(path, self.seconds)]))
        if stuck:
            # Run in the worker's event loop, which a stuck task thread does not block;
            # the nanny then starts a fresh worker process.
            self.client.run(end_worker_process, workers=sorted(stuck), wait=False)
            self.replaced += len(stuck)
        return out

    def close(self) -> None:
        for f in self._running:
            f.cancel()
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
