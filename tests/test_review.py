"""The review site as files: escaping, streaming, verdicts against gold (no browser here)."""
from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import Counts, evaluate, judge_document, load_gold, tally
from pipeline.review import write_site
from pipeline.review.markup import script_json
from review_helpers import HOSTILE_PAYLOADS, error_record, hostile_record, read_jsonl, write_jsonl


def index_rows(site: Path) -> list[dict]:
    data = (site / "index-data.js").read_text("utf-8")
    return json.loads(data.removeprefix("window.VANBAN_ROWS = ").rstrip().removesuffix(";"))


def test_script_json_cannot_end_a_script_block_and_reads_back():
    value = {"t": "</script><!-- ]]> & \u2028" + HOSTILE_PAYLOADS[3]}
    text = script_json(value)
    for bad in ("</", "<!--", "]]>", "\u2028"):
        assert bad not in text
    assert json.loads(text) == value


def test_hostile_text_reaches_pages_only_as_text(tmp_path):
    records = write_jsonl(tmp_path / "r.jsonl", [hostile_record()])
    write_site(records, tmp_path / "site")
    page = (tmp_path / "site" / "docs" / "000001.html").read_text("utf-8")
    assert page.count("<script") == 1  # ours: <script src="../assets/review.js">
    for tag in ("<img", "<svg", "</textarea>", "<!--"):
        assert tag not in page
    assert "&lt;script&gt;window.__pwned = 1;" in page
    assert "</script" not in (tmp_path / "site" / "index-data.js").read_text("utf-8")


def test_index_lists_documents_and_error_records_with_codes(seed_records, tmp_path):
    records = read_jsonl(seed_records) + [error_record("bad.pdf", "encrypted_pdf")]
    site = tmp_path / "site"
    summary = write_site(write_jsonl(tmp_path / "r.jsonl", records), site)
    rows = index_rows(site)
    assert len(rows) == len(records)
    assert rows[-1]["error"] == "encrypted_pdf" and rows[-1]["page"] is None
    assert summary.errors == {"encrypted_pdf": 1} and summary.documents == len(records) - 1
    for row, record in zip(rows, records):
        if row["page"]:
            assert (site / row["page"]).is_file()
            assert (row["number"], row["citations"]) == (record["number"], len(record["citations"]))
    assert (site / "assets" / "review.js").is_file() and (site / "assets" / "review.css").is_file()


def test_verdicts_against_gold_use_the_scorer_and_index_f1_agrees_with_eval(seed_records, tmp_path, root):
    record = read_jsonl(seed_records)[0]
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    name = Path(record["source"]["path"]).stem + ".json"
    gold = json.loads((root / "gold" / name).read_text("utf-8"))
    dropped = gold["documents"][0]["recipients"].pop(0)["name"]
    gold["documents"][0]["recipients"].append({"name": "Bộ Ngoại giao (synthetic)", "purpose": None})
    (gold_dir / name).write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    records = write_jsonl(tmp_path / "r.jsonl", [record])
    site = tmp_path / "site"
    write_site(records, site, gold_dir)

    page = (site / "docs" / "000001.html").read_text("utf-8")
    block = page.split('id="fields-recipients"')[1].split("</section>")[0]
    assert "recipients: spurious" in block.split(dropped)[1].split("</li>")[0]
    assert "recipients: missed</span> Bộ Ngoại giao (synthetic)" in block
    report = evaluate(gold_dir, records)
    total = sum(report.counts.values(), Counts())
    assert index_rows(site)[0]["f1"] == round(total.f1, 4)
    verdicts = judge_document(load_gold(gold_dir)[Path(record["source"]["path"]).name][0], record)
    assert tally(verdicts) == {k: c for k, c in report.counts.items() if c != Counts()}


def _peak_bytes(tmp_path: Path, n: int) -> int:
    records = write_jsonl(tmp_path / f"{n}.jsonl", (hostile_record() for _ in range(n)))
    tracemalloc.start()
    write_site(records, tmp_path / f"site-{n}")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    shutil.rmtree(tmp_path / f"site-{n}")
    return peak


def test_site_is_written_in_a_stream_with_flat_memory(tmp_path):
    small, large = _peak_bytes(tmp_path, 40), _peak_bytes(tmp_path, 400)
    assert large < small * 1.5 + 200_000, (small, large)


def test_review_command(seed_records, tmp_path, root):
    result = CliRunner().invoke(app, ["review", str(seed_records), "--out", str(tmp_path / "site"),
                                      "--gold", str(root / "gold")])
    assert result.exit_code == 0, result.output
    assert "6 scored against gold" in result.output and (tmp_path / "site" / "index.html").is_file()


def test_error_record_with_gold_scores_zero_and_unannotated_files_are_unscored(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "bad.json").write_text(json.dumps({"source": "bad.pdf", "documents": [
        {"number": "1/KH-UBND", "recipients": [{"name": "Sở Nội vụ"}]}]}), "utf-8")
    records = write_jsonl(tmp_path / "r.jsonl", [error_record("in/bad.pdf"), hostile_record()])
    summary = write_site(records, tmp_path / "site", gold_dir)
    rows = index_rows(tmp_path / "site")
    assert rows[0]["f1"] == 0.0 and rows[0]["error"] == "unsupported_format"
    assert rows[1]["f1"] is None and summary.scored == 1
