"""Accuracy floors on the seed gold and the development gold: a regression fails CI."""
import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.run import run

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
FLOORS = json.loads((Path(__file__).with_name("accuracy_floors.json")).read_text("utf-8"))
SETS = {"gold": ROOT / "corpus", "gold/dev": DEV}


@pytest.mark.parametrize("gold_set", sorted(SETS))
def test_f1_stays_above_floor(gold_set, tmp_path):
    inputs = SETS[gold_set]
    if not inputs.exists():
        pytest.skip(f"{inputs} is not beside the checkout")
    out = tmp_path / "records.jsonl"
    run([inputs], out)
    report = evaluate(ROOT / gold_set, out)
    low = {f: round(report.counts[f].f1, 3) for f, floor in FLOORS[gold_set].items() if report.counts[f].f1 < floor}
    assert not low, f"below floor on {gold_set}: {low}"
