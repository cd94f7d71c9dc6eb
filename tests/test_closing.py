"""Nơi nhận, Lưu and the signature block, state and party forms."""
import pytest

from conftest import extract
from extractors.recipients import archive_value, parse_entry

HEAD = "Số: 25/KH-UBND\nHà Nam, ngày 03 tháng 3 năm 2024\nKẾ HOẠCH\nCông tác năm 2024\n\nI. NỘI DUNG\nabc.\n"


def closing(block: str) -> dict:
    return extract(HEAD + block)


@pytest.mark.parametrize("line, name, purpose", [
    ("- Như trên (để thực hiện);", "Như trên", "để thực hiện"),
    ("- TT. Tỉnh ủy; TT. HĐND tỉnh (b/c);", "TT. Tỉnh ủy; TT. HĐND tỉnh", "b/c"),
    ("- Sở Nội vụ (Ban TĐKT);", "Sở Nội vụ", "Ban TĐKT"),
    ("- Các phòng chuyên môn (2B,7).", "Các phòng chuyên môn", "2B,7"),
    ("+ Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "Chủ tịch, các Phó Chủ tịch UBND tỉnh", None),
    ("- Cổng TTĐT tỉnh,", "Cổng TTĐT tỉnh", None),
])
def test_entries(line, name, purpose):
    assert parse_entry(line) == (name, purpose)


@pytest.mark.parametrize("line, archive", [
    ("- Lưu: VT, NCKS.", "VT, NCKS"),
    ("- Lưu VT, VP.", "VT, VP"),
    ("- Lưu: VT, KG-VX (NTB)", "VT, KG-VX (NTB)"),
    ("- Lưu VT. phm", "VT"),
    ("- Lưu Văn phòng Trung ương Đảng.", "Văn phòng Trung ương Đảng"),
])
def test_archive(line, archive):
    assert archive_value(line) == archive


def test_state_block_with_authority_and_broken_entry():
    r = closing("Nơi nhận:\n- Như trên;\n- Thường trực HĐND tỉnh;\n- C.PVP UBND tỉnh,\ncác phòng chuyên môn;\n"
                "- Lưu: VT, NC.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Thanh Bình\n")
    assert [x["name"] for x in r["recipients"]] == [
        "Như trên", "Thường trực HĐND tỉnh", "C.PVP UBND tỉnh, các phòng chuyên môn"]
    assert r["archive"] == "VT, NC"
    s = r["signer"]
    assert (s["name"], s["title"], s["authority"], s["on_behalf_of"]) == (
        "Nguyễn Thanh Bình", "Phó chủ tịch", "KT", "Ủy ban nhân dân")


def test_signature_before_recipients():
    r = closing("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Minh\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n")
    assert r["signer"]["name"] == "Trần Văn Minh" and r["signer"]["authority"] == "TM"
    assert [x["name"] for x in r["recipients"]] == ["Sở Nội vụ"]


@pytest.mark.parametrize("auth_line, word", [
    ("T/M BAN THƯỜNG VỤ", "TM"), ("K/T CHÁNH VĂN PHÒNG", "KT"), ("T/L BAN THƯỜNG VỤ", "TL"),
    ("TL. CỤC TRƯỞNG", "TL"), ("TUQ. GIÁM ĐỐC", "TUQ"), ("Q. GIÁM ĐỐC", "Q"), ("KT.GIÁM ĐỐC", "KT"),
])
def test_authority_words(auth_line, word):
    r = closing(f"Nơi nhận:\n- Như trên;\n- Lưu VP.\n{auth_line}\nPHÓ TRƯỞNG BAN\nLê Văn Hải\n")
    assert r["signer"]["authority"] == word
    assert r["signer"]["title"] == "Phó trưởng ban"


def test_block_that_lost_its_name():
    r = closing("Nơi nhận:\n- UBND tỉnh;\n- Lưu VT, VP.\n\nKT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n")
    s = r["signer"]
    assert (s["name"], s["title"], s["authority"]) == (None, "Phó giám đốc", "KT")


def test_no_closing_block():
    r = extract(HEAD)
    assert r["recipients"] == [] and r["archive"] is None and r["signer"] is None


def test_spans_are_evidence():
    text = HEAD + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn Minh\n"
    r = extract(text)
    a, b = r["recipients"][0]["span"]
    assert "Như trên" in text[a:b]
    a, b = r["signer"]["span"]
    assert text[a:b].endswith("Trần Văn Minh")


def test_the_collective_of_tm_wrapped_over_lines_is_whole():
    from conftest import extract
    head = "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12/KH-UBND\nHà Nam, ngày 03 tháng 3 năm 2024\nKẾ HOẠCH\nThi đua\n\nI. NỘI DUNG\nThực hiện.\n\n"
    closing = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
    kt = extract(head + closing + "TM. ỦY BAN\nNHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n")["signer"]
    assert (kt["on_behalf_of"], kt["authority"], kt["title"]) == ("Ủy ban nhân dân", "KT", "Phó chủ tịch")
    tm = extract(head + closing + "TM. ỦY BAN\nNHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n")["signer"]
    assert (tm["on_behalf_of"], tm["authority"], tm["title"]) == ("Ủy ban nhân dân", "TM", "Chủ tịch")
