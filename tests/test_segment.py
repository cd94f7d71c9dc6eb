from pipeline.segment import roman_value, segment

DECISION = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/QĐ-UBND
Hà Nam, ngày 02 tháng 4 năm 2024
QUYẾT ĐỊNH
VỀ VIỆC THÀNH LẬP BAN TỔ CHỨC HỘI THI
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Theo đề nghị của Giám đốc Sở Nội vụ.
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban Tổ chức.
Điều 2. Quyết định có hiệu lực từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
CHỦ TỊCH
Trần Văn Minh
PHỤ LỤC
DANH SÁCH THÀNH VIÊN
"""


def zone_text(doc, name):
    return [l.stripped for l in doc.zone(name) if l.stripped]


def test_zones_of_a_decision():
    doc = segment(DECISION)
    assert zone_text(doc, "header")[-1] == "VỀ VIỆC THÀNH LẬP BAN TỔ CHỨC HỘI THI"
    assert zone_text(doc, "preamble")[0] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM"
    assert zone_text(doc, "preamble")[-1] == "Theo đề nghị của Giám đốc Sở Nội vụ."
    assert zone_text(doc, "body")[0] == "QUYẾT ĐỊNH:"
    assert zone_text(doc, "closing")[0] == "Nơi nhận:"
    assert zone_text(doc, "closing")[-1] == "Trần Văn Minh"
    assert zone_text(doc, "annex") == ["PHỤ LỤC", "DANH SÁCH THÀNH VIÊN"]


def test_signature_printed_before_the_recipients_is_in_the_closing():
    text = ("Số: 3/UBND-VP\nV/v họp\nHà Nam, ngày 1 tháng 2 năm 2024\nKính gửi: Sở Nội vụ.\nĐề nghị dự họp.\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Hoa\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n")
    doc = segment(text)
    assert zone_text(doc, "header")[-1] == "Kính gửi: Sở Nội vụ."
    assert zone_text(doc, "body") == ["Đề nghị dự họp."]
    assert zone_text(doc, "closing")[0] == "KT. CHỦ TỊCH"


def test_roman_values():
    assert [roman_value(r) for r in ("I", "IV", "IX", "XIV", "XL")] == [1, 4, 9, 14, 40]
