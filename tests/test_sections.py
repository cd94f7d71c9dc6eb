"""Section segmentation: numerals, kinds, damaged and wrapped headings."""
import pytest

from conftest import extract
from extractors.sections import section_kind

HEAD = "Số: 1/KH-UBND\nHà Nam, ngày 2 tháng 3 năm 2024\nKẾ HOẠCH\nCông tác năm 2024\n\n"


def labels_kinds(body: str):
    return [(s["label"], s["kind"]) for s in extract(HEAD + body)["sections"]]


@pytest.mark.parametrize("heading, kind", [
    ("MỤC ĐÍCH, YÊU CẦU", "purpose"),
    ("MC ĐÍCH, YÊU CU", "purpose"),          # letters lost to OCR
    ("Mục đích yêu cầu:", "purpose"),
    ("NỘI DUNG", "content"),
    ("Những nội dung trọng tâm", "content"),
    ("Nhiệm vụ và giải pháp", "content"),
    ("Giải pháp thực hiện", "solutions"),
    ("TỔ CHỨC THỰC HIỆN", "implementation"),
    ("T CHỨC THỰC HIỆN", "implementation"),
    ("Kinh phí thực hiện", "other"),
    ("Đối tượng, phạm vi", "other"),
])
def test_kinds(heading, kind):
    assert section_kind(heading, first=False) == kind


def test_objectives_are_purpose_only_as_first_section():
    assert section_kind("Mục tiêu", first=True) == "purpose"
    assert section_kind("Mục tiêu", first=False) == "other"


def test_numbering_that_jumps_and_children():
    body = ("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nabc.\n2. Yêu cầu\nabc.\n"
            "II. NỘI DUNG\n1.1. Tuyên truyền\nabc.\nIV. TỔ CHỨC THỰC HIỆN:\n1. Sở Nội vụ: chủ trì.\n")
    doc = extract(HEAD + body)
    assert [(s["label"], s["kind"]) for s in doc["sections"]] == [
        ("I", "purpose"), ("II", "content"), ("IV", "implementation")]
    assert [c["label"] for c in doc["sections"][0]["children"]] == ["1", "2"]
    assert doc["sections"][2]["heading"] == "TỔ CHỨC THỰC HIỆN"


def test_heading_on_the_next_line_and_wrapped_capitals():
    body = "I.\nMục đích, yêu cầu\nabc.\nII. NỘI\nDUNG TRỌNG TÂM\nabc.\nChương III\nTỔ CHỨC THỰC HIỆN\nabc.\n"
    doc = extract(HEAD + body)
    assert [(s["label"], s["kind"]) for s in doc["sections"]] == [
        ("I", "purpose"), ("II", "content"), ("III", "implementation")]
    assert doc["sections"][1]["heading"] == "NỘI DUNG TRỌNG TÂM"


def test_section_span_points_at_its_heading():
    text = HEAD + "I. MỤC ĐÍCH\nabc.\nII. NỘI DUNG\nxyz.\n"
    s = extract(text)["sections"][1]
    assert text[s["span"][0]:s["span"][1]].startswith("II. NỘI DUNG")


def test_decision_with_articles_has_no_sections():
    text = ("Số: 15/QĐ-UBND\nHà Nam, ngày 02 tháng 4 năm 2024\nQUYẾT ĐỊNH\nVề việc thành lập\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Thành lập.\nĐiều 2. Hiệu lực.\n")
    assert extract(text)["sections"] == []


def test_attachment_sections_count_when_the_body_has_none():
    text = ("Số: 15/QĐ-UBND\nHà Nam, ngày 02 tháng 4 năm 2024\nQUYẾT ĐỊNH\nBan hành Quy chế\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy chế.\nNơi nhận:\n- Như Điều 1;\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn Minh\n"
            "QUY CHẾ\n(Ban hành kèm theo Quyết định số 15/QĐ-UBND)\nChương I\nQUY ĐỊNH CHUNG\nabc\n"
            "Chương II\nTỔ CHỨC THỰC HIỆN\nabc\n")
    assert [(s["label"], s["kind"]) for s in extract(text)["sections"]] == [("I", "other"), ("II", "implementation")]


def test_roman_words_in_sentences_are_not_headings():
    body = "I. MỤC ĐÍCH\nabc.\nII. NỘI DUNG\nVI phạm sẽ bị xử lý.\nIII. TỔ CHỨC THỰC HIỆN\n"
    assert [l for l, _ in labels_kinds(body)] == ["I", "II", "III"]
