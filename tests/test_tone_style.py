"""Old (hoà, uỷ) and new (hòa, ủy) tone placement: the text keeps the author's, comparisons fold them."""
import re

import pytest

from conftest import extract
from pipeline.textnorm import compare_key, either_style, new_style_tones

# A synthetic document written for this test, in the new style; OLD is the same in the old style.
NEW = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 25/KH-UBND
Thanh Hóa, ngày 03 tháng 3 năm 2024
KẾ HOẠCH
Tổ chức hội thi tìm hiểu pháp luật về hòa giải ở cơ sở năm 2024
I. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Tòa án nhân dân tỉnh tổ chức hội thi.
2. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh tuyên truyền, vận động.
Nơi nhận:
- Thường trực Tỉnh ủy;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Minh
"""
OLD = (NEW.replace("ỦY", "UỶ").replace("Ủy", "Uỷ").replace("HÓA", "HOÁ").replace("Hóa", "Hoá")
       .replace("hóa", "hoá").replace("HÒA", "HOÀ").replace("hòa", "hoà").replace("Tòa", "Toà")
       .replace("Tỉnh ủy", "Tỉnh uỷ"))


def test_the_fixture_really_is_in_two_styles():
    assert OLD != NEW and new_style_tones(OLD) == NEW


@pytest.mark.parametrize("a, b", [
    ("Uỷ ban nhân dân tỉnh Thanh Hoá", "Ủy ban nhân dân tỉnh Thanh Hóa"),
    ("TOÀ ÁN NHÂN DÂN", "Tòa án nhân dân"), ("sức khoẻ", "sức khỏe"), ("thuỷ lợi", "thủy lợi"),
])
def test_compare_key_folds_tone_placement(a, b):
    assert compare_key(a) == compare_key(b)


def test_closed_syllables_and_qu_are_not_touched():
    assert new_style_tones("hoàn thành hoạch định quý khoá") == "hoàn thành hoạch định quý khóa"


def test_either_style_matches_both_spellings():
    pattern = re.compile(either_style(r"Tòa\s+án|Ủy\s+ban|Văn\s+hóa"))
    for text in ("Toà án", "Tòa án", "Uỷ ban", "Ủy ban", "Văn hoá", "Văn hóa"):
        assert pattern.fullmatch(text), text


def _keys(record: dict) -> dict:
    return {
        "issuer": compare_key(record["issuer"]["name"]),
        "place": compare_key(record["place"]),
        "title": compare_key(record["title"]),
        "units": sorted((compare_key(u["name"]), u["role"]) for u in record["responsible_units"]),
        "recipients": sorted(compare_key(r["name"]) for r in record["recipients"]),
        "signer": record["signer"]["name"],
    }


def test_an_old_style_document_extracts_like_a_new_style_one():
    old, new = extract(OLD), extract(NEW)
    assert _keys(old) == _keys(new)
    assert len(new["responsible_units"]) == 3
    assert "Hoá" in old["place"]  # values keep the author's spelling
