"""Throughput of the whole pipeline, as a ratio to a baseline in the same process.

The machine is shared and noisy, so absolute seconds mean little: each round
times a baseline (reading and NFC-normalising the same files, the least any
tool must do) and the full pipeline on the same data, back to back, and the
ratio of their medians is what is compared between versions.

    python bench/bench_pipeline.py [FOLDER ...] [--rounds N]
"""
from __future__ import annotations

import argparse
import statistics
import unicodedata
from pathlib import Path

from pipeline.run import process_file, walk
from timing import timed  # bench/timing.py, beside this script

ROOT = Path(__file__).resolve().parents[1]


def baseline(files: list[Path]) -> int:
    return sum(len(unicodedata.normalize("NFC", f.read_text("utf-8", errors="replace"))) for f in files)


def pipeline(files: list[Path]) -> int:
    return sum(len(process_file(f)) for f in files)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="*", type=Path, default=[ROOT / "corpus", ROOT.parent / "shared" / "dev"])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    files = walk([p for p in args.inputs if p.exists()])
    docs = pipeline(files)  # warm-up: imports, regex compilation, data tables
    base, full = [], []
    for _ in range(args.rounds):
        base.append(timed(baseline, files))
        full.append(timed(pipeline, files))
    b, f = statistics.median(base), statistics.median(full)
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} files, {docs} records, {size / 1e6:.2f} MB, {args.rounds} rounds")
    print(f"baseline (read + NFC) median {b * 1000:.1f} ms")
    print(f"pipeline               median {f * 1000:.1f} ms  = {f / b:.1f} x baseline; "
          f"{len(files) / f:.1f} files/s, {size / 1e6 / f:.2f} MB/s")


if __name__ == "__main__":
    main()
