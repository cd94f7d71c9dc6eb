"""Repair precision on damaged copies of the development documents (slow: run with -m slow)."""
import random
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_corruption import DEV, drop_letters, fold_lexicon, in_output, repair_scores, run_copies  # noqa: E402


@pytest.mark.slow
def test_held_out_repairs_are_precise_and_clean_copies_untouched():
    docs = sorted(DEV.glob("dev-*.md"))
    if not docs:
        pytest.skip("development documents are not beside the checkout")
    test, train = docs[len(docs) // 2:], docs[:len(docs) // 2]
    clean = {p.name: p.read_bytes() for p in test}
    assert repair_scores(run_copies(clean, fold_lexicon(train)), {})[1] == 0
    damaged, damages, kept = {}, {}, {}
    for p in test:
        clean_text = unicodedata.normalize("NFC", p.read_text("utf-8"))
        text, hurt = drop_letters(clean_text, 0.03, random.Random(f"test:{p.name}"))
        damaged[p.name], damages[p.name] = text.encode("utf-8"), hurt
        kept[p.name] = in_output(clean_text, hurt)  # not in furniture the cleaner drops
    records = run_copies(damaged, fold_lexicon(train))
    right, made, _ = repair_scores(records, damages)
    found, _, wanted = repair_scores(records, kept)
    assert made and right / made >= 0.98  # 0.994 when written
    assert found / wanted >= 0.80  # 0.869 when written (0.63 of all damage before issue 4's work)
