"""A whole run: files → engine (worker pool or cluster) → one JSONL file, in path order.

Why it is shaped this way:
- Memory stays flat however many files there are: files are listed lazily
  (pipeline/walk.py) and at most `window` files are between "listed" and
  "written" at any time; a slow file holds back the writing, not the reading
  of an unbounded backlog.
- The output order is the file order, whatever the number of workers, because
  results wait in a small reorder buffer until every earlier file is written.
- Nothing is lost to a kill: each result goes into the cache as soon as it
  arrives (pipeline/cache.py), and the output is written to a hidden partial
  file renamed over the target only when complete, so the target is always
  either the previous complete output or the new one. Running again after a
  kill takes finished files from the cache and writes the output whole.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from .cache import ResultCache, file_sha256, pipeline_version
from .limits import DEFAULT, Limits
from .run import SECONDS_PER_FILE
from .walk import iter_files

OnResult = Callable[[Path, list[dict]], None]


class Engine(Protocol):
    """What a backend offers: `slots` files at once, each submitted, then collected by `wait`."""

    name: str
    slots: int

    def submit(self, index: int, path: Path) -> None: ...

    def wait(self) -> list[tuple[int, list[dict]]]: ...

    def close(self) -> None: ...


@dataclass
class BatchOptions:
    workers: int = 0  # 0: one per CPU core
    seconds: float = SECONDS_PER_FILE
    limits: Limits = DEFAULT
    cache_dir: Path | None = None  # None: no cache
    engine: str = "local"
    address: str | None = None  # scheduler of an existing Dask cluster

    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


@dataclass
class Summary:
    files: int = 0
    documents: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    cached: int = 0
    seconds: float = 0.0
    workers: int = 0
    engine: str = ""
    pipeline_version: str = ""

    def add(self, records: list[dict]) -> None:
        self.files += 1
        for rec in records:
            if "error" in rec:
                code = rec["error"]["code"]
                self.errors[code] = self.errors.get(code, 0) + 1
            else:
                self.documents += 1

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Item:
    """One file on its way: `ready` holds its records once known (from the cache or a worker)."""

    index: int
    path: Path
    sha256: str | None = None
    ready: list[dict] | None = None
    cached: bool = False


def limits_key(limits: Limits) -> str:
    """Nothing for the default limits, else a short fingerprint of them."""
    if limits == DEFAULT:
        return ""
    import hashlib

    return "+" + hashlib.sha256(repr(limits).encode()).hexdigest()[:12]


def open_engine(options: BatchOptions) -> Engine:
    if options.engine == "local":
        from .pool import LocalPool

        return LocalPool(options.worker_count(), options.seconds, options.limits)
    if options.engine == "dask":
        from .dask_engine import DaskPool

        return DaskPool(options.worker_count(), options.seconds, options.limits, options.address)
    raise ValueError(f"unknown engine {options.engine!r}: use 'local' or 'dask'")


class Deferred:
    """The engine, started at the first file that needs it: a fully cached re-run starts no worker."""

    def __init__(self, options: BatchOptions):
        self.options = options
        self.name = options.engine
        self.engine: Engine | None = None

    @property
    def slots(self) -> int:
        return self.engine.slots if self.engine else self.options.worker_count()

    def submit(self, index: int, path: Path) -> None:
        if self.engine is None:
            self.engine = open_engine(self.options)
        self.engine.submit(index, path)

    def wait(self) -> list[tuple[int, list[dict]]]:
        return self.engine.wait() if self.engine else []

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()


def look_up(index: int, path: Path, cache: ResultCache | None, max_bytes: int) -> Item:
    """The file as an Item, already answered when the cache holds its result."""
    item = Item(index, path)
    if cache is None:
        return item
    try:
        if path.stat().st_size > max_bytes:
            return item  # not worth hashing: the worker answers too_large at once
        item.sha256 = file_sha256(path)
    except OSError:
        return item  # the worker turns the same failure into an error record
    item.ready = cache.get(item.sha256, path)
    item.cached = item.ready is not None
    return item


def in_order(items: Iterator[Item], engine: Engine, window: int,
             on_arrival: Callable[[Item], None] = lambda item: None) -> Iterator[Item]:
    """Items (numbered 0, 1, 2, … in order) with their records, in that order.

    At most `window` items are held between being listed and being yielded,
    and at most `engine.slots` are with the engine at once.
    """
    pending: dict[int, Item] = {}
    next_out = 0
    busy = 0
    exhausted = False
    while True:
        while not exhausted and busy < engine.slots and len(pending) < window:
            item = next(items, None)
            if item is None:
                exhausted = True
                break
            pending[item.index] = item
            if item.ready is None:
                engine.submit(item.index, item.path)
                busy += 1
        while next_out in pending and pending[next_out].ready is not None:
            yield pending.pop(next_out)
            next_out += 1
        if busy == 0:
            if exhausted and not pending:
                return
            continue
        for index, records in engine.wait():
            busy -= 1
            pending[index].ready = records
            on_arrival(pending[index])


def window_for(slots: int) -> int:
    return max(32, 8 * slots)


def run_batch(inputs: Iterable[Path], out: Path, options: BatchOptions | None = None,
              on_result: OnResult | None = None) -> Summary:
    """Process every file under the inputs into `out` (JSONL); returns the counts."""
    options = options or BatchOptions()
    started = time.perf_counter()
    summary = Summary(engine=options.engine, pipeline_version=pipeline_version())
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    # Results depend on the limits too (a file refused as too_many_pages is read under a higher bound).
    cache = ResultCache(options.cache_dir, pipeline_version() + limits_key(options.limits)) if options.cache_dir else None
    engine = Deferred(options)

    def keep(item: Item) -> None:
        if cache is not None and item.sha256:
            cache.put(item.sha256, item.path, item.ready)

    try:
        items = (look_up(i, p, cache, options.limits.max_bytes) for i, p in enumerate(iter_files(inputs)))
        with partial.open("w", encoding="utf-8") as fh:
            for item in in_order(items, engine, window_for(engine.slots), keep):
                fh.writelines(json.dumps(rec, ensure_ascii=False) + "\n" for rec in item.ready)
                summary.add(item.ready)
                summary.cached += item.cached
                if on_result:
                    on_result(item.path, item.ready)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, out)
        summary.workers = engine.slots
    finally:
        engine.close()
        if cache is not None:
            cache.close()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
