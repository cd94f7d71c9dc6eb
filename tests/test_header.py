"""Header fields on the state form, the party form and damaged headers."""
import pytest

from conftest import extract

STATE = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 25/KH-UBND
Hà Nam, ngày 03 tháng 3 năm 2024
KẾ HOẠCH
TỔ CHỨC HỘI THI TÌM HIỂU PHÁP LUẬT
NĂM 2024
Căn cứ Kế hoạch số 10/KH-UBND ngày 01/02/2024 của UBND tỉnh;
I. MỤC ĐÍCH
"""
PARTY = """TỈNH ỦY HÀ NAM
BAN TUYÊN GIÁO
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 159-HD/BTGTU
Hà Nam, ngày 12 tháng 04 năm 2023
HƯỚNG DẪN
Tuyên truyền kỷ niệm ngày thành lập Đảng
I. MỤC ĐÍCH, YÊU CẦU
"""


def test_state_form():
    r = extract(STATE)
    assert r["doc_type"] == "Kế hoạch"
    assert r["number"] == "25/KH-UBND"
    assert r["issuer"]["name"] == "Ủy ban nhân dân tỉnh Hà Nam"
    assert r["issuer"]["parent"] is None and r["issuer"]["inferred"] is False
    assert (r["place"], r["date"]) == ("Hà Nam", "2024-03-03")
    assert r["title"] == "Tổ chức hội thi tìm hiểu pháp luật năm 2024"


def test_issuer_span_is_evidence():
    r = extract(STATE)
    a, b = r["issuer"]["span"]
    assert STATE[a:b] == "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM"


def test_party_form_parent_and_number():
    r = extract(PARTY)
    assert r["doc_type"] == "Hướng dẫn"
    assert r["number"] == "159-HD/BTGTU"
    assert r["issuer"]["name"] == "Ban tuyên giáo"
    assert r["issuer"]["parent"] == "Tỉnh ủy Hà Nam"
    assert r["date"] == "2023-04-12"


def test_crawler_wraps_header_cells_anywhere():
    text = ("HỘI ĐỒNG NHÂN\nDÂN\nTHÀNH PHỐ HUẾ\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố:\n34/2025/NQ-HĐND\nThành phố Huế, ngày 18 tháng 11 năm 2025\n"
            "NGHỊ QUYẾT\nSỬA ĐỔI MỘT SỐ ĐIỀU CỦA\nQUY ĐỊNH VỀ PHÂN BỔ VỐN\nCăn cứ Luật Ngân sách nhà nước;\n")
    r = extract(text)
    assert r["issuer"]["name"] == "Hội đồng nhân dân thành phố Huế"
    assert r["number"] == "34/2025/NQ-HĐND"
    assert r["place"] == "Thành phố Huế"
    assert r["title"] == "Sửa đổi một số điều của quy định về phân bổ vốn"


def test_blank_sequence_number_and_blank_day():
    text = "Số: /KH-SNV\nTây Ninh, ngày tháng 01 năm 2023\nKẾ HOẠCH\nCông tác năm 2023\n\nI. Mục đích\n"
    r = extract(text)
    assert r["number"] == "/KH-SNV"
    assert r["date"] == "2023-01"


def test_lost_header_issuer_inferred_from_the_text():
    text = ("Số: /KH-SNV\nTây Ninh, ngày tháng 01 năm 2023\nKẾ HOẠCH\nCông tác năm 2023\n\n"
            "Để đẩy mạnh phong trào thi đua, Sở Nội vụ xây dựng Kế hoạch như sau:\nI. Mục đích\n")
    r = extract(text)
    assert r["issuer"]["name"] == "Sở Nội vụ" and r["issuer"]["inferred"] is True
    a, b = r["issuer"]["span"]
    assert text[a:b] == "Sở Nội vụ"


def test_inferred_bare_province_gets_the_place():
    text = ("Số: 5/KH-UBND\nLạng Sơn, ngày 9 tháng 10 năm 2021\nKẾ HOẠCH\nThi đua năm 2021\n\n"
            "Thực hiện Chỉ thị số 19/CT-TTg, UBND tỉnh ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n")
    assert extract(text)["issuer"]["name"] == "UBND tỉnh Lạng Sơn"


def test_letter_with_vv_and_addressee_list():
    text = ("BỘ TÀI CHÍNH\nCỤC THUẾ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 5467/CT-CS\nV/v chính sách tiền\nthuê đất\nHà Nội, ngày 24 tháng 11 năm 2025\n"
            "Kính gửi:\n\n- Thuế tỉnh Gia Lai;\n- Thuế tỉnh Kon Tum.\n\nCục Thuế nhận được công văn số 286/GLA-CNTK.\n")
    r = extract(text)
    assert r["doc_type"] == "Công văn"  # CT in the ký hiệu is Cục Thuế, not Chỉ thị
    assert r["issuer"]["name"] == "Cục thuế" and r["issuer"]["parent"] == "Bộ tài chính"
    assert r["title"] == "Chính sách tiền thuê đất"
    assert [a["name"] for a in r["addressees"]] == ["Thuế tỉnh Gia Lai", "Thuế tỉnh Kon Tum"]
    for a in r["addressees"]:
        assert text[a["span"][0]:a["span"][1]] == a["name"]


def test_inline_addressee_wrapped_onto_next_line():
    text = "Số: 12/UBND-VP\nV/v họp\nHà Nam, ngày 1 tháng 2 năm 2024\nKính gửi: Sở Giáo dục\nvà Đào tạo tỉnh Hà Nam.\nĐề nghị.\n"
    assert [a["name"] for a in extract(text)["addressees"]] == ["Sở Giáo dục và Đào tạo tỉnh Hà Nam"]


def test_portal_member_notice_is_no_addressee():
    text = "Số: 12/UBND-VP\nV/v họp\nHà Nam, ngày 1 tháng 2 năm 2024\nKính gửi: Quý Thành viên\nĐề nghị.\n"
    assert extract(text)["addressees"] == []


@pytest.mark.parametrize("number, dtype", [
    ("12/QĐ-UBND", "Quyết định"), ("3/TB-VPCP", "Thông báo"), ("45-HD/BTCTW", "Hướng dẫn"),
    ("230/CĐ-TTg", "Công điện"), ("1419/VKS-VP", "Công văn"), ("7/TTr-SNV", "Tờ trình"),
])
def test_type_from_the_number_when_the_type_line_is_lost(number, dtype):
    text = f"Số: {number}\nHà Nội, ngày 2 tháng 3 năm 2024\n\nNội dung văn bản.\n"
    assert extract(text)["doc_type"] == dtype


def test_title_of_decision_stops_before_the_enactor():
    text = ("Số: 15/QĐ-UBND\nHà Nam, ngày 02 tháng 4 năm 2024\nQUYẾT ĐỊNH\nVỀ VIỆC THÀNH LẬP BAN TỔ CHỨC\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n")
    assert extract(text)["title"] == "Về việc thành lập ban tổ chức"


def test_abbreviations_keep_capitals_in_a_title():
    text = "Số: 1/KH-UBND\nHà Nam, ngày 2 tháng 3 năm 2024\nKẾ HOẠCH\nBẦU CỬ ĐẠI BIỂU HĐND KHÓA XVI\n\nNội dung.\n"
    assert extract(text)["title"] == "Bầu cử đại biểu HĐND khóa XVI"


def test_title_keeps_a_numeral_that_continues_it_and_drops_a_vv_prefix():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/KH-UBND\nNghệ An, ngày 03 tháng 3 năm 2025\nKẾ HOẠCH\n"
            "V/V TRIỂN KHAI ĐỢT THI ĐUA CHÀO MỪNG ĐẠI HỘI LẦN THỨ\nXIV CỦA ĐẢNG TRONG PHẠM VI TOÀN TỈNH\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Tổ chức thi đua.\n")
    assert extract(text)["title"] == "Triển khai đợt thi đua chào mừng đại hội lần thứ XIV của đảng trong phạm vi toàn tỉnh"


def test_enactor_wrapped_over_two_lines_is_no_part_of_the_title():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 29/QĐ-UBND\nHà Tĩnh, ngày 21 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
            "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH\nCHỦ TỊCH ỦY BAN NHÂN DÂN\nTỈNH\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\nQUYẾT ĐỊNH:\nĐiều 1. Công bố.\n")
    assert extract(text)["title"] == "Công bố danh mục thủ tục hành chính"


def test_inline_addressee_wrapped_after_a_determiner():
    text = ("CỤC THUẾ\nSố: 55/CT-CS\nV/v lệ phí trước bạ\nHà Nội, ngày 20 tháng 11 năm 2025\n"
            "Kính gửi: Các\nThuế tỉnh, thành phố.\nNgày 30/6/2025, Chính phủ ban hành Nghị định.\n")
    assert [a["name"] for a in extract(text)["addressees"]] == ["Các Thuế tỉnh, thành phố"]
