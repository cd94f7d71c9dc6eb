"""The embedded search index answers the clerk's three questions (issue 7) on an
index built from our corpus (run through the pipeline here) plus a few
synthetic records, written below and marked as synthetic in their text."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.grammar import number_key
from pipeline.cli import app
from pipeline.index import date_bound, index_file
from pipeline.models import DocumentRecord
from pipeline.run import run
from pipeline.search import Query, search
from pipeline.textnorm import search_key

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = "(Bản ghi tổng hợp, viết cho kiểm thử chỉ mục; không phải văn bản thật.)"
runner = CliRunner()


def synthetic(rid: str, doc_type: str, number: str, title: str, body: str, date: str, **fields) -> dict:
    """A SPEC record written for these tests; its text says it is synthetic."""
    text = f"{doc_type.upper()}\n{title}\n{body}\n{SYNTHETIC}"
    record = DocumentRecord(id=rid, source={"path": f"synthetic/{rid}.txt", "format": "txt", "sha256": rid * 4},
                            text=text, doc_type=doc_type, number=number, date=date, title=title,
                            issuer={"name": fields.pop("issuer", "Ủy ban nhân dân tỉnh Hòa Bình")}, **fields)
    return record.model_dump()


def nd91(role="basis") -> dict:
    return {"doc_type": "Nghị định", "number": "91/2017/NĐ-CP", "date": "2017-07-31", "issuer": "Chính phủ",
            "role": role, "mentions": [], "key": number_key("91/2017/NĐ-CP")}


SYNTHETIC_RECORDS = [
    synthetic("5e00000000000001-0", "Nghị định", "91/2017/NĐ-CP",
              "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
              "Nghị định này quy định chi tiết về thi đua, khen thưởng.", "2017-07-31", issuer="Chính phủ"),
    synthetic("5e00000000000002-0", "Kế hoạch", "7/KH-UBND", "Tổ chức Hội nghị điển hình tiên tiến năm 2023",
              "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ.\n"
              "Sở Nội vụ chủ trì, tổng hợp danh sách đề nghị, gửi Ủy ban nhân dân tỉnh trước ngày 30/11/2023.\n"
              "Sở Nội vụ báo cáo kết quả trước ngày 31/3/2024.\n"
              "Sở Tài chính bố trí kinh phí trước ngày 15/10/2023.", "2023-05-04",
              citations=[nd91()],
              deadlines=[
                  {"text": "trước ngày 30/11/2023", "kind": "by", "end": "2023-11-30",
                   "task": "tổng hợp danh sách đề nghị", "units": ["Sở Nội vụ"]},
                  {"text": "trước ngày 31/3/2024", "kind": "by", "end": "2024-03-31",
                   "task": "báo cáo kết quả", "units": ["Sở Nội vụ"]},
                  {"text": "trước ngày 15/10/2023", "kind": "by", "end": "2023-10-15",
                   "task": "bố trí kinh phí", "units": ["Sở Tài chính"]}],
              responsible_units=[{"name": "Sở Nội vụ", "role": "lead"}, {"name": "Sở Tài chính", "role": "executor"}]),
    synthetic("5e00000000000003-0", "Công văn", "12/UBND-NC", "Về việc triển khai Nghị định số 91/2017/NĐ-CP",
              "Thực hiện Nghị định số 91/2017/NĐ-CP, đề nghị các sở rà soát hồ sơ.", "2023-06-01",
              citations=[nd91("reference")]),
    # Every syllable of `thi đua khen thưởng`, none of its words: a syllable index would match it.
    synthetic("5e00000000000004-0", "Kế hoạch", "9/KH-SVHTTDL", "Tổ chức Hội thi bơi và giải đua thuyền năm 2024",
              "Hội thi bơi và giải đua thuyền truyền thống; lời khen của khán giả; tiền thưởng cho vận động viên.",
              "2024-02-01", issuer="Sở Văn hóa, Thể thao và Du lịch"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("index")
    records = tmp / "records.jsonl"
    run([ROOT / "corpus"], records)
    with records.open("a", encoding="utf-8") as fh:
        for r in SYNTHETIC_RECORDS:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    db = tmp / "index.sqlite"
    summary = index_file(records, db)
    docs = [json.loads(l) for l in records.read_text("utf-8").splitlines()]
    return db, [d for d in docs if "error" not in d], summary


def ids(result: dict) -> set[str]:
    return {h["id"] for h in result["hits"]}


def test_every_document_is_indexed_once(built):
    db, docs, summary = built
    assert summary.indexed == len(docs) and summary.bad_lines == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(docs)
        assert conn.execute("SELECT COUNT(*) FROM docs_fts").fetchone()[0] == len(docs)


def test_which_plans_cite_decree_91(built):
    db, docs, _ = built
    key = number_key("91/2017/NĐ-CP")
    plans = {d["id"] for d in docs if d["doc_type"] == "Kế hoạch"
             and any((c.get("key") or "") == key for c in d["citations"])}
    corpus_plans = {d["id"] for d in docs if d["id"] in plans and not d["source"]["path"].startswith("synthetic/")}
    assert corpus_plans, "the corpus has a plan citing 91/2017/NĐ-CP"
    result = search(db, Query(doc_type="Kế hoạch", cites="Nghị định số 91/2017/NĐ-CP", limit=50))
    assert ids(result) == plans and result["total"] == len(plans)
    assert "5e00000000000003-0" not in ids(result)  # a Công văn citing it is no plan
    decree = "5e00000000000001-0"
    for hit in result["hits"]:  # the cited decree is in the index: every citation resolves to it
        assert [c["cited_id"] for c in hit["citations"]] == [decree]
    assert result["facets"]["type"] == [{"value": "Kế hoạch", "count": len(plans)}]


def test_documents_citing_a_law_by_name(built):
    db, docs, _ = built
    citing = {d["id"] for d in docs if any(c["doc_type"] == "Luật" and c.get("name")
                                           and search_key(c["name"]) == "thi dua khen thuong" for c in d["citations"])}
    assert citing
    result = search(db, Query(cites="Luật Thi đua, Khen thưởng", limit=50))
    assert ids(result) == citing


def test_what_so_noi_vu_must_do_before_end_of_2023(built):
    db, docs, _ = built
    result = search(db, Query(unit="Sở Nội vụ", due_before="31/12/2023", limit=50))
    due = [(h["id"], dl["text"]) for h in result["hits"] for dl in h["deadlines"]]
    assert ("5e00000000000002-0", "trước ngày 30/11/2023") in due
    assert ("5e00000000000002-0", "trước ngày 31/3/2024") not in due  # after the date
    assert ("5e00000000000002-0", "trước ngày 15/10/2023") not in due  # another body's task

    def for_so_noi_vu(dl: dict) -> bool:
        return any(" so noi vu " in f" {search_key(u)} " for u in dl["units"])

    for h in result["hits"]:
        for dl in h["deadlines"]:
            assert date_bound(dl["end"], upper=True) <= "2023-12-31" and for_so_noi_vu(dl)
    expected = {d["id"] for d in docs for dl in d["deadlines"]
                if dl["end"] and date_bound(dl["end"], upper=True) <= "2023-12-31" and for_so_noi_vu(dl)}
    assert ids(result) == expected
    assert any(not i.startswith("5e") for i in expected), "the corpus has Sở Nội vụ deadlines in 2023"


def test_unit_alone_and_due_after(built):
    db, _, _ = built
    synthetic_plan = "5e00000000000002-0"
    hit = next(h for h in search(db, Query(unit="so tai chinh", limit=50))["hits"] if h["id"] == synthetic_plan)
    assert [dl["text"] for dl in hit["deadlines"]] == ["trước ngày 15/10/2023"]
    assert hit["units"] == [{"name": "Sở Tài chính", "role": "executor"}]
    later = search(db, Query(unit="Sở Nội vụ", due_after="2024-01-01", limit=50))
    assert [(h["id"], [dl["text"] for dl in h["deadlines"]]) for h in later["hits"]
            if h["id"] == synthetic_plan] == [(synthetic_plan, ["trước ngày 31/3/2024"])]


def test_accent_free_query_finds_the_words(built):
    db, docs, _ = built
    bare = search(db, Query("thi dua khen thuong", limit=100))
    marked = search(db, Query("thi đua khen thưởng", limit=100))
    assert bare["accent_free"] and bare["words"] == ["thi_dua", "khen_thuong"]
    assert ids(bare) == ids(marked) and ids(bare)
    titled = {d["id"] for d in docs if d["title"] and "thi đua, khen thưởng" in d["title"].lower()}
    assert titled and titled <= ids(bare)
    assert "5e00000000000004-0" not in ids(bare)  # stray syllables are not the words
    top = bare["hits"][0]
    assert "<b>thi đua</b>" in top["snippet"].lower()  # highlighted in the author's spelling
    scores = [h["score"] for h in bare["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_phrase_matches_words_not_syllables(built):
    db, _, _ = built
    assert "5e00000000000004-0" in ids(search(db, Query('"giải đua thuyền"')))
    assert "5e00000000000004-0" in ids(search(db, Query("giai dua thuyen")))
    assert "5e00000000000004-0" not in ids(search(db, Query('"thi đua"', limit=100)))


def test_snippets_mark_words_not_syllables_of_other_words(built):
    db, _, _ = built
    hits = search(db, Query("Sở Nội vụ", limit=50))["hits"]
    snippets = [h["snippet"].lower() for h in hits if h["snippet"]]
    assert any("<b>sở nội vụ</b>" in s for s in snippets)
    assert not any("cơ <b>sở" in s for s in snippets)  # `cơ sở` is another word


def test_facets_count_the_whole_result(built):
    db, docs, _ = built
    result = search(db, Query("khen thưởng", limit=1))
    assert len(result["hits"]) == 1 and result["total"] > 1
    for name in ("issuer", "type"):
        assert sum(f["count"] for f in result["facets"][name]) <= result["total"]
    assert sum(f["count"] for f in result["facets"]["type"]) == result["total"]
    year = result["facets"]["year"][0]["value"]
    narrowed = search(db, Query("khen thưởng", year=year, limit=100))
    assert narrowed["total"] == result["facets"]["year"][0]["count"]


def test_reindex_upserts_by_id(built, tmp_path):
    db, docs, _ = built
    copy = tmp_path / "index.sqlite"
    with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    changed = dict(SYNTHETIC_RECORDS[3], title="Giải bơi lội mùa xuân")
    records = tmp_path / "again.jsonl"
    records.write_text(json.dumps(changed, ensure_ascii=False) + "\n" + json.dumps(SYNTHETIC_RECORDS[0]) + "\n",
                       encoding="utf-8")
    summary = index_file(records, copy)
    assert (summary.indexed, summary.updated) == (2, 2)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(docs)
        assert conn.execute("SELECT COUNT(*) FROM citations WHERE doc_rowid NOT IN"
                            " (SELECT rowid FROM documents)").fetchone()[0] == 0
    assert ids(search(copy, Query("bơi lội"))) == {changed["id"]}
    with sqlite3.connect(copy) as conn:  # the old title's words are gone from the title column
        assert conn.execute("SELECT COUNT(*) FROM docs_fts WHERE docs_fts MATCH 'title_w : \"tổ_chức\"'"
                            " AND rowid = (SELECT rowid FROM documents WHERE id = ?)",
                            (changed["id"],)).fetchone()[0] == 0


def test_bad_lines_and_error_records_do_not_stop_indexing(tmp_path):
    records = tmp_path / "mixed.jsonl"
    error = {"schema_version": 1, "source": {"path": "x.pdf", "format": "pdf", "sha256": ""},
             "error": {"code": "unsupported_format", "message": "…"}}
    records.write_text("\n".join([json.dumps(error), "{not json", json.dumps(SYNTHETIC_RECORDS[2])]) + "\n",
                       encoding="utf-8")
    summary = index_file(records, tmp_path / "i.sqlite")
    assert (summary.indexed, summary.skipped_errors, len(summary.bad_lines)) == (1, 1, 1)
    assert "line 2" in summary.bad_lines[0]


def test_cli_index_and_search(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SYNTHETIC_RECORDS), "utf-8")
    db = tmp_path / "my index #1.sqlite"  # a path a URI would misread
    result = runner.invoke(app, ["index", str(records), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "4 documents indexed" in result.output
    result = runner.invoke(app, ["search", "--db", str(db), "--cites", "91/2017/NĐ-CP", "--year", "2023", "--json"])
    assert result.exit_code == 0, result.output
    assert {h["number"] for h in json.loads(result.output)["hits"]} == {"7/KH-UBND", "12/UBND-NC"}
    result = runner.invoke(app, ["search", "--db", str(db), "--due-before", "yesterday"])
    assert result.exit_code != 0 and "not a date" in result.output
    result = runner.invoke(app, ["search", "nội vụ", "--db", str(tmp_path / "missing.sqlite")])
    assert result.exit_code == 2


def test_parallel_segmentation_builds_the_same_index(built, tmp_path):
    db, docs, _ = built
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    parallel = tmp_path / "parallel.sqlite"
    assert index_file(records, parallel, jobs=2).indexed == len(docs)

    def contents(path: Path) -> tuple[list, list]:
        with sqlite3.connect(path) as conn:
            fts = conn.execute("SELECT d.id, f.title_w, f.text_w, f.title_f, f.text_f FROM docs_fts f"
                               " JOIN documents d ON d.rowid = f.rowid ORDER BY d.id").fetchall()
            return fts, conn.execute("SELECT term FROM words ORDER BY term").fetchall()

    assert contents(parallel) == contents(db)


def test_a_file_that_is_no_index_is_refused_plainly(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps(SYNTHETIC_RECORDS[0], ensure_ascii=False) + "\n", "utf-8")
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database, just notes " * 200, "utf-8")
    result = runner.invoke(app, ["index", str(records), "--db", str(text_file)])
    assert result.exit_code == 2 and "not a SQLite file" in result.output
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    for command in (["index", str(records), "--db", str(other)], ["search", "x", "--db", str(other)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and "not a vanban search index" in result.output, command
