"""Batch throughput: one worker, two workers, and a re-run answered by the cache.

All three runs read the same files in the same process, back to back, and the
figures compared between versions are the ratios to the one-worker run (the
machine is shared, so absolute files/s drift). The files are copies of the
bundled corpus and ../shared/dev, each made distinct by an appended line
saying it is a synthetic copy (identical bytes would be answered by the cache
of the copy before); they are written to a temporary folder and deleted.

    python bench/bench_batch.py [FOLDER ...] [--copies N] [--workers N] [--rss 10000,100000]

`--rss` also runs `vanban run` on that many copies of one short synthetic
document (all but the first answered by the cache, so the run is quick and
what is measured is the batch's own bookkeeping) and prints the peak resident
memory of the `vanban run` process (the one that lists, orders and writes;
each worker holds one file at a time): flat if it does not grow with the
number of files. `--copies 0` skips the throughput runs.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.batch import BatchOptions, run_batch
from pipeline.walk import iter_files

ROOT = Path(__file__).resolve().parents[1]


def replicate(sources: list[Path], copies: int, into: Path) -> int:
    n = 0
    for c in range(copies):
        for src in sources:
            dst = into / f"copy{c:03d}" / src.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(src.read_bytes() + f"\n(synthetic copy {c} for the batch benchmark)\n".encode())
            n += 1
    return n


def timed(inputs: Path, out: Path, options: BatchOptions) -> tuple[float, int]:
    start = time.perf_counter()
    summary = run_batch([inputs], out, options)
    return time.perf_counter() - start, summary.files


SHORT_DOC = "Số: 1/KH-UBND\nKẾ HOẠCH\nThử nghiệm bộ nhớ\n(synthetic document for the memory benchmark)\n"
PEAK_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_rss_kb(n: int, tmp: Path) -> int:
    """Peak RSS (kB) of `vanban run` over `n` files (its workers are the fork server's children)."""
    folder = tmp / f"rss{n}"
    for i in range(n):
        p = folder / f"{i // 1000:04d}" / f"{i % 1000:03d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(SHORT_DOC, "utf-8")
    vanban = Path(sys.executable).with_name("vanban")
    cmd = [sys.executable, "-c", PEAK_RSS, str(vanban), "run", str(folder), "--out", str(tmp / f"rss{n}.jsonl"),
           "--quiet", "--cache", str(tmp / f"rss{n}-cache")]
    return int(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="*", type=Path, default=[ROOT / "corpus", ROOT.parent / "shared" / "dev"])
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2, help="the pool compared with one worker")
    ap.add_argument("--rss", default="", help="file counts for the memory run, e.g. 10000,100000")
    args = ap.parse_args()
    if args.rss:
        with tempfile.TemporaryDirectory(prefix="vanban-rss-") as tmp:
            counts = [int(n) for n in args.rss.split(",")]
            peaks = {n: peak_rss_kb(n, Path(tmp)) for n in counts}
        for n, kb in peaks.items():
            print(f"peak RSS over {n:>7} files: {kb / 1024:7.1f} MB  = {kb / peaks[counts[0]]:.2f} x {counts[0]} files")
    if args.copies > 0:
        throughput(args)


def measure_throughput(inputs: list[Path], copies: int, workers: int) -> tuple[int, int, int, dict[str, float]]:
    """(files, bytes, source documents, seconds per run) of the one-worker, `workers`-worker and cached runs."""
    sources = [p for p in iter_files([p for p in inputs if p.exists()])
               if p.suffix in (".txt", ".md") and p.name != "README.md"]
    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as tmp:
        tmp = Path(tmp)
        files = replicate(sources, copies, tmp / "in")
        size = sum(p.stat().st_size for p in (tmp / "in").rglob("*") if p.is_file())
        runs = {
            "1 worker": BatchOptions(workers=1),
            f"{workers} workers": BatchOptions(workers=workers),
        }
        times = {name: timed(tmp / "in", tmp / "out.jsonl", opts)[0] for name, opts in runs.items()}
        cached = BatchOptions(workers=workers, cache_dir=tmp / "cache")
        timed(tmp / "in", tmp / "out.jsonl", cached)  # fills the cache
        times["cached re-run"] = timed(tmp / "in", tmp / "out.jsonl", cached)[0]
    return files, size, len(sources), times


def throughput(args: argparse.Namespace) -> None:
    files, size, sources, times = measure_throughput(args.inputs, args.copies, args.workers)
    base = times["1 worker"]
    print(f"{files} files, {size / 1e6:.2f} MB (copies of {sources} documents)")
    for name, seconds in times.items():
        print(f"{name:<16} {seconds:7.2f} s  {files / seconds:8.1f} files/s  {size / 1e6 / seconds:6.2f} MB/s  "
              f"= {base / seconds:5.2f} x one worker")


if __name__ == "__main__":
    main()
