"""Scorer tests: hand-written gold and predictions, one behaviour each."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pipeline.evaluate import (
    FIELDS, Counts, Report, evaluate, greedy_match, group_bodies, load_gold,
    load_predictions, score,
)

GOLD_ROOT = Path(__file__).resolve().parents[1] / "gold"


def gold_doc() -> dict:
    return {
        "doc_type": "Kế hoạch",
        "number": "18/KH-UBND",
        "issuer": {"name": "Ủy ban nhân dân tỉnh Thái Bình", "parent": None, "inferred": False},
        "place": "Thái Bình",
        "date": "2023-02-16",
        "title": "Công tác thi đua, khen thưởng tỉnh Thái Bình năm 2023",
        "addressees": [{"name": "Các sở, ban, ngành"}],
        "sections": [{"label": "I", "heading": "Mục đích, yêu cầu", "kind": "purpose"},
                     {"label": "II", "heading": "Tổ chức thực hiện", "kind": "implementation"}],
        "citations": [
            {"doc_type": "Nghị định", "number": "91/2017/NĐ-CP", "name": None, "date": "2017-07-31"},
            {"doc_type": "Luật", "number": None, "name": "Thi đua, Khen thưởng", "date": "2003-11-26"},
        ],
        "deadlines": [{"text": "trước ngày 28/02/2023", "kind": "by", "start": None, "end": "2023-02-28"}],
        "responsible_units": [{"name": "Sở Nội vụ", "role": "lead"},
                              {"name": "Sở Tài chính", "role": "support"}],
        "recipients": [{"name": "Thường trực Tỉnh ủy", "purpose": None},
                       {"name": "Như trên", "purpose": None}],
        "archive": "VT, NCKS",
        "signer": {"name": "Nguyễn Khắc Thận", "title": "Chủ tịch", "authority": None},
    }


def run(gold_docs: list[dict], pred_docs: list[dict | None], name: str = "a.txt") -> Report:
    return score({name: gold_docs}, {name: pred_docs})


def counts(report: Report, field: str) -> tuple[int, int, int]:
    c = report.counts[field]
    return c.tp, c.fp, c.fn


def record(doc: dict, path: str = "corpus/raw/a.txt", part: int = 0, parts: int = 1) -> dict:
    return {"schema_version": 1, "source": {"path": path, "format": "txt", "part": part, "parts": parts},
            **doc}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


# ------------------------------------------------------------ counts, report


def test_counts_metrics_and_zero_denominators():
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert (Counts().precision, Counts().recall, Counts().f1) == (0.0, 0.0, 0.0)
    assert Counts(fp=2).f1 == 0.0


def test_report_json_and_table_list_every_field_in_order():
    report = run([gold_doc()], [gold_doc()])
    data = report.to_json()
    assert data["documents"] == 1
    assert list(data["fields"]) == list(FIELDS)
    assert set(data["fields"]["number"]) == {"precision", "recall", "f1", "tp", "fp", "fn"}
    lines = report.format_table().splitlines()
    assert len(lines) == len(FIELDS) + 1
    assert [line.split()[0] for line in lines[1:]] == list(FIELDS)
    assert len({len(line) for line in lines}) == 1  # aligned


# ------------------------------------------------------------ matching


def test_perfect_prediction_scores_one_everywhere():
    report = run([gold_doc()], [gold_doc()])
    for field in FIELDS:
        c = report.counts[field]
        assert c.fp == 0 and c.fn == 0, field
        assert c.f1 == 1.0, field


def test_perfect_prediction_of_real_gold_files():
    gold = {**load_gold(GOLD_ROOT), **load_gold(GOLD_ROOT / "dev")}
    assert "002_a299be4920220d80.txt" in gold and "dev-07.md" in gold
    report = score(gold, copy.deepcopy(gold))
    assert report.documents == sum(len(docs) for docs in gold.values())
    for field in FIELDS:
        c = report.counts[field]
        assert (c.fp, c.fn) == (0, 0), field


def test_abbreviation_and_tone_variants_match():
    gold = gold_doc()
    gold["place"] = "Hoà Bình"
    pred = copy.deepcopy(gold)
    pred["issuer"] = {"name": "UBND tỉnh Thái Bình"}
    pred["place"] = "Hòa Bình"
    pred["recipients"] = [{"name": "TT. Tỉnh uỷ;"}, {"name": "Như trên"}]
    report = run([gold], [pred])
    assert counts(report, "issuer") == (1, 0, 0)
    assert counts(report, "place") == (1, 0, 0)
    assert counts(report, "recipients") == (2, 0, 0)


def test_wrong_scalar_is_fp_and_fn_null_is_fn_extra_is_fp():
    gold = gold_doc()
    gold["archive"] = None
    pred = copy.deepcopy(gold)
    pred["number"] = "19/KH-UBND"
    pred["date"] = None
    pred["archive"] = "VT"
    pred["signer"] = {"name": "Nguyễn Khắc Thận", "title": "Phó Chủ tịch"}
    report = run([gold], [pred])
    assert counts(report, "number") == (0, 1, 1)
    assert counts(report, "date") == (0, 0, 1)
    assert counts(report, "archive") == (0, 1, 0)
    assert counts(report, "signer.name") == (1, 0, 0)
    assert counts(report, "signer.title") == (0, 1, 1)


def test_both_null_scalar_counts_nothing():
    gold = gold_doc()
    gold["archive"] = None
    pred = copy.deepcopy(gold)
    assert counts(run([gold], [pred]), "archive") == (0, 0, 0)


def test_missing_document_is_all_false_negatives():
    second = gold_doc()
    report = run([gold_doc(), second], [gold_doc()])
    assert report.documents == 2
    assert counts(report, "number") == (1, 0, 1)
    assert counts(report, "citations") == (2, 0, 2)
    assert counts(report, "responsible_units") == (2, 0, 2)
    # attributes of matched items are judged only where items matched
    assert counts(report, "citations.date") == (2, 0, 0)


def test_file_without_predictions_is_all_false_negatives():
    report = score({"a.txt": [gold_doc()]}, {})
    for field in ("doc_type", "issuer", "sections", "recipients", "signer.name"):
        c = report.counts[field]
        assert c.tp == 0 and c.fp == 0 and c.fn > 0, field


def test_absent_gold_key_is_not_scored():
    gold = gold_doc()
    del gold["deadlines"], gold["signer"], gold["title"]
    pred = gold_doc()
    pred["title"] = "Something else"
    report = run([gold], [pred])
    for field in ("deadlines", "deadlines.interval", "signer.name", "signer.title", "title"):
        assert counts(report, field) == (0, 0, 0), field
    assert counts(report, "number") == (1, 0, 0)


def test_empty_gold_list_makes_predictions_false_positives():
    gold = gold_doc()
    gold["addressees"] = []
    pred = gold_doc()
    assert counts(run([gold], [pred]), "addressees") == (0, 1, 0)


def test_sections_need_same_label_and_kind():
    pred = gold_doc()
    pred["sections"] = [{"label": "I.", "kind": "purpose"}, {"label": "II", "kind": "content"}]
    assert counts(run([gold_doc()], [pred]), "sections") == (1, 1, 1)


def test_unscored_citations_are_ignored():
    gold = gold_doc()
    gold["citations"].append({"doc_type": "Đề án", "number": None, "name": "Văn hóa công vụ", "date": None})
    pred = gold_doc()
    pred["citations"].append({"doc_type": "Chương trình", "number": None, "name": "Chuyển đổi số", "date": None})
    assert counts(run([gold], [pred]), "citations") == (2, 0, 0)


def test_numberless_law_is_scored_by_type_name_and_year():
    pred = gold_doc()
    pred["citations"][1] = {"doc_type": "Luật", "number": None, "name": "Thi đua - khen thưởng",
                            "date": "2003"}
    assert counts(run([gold_doc()], [pred]), "citations") == (2, 0, 0)
    pred["citations"][1]["date"] = "2013-06-16"
    assert counts(run([gold_doc()], [pred]), "citations") == (1, 1, 1)


def test_citation_number_ignores_spaces_and_date_judged_on_matches():
    pred = gold_doc()
    pred["citations"][0] = {"doc_type": "Nghị định", "number": "91/2017/ NĐ-CP", "date": "2017-07-30"}
    report = run([gold_doc()], [pred])
    assert counts(report, "citations") == (2, 0, 0)
    assert counts(report, "citations.date") == (1, 1, 1)


@pytest.mark.parametrize("text, matched", [
    ("trước ngày 15/03/2023", True),        # 2 shared of 4 tokens: Jaccard 0.5
    ("trước ngày 15/03/2023 nhé", False),   # 2 shared of 5 tokens: Jaccard 0.4
])
def test_deadline_jaccard_threshold(text, matched):
    pred = gold_doc()
    pred["deadlines"] = [{"text": text, "start": None, "end": "2023-02-28"}]
    report = run([gold_doc()], [pred])
    assert counts(report, "deadlines") == ((1, 0, 0) if matched else (0, 1, 1))
    assert counts(report, "deadlines.interval") == ((1, 0, 0) if matched else (0, 0, 0))


def test_deadline_interval_needs_same_start_and_end():
    pred = gold_doc()
    pred["deadlines"] = [{"text": "Trước ngày 28/02/2023.", "start": "2023-02-01", "end": "2023-02-28"}]
    report = run([gold_doc()], [pred])
    assert counts(report, "deadlines") == (1, 0, 0)
    assert counts(report, "deadlines.interval") == (0, 1, 1)


def test_units_with_two_roles_are_one_body():
    gold = gold_doc()
    gold["responsible_units"] = [{"name": "Sở Nội vụ", "role": "lead"},
                                 {"name": "Sở Nội vụ", "role": "support"},
                                 {"name": "Sở Tài chính", "role": "support"}]
    one_role = gold_doc()
    report = run([gold], [one_role])
    assert counts(report, "responsible_units") == (2, 0, 0)
    assert counts(report, "responsible_units.role") == (1, 1, 1)
    both_roles = copy.deepcopy(gold)
    both_roles["responsible_units"][1]["name"] = "Sở Nội vụ:"
    report = run([gold], [both_roles])
    assert counts(report, "responsible_units") == (2, 0, 0)
    assert counts(report, "responsible_units.role") == (2, 0, 0)


def test_group_bodies_keeps_distinct_bodies_apart():
    bodies = group_bodies([{"name": "Sở Nội vụ", "role": "lead"},
                           {"name": "Sở Y tế", "role": "lead"},
                           {"name": "sở nội vụ", "role": "executor"}])
    assert [(b.name, sorted(b.roles)) for b in bodies] == [
        ("Sở Nội vụ", ["executor", "lead"]), ("Sở Y tế", ["lead"])]


def test_recipient_below_similarity_threshold_does_not_match():
    pred = gold_doc()
    pred["recipients"] = [{"name": "Thường trực HĐND tỉnh"}, {"name": "Như trên"}]
    assert counts(run([gold_doc()], [pred]), "recipients") == (1, 1, 1)


def test_greedy_match_is_one_to_one_best_first():
    sim = lambda a, b: 1.0 - abs(a - b) / 10  # noqa: E731
    assert sorted(greedy_match([5, 6], [6, 6, 9], sim, 0.8)) == [(0, 1), (1, 0)]
    assert greedy_match([1], [9], sim, 0.5) == []


def test_extra_predicted_part_is_false_positive():
    report = run([gold_doc()], [gold_doc(), gold_doc()])
    assert report.documents == 2
    assert counts(report, "number") == (1, 1, 0)
    assert counts(report, "sections") == (2, 2, 0)
    assert counts(report, "signer.title") == (1, 1, 0)


def test_predictions_for_unannotated_files_are_ignored():
    report = score({"a.txt": [gold_doc()]}, {"a.txt": [gold_doc()], "b.txt": [gold_doc()]})
    assert report.documents == 1
    assert counts(report, "number") == (1, 0, 0)


# ------------------------------------------------------------ files


def test_load_gold_reads_one_folder_keyed_by_source_basename(tmp_path):
    (tmp_path / "dev").mkdir()
    (tmp_path / "a.json").write_text(json.dumps({"source": "a.txt", "documents": [gold_doc()]}), "utf-8")
    (tmp_path / "dev" / "b.json").write_text(json.dumps({"source": "x/b.md", "documents": []}), "utf-8")
    (tmp_path / "dev" / "notes.json").write_text(json.dumps({"comment": "not gold"}), "utf-8")
    (tmp_path / "README.md").write_text("# gold", "utf-8")
    gold = load_gold(tmp_path)
    assert set(gold) == {"a.txt"}  # gold/dev is a gold set of its own
    assert set(load_gold(tmp_path / "dev")) == {"b.md"}
    assert gold["a.txt"][0]["number"] == "18/KH-UBND"


def test_load_predictions_places_parts_and_errors(tmp_path):
    second = dict(gold_doc(), number="2/KH")
    path = write_jsonl(tmp_path / "pred.jsonl", [
        record(second, part=1, parts=2),
        record(gold_doc(), part=0, parts=2),
        {"schema_version": 1, "source": {"path": "corpus/raw/bad.pdf"},
         "error": {"code": "encrypted_pdf", "message": "…"}},
    ])
    pred = load_predictions(path)
    assert pred["bad.pdf"] == []
    assert [d["number"] for d in pred["a.txt"]] == ["18/KH-UBND", "2/KH"]


def test_error_record_yields_false_negatives(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "bad.json").write_text(json.dumps({"source": "bad.pdf", "documents": [gold_doc()]}), "utf-8")
    pred_path = write_jsonl(tmp_path / "pred.jsonl", [
        {"schema_version": 1, "source": {"path": "in/bad.pdf"}, "error": {"code": "corrupt_file", "message": "x"}},
    ])
    report = evaluate(gold_dir, pred_path)
    assert report.documents == 1
    assert counts(report, "number") == (0, 0, 1)
    assert counts(report, "recipients") == (0, 0, 2)
    assert all(report.counts[f].tp == 0 and report.counts[f].fp == 0 for f in FIELDS)


def test_evaluate_end_to_end_perfect(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "a.json").write_text(json.dumps({"source": "a.txt", "documents": [gold_doc()]}), "utf-8")
    pred_path = write_jsonl(tmp_path / "pred.jsonl", [record(gold_doc(), path="/abs/dir/a.txt")])
    report = evaluate(gold_dir, pred_path)
    assert report.documents == 1
    assert all(report.counts[f].f1 == 1.0 for f in FIELDS)


# ------------------------------------------------------------ verdicts


def test_verdicts_point_at_predicted_entries_and_tally_to_the_counts():
    from pipeline.evaluate import judge_document, score_document, tally
    gold = gold_doc()
    pred = copy.deepcopy(gold)
    pred["responsible_units"] = [{"name": "Sở Tài chính", "role": "support"},
                                 {"name": "Sở Y tế", "role": "lead"},
                                 {"name": "Sở Nội vụ", "role": "lead"}]
    pred["citations"].insert(0, {"doc_type": "Đề án", "number": None, "name": "x"})  # not scored
    pred["number"] = "19/KH-UBND"
    verdicts = judge_document(gold, pred)
    assert tally(verdicts) == {k: v for k, v in score_document(gold, pred).items()}
    units = {(v.outcome, v.pred_items) for v in verdicts if v.field == "responsible_units"}
    assert units == {("correct", (0,)), ("correct", (2,)), ("spurious", (1,))}
    cites = sorted(v.pred_items for v in verdicts if v.field == "citations")
    assert cites == [(1,), (2,)]  # indices into the record's own list
    number = sorted((v.outcome, v.gold, v.pred) for v in verdicts if v.field == "number")
    assert number == [("missed", "18/KH-UBND", None), ("spurious", None, "19/KH-UBND")]
