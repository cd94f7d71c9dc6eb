"""Document splitting (SPEC §4 'What one document is'), on texts written for the test."""
from pipeline.split import split

LETTER = """Số: 88/STP-VP
V/v triển khai Kế hoạch số 12/KH-UBND
Hà Nam, ngày 10 tháng 3 năm 2024
Kính gửi: Các phòng thuộc Sở.
Sở Tư pháp gửi kèm Kế hoạch số 12/KH-UBND để các phòng thực hiện.
Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Lê Văn Tâm
"""
PLAN = """KẾ HOẠCH
Tuyên truyền pháp luật năm 2024
Thực hiện Luật Phổ biến, giáo dục pháp luật năm 2012, UBND tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức.
II. TỔ CHỨC THỰC HIỆN
Các sở thực hiện.
Nơi nhận:
- Các sở, ngành;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Bình
"""
HEADED = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Hà Nam, ngày 01 tháng 3 năm 2024
"""


def parts(text):
    return [text[a:b] for a, b in split(text)]


def test_single_document_is_one_part():
    assert parts(HEADED + PLAN) == [HEADED + PLAN]


def test_cover_letter_and_forwarded_plan_without_number_are_two():
    got = parts(LETTER + PLAN)
    assert len(got) == 2
    assert got[0].startswith("Số: 88/STP-VP") and got[0].rstrip().endswith("Lê Văn Tâm")
    assert got[1].startswith("KẾ HOẠCH")


def test_cover_letter_and_forwarded_document_with_own_header_are_two():
    got = parts(LETTER + HEADED + PLAN)
    assert len(got) == 2
    assert got[1].startswith("ỦY BAN NHÂN DÂN")


def test_annex_after_signature_is_part_of_the_document():
    annex = """QUY CHẾ
Tổ chức hội thi
(Ban hành kèm theo Kế hoạch số 12/KH-UBND ngày 01/3/2024 của UBND tỉnh)
Điều 1. Phạm vi
Nơi nhận hồ sơ: Sở Tư pháp.
"""
    assert len(parts(HEADED + PLAN + annex)) == 1


def test_phu_luc_table_is_not_a_document():
    annex = "PHỤ LỤC\nDANH SÁCH ĐƠN VỊ\nSTT\tĐơn vị\n1\tSở Nội vụ\n"
    assert len(parts(HEADED + PLAN + annex)) == 1


def test_type_heading_inside_body_without_closing_before_is_not_a_split():
    text = HEADED + "KẾ HOẠCH\nabc\nCăn cứ Quyết định số 1/QĐ-UBND;\nQUYẾT ĐỊNH\nxyz\n" + PLAN
    assert len(parts(text)) == 1
