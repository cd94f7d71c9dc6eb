"""bench/bench_peers.py runs end to end on a tiny input, prints every row of its
table, and deletes the copies it made (the figures themselves are not tested:
speed is measured by the benchmark, never asserted by a test)."""
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_peers_prints_every_row_and_leaves_no_copies(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_peers.py"), str(ROOT / "corpus" / "synthetic"),
         "--docs", "4", "--sample-chars", "200", "--cold-runs", "1", "--rss", "3,6", "--copies", "0"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, "TMPDIR": str(scratch)})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^4 documents \(copies of 3\), 4 records", out, re.M)
    for row in ("full extraction (process_file)", "regex floor (one finditer pass)", "underthesea.ner (est.",
                "dateparser.search_dates vi (est."):
        assert re.search(re.escape(row) + r".*\s\d+\.\d{3} x$", out, re.M), row
    assert re.search(r"faster than underthesea.ner alone \(goal (met|MISSED)", out)
    assert re.search(r"x the regex floor \(goal (met|MISSED)", out)
    assert re.search(r"cold start of `vanban extract .*`: \d+\.\d{3} s \(goal (met|MISSED)", out)
    assert re.search(r"over\s+6 files:\s+\d+\.\d MB = \d+\.\d\d x 3 files", out)
    assert list(scratch.iterdir()) == []
