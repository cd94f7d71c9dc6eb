"""Deadline grammar: forms, intervals with the implicit year, and what is not a deadline."""
import pytest

from conftest import extract
from extractors.deadlines import document_year, find

HEAD = "Số: 25/KH-UBND\nHà Nam, ngày 03 tháng 3 năm 2024\nKẾ HOẠCH\nCông tác năm 2024\n\nI. NỘI DUNG\n"


def deadlines(body: str) -> list[dict]:
    return extract(HEAD + body + "\n")["deadlines"]


@pytest.mark.parametrize("sentence, text, kind, start, end", [
    ("Các sở gửi báo cáo trước ngày 28/04/2024.", "trước ngày 28/04/2024", "by", None, "2024-04-28"),
    ("Chậm nhất ngày 15/12 các đơn vị gửi hồ sơ.", "Chậm nhất ngày 15/12", "by", None, "2024-12-15"),
    ("Tổ chức hội nghị vào ngày 19 tháng 12 năm 2024.", "vào ngày 19 tháng 12 năm 2024", "on", "2024-12-19",
     "2024-12-19"),
    ("Tháng 01/2024: ký kết giao ước thi đua.", "Tháng 01/2024", "within", "2024-01", "2024-01"),
    ("Hoàn thành trong tháng 01 năm 2025.", "trong tháng 01 năm 2025", "within", "2025-01", "2025-01"),
    ("Tổ chức hội thi trong Quý II.", "trong Quý II", "within", "2024-04", "2024-06"),
    ("Sơ kết Quý IV/2024.", "Quý IV/2024", "within", "2024-10", "2024-12"),
    ("Kiểm tra vào Tháng 6, 7.", "Tháng 6, 7", "within", "2024-06", "2024-07"),
    ("Tổ chức tập huấn Tháng 9, 10, 11.", "Tháng 9, 10, 11", "within", "2024-09", "2024-11"),
    ("Hoàn thành việc rà soát trong 6 tháng đầu năm.", "6 tháng đầu năm", "within", "2024-01", "2024-06"),
    ("Từ ngày 07/12/2024 đến 14/12/2024: chấm điểm.", "Từ ngày 07/12/2024 đến 14/12/2024", "range", "2024-12-07",
     "2024-12-14"),
    ("Thời gian: từ ngày 08 đến ngày 10 tháng 12 năm 2024.", "từ ngày 08 đến ngày 10 tháng 12 năm 2024", "range",
     "2024-12-08", "2024-12-10"),
    ("Phong trào triển khai từ tháng 10 năm 2024 đến hết tháng 3 năm 2025.",
     "từ tháng 10 năm 2024 đến hết tháng 3 năm 2025", "range", "2024-10", "2025-03"),
    ("Hằng năm, Sở Nội vụ tổng hợp kết quả.", "Hằng năm", "recurring", None, None),
    ("Báo cáo kết quả trước ngày 15/12 hằng năm.", "trước ngày 15/12 hằng năm", "recurring", None, None),
    ("- Thường xuyên kiểm tra, đôn đốc việc thực hiện.", "Thường xuyên", "continuous", None, None),
    ("Các sở, ngành thực hiện; thường xuyên rà soát thủ tục.", "thường xuyên", "continuous", None, None),
    ("Thực hiện thường xuyên trong năm 2024.", "thường xuyên trong năm 2024", "continuous", "2024", "2024"),
])
def test_forms(sentence, text, kind, start, end):
    found = deadlines(sentence)
    assert [(d["text"], d["kind"], d["start"], d["end"]) for d in found] == [(text, kind, start, end)]


@pytest.mark.parametrize("sentence", [
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ.",            # a cited document's date
    "Báo cáo đánh giá kết quả công tác 6 tháng đầu năm.",                         # a reporting period
    "Đổi mới phong trào thi đua thường xuyên và các phong trào chuyên đề.",       # an adjective
    "Cập nhật thường xuyên, kịp thời thông tin.",                                  # a manner after a verb
    "Bố trí kinh phí chi thường xuyên của ngân sách.",                             # a budget word
    "Lập dự toán ngân sách hằng năm theo quy định.",                               # a budget word
    "Quyết định có hiệu lực kể từ ngày 01/01/2025.",                               # an effect date
    "Thời điểm tính tuổi quy hoạch là tháng 7/2030.",                              # a reference point
    "Tại khoản 2 Điều 2 Nghị định quy định áp dụng đến hết ngày 31/12/2025.",      # a quoted provision
    "Định kỳ kiểm tra việc thực hiện.",                                            # bare định kỳ
    "Rà soát người hưởng trợ cấp hưu trí xã hội hàng tháng.",                      # a payment's period
])
def test_not_deadlines(sentence):
    assert deadlines(sentence) == []


def test_task_table_time_cells_one_per_row():
    body = ("Số TT\tNội dung\tChủ trì\tThời gian\n"
            "1\tTổ chức phát động thi đua\tPhòng Tổ chức\tThường xuyên trong năm\n"
            "2\tXây dựng kế hoạch\tPhòng Tổ chức\tTháng 01, 02\n"
            "3\tTổng kết\tVăn phòng\t2025 - 2030\n")
    found = deadlines(body)
    assert [(d["text"], d["start"], d["end"]) for d in found] == [
        ("Thường xuyên trong năm", "2024", "2024"), ("Tháng 01, 02", "2024-01", "2024-02"), ("2025 - 2030", "2025", "2030")]
    assert found[1]["task"].startswith("2 Xây dựng kế hoạch")


def test_task_and_units_are_linked():
    found = extract(HEAD + "1. Sở Nội vụ: gửi báo cáo về Ủy ban nhân dân tỉnh trước ngày 28/04/2024.\n")
    d = found["deadlines"][0]
    assert "gửi báo cáo" in d["task"] and d["units"] == ["Sở Nội vụ"]


def test_span_is_evidence():
    text = HEAD + "Gửi hồ sơ trước ngày 15/3/2024.\n"
    d = extract(text)["deadlines"][0]
    assert text[d["span"][0]:d["span"][1]] == d["text"]


def test_a_day_that_passed_before_issue_is_background():
    assert deadlines("Từ ngày 15/02 đến ngày 20/02/2024, trên địa bàn xảy ra mưa lớn.") == []


def test_year_comes_from_the_issue_date_else_the_title():
    assert document_year({"date": "2023-02-16"}) == "2023"
    assert document_year({"date": None, "title": "Công tác thi đua năm 2025"}) == "2025"
    assert [m.end for m in find("Hoàn thành trong Quý I.", None)] == [None]


def test_a_by_deadline_that_passed_before_issue_is_still_an_order():
    found = deadlines("2. Giao Sở Xây dựng báo cáo Ủy ban nhân dân tỉnh trước ngày 01/3/2024.")
    assert [(d["kind"], d["end"]) for d in found] == [("by", "2024-03-01")]


@pytest.mark.parametrize("sentence", [
    "a) Thường xuyên tiến hành rà soát người nghiện.",
    "Sở Y tế phối hợp các sở, ngành liên quan thường xuyên tổ chức kiểm tra.",
    "Các cơ quan, đơn vị thường xuyên kiểm tra, giám sát.",
])
def test_continuous_as_the_time_of_a_task(sentence):
    assert [d["kind"] for d in deadlines(sentence)] == ["continuous"]


def test_start_of_application_is_the_deadline_text_without_its_lead():
    found = deadlines("Trình Bảng giá mới áp dụng cho địa phương từ ngày 01/01/2025.")
    assert [(d["text"], d["kind"], d["start"], d["end"]) for d in found] == [
        ("từ ngày 01/01/2025", "range", "2025-01-01", None)]


def test_topic_heading_names_no_task():
    assert deadlines("1. Về việc ban hành Bảng giá trong giai đoạn chuyển tiếp (quý 3, quý 4/2024)") == []


def test_every_pattern_needs_what_the_line_filter_looks_for():
    """The cheap filter must never hide a deadline: each form of the grammar passes it."""
    from extractors.deadlines import TRIGGER
    for text in ("thường xuyên", "Hằng năm", "hàng quý", "định kỳ mỗi tháng", "trong từng năm", "Quý II",
                 "tháng 6", "trước ngày 15/12", "6 tháng đầu năm", "trong năm 2025"):
        assert TRIGGER.search(text), text


def test_a_date_without_its_year_in_a_yearly_sentence_is_each_years_round():
    found = [(d["text"], d["kind"], d["start"], d["end"]) for d in deadlines(
        "Hằng năm, các cấp ủy rà soát quy hoạch trong Quý I và báo cáo cấp trên trong Quý II. "
        "Sở Nội vụ tổ chức hội nghị trong Quý III.")]
    assert found == [("trong Quý I", "recurring", None, None), ("trong Quý II", "recurring", None, None),
                     ("trong Quý III", "within", "2024-07", "2024-09")]
    found = [(d["text"], d["kind"], d["end"]) for d in deadlines(
        "Các sở xây dựng kế hoạch chi tiết hằng năm và định kỳ báo cáo kết quả trước ngày 20/11 về Sở Nội vụ.")]
    assert found == [("trước ngày 20/11", "recurring", None)]
    found = [(d["text"], d["kind"], d["end"]) for d in deadlines("Hằng năm, các sở báo cáo trước ngày 20/11/2024.")]
    assert ("trước ngày 20/11/2024", "by", "2024-11-20") in found  # a stated year is one date


def test_a_time_label_makes_thuong_xuyen_the_time_of_the_task():
    found = [(d["text"], d["kind"]) for d in deadlines("c) Thời gian thực hiện: Thực hiện thường xuyên.")]
    assert found == [("thường xuyên", "continuous")]
    assert deadlines("Dung lượng hộp thư được thường xuyên điều chỉnh tăng lên.") == []


@pytest.mark.parametrize("sentence, text, kind, start, end", [
    ("Thời gian thực hiện: Năm 2025.", "Năm 2025", "within", "2025", "2025"),
    ("Trước 17h00 ngày 15/3/2024, các xã gửi báo cáo.", "Trước 17h00 ngày 15/3/2024", "by", None, "2024-03-15"),
    ("Chậm nhất 16 giờ 30, ngày 20/5/2024 gửi về Sở Nội vụ.", "Chậm nhất 16 giờ 30, ngày 20/5/2024", "by", None,
     "2024-05-20"),
])
def test_a_labelled_year_and_an_hour_before_the_day(sentence, text, kind, start, end):
    assert [(d["text"], d["kind"], d["start"], d["end"]) for d in deadlines(sentence)] == [(text, kind, start, end)]


def test_a_year_in_passing_is_no_deadline():
    assert deadlines("Hội nghị năm 2023 đã thống nhất các nội dung.") == []
