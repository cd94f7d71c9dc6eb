"""Worker processes the batch controls: a deadline per file, and a worker that misses it is killed.

A document that sends the pipeline into a loop inside C code (a regular
expression, a parser) cannot be stopped by a signal handler, which only runs
between Python bytecodes. So each worker is a process of its own with its own
pipe; the parent knows which file each worker holds and since when, and a
worker still busy `grace` seconds after the file's time limit is killed
(SIGKILL) and replaced by a fresh one. A worker that dies by itself (segfault,
out-of-memory killer) costs its file an error record, never the batch.

Workers start from a fork server that has imported the pipeline once, so a
replacement is ready in milliseconds and no worker is forked from a parent
that runs threads (the progress bar).
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import time
from multiprocessing.connection import wait as wait_any
from pathlib import Path
from typing import Callable

from .limits import Limits
from .run import error_record, process_file, timeout_record

Task = Callable[[Path, float, Limits], list]
GRACE_SECONDS = 2.0


def _serve(conn, task: Task, seconds: float, limits: Limits) -> None:
    """A worker's life: files in, records out, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, path = job
        records = task(Path(path), seconds, limits)
        try:
            conn.send((index, records))
        except OSError:
            return


def _context():
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["pipeline.run"])
        return ctx
    return mp.get_context("spawn")


class _Worker:
    def __init__(self, ctx, task: Task, seconds: float, limits: Limits):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, task, seconds, limits), daemon=True)
        self.proc.start()
        child.close()
        self.job: tuple[int, Path, float] | None = None  # index, path, deadline

    def stop(self, force: bool) -> None:
        if not force:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class LocalPool:
    """`workers` processes; `submit` a file to an idle one, `wait` for what finishes or overruns."""

    name = "local"

    def __init__(self, workers: int, seconds: float, limits: Limits, task: Task = process_file,
                 grace: float = GRACE_SECONDS):
        self._ctx = _context()
        self._args = (task, seconds, limits)
        self.seconds = seconds
        self.grace = grace
        self.slots = max(1, workers)
        self.replaced = 0
        self._workers = [_Worker(self._ctx, *self._args) for _ in range(self.slots)]

    def submit(self, index: int, path: Path) -> None:
        worker = next(w for w in self._workers if w.job is None)
        worker.job = (index, path, time.monotonic() + self.seconds + self.grace)
        worker.conn.send((index, str(path)))

    def wait(self) -> list[tuple[int, list[dict]]]:
        """Block until at least one submitted file is done, failed, or past its deadline."""
        done: list[tuple[int, list[dict]]] = []
        while not done:
            busy = [w for w in self._workers if w.job]
            if not busy:
                return done
            left = min(w.job[2] for w in busy) - time.monotonic()
            ready = set(wait_any([w.conn for w in busy] + [w.proc.sentinel for w in busy], max(0.0, left)))
            now = time.monotonic()
            for w in busy:
                if w.conn in ready or w.proc.sentinel in ready:
                    done.append(self._collect(w))
                elif now >= w.job[2]:
                    done.append((w.job[0], [timeout_record(w.job[1], self.seconds)]))
                    self._replace(w)
        return done

    def _collect(self, w: _Worker) -> tuple[int, list[dict]]:
        index, path, _ = w.job
        try:
            result = w.conn.recv()
            w.job = None
            return result
        except (EOFError, OSError):
            w.proc.join()
            code = w.proc.exitcode
            self._replace(w)
            return index, [error_record(path, "internal_error",
                                        f"The worker process reading this file died (exit code {code}); "
                                        "the file may need more memory than the machine has; please report it.")]

    def _replace(self, w: _Worker) -> None:
        w.stop(force=True)
        self._workers[self._workers.index(w)] = _Worker(self._ctx, *self._args)
        self.replaced += 1

    def close(self) -> None:
        for w in self._workers:
            w.stop(force=w.job is not None)
        self._workers = []
