"""Batch runs: order, cache, resumption after SIGKILL, hard time limits, size limits, Dask.

Inputs are copies of the seed corpus, each made unique by an appended line
that says it is a synthetic copy, so the cache cannot answer one copy with
another's result.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import BatchOptions, Item, in_order, run_batch
from pipeline.limits import Limits
from pipeline.cache import ResultCache, pipeline_version, source_fingerprint
from pipeline.cli import app
from pipeline.pool import LocalPool
from pipeline.run import process_file
from pipeline.walk import iter_files

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
runner = CliRunner()


def make_copies(folder: Path, n: int) -> list[Path]:
    """`n` distinct files spread over two sub-folders, from the seed documents."""
    paths = []
    for i in range(n):
        sub = folder / ("b" if i % 2 else "a-x")
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"doc{i:03d}.txt"
        p.write_text(SEEDS[i % len(SEEDS)].read_text("utf-8") + f"\n(synthetic copy {i} for batch tests)\n", "utf-8")
        paths.append(p)
    return paths


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def order_key(rec: dict) -> tuple:
    return Path(rec["source"]["path"]).parts, rec["source"]["part"]


def test_walk_is_sorted_skips_hidden_and_survives_symlink_loops(tmp_path):
    for rel in ("a/b.txt", "a-b.txt", "a/c/d.txt", "z.txt", ".hidden.txt", "a/.git/x.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    (tmp_path / "a" / "c" / "loop").symlink_to(tmp_path)  # a folder that contains itself
    files = list(iter_files([tmp_path / "z.txt", tmp_path, tmp_path / "a"]))
    assert files == sorted(files)
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a/b.txt", "a/c/d.txt", "a-b.txt", "z.txt"]


def test_output_is_the_same_sorted_stream_for_one_and_two_workers(tmp_path):
    make_copies(tmp_path / "in", 6)
    (tmp_path / "in" / "b" / "empty.txt").write_bytes(b"")
    outs = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}.jsonl"
        summary = run_batch([tmp_path / "in"], out, BatchOptions(workers=workers))
        assert (summary.files, summary.errors) == (7, {"empty": 1})
        assert summary.documents == sum("error" not in r for r in lines(out)) >= 6
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    records = lines(tmp_path / "w2.jsonl")
    assert [order_key(r) for r in records] == sorted(order_key(r) for r in records)


def test_rerun_takes_unchanged_files_from_the_cache_and_redoes_changed_ones(tmp_path):
    paths = make_copies(tmp_path / "in", 4)
    cache = tmp_path / "cache"
    fresh = tmp_path / "fresh.jsonl"
    run_batch([tmp_path / "in"], fresh, BatchOptions(workers=1))
    first = run_batch([tmp_path / "in"], tmp_path / "1.jsonl", BatchOptions(workers=1, cache_dir=cache))
    again = run_batch([tmp_path / "in"], tmp_path / "2.jsonl", BatchOptions(workers=1, cache_dir=cache))
    assert (first.cached, again.cached) == (0, 4)
    assert (tmp_path / "2.jsonl").read_bytes() == fresh.read_bytes()
    paths[0].write_text(paths[0].read_text("utf-8") + "(edited)\n", "utf-8")
    third = run_batch([tmp_path / "in"], tmp_path / "3.jsonl", BatchOptions(workers=1, cache_dir=cache))
    assert third.cached == 3
    assert ResultCache(cache, version="another pipeline").get(lines(fresh)[1]["source"]["sha256"], paths[1]) is None


def test_a_moved_file_comes_from_the_cache_under_its_new_path(tmp_path):
    make_copies(tmp_path / "in", 2)
    cache = tmp_path / "cache"
    run_batch([tmp_path / "in"], tmp_path / "1.jsonl", BatchOptions(workers=1, cache_dir=cache))
    (tmp_path / "in" / "a-x").rename(tmp_path / "in" / "moved")
    again = run_batch([tmp_path / "in"], tmp_path / "2.jsonl", BatchOptions(workers=1, cache_dir=cache))
    assert again.cached == 2
    assert {Path(r["source"]["path"]).parent.name for r in lines(tmp_path / "2.jsonl")} == {"moved", "b"}


def test_pipeline_version_follows_the_source_code(tmp_path):
    pkg = tmp_path / "pipeline"
    pkg.mkdir()
    (pkg / "stage.py").write_text("X = 1\n")
    before = source_fingerprint([pkg])
    (pkg / "stage.py").write_text("X = 2\n")
    assert source_fingerprint([pkg]) != before
    assert pipeline_version().startswith("0.") and pipeline_version() == pipeline_version()


def hang_on_marker(path: Path, seconds: float, limits: Limits) -> list[dict]:
    """A worker task that hangs where no signal handler can stop it, for files named HANG."""
    if "HANG" in path.name:
        (path.parent / "hung.pid").write_text(str(os.getpid()))
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(120)
    return process_file(path, seconds, limits)


def test_a_hung_worker_is_killed_replaced_and_its_file_recorded_as_timeout(tmp_path):
    files = [tmp_path / name for name in ("HANG.txt", "doc000.txt", "doc001.txt", "doc002.txt")]
    for i, p in enumerate(files):  # short synthetic texts: quick to read even on a loaded machine
        p.write_text(f"Số: {i}/KH-UBND\nKẾ HOẠCH\nThử nghiệm (synthetic)\n", "utf-8")
    pool = LocalPool(workers=2, seconds=2.0, limits=Limits(max_bytes=10**7), task=hang_on_marker, grace=0.5)
    try:
        done = list(in_order((Item(i, p) for i, p in enumerate(files)), pool, window=8))
    finally:
        pool.close()
    codes = {item.path.name: item.ready[0].get("error", {}).get("code") for item in done}
    assert [item.path for item in done] == files
    assert codes == {"HANG.txt": "timeout", "doc000.txt": None, "doc001.txt": None, "doc002.txt": None}
    assert pool.replaced == 1
    pid = int((tmp_path / "hung.pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def slow_on_marker(path: Path, seconds: float, limits: Limits) -> list[dict]:
    if "SLOW" in path.name:
        time.sleep(1.0)
    return process_file(path, seconds, limits)


def test_a_slow_file_holds_back_at_most_a_window_of_files(tmp_path):
    files = [tmp_path / f"{i:03d}{'-SLOW' if i == 0 else ''}.txt" for i in range(60)]
    for p in files:
        p.write_bytes(b"")  # empty: each answered in microseconds, except the slow one
    pulled = 0

    def items():
        nonlocal pulled
        for i, p in enumerate(files):
            pulled += 1
            yield Item(i, p)

    pool = LocalPool(workers=2, seconds=30, limits=Limits(max_bytes=10**7), task=slow_on_marker)
    try:
        stream = in_order(items(), pool, window=10)
        first = next(stream)
        assert first.path == files[0] and pulled <= 10
        assert [item.path for item in [first, *stream]] == files
    finally:
        pool.close()


def test_size_limit_timeout_option_and_summary_file(tmp_path):
    make_copies(tmp_path / "in", 2)
    (tmp_path / "in" / "small.txt").write_text("Số: 1/KH-UBND\n", "utf-8")
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(out), "--quiet", "--workers", "1",
                                 "--max-bytes", "1000", "--timeout", "30", "--summary", str(summary)])
    assert result.exit_code == 3, result.output  # finished, with error records
    data = json.loads(summary.read_text("utf-8"))
    assert (data["files"], data["errors"]) == (3, {"too_large": 2})
    assert {r["error"]["code"] for r in lines(out) if "error" in r} == {"too_large"}
    assert (tmp_path / ".vanban-cache" / "results.sqlite").exists()


def cached_rows(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=5) as con:
        try:
            return con.execute("SELECT count(*) FROM results").fetchone()[0]
        except sqlite3.OperationalError:  # table not created yet
            return 0


def test_a_run_killed_with_sigkill_resumes_and_writes_every_file_once(tmp_path):
    n = 8
    make_copies(tmp_path / "in", n)
    out, cache = tmp_path / "out" / "records.jsonl", tmp_path / "cache"
    exe = Path(sys.executable).with_name("vanban")
    cmd = [str(exe), "run", str(tmp_path / "in"), "--out", str(out), "--quiet", "--workers", "1",
           "--cache", str(cache), "--summary", str(tmp_path / "summary.json")]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while cached_rows(cache / "results.sqlite") < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run, its fork server and its workers
        proc.wait()
    assert not out.exists()  # the target is only ever a complete output
    done_before = cached_rows(cache / "results.sqlite")
    assert 2 <= done_before < n

    subprocess.run(cmd, check=True, timeout=300, capture_output=True)
    records = lines(out)
    parts: dict[str, list[int]] = {}
    for r in records:
        parts.setdefault(r["source"]["path"], []).append(r["source"]["part"])
    assert sorted(parts) == sorted(str(p) for p in iter_files([tmp_path / "in"]))
    assert all(got == list(range(len(got))) for got in parts.values())  # every part once
    assert [order_key(r) for r in records] == sorted(order_key(r) for r in records)
    assert json.loads((tmp_path / "summary.json").read_text("utf-8"))["cached"] >= done_before


def test_dask_engine_on_two_local_workers_writes_what_the_local_engine_writes(tmp_path):
    pytest.importorskip("distributed")
    make_copies(tmp_path / "in", 4)
    (tmp_path / "in" / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch([tmp_path / "in"], local, BatchOptions(workers=2))
    summary = run_batch([tmp_path / "in"], dask, BatchOptions(workers=2, engine="dask"))
    assert (summary.engine, summary.workers, summary.files) == ("dask", 2, 5)
    assert dask.read_bytes() == local.read_bytes()


def test_dask_engine_restarts_a_worker_stuck_past_the_deadline(tmp_path):
    pytest.importorskip("distributed")
    from pipeline.dask_engine import DaskPool

    files = [tmp_path / name for name in ("HANG.txt", "doc000.txt", "doc001.txt")]
    for i, p in enumerate(files):
        p.write_text(f"Số: {i}/KH-UBND\nKẾ HOẠCH\nThử nghiệm (synthetic)\n", "utf-8")
    started = time.monotonic()
    pool = DaskPool(workers=2, seconds=2.0, limits=Limits(max_bytes=10**7), grace=0.5, task=hang_str_on_marker)
    try:
        done = list(in_order((Item(i, p) for i, p in enumerate(files)), pool, window=8))
    finally:
        pool.close()
    codes = [item.ready[0].get("error", {}).get("code") for item in done]
    assert codes == ["timeout", None, None] and pool.replaced == 1
    assert time.monotonic() - started < 60
    pid = int((tmp_path / "hung.pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def hang_str_on_marker(path: str, seconds: float, limits: Limits) -> list[dict]:
    return hang_on_marker(Path(path), seconds, limits)
