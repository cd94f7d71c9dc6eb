"""PDF and DOCX give the same fields as the text route, and PDF spans lead back to their page.

The inputs are made by scripts/make_fixtures.py from the synthetic plan in
corpus/synthetic/, so the text route reads exactly the words the PDF and
DOCX routes read after layout.
"""
from __future__ import annotations

import re

import pdfplumber
import pytest

from pipeline import pdf as pdf_reader
from pipeline.ingest import ingest
from pipeline.run import process_file
from pipeline.sourcemap import locate
from pipeline.textnorm import compare_key


def project(record: dict) -> dict:
    """The SPEC fields of a record without spans: what must not depend on the input format."""
    key = compare_key
    units: dict[str, set] = {}
    for u in record["responsible_units"]:
        units.setdefault(key(u["name"]), set()).add(u["role"])
    signer = record["signer"] or {}
    return {
        "doc_type": record["doc_type"], "number": record["number"], "place": record["place"],
        "date": record["date"], "title": key(record["title"] or ""), "archive": record["archive"],
        "issuer": key((record["issuer"] or {}).get("name") or ""),
        "sections": [(s["label"], key(s["heading"]), s["kind"]) for s in record["sections"]],
        "citations": sorted((c["doc_type"], c["number"], c["date"], c["role"]) for c in record["citations"]),
        "deadlines": [(key(d["text"]), d["kind"], d["start"], d["end"]) for d in record["deadlines"]],
        "responsible_units": units,
        "recipients": [(key(r["name"]), r["purpose"]) for r in record["recipients"]],
        "signer": (signer.get("name"), signer.get("title"), signer.get("authority")),
    }


@pytest.fixture(scope="module")
def text_record(layouts):
    (record,) = process_file(layouts["text"])
    return record


@pytest.mark.parametrize("text, role", [("text", "pdf_ruled"), ("text", "pdf_unruled"), ("text", "pdf_split_table"),
                                        ("text", "docx"), ("letter_text", "letter_pdf"),
                                        ("letter_text", "letter_split_closing"),
                                        ("letter_text", "letter_split_closing_early"), ("letter_text", "letter_docx"),
                                        ("party_text", "party_pdf"), ("party_text", "party_docx")])
def test_pdf_and_docx_give_the_same_fields_as_the_text_route(layouts, text, role):
    records = process_file(layouts[role])
    assert len(records) == 1 and "error" not in records[0], records[0].get("error")
    (text_record,) = process_file(layouts[text])
    expected = project(text_record)
    assert expected["deadlines"] and expected["responsible_units"] and expected["recipients"]
    assert [a["name"] for a in records[0]["addressees"]] == [a["name"] for a in text_record["addressees"]]
    got = project(records[0])
    for field, value in expected.items():
        assert got[field] == value, field


@pytest.mark.parametrize("role", ["pdf_ruled", "pdf_unruled"])
def test_pdf_header_and_closing_columns_are_read_one_after_the_other(layouts, make_fixtures, role):
    src = make_fixtures.parse_source(layouts["text"].read_text("utf-8"))
    lines = ingest(layouts[role]).text.split("\n")
    header = src.header_left + src.header_right
    assert lines[:len(header)] == header
    closing = src.closing_left + src.closing_right
    assert lines[-len(closing) - 1:-1] == closing


@pytest.mark.parametrize("role", ["pdf_ruled", "pdf_unruled", "pdf_split_table"])
def test_pdf_table_rows_are_one_line_with_tab_separated_cells(layouts, make_fixtures, role):
    src = make_fixtures.parse_source(layouts["text"].read_text("utf-8"))
    rows = next(value for kind, value in src.body if kind == "table")
    lines = ingest(layouts[role]).text.split("\n")
    for row in rows:
        assert lines.count("\t".join(row)) == 1  # the heading row repeated on the next page is read once


def test_a_table_row_broken_by_a_page_break_is_one_row_with_both_pages_in_its_map():
    def row(page, *cells):
        return [[(c, page, (0.0, 0.0, 1.0, 1.0))] if c else [] for c in cells]

    head = row(1, "STT", "Nội dung", "Chủ trì", "Thời gian")
    first = pdf_reader.Block([head, row(1, "1", "Tổ chức hội nghị", "Phòng Nội vụ", "")])
    rest = pdf_reader.Block([row(2, "STT", "Nội dung", "Chủ trì", "Thời gian"),
                             row(2, "", "sơ kết năm", "chủ trì", "Quý II"),
                             row(2, "2", "Tập huấn", "Sở", "Tháng 7")])
    built = pdf_reader.write(pdf_reader.join_tables([first, rest]))
    lines = built.text.split("\n")
    assert lines[:3] == ["STT\tNội dung\tChủ trì\tThời gian",
                         "1\tTổ chức hội nghị sơ kết năm\tPhòng Nội vụ chủ trì\tQuý II",
                         "2\tTập huấn\tSở\tTháng 7"]
    at = built.text.index("sơ kết")
    assert [b.page for b in built.boxes if b.start <= at < b.end] == [2]


def test_pdf_drops_page_numbers_and_running_footer_and_rejoins_wrapped_paragraphs(layouts, make_fixtures):
    text = ingest(layouts["pdf_ruled"]).text
    with pdfplumber.open(layouts["pdf_ruled"]) as pdf:
        assert len(pdf.pages) >= 3
    assert make_fixtures.FOOTER not in text
    assert not any(re.fullmatch(r"\s*\d+\s*", line) for line in text.split("\n"))
    paragraphs = [v for k, v in make_fixtures.parse_source(layouts["text"].read_text("utf-8")).body if k == "p"]
    # Every paragraph, including the one broken by a page break, is one line again.
    assert all(p in text.split("\n") for p in paragraphs)


def _page_words(pdf, page: int, bbox=None) -> str:
    p = pdf.pages[page - 1]
    if bbox:
        p = p.within_bbox((bbox[0] - 1, bbox[1] - 1, bbox[2] + 1, bbox[3] + 1))
    return " ".join((p.extract_text() or "").split())


def test_every_span_of_a_pdf_record_maps_to_the_page_and_box_it_was_printed_on(layouts):
    (record,) = process_file(layouts["pdf_ruled"])
    assert [p["page"] for p in record["pages"]] == [1, 2, 3]
    spans = ([d["span"] for d in record["deadlines"]] + [r["span"] for r in record["recipients"]]
             + [record["signer"]["span"], record["issuer"]["span"]])
    pages_seen = set()
    with pdfplumber.open(layouts["pdf_ruled"]) as pdf:
        for span in spans:
            hits = locate(record, tuple(span))
            assert hits, span
            words = record["text"][span[0]:span[1]].split()
            pages_seen.update(h["page"] for h in hits)
            found = " ".join(_page_words(pdf, h["page"], h["bbox"]) for h in hits)
            assert words[0] in found and words[-1] in found, (span, words, hits)
    assert pages_seen == {1, 2, 3}


def test_page_spans_tile_the_record_text(layouts):
    (record,) = process_file(layouts["pdf_unruled"])
    spans = [p["span"] for p in record["pages"]]
    assert spans[0][0] == 0 and spans[-1][1] == len(record["text"])
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    for box in record["boxes"]:
        page = next(p for p in record["pages"] if p["page"] == box["page"])
        assert page["span"][0] <= box["span"][0] < box["span"][1] <= page["span"][1]


needs_ocr = pytest.mark.skipif(not pdf_reader.ocr_available(), reason="tesseract with Vietnamese data not installed")


@needs_ocr
def test_scanned_pdf_is_read_by_ocr(layouts):
    (record,) = process_file(layouts["pdf_scanned"])
    assert "error" not in record
    assert record["number"] == "25/KH-UBND" and record["doc_type"] == "Kế hoạch"
    assert any("OCR" in w for w in record["warnings"])
    assert {p["page"] for p in record["pages"]} == {1}


@needs_ocr
def test_mixed_pdf_reads_its_scanned_page_by_ocr_and_maps_it_to_that_page(layouts, make_fixtures, text_record):
    (record,) = process_file(layouts["pdf_mixed"])
    last = len(record["pages"])
    assert any("OCR" in w and str(last) in w for w in record["warnings"])
    annex = make_fixtures.ANNEX_LINES[-1]
    at = record["text"].find(annex)
    assert at > 0
    assert {h["page"] for h in locate(record, (at, at + len(annex)))} == {last}
    before = project(text_record)
    assert {k: v for k, v in project(record).items() if k != "sections"} == \
        {k: v for k, v in before.items() if k != "sections"}


@needs_ocr
@pytest.mark.slow
def test_a_fully_scanned_plan_gives_the_text_fields_but_for_misread_letters(layouts, text_record):
    """Layout from OCR word boxes: header columns, the task table and the closing block as in print.
    Tesseract misreads a few letters (`III`, tone marks of a name), so those fields are not compared."""
    (record,) = process_file(layouts["pdf_rasterised"])
    got, expected = project(record), project(text_record)
    for field in ("doc_type", "number", "place", "date", "title", "issuer", "citations", "responsible_units",
                  "recipients"):
        assert got[field] == expected[field], field
    assert len(got["deadlines"]) == len(expected["deadlines"])


@needs_ocr
def test_a_text_layer_without_unicode_maps_is_read_by_ocr(layouts):
    (record,) = process_file(layouts["letter_unmapped"])
    (text,) = process_file(layouts["letter_text"])
    assert "(cid:" not in record["text"] and any("map to no character" in w for w in record["warnings"])
    for field in ("doc_type", "number", "date", "place"):
        assert record[field] == text[field], field


def test_without_ocr_unmapped_glyphs_are_left_out_not_written_as_placeholders(layouts, monkeypatch):
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    got = pdf_reader.read_pdf(layouts["letter_unmapped"].read_bytes())
    assert "(cid:" not in got.text and "312/SNV-CCVC" in got.text
    assert any("tesseract" in w for w in got.warnings)


def test_without_ocr_a_scan_is_an_error_and_a_mixed_pdf_keeps_its_text_pages(layouts, text_record, monkeypatch):
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    (err,) = process_file(layouts["pdf_scanned"])
    assert err["error"]["code"] == "no_text_layer" and "tesseract" in err["error"]["message"]
    (record,) = process_file(layouts["pdf_mixed"])
    assert any("no text layer" in w for w in record["warnings"])
    assert project(record) == project(text_record)


def test_pdf_limits_and_broken_files(layouts, tmp_path):
    data = layouts["pdf_ruled"].read_bytes()
    with pytest.raises(Exception) as e:
        pdf_reader.read_pdf(data, max_pages=2)
    assert getattr(e.value, "code", None) == "too_many_pages"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: len(data) // 3])
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not a pdf at all\n")
    codes = {process_file(p)[0].get("error", {}).get("code") for p in (bad,)}
    assert codes == {"corrupt_file"}
    # A truncated file is either repaired by the parser or refused with a code; never a crash.
    rec = process_file(broken)[0]
    assert rec.get("error", {}).get("code") in (None, "corrupt_file", "empty")


def test_encrypted_pdf_is_an_error_record(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "Kế hoạch")
    c.save()
    (rec,) = process_file(path)
    assert rec["error"]["code"] == "encrypted_pdf"


def test_a_pdf_printed_by_a_word_processor_gives_the_text_fields(layouts, text_record):
    """LibreOffice's own layout (tab-set list labels, paragraph spacing, its table widths), when installed."""
    if "pdf_office" not in layouts:
        pytest.skip("LibreOffice (soffice) not installed")
    (record,) = process_file(layouts["pdf_office"])
    assert project(record) == project(text_record)


def test_sideways_text_is_left_out_with_a_warning_rather_than_read_backwards(tmp_path, make_fixtures):
    from reportlab.pdfgen import canvas

    make_fixtures._fonts()
    path = tmp_path / "stamp.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Serif", 12)
    c.drawString(72, 760, "Số: 01/TB-UBND")
    c.saveState()
    c.translate(300, 400)
    c.rotate(90)
    c.drawString(0, 0, "Dấu đóng nghiêng của văn thư")
    c.restoreState()
    c.save()
    got = pdf_reader.read_pdf(path.read_bytes())
    assert got.text.split() == ["Số:", "01/TB-UBND"]
    assert any("sideways" in w for w in got.warnings)


def test_two_documents_in_one_pdf_each_map_their_spans_to_their_own_pages(layouts):
    letter, plan = process_file(layouts["bundle_pdf"])
    assert (letter["number"], plan["number"]) == (process_file(layouts["letter_text"])[0]["number"],
                                                  process_file(layouts["text"])[0]["number"])
    assert [p["page"] for p in letter["pages"]] == [1]
    assert plan["pages"][0] == {"page": 2, "span": [0, plan["pages"][0]["span"][1]]}
    with pdfplumber.open(layouts["bundle_pdf"]) as pdf:
        for record in (letter, plan):
            for d in record["deadlines"]:
                hits = locate(record, tuple(d["span"]))
                printed = " ".join(_page_words(pdf, h["page"], h["bbox"]) for h in hits)
                assert d["text"].split()[0] in printed and d["text"].split()[-1] in printed


def test_a_spaced_out_last_line_of_a_page_stays_one_line_when_the_next_page_does_not_go_on_with_it():
    def row(top, *spans):
        return pdf_reader.Row([pdf_reader.Word(t, a, top, b, top + 12) for t, a, b in spans])

    body = [row(100 + 20 * k, ("Dòng", 90, 120), ("thân", 124, 160), ("bài", 164, 530)) for k in range(3)]
    foot = row(760, ("Tổng", 90, 130), ("cộng", 300, 340))
    page_two = [row(70, ("Một", 90, 120), ("dòng", 124, 300), ("rộng", 304, 530))]
    items = pdf_reader.assemble([body + [foot], page_two], [[], []])
    pdf_reader.set_body_edges(items)
    assert pdf_reader.write(items).text.split("\n")[1:3] == ["Tổng cộng", "Một dòng rộng"]
