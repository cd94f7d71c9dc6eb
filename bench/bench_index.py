"""Index build rate and query latency of the SQLite search index, against a baseline in the same process.

The baseline is the least a tool must do to answer the same questions with
SQLite and no search engine: insert id, type, year, title, text and an
accent-free copy into a plain table, and answer by `LIKE` scans. The index
adds word segmentation, FTS5, BM25, facets and the relational tables; the
ratios say what that costs at build time and what it buys at query time.

Records are synthetic (bench/synthetic_records.py): sentences from a small
bank, so many letter runs repeat and the segmentation cache hits more often
than on real text. The run therefore also reports the cold segmentation rate
on the real records of corpus/ and ../shared/dev (cache emptied first).

    python bench/bench_index.py [--records 100000] [--queries 40] [--jobs N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.index import fts_row, index_file  # noqa: E402
from pipeline.run import process_file, walk  # noqa: E402
from pipeline.search import Query, search  # noqa: E402
from pipeline.textnorm import strip_diacritics  # noqa: E402
from pipeline.wordseg import cache_stats, segment_run  # noqa: E402
import synthetic_records as synth  # noqa: E402

TEXT_QUERIES = ["thi đua khen thưởng", "phòng chống thiên tai", "cải cách hành chính", "chuyển đổi số",
                "tiêm chủng mở rộng", "điển hình tiên tiến", "nông thôn mới", "thủ tục hành chính",
                "trật tự an toàn giao thông", "tập huấn nghiệp vụ", "cơ sở dữ liệu", "nước sạch"]


def baseline_build(records: Path, db: Path) -> int:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE docs (id TEXT PRIMARY KEY, doc_type TEXT, year INTEGER, title TEXT, text TEXT,"
                 " folded TEXT)")
    n = 0
    with records.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            body = f"{r['title']}\n{r['text']}"
            conn.execute("INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?)",
                         (r["id"], r["doc_type"], int(r["date"][:4]), r["title"], r["text"],
                          strip_diacritics(body).lower()))
            n += 1
            if n % 500 == 0:
                conn.commit()
    conn.commit()
    conn.close()
    return n


def baseline_query(conn: sqlite3.Connection, kind: str, q: Query) -> int:
    """The same question answered by LIKE scans (no ranking, no words)."""
    if kind == "citation":
        sql, args = "SELECT COUNT(*) FROM docs WHERE doc_type = ? AND text LIKE ?", [q.doc_type, f"%{q.cites}%"]
    else:
        col, text = ("folded", q.text) if kind == "accent-free" else ("title || ' ' || text", q.text)
        sql = "SELECT COUNT(*) FROM docs WHERE " + " AND ".join(f"{col} LIKE ?" for _ in text.split(" "))
        args = [f"%{w}%" for w in text.split(" ")]
        if kind == "faceted":
            sql += " AND doc_type = ? AND year = ?"
            args += [q.doc_type, q.year]
    return conn.execute(sql, args).fetchone()[0]


def workload(n: int, rng: random.Random) -> list[tuple[str, Query]]:
    out = []
    for _ in range(n):
        text = rng.choice(TEXT_QUERIES)
        out.append(("text", Query(text)))
        out.append(("accent-free", Query(strip_diacritics(text))))
        out.append(("faceted", Query(text, doc_type="Kế hoạch", year=rng.randint(2019, 2025))))
        dtype, number, _ = rng.choice(synth.CITED)
        out.append(("citation", Query(doc_type="Kế hoạch", cites=number)))
    return out


def percentiles(values: list[float]) -> tuple[float, float]:
    qs = statistics.quantiles(values, n=20, method="inclusive")
    return statistics.median(values), qs[18]


def cold_segmentation() -> str:
    """Segmentation rate on real records, cache emptied: what a real collection costs."""
    inputs = [p for p in (ROOT / "corpus", ROOT.parent / "shared" / "dev") if p.exists()]
    records = [r for f in walk(inputs) for r in process_file(f) if "error" not in r]
    segment_run.cache_clear()
    chars = sum(len(r["text"]) for r in records)
    start = time.perf_counter()
    for r in records:
        fts_row(r)
    took = time.perf_counter() - start
    segment_run.cache_clear()
    return (f"cold segmentation of {len(records)} real records ({chars / 1e6:.2f} M chars): {took:.1f} s = "
            f"{len(records) / took:.1f} documents/s, {chars / took / 1000:.0f} k chars/s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=40, help="rounds of the four query kinds")
    ap.add_argument("--jobs", type=int, default=1, help="segmenting processes (vanban index --jobs)")
    ap.add_argument("--keep", type=Path, help="write the files here instead of a temporary folder")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    records = folder / "records.jsonl"
    t = time.perf_counter()
    synth.write(args.records, records)
    print(f"{args.records} synthetic records generated in {time.perf_counter() - t:.1f} s "
          f"({records.stat().st_size / 1e6:.0f} MB)", flush=True)
    print(cold_segmentation(), flush=True)

    base_db, db = folder / "baseline.sqlite", folder / "index.sqlite"
    for p in (base_db, db):
        for q in p.parent.glob(p.name + "*"):
            q.unlink()
    t = time.perf_counter()
    baseline_build(records, base_db)
    base_build = time.perf_counter() - t
    t = time.perf_counter()
    summary = index_file(records, db, args.jobs)
    build = time.perf_counter() - t
    hits, misses = cache_stats()
    print(f"build: baseline {args.records / base_build:.0f} documents/s; index {summary.indexed / build:.0f} "
          f"documents/s ({build:.0f} s) = {build / base_build:.1f} x baseline time; segmentation cache "
          f"{hits / max(1, hits + misses):.0%} hits ({misses} runs segmented); "
          f"size {db.stat().st_size / 1e6:.0f} MB vs {base_db.stat().st_size / 1e6:.0f} MB", flush=True)

    rng = random.Random(11)
    jobs = workload(args.queries, rng)
    search(db, jobs[0][1])  # warm-up: imports, page cache
    times: dict[str, list[float]] = {}
    base_times: dict[str, list[float]] = {}
    totals: dict[str, list[int]] = {}
    base_conn = sqlite3.connect(base_db)
    for kind, q in jobs:
        t = time.perf_counter()
        result = search(db, q)
        times.setdefault(kind, []).append(time.perf_counter() - t)
        totals.setdefault(kind, []).append(result["total"])
        t = time.perf_counter()
        baseline_query(base_conn, kind, q)
        base_times.setdefault(kind, []).append(time.perf_counter() - t)
    base_conn.close()
    print(f"queries over {summary.indexed} documents ({args.queries} of each kind; ms):")
    for kind in times:
        p50, p95 = percentiles(times[kind])
        b50, b95 = percentiles(base_times[kind])
        print(f"  {kind:<12} index p50 {p50 * 1000:7.1f}  p95 {p95 * 1000:7.1f} | LIKE baseline p50 "
              f"{b50 * 1000:7.1f}  p95 {b95 * 1000:7.1f} | ratio p50 {p50 / b50:.2f}; "
              f"median hits {statistics.median(totals[kind]):.0f}")
    if not args.keep:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
