"""The two README commands' job: run the bundled corpus, score it against gold."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
HEADER_FIELDS = ("doc_type", "number", "issuer", "place", "date", "title", "addressees", "sections")
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "records.jsonl"
    result = runner.invoke(app, ["run", str(ROOT / "corpus"), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_every_corpus_file_appears_and_records_validate(corpus_run):
    out, summary = corpus_run
    records = [json.loads(l) for l in out.read_text("utf-8").splitlines()]
    files = {p.name for p in (ROOT / "corpus").rglob("*") if p.is_file()}
    assert {Path(r["source"]["path"]).name for r in records} == files
    assert "documents" in summary
    for r in records:
        if "error" in r:
            continue
        assert r["id"] == f"{r['source']['sha256'][:16]}-{r['source']['part']}"
        for key in ("issuer", "addressees", "sections"):
            value = r[key]
            for item in value if isinstance(value, list) else [value] if value else []:
                a, b = item["span"]
                assert 0 <= a <= b <= len(r["text"])


def test_seed_002_is_two_documents(corpus_run):
    out, _ = corpus_run
    records = [json.loads(l) for l in out.read_text("utf-8").splitlines()]
    parts = [r for r in records if Path(r["source"]["path"]).name.startswith("002_")]
    assert [(p["source"]["part"], p["source"]["parts"], p["doc_type"]) for p in parts] == [
        (0, 2, "Công văn"), (1, 2, "Kế hoạch")]


def test_header_and_sections_f1_on_seed_gold(corpus_run, tmp_path):
    out, _ = corpus_run
    report = evaluate(ROOT / "gold", out)
    for field in HEADER_FIELDS:
        assert report.counts[field].f1 >= 0.95, (field, report.counts[field])


def test_eval_command_prints_table_and_writes_json(corpus_run, tmp_path):
    out, _ = corpus_run
    js = tmp_path / "scores.json"
    result = runner.invoke(app, ["eval", "--gold", str(ROOT / "gold"), "--pred", str(out), "--json", str(js)])
    assert result.exit_code == 0, result.output
    data = json.loads(js.read_text("utf-8"))
    assert "citations" in result.output and data["fields"]["number"]["f1"] >= 0.95


def test_bad_files_become_error_records_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "legacy.txt").write_bytes("Kế hoạch".encode("utf-16-le")[:-1] + b"\xff\xfe\xfd")
    (tmp_path / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "good.txt").write_text((ROOT / "corpus" / "000_0a41ff3571d729ce.txt").read_text("utf-8"), "utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["run", str(tmp_path), "--out", str(out), "--quiet"])
    assert result.exit_code == 3  # the run finished; some files are error records
    records = [json.loads(l) for l in out.read_text("utf-8").splitlines()]
    codes = {Path(r["source"]["path"]).name: r.get("error", {}).get("code") for r in records}
    assert codes == {"empty.txt": "empty", "binary.txt": "corrupt_file", "legacy.txt": "undecodable",
                     "scan.jpg": "unsupported_format", "good.txt": None}
    assert all(r["error"]["message"] for r in records if "error" in r)


def test_extract_and_schema_commands():
    result = runner.invoke(app, ["extract", str(ROOT / "corpus" / "003_cff1abda86478aee.txt")])
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["number"] == "159-KH/TCT"
    schema = json.loads(runner.invoke(app, ["schema"]).output)
    assert "citations" in schema["document"]["properties"] and "error" in schema["error"]["properties"]


def test_console_script_is_installed():
    exe = Path(sys.executable).with_name("vanban")
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "run" in result.stdout
