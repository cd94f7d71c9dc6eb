"""Citations: forms of NĐ 30 / Luật 80/2015 numbers, laws by name, roles, negatives."""
import pytest

from conftest import extract

HEAD = "Số: 25/KH-UBND\nHà Nam, ngày 03 tháng 3 năm 2024\nKẾ HOẠCH\nTổ chức hội thi năm 2024\n\n"


def cites(preamble: str, body: str = "") -> list[dict]:
    text = HEAD + preamble + "\nI. MỤC ĐÍCH, YÊU CẦU\n" + body + "\n"
    return extract(text)["citations"]


def one(preamble: str, body: str = "") -> dict:
    found = cites(preamble, body)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("phrase, number, dtype, date", [
    ("Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ;", "91/2017/NĐ-CP", "Nghị định", "2017-07-31"),
    ("Thực hiện Kế hoạch số 18/KH-UBND ngày 16 tháng 02 năm 2023 của UBND tỉnh;", "18/KH-UBND", "Kế hoạch", "2023-02-16"),
    ("Căn cứ Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị;", "34-CT/TW", "Chỉ thị", "2014-04-07"),
    ("Căn cứ Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP ngày 06/5/2005;", "55/2005/TTLT-BNV-VPCP",
     "Thông tư liên tịch", "2005-05-06"),
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;", "72/2025/QH15",
     "Luật", "2025-06-16"),
    ("Căn cứ Quyết định 13/2022/QĐ-TTg ngày 01-10-2022;", "13/2022/QĐ-TTg", "Quyết định", "2022-10-01"),
    ("Căn cứ Nghị quyết số 49-\nNQ/TU ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy;", "49-NQ/TU", "Nghị quyết", "2021-09-28"),
    ("Căn cứ Quyết định số 367 - QĐ/TWĐTN-VP ngày 02/01/2020;", "367-QĐ/TWĐTN-VP", "Quyết định", "2020-01-02"),
    ("Theo đề nghị của Sở Nội vụ tại Văn bản số 72/TTr-SNV ngày 07/02/2023;", "72/TTr-SNV", "Tờ trình", "2023-02-07"),
])
def test_number_forms(phrase, number, dtype, date):
    c = one(phrase)
    assert (c["number"], c["doc_type"], c["date"], c["role"]) == (number, dtype, date, "basis")


def test_issuer_and_subject_after_the_number():
    c = one("Căn cứ Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động thi đua;")
    assert c["issuer"] == "Thủ tướng Chính phủ"
    assert c["name"] == "phát động thi đua"


@pytest.mark.parametrize("phrase, name, date", [
    ("Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003;", "Thi đua, Khen thưởng", "2003-11-26"),
    ("Căn cứ Luật Thi đua, khen thưởng năm 2022;", "Thi đua, khen thưởng", "2022"),
    ("Căn cứ Bộ luật Lao động năm 2019;", "Lao động", "2019"),
])
def test_laws_by_name(phrase, name, date):
    c = one(phrase)
    assert (c["number"], c["name"], c["date"]) == (None, name, date)


def test_amending_law_is_its_own_citation_and_the_inner_law_is_not_doubled():
    found = cites("Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số điều của "
                  "Luật Thi đua, khen thưởng ngày 16/11/2013;")
    assert [(c["name"], c["date"]) for c in found] == [
        ("Thi đua, Khen thưởng", "2003-11-26"),
        ("sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng", "2013-11-16")]


def test_repeated_mentions_are_one_citation_and_basis_wins():
    c = one("Căn cứ Chỉ thị số 05/CT-UBND ngày 02/01/2024 của UBND tỉnh;",
            "Triển khai Chỉ thị số 05/CT-UBND đến các đơn vị.")
    assert c["role"] == "basis" and len(c["mentions"]) == 2


def test_body_citation_is_reference():
    found = cites("Để đẩy mạnh phong trào thi đua.", "Thực hiện tốt Quyết định số 04/2020/QĐ-UBND ngày 20/3/2020.")
    assert [(c["number"], c["role"]) for c in found] == [("04/2020/QĐ-UBND", "reference")]


def test_the_documents_own_number_is_not_a_citation():
    assert cites("Kế hoạch số 25/KH-UBND được triển khai.", "Kế hoạch này áp dụng.") == []


def test_dates_and_plain_fractions_are_not_numbers():
    assert cites("Ngày 15/10/2021, tỷ lệ đạt 24/24 giờ.", "Đạt 3/5 chỉ tiêu.") == []


def test_listed_numbers_share_the_date_printed_after_the_last():
    found = cites("Thực hiện các Công điện: số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025 của UBND tỉnh;")
    assert [(c["number"], c["date"]) for c in found] == [("008/CĐ-UBND", "2025-11-19"), ("009/CĐ-UBND", "2025-11-19")]


def test_citation_key_joins_spellings():
    a = one("Căn cứ Nghị định số 91/2017/NĐ-CP;")
    b = one("Căn cứ Nghị định số 91 / 2017 / NĐ-CP;")
    assert a["key"] == b["key"] == "91/2017/NĐ-CP"


def test_mentions_are_evidence():
    text = HEAD + "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017;\nI. MỤC ĐÍCH\n"
    c = extract(text)["citations"][0]
    a, b = c["mentions"][0]
    assert text[a:b] == "91/2017/NĐ-CP"


def test_law_named_only_inside_a_decree_trich_yeu_is_no_citation():
    found = cites("Căn cứ Nghị định số 200/2023/NĐ-CP ngày 28/12/2023 của Chính phủ quy định chi tiết một số điều "
                  "của Luật Phòng thủ dân sự; Luật Thi đua, Khen thưởng ngày 15/6/2022;\n")
    assert [c["number"] or c["name"] for c in found] == ["200/2023/NĐ-CP", "Thi đua, Khen thưởng"]


def test_law_the_sentence_itself_names_is_a_citation():
    found = cites("Rà soát Quyết định số 46/2022/QĐ-UBND quy định về khu vực cấm phù hợp với các nội dung "
                  "của Luật Bảo vệ bí mật nhà nước năm 2018.\n")
    assert "Bảo vệ bí mật nhà nước" in [c["name"] for c in found]


def test_numbered_law_takes_its_own_name_not_a_neighbour_s():
    found = cites("Căn cứ Luật Xây dựng số 50/2014/QH13 được sửa đổi, bổ sung bởi Luật số 62/2020/QH14;\n")
    assert [(c["number"], c["name"]) for c in found] == [("50/2014/QH13", "Xây dựng"), ("62/2020/QH14", None)]
