"""Batch throughput: one worker, two workers, and a re-run answered by the cache.

All three runs read the same files in the same process, back to back, and the
figures compared between versions are the ratios to the one-worker run (the
machine is shared, so absolute files/s drift). The files are copies of the
bundled corpus and ../shared/dev, each made distinct by an appended line
saying it is a synthetic copy (identical bytes would be answered by the cache
of the copy before); they are written to a temporary folder and deleted.

    python bench/bench_batch.py [FOLDER ...] [--copies N] [--workers N]
"""
from __future__ import annotations

import argparse
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="*", type=Path, default=[ROOT / "corpus", ROOT.parent / "shared" / "dev"])
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2, help="the pool compared with one worker")
    args = ap.parse_args()
    sources = [p for p in iter_files([p for p in args.inputs if p.exists()]) if p.suffix in (".txt", ".md")]
    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as tmp:
        tmp = Path(tmp)
        files = replicate(sources, args.copies, tmp / "in")
        size = sum(p.stat().st_size for p in (tmp / "in").rglob("*") if p.is_file())
        runs = {
            "1 worker": BatchOptions(workers=1),
            f"{args.workers} workers": BatchOptions(workers=args.workers),
        }
        times = {name: timed(tmp / "in", tmp / "out.jsonl", opts)[0] for name, opts in runs.items()}
        cached = BatchOptions(workers=args.workers, cache_dir=tmp / "cache")
        timed(tmp / "in", tmp / "out.jsonl", cached)  # fills the cache
        times["cached re-run"] = timed(tmp / "in", tmp / "out.jsonl", cached)[0]
    base = times["1 worker"]
    print(f"{files} files, {size / 1e6:.2f} MB (copies of {len(sources)} documents)")
    for name, seconds in times.items():
        print(f"{name:<16} {seconds:7.2f} s  {files / seconds:8.1f} files/s  {size / 1e6 / seconds:6.2f} MB/s  "
              f"= {base / seconds:5.2f} x one worker")


if __name__ == "__main__":
    main()
