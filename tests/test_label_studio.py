"""Label Studio round trip: records → tasks → an annotator's corrections in
Label Studio's JSON export format → gold files → `vanban eval`."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import evaluate
from review_helpers import error_record, read_jsonl, write_jsonl

# A synthetic document written for this test (not a real one), and a
# prediction for it with the mistakes an annotator would correct.
TEXT = """ỦY BAN NHÂN DÂN TỈNH AN PHÚ
Số: 12/KH-UBND
An Phú, ngày 10 tháng 3 năm 2023
KẾ HOẠCH
Thử nghiệm nhập gold (văn bản tổng hợp cho kiểm thử)
Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;
I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm đúng tiến độ.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính hoàn thành trước ngày 30/6/2023.
2. Sở Y tế báo cáo kết quả trong tháng 9/2023.
Nơi nhận:
- Như trên;
- Thường trực Tỉnh ủy;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
"""


def at(phrase: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return [start, start + len(phrase)]


def synthetic_record() -> dict:
    return {
        "schema_version": 1, "id": "5e5e5e5e5e5e5e5e-0",
        "source": {"path": "synthetic/an-phu.txt", "format": "txt", "sha256": "", "part": 0, "parts": 1},
        "text": TEXT, "doc_type": "Kế hoạch", "number": "12/KH-UBN",  # a letter lost
        "issuer": {"name": "Ủy ban nhân dân tỉnh An Phú", "parent": None, "inferred": False,
                   "span": at("ỦY BAN NHÂN DÂN TỈNH AN PHÚ")},
        "place": "An Phú", "date": "2023-03-10", "title": "Thử nghiệm nhập gold (văn bản tổng hợp cho kiểm thử)",
        "addressees": [{"name": "Sở Y tế", "span": at("Sở Y tế")}],  # wrong family
        "sections": [{"label": "I", "heading": "MỤC ĐÍCH, YÊU CẦU", "kind": "purpose",
                      "span": [at("I. MỤC")[0], at("II. TỔ")[0]], "children": []},
                     {"label": "II", "heading": "TỔ CHỨC THỰC HIỆN", "kind": "implementation",
                      "span": [at("II. TỔ")[0], at("Nơi nhận")[0]], "children": []}],
        "citations": [{"doc_type": "Nghị định", "number": "91/2017/NĐ-CP", "name": None, "date": "2017-07-31",
                       "issuer": "Chính phủ", "role": "basis", "mentions": [at("91/2017/NĐ-CP")]}],
        "deadlines": [{"text": "hoàn thành trước", "kind": "by", "start": None, "end": "2023-06-30",  # wrong place
                       "task": None, "units": [], "span": at("hoàn thành trước")}],
        "responsible_units": [{"name": "Sở Nội vụ", "role": "lead", "mentions": [at("Sở Nội vụ")]},
                              {"name": "Sở Tài chính", "role": "support", "mentions": [at("Sở Tài chính")]}],
        "recipients": [{"name": "Như trên", "purpose": None, "span": at("- Như trên;")},
                       {"name": "Thường trực Tỉnh ủy", "purpose": None, "span": at("- Thường trực Tỉnh ủy;")},
                       {"name": "Lưu: VT", "purpose": None, "span": at("- Lưu: VT.")}],  # not a recipient
        "archive": "VT",
        "signer": {"name": "Nguyễn Văn A", "title": "Chủ tịch", "authority": None, "on_behalf_of": None,
                   "span": [at("CHỦ TỊCH")[0], at("Nguyễn Văn A")[1]]},
        "warnings": [], "repairs": [],
    }


def export_tasks(records: Path, out: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["export", str(records), "--format", "label-studio", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.with_name(out.stem + ".label-config.xml").is_file()
    return json.loads(out.read_text("utf-8"))


def accepted(task: dict, n: int) -> dict:
    """The task as Label Studio exports it once an annotator submits the pre-annotations unchanged."""
    annotation = {"id": 100 + n, "completed_by": 1, "was_cancelled": False, "ground_truth": False,
                  "lead_time": 12.5, "result": copy.deepcopy(task["predictions"][0]["result"])}
    return {"id": n, **task, "annotations": [annotation]}


def labelled(result: list[dict], label: str) -> list[dict]:
    return [r for r in result if r["type"] == "labels" and r["value"]["labels"] == [label]]


def region(rid: str, start: int, end: int, label: str, **extra) -> dict:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]}, **extra}


def correct(result: list[dict]) -> list[dict]:
    """The annotator's four kinds of correction, and one text area edit."""
    lost = labelled(result, "Recipient")[-1]
    result.remove(lost)                                                     # deleted: `Lưu: VT`
    moved = labelled(result, "Deadline")[0]
    moved["value"].update(zip(("start", "end"), at("trước ngày 30/6/2023")))  # moved
    moved["value"]["text"] = "trước ngày 30/6/2023"
    relabelled = labelled(result, "Addressee")[0]
    relabelled["value"]["labels"] = ["Unit"]                                # relabelled: Sở Y tế
    result.append({"id": relabelled["id"], "from_name": "role", "to_name": "text", "type": "choices",
                   "value": {**{k: relabelled["value"][k] for k in ("start", "end", "text")},
                             "choices": ["executor"]}})
    result.append(region("Xa1b2c3d4e", *at("trong tháng 9/2023"), "Deadline"))  # added
    number = next(r for r in result if r["from_name"] == "number")
    number["value"]["text"] = ["12/KH-UBND"]
    return result


def test_corrections_round_trip_into_gold_and_eval(tmp_path):
    records = write_jsonl(tmp_path / "records.jsonl", [synthetic_record(), error_record("x.pdf")])
    tasks = export_tasks(records, tmp_path / "tasks.json")
    assert len(tasks) == 1 and tasks[0]["data"]["text"] == TEXT
    exported = [accepted(tasks[0], 1)]
    correct(exported[0]["annotations"][0]["result"])
    unannotated = {"id": 2, **copy.deepcopy(tasks[0]), "annotations": []}
    (tmp_path / "export.json").write_text(json.dumps(exported + [unannotated], ensure_ascii=False), "utf-8")

    result = CliRunner().invoke(app, ["gold", "import", str(tmp_path / "export.json"), "--out",
                                      str(tmp_path / "gold")])
    assert result.exit_code == 0, result.output
    assert "1 gold files, 1 documents; 1 tasks without a submitted annotation skipped" in result.output
    gold = json.loads((tmp_path / "gold" / "an-phu.json").read_text("utf-8"))
    assert gold["source"] == "an-phu.txt"
    doc = gold["documents"][0]
    assert doc["number"] == "12/KH-UBND"
    assert doc["recipients"] == [{"name": "Như trên", "purpose": None},
                                 {"name": "Thường trực Tỉnh ủy", "purpose": None}]
    assert doc["addressees"] == []
    assert doc["responsible_units"] == [{"name": "Sở Nội vụ", "role": "lead"},
                                        {"name": "Sở Tài chính", "role": "support"},
                                        {"name": "Sở Y tế", "role": "executor"}]
    assert doc["deadlines"] == [
        {"text": "trước ngày 30/6/2023", "kind": "by", "start": None, "end": "2023-06-30"},
        {"text": "trong tháng 9/2023", "kind": "within", "start": "2023-09", "end": "2023-09"}]
    assert [(s["label"], s["kind"]) for s in doc["sections"]] == [("I", "purpose"), ("II", "implementation")]
    assert [(c["number"], c["date"]) for c in doc["citations"]] == [("91/2017/NĐ-CP", "2017-07-31")]
    assert (doc["signer"]["name"], doc["signer"]["title"], doc["archive"]) == ("Nguyễn Văn A", "Chủ tịch", "VT")

    counts = {f: (c.tp, c.fp, c.fn) for f, c in evaluate(tmp_path / "gold", records).counts.items()}
    assert counts["number"] == (0, 1, 1)
    assert counts["recipients"] == (2, 1, 0)              # the deleted region was a false positive
    assert counts["addressees"] == (0, 1, 0)              # the relabelled region left its family …
    assert counts["responsible_units"] == (2, 0, 1)       # … and became a unit the pipeline missed
    assert counts["deadlines"] == (0, 1, 2)               # moved (no longer matches) and added
    for field in ("doc_type", "issuer", "place", "date", "title", "sections", "citations", "citations.date",
                  "responsible_units.role", "archive", "signer.name", "signer.title"):
        assert counts[field][1:] == (0, 0), field


def test_unchanged_tasks_of_the_seeds_give_gold_the_records_match(seed_records, tmp_path):
    tasks = export_tasks(seed_records, tmp_path / "tasks.json")
    records = read_jsonl(seed_records)
    assert len(tasks) == len(records)
    for task, record in zip(tasks, records):
        for r in task["predictions"][0]["result"]:
            if r["type"] == "labels":
                assert record["text"][r["value"]["start"]:r["value"]["end"]] == r["value"]["text"]
    (tmp_path / "export.json").write_text(json.dumps([accepted(t, n) for n, t in enumerate(tasks, 1)],
                                                     ensure_ascii=False), "utf-8")
    CliRunner().invoke(app, ["gold", "import", str(tmp_path / "export.json"), "--out", str(tmp_path / "gold")])
    assert len(list((tmp_path / "gold").glob("*.json"))) == len({r["source"]["path"] for r in records})
    report = evaluate(tmp_path / "gold", seed_records)
    assert report.documents == len(records)
    for field, c in report.counts.items():
        assert c.fn == 0, field
        # only units and citations whose every mention is an empty span are invisible to annotators
        assert c.fp == 0 or field.split(".")[0] in ("responsible_units", "citations"), field


def test_gold_import_refuses_a_file_that_is_no_vanban_export(tmp_path):
    (tmp_path / "foreign.json").write_text(json.dumps([{"id": 1, "data": {"text": "x"},
                                                        "annotations": [{"result": []}]}]), "utf-8")
    (tmp_path / "object.json").write_text("{}", "utf-8")
    for name, message in (("foreign.json", "was it exported by vanban"), ("object.json", "list of tasks")):
        result = CliRunner().invoke(app, ["gold", "import", str(tmp_path / name), "--out", str(tmp_path / "g")])
        assert result.exit_code == 1 and message in result.output, result.output
