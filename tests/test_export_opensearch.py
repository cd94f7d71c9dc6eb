"""`vanban export --format opensearch`: every bulk document fits the strict mapping it ships with."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.exports import opensearch
from pipeline.run import run

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
DATE_FORMS = {"yyyy-MM-dd": r"\d{4}-\d{2}-\d{2}", "yyyy-MM": r"\d{4}-\d{2}", "yyyy": r"\d{4}"}


def conforms(value, field: dict, path: str) -> list[str]:
    """Problems of `value` under a mapping field (an OpenSearch field takes one value or an array)."""
    if value is None:
        return []
    if isinstance(value, list) and field.get("type") != "nested":
        return [p for v in value for p in conforms(v, field, path)]
    kind = field.get("type", "object")
    if kind in ("object", "nested"):
        items = value if kind == "nested" else [value]
        if kind == "nested" and not isinstance(value, list):
            return [f"{path}: nested field is not a list"]
        problems = []
        for item in items:
            if not isinstance(item, dict):
                return [f"{path}: not an object"]
            for key, v in item.items():
                if key not in field["properties"]:
                    problems.append(f"{path}.{key}: not in the strict mapping")
                else:
                    problems += conforms(v, field["properties"][key], f"{path}.{key}")
        return problems
    if kind in ("keyword", "text"):
        return [] if isinstance(value, str) else [f"{path}: {value!r} is not a string"]
    if kind == "integer":
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{path}: {value!r} not int"]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: {value!r} not boolean"]
    if kind == "date":
        forms = [DATE_FORMS[f] for f in field["format"].split("||")]
        ok = isinstance(value, str) and any(re.fullmatch(f, value) for f in forms)
        return [] if ok else [f"{path}: {value!r} not in {field['format']}"]
    return [f"{path}: unknown mapping type {kind}"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("os")
    records = tmp / "records.jsonl"
    run([ROOT / "corpus"], records)
    docs = [json.loads(l) for l in records.read_text("utf-8").splitlines()]
    # A synthetic record with a date the mapping cannot take, and an error record: neither may break the load.
    odd = dict(next(d for d in docs if "error" not in d), id="5e0000000000000a-0", date="16/02")
    error = {"schema_version": 1, "source": {"path": "x.bin", "format": "bin", "sha256": ""},
             "error": {"code": "unsupported_format", "message": "synthetic error record"}}
    with records.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(odd, ensure_ascii=False) + "\n" + json.dumps(error) + "\n")
    out = tmp / "os"
    result = runner.invoke(app, ["export", str(records), "--format", "opensearch", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, [d for d in docs + [odd] if "error" not in d], result.output


def test_bulk_files_fit_the_mapping(exported):
    out, docs, summary = exported
    index = json.loads((out / "mapping.json").read_text("utf-8"))
    mapping = index["mappings"]
    assert mapping["dynamic"] == "strict"
    lines = [l for f in sorted(out.glob("bulk-*.ndjson")) for l in f.read_text("utf-8").splitlines()]
    assert len(lines) == 2 * len(docs) and f"{len(docs)} documents" in summary
    actions, bodies = [json.loads(l) for l in lines[::2]], [json.loads(l) for l in lines[1::2]]
    assert [a["index"]["_id"] for a in actions] == [b["id"] for b in bodies] == [d["id"] for d in docs]
    for body in bodies:
        assert conforms(body, {"properties": mapping["properties"]}, body["id"]) == []
    odd = bodies[-1]
    assert odd["date"] is None and odd["year"] is None  # dropped, not a rejected document


def test_mapping_has_folding_facets_and_nested_structures(exported):
    out, docs, _ = exported
    index = json.loads((out / "mapping.json").read_text("utf-8"))
    analyzers = index["settings"]["analysis"]["analyzer"]
    assert "icu_folding" in analyzers["vi_folded"]["filter"]
    props = index["mappings"]["properties"]
    for text_field in (props["title"], props["text"], props["deadlines"]["properties"]["task"]):
        assert text_field["analyzer"] in analyzers and text_field["fields"]["folded"]["analyzer"] == "vi_folded"
    for facet in (props["doc_type"], props["issuer"]["properties"]["name"], props["number_key"]):
        assert facet["type"] == "keyword"
    assert props["year"]["type"] == "integer"
    for nested in ("citations", "deadlines", "responsible_units"):
        assert props[nested]["type"] == "nested"


def test_nested_values_keep_their_pairs(exported):
    out, docs, _ = exported
    bodies = [json.loads(l) for l in (out / "bulk-00001.ndjson").read_text("utf-8").splitlines()[1::2]]
    by_id = {b["id"]: b for b in bodies}
    for d in docs:
        b = by_id[d["id"]]
        assert [(c["number"], c["role"]) for c in b["citations"]] == [(c["number"], c["role"]) for c in d["citations"]]
        assert [(x["text"], x["units"]) for x in b["deadlines"]] == [(x["text"], x["units"]) for x in d["deadlines"]]
        for x in b["deadlines"]:
            if x["end"]:
                assert x["end_day"].startswith(x["end"])


def test_large_exports_are_cut_into_bulk_files(tmp_path, monkeypatch):
    record = {"schema_version": 1, "id": "", "source": {"path": "s.txt", "format": "txt", "sha256": "0"},
              "text": "Bản ghi tổng hợp (synthetic).", "citations": [], "deadlines": []}
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(dict(record, id=f"{i:016x}-0")) + "\n" for i in range(5)), "utf-8")
    monkeypatch.setattr(opensearch, "DOCS_PER_FILE", 2)
    summary = opensearch.export(records, tmp_path / "os")
    assert sorted(p.name for p in (tmp_path / "os").glob("bulk-*")) == [
        "bulk-00001.ndjson", "bulk-00002.ndjson", "bulk-00003.ndjson"]
    assert summary.startswith("5 documents in 3 bulk files")


def test_the_shape_check_catches_misfits():
    mapping = {"properties": opensearch.MAPPINGS["properties"]}
    bad = {"id": 5, "extra": "x", "date": "16/02/2023", "citations": {"number": "1/KH"},
           "deadlines": [{"units": ["Sở Nội vụ"], "end": "2023-13-45x"}]}
    problems = conforms(bad, mapping, "doc")
    assert [p.split(":")[0] for p in problems] == [
        "doc.id", "doc.extra", "doc.date", "doc.citations", "doc.deadlines.end"]
