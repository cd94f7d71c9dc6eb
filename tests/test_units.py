"""Responsible units: the forms SPEC §4 lists, roles, splitting, and non-units."""
import pytest

from conftest import extract
from extractors.units import split_units

HEAD = "Số: 25/KH-UBND\nHà Nam, ngày 03 tháng 3 năm 2024\nKẾ HOẠCH\nCông tác năm 2024\n\nI. TỔ CHỨC THỰC HIỆN\n"


def units(body: str) -> set[tuple[str, str]]:
    return {(u["name"], u["role"]) for u in extract(HEAD + body + "\n")["responsible_units"]}


@pytest.mark.parametrize("body, expected", [
    ("1. Sở Nội vụ: chủ trì tổ chức hội thi.", {("Sở Nội vụ", "lead")}),
    ("2. Sở Thông tin và Truyền thông, Báo Hà Nam, Đài Phát thanh và Truyền hình Hà Nam: tăng cường tuyên truyền.",
     {("Sở Thông tin và Truyền thông", "executor"), ("Báo Hà Nam", "executor"),
      ("Đài Phát thanh và Truyền hình Hà Nam", "executor")}),
    ("3. Ban Thi đua – Khen thưởng, Sở Nội vụ: chủ trì, phối hợp với các cơ quan liên quan triển khai.",
     {("Ban Thi đua – Khen thưởng, Sở Nội vụ", "lead"), ("Các cơ quan liên quan", "support")}),
    ("4. Các cơ quan, đơn vị, địa phương: xây dựng kế hoạch.", {("Các cơ quan, đơn vị, địa phương", "executor")}),
    ("Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính thực hiện.",
     {("Sở Y tế", "lead"), ("Sở Tài chính", "support")}),
    ("Giao Sở Nội vụ:\nChủ trì theo dõi việc thực hiện Kế hoạch.", {("Sở Nội vụ", "lead")}),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh tuyên truyền, vận động.", {("Ủy ban Mặt trận Tổ quốc tỉnh", "executor")}),
    ("Yêu cầu các cơ quan, đơn vị trên địa bàn tỉnh nghiêm túc thực hiện.",
     {("Các cơ quan, đơn vị trên địa bàn tỉnh", "executor")}),
    ("- Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh bảo đảm an ninh.",
     {("Công an tỉnh", "lead"), ("Bộ Chỉ huy Quân sự tỉnh", "support")}),
    ("- Sở Tài chính bố trí kinh phí thực hiện.", {("Sở Tài chính", "executor")}),
    ("Trên cơ sở kết quả chấm điểm, Hội đồng Thi đua – Khen thưởng tỉnh xem xét khen thưởng.",
     {("Hội đồng Thi đua – Khen thưởng tỉnh", "executor")}),
    ("Đề nghị đồng chí Viện trưởng Viện kiểm sát nhân dân các huyện nghiêm túc thực hiện.",
     {("đồng chí Viện trưởng Viện kiểm sát nhân dân các huyện", "executor")}),
    ("1. Tháng 01/2024: Trưởng khối các Khối thi đua tổ chức ký kết giao ước.",
     {("Trưởng khối các Khối thi đua", "executor")}),
    ("Các sở, ban, ngành tỉnh và Ủy ban nhân dân các xã, phường triển khai thực hiện.",
     {("Các sở, ban, ngành tỉnh", "executor"), ("Ủy ban nhân dân các xã, phường", "executor")}),
    ("- Các lực lượng bằng mọi biện pháp bảo đảm an toàn.", {("Các lực lượng", "executor")}),
])
def test_forms(body, expected):
    assert units(body) == expected


def test_task_table_role_column():
    body = ("Số TT\tNội dung thực hiện\tChủ trì, phối hợp\tThời gian\n"
            "1\tXây dựng kế hoạch\t- Phòng Tổ chức tham mưu chủ trì. - Các khoa, phòng phối hợp\tTháng 01\n")
    assert units(body) == {("Phòng Tổ chức", "lead"), ("Các khoa, phòng", "support")}


@pytest.mark.parametrize("body", [
    "Ban hành văn bản hướng dẫn thực hiện.",                  # `Ban hành` is a verb
    "Các phong trào thi đua phải thiết thực.",                 # a movement is no body
    "Căn cứ Nghị định số 91/2017/NĐ-CP của Chính phủ.",       # the author of a cited document
    "Hội nghị tổ chức vào cuối năm.",                         # a meeting is no body
    "Báo cáo kết quả thực hiện.",                             # `Báo cáo` is a report, not a newspaper
])
def test_not_units(body):
    assert units(body) == set()


def test_one_entry_per_unit_and_role_with_all_mentions():
    found = extract(HEAD + "1. Sở Nội vụ: chủ trì.\n2. Giao Sở Nội vụ chủ trì thẩm định.\n")["responsible_units"]
    assert [(u["name"], u["role"], len(u["mentions"])) for u in found] == [("Sở Nội vụ", "lead", 2)]


def test_split_keeps_collectives_and_names_with_commas_whole():
    assert split_units("Các cấp, ngành, địa phương") == ["Các cấp, ngành, địa phương"]
    assert split_units("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế") == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]


def test_body_named_alone_by_an_item_owns_the_items_under_it():
    body = ("3. Sở Y tế\n\na) Tổ chức hướng dẫn điều trị.\n\nb) Chủ trì triển khai Dự án 6.\n\n"
            "4. Sở Tư pháp\n\nThực hiện chức năng thường trực.\n\n5. Sở Tài chính bố trí kinh phí.\n")
    assert units(body) == {("Sở Y tế", "executor"), ("Sở Y tế", "lead"), ("Sở Tư pháp", "executor"),
                           ("Sở Tài chính", "executor")}


def test_item_number_broken_from_its_body_name():
    body = "2.\nSở Văn hóa, Thể thao và Du lịch\n\n- Phối hợp tổ chức các hoạt động.\n\n3. Công an tỉnh\n\n- Bảo đảm an ninh.\n"
    assert units(body) == {("Sở Văn hóa, Thể thao và Du lịch", "support"), ("Công an tỉnh", "executor")}


def test_scope_of_an_owner_ends_at_an_item_of_its_level():
    body = "1. Sở Y tế\n\n- Tổ chức khám sàng lọc.\n\n2. Nội dung khác\n\n- Tuyên truyền trên báo chí.\n"
    assert units(body) == {("Sở Y tế", "executor")}


def test_lists_split_at_named_bodies_and_new_determiners_after_semicolons():
    assert split_units("Các cơ quan Đảng trực thuộc Tỉnh ủy; các sở, ban, ngành, Mặt trận Tổ quốc, các hội, đoàn thể") == [
        "Các cơ quan Đảng trực thuộc Tỉnh ủy", "Các sở, ban, ngành", "Mặt trận Tổ quốc", "các hội, đoàn thể"]
    assert split_units("các bộ, ngành, địa phương và các cơ quan, đơn vị liên quan") == [
        "Các bộ, ngành, địa phương và các cơ quan, đơn vị liên quan"]


def test_speaker_of_a_notice_is_no_unit_but_its_audience_is():
    body = "Văn phòng Ủy ban nhân dân tỉnh thông báo để Sở Xây dựng biết, thực hiện.\n"
    assert units(body) == {("Sở Xây dựng", "executor")}


def test_named_body_and_a_collective_joined_by_va_are_two_units():
    assert split_units("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể tỉnh") == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Các đoàn thể tỉnh"]


def test_subject_after_an_opening_adverbial_keeps_its_whole_list():
    body = "1. Căn cứ Kế hoạch này, Giám đốc các Sở, Thủ trưởng các ngành, UBND các xã xây dựng kế hoạch cụ thể.\n"
    assert units(body) == {("Giám đốc các Sở", "executor"), ("Thủ trưởng các ngành", "executor"),
                           ("UBND các xã", "executor")}


def test_a_roster_of_members_assigns_nothing():
    body = "- Trưởng Ban: Đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh.\n- Phó Trưởng Ban: Ông Trần Văn B.\n"
    assert units(body) == set()


def test_executors_of_a_decision_listed_across_semicolons():
    body = ("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các sở, Thủ trưởng các ban, ngành; "
            "Chủ tịch Ủy ban nhân dân các xã chịu trách nhiệm thi hành Quyết định này./.\n")
    assert units(body) == {("Chánh Văn phòng Ủy ban nhân dân tỉnh", "executor"), ("Giám đốc các sở", "executor"),
                           ("Thủ trưởng các ban, ngành", "executor"),
                           ("Chủ tịch Ủy ban nhân dân các xã", "executor")}


@pytest.mark.parametrize("phrase, expected", [
    ("Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng", ["tỉnh Nghệ An", "tỉnh Quảng Ngãi", "tỉnh Cao Bằng"]),
    ("Giám đốc các Sở: Tài chính, Y tế và Xây dựng", ["Giám đốc Sở Tài chính", "Giám đốc Sở Y tế", "Giám đốc Sở Xây dựng"]),
    ("Ủy ban nhân dân các tỉnh, thành phố: Lạng Sơn, Cần Thơ",
     ["Ủy ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân thành phố Cần Thơ"]),
    ("Các tỉnh, thành phố", ["Các tỉnh, thành phố"]),
])
def test_list_under_a_shared_head_repeats_the_head(phrase, expected):
    assert split_units(phrase) == expected


def test_shared_head_item_names_run_to_the_predicate():
    body = "d) Ủy ban nhân dân các tỉnh: Lạng Sơn, Cao Bằng quyết liệt chỉ đạo các chủ đầu tư.\n"
    assert ("Ủy ban nhân dân tỉnh Lạng Sơn", "executor") in units(body)
    assert ("Ủy ban nhân dân tỉnh Cao Bằng", "executor") in units(body)


def test_table_rows_apart_by_blank_lines_and_a_row_that_lost_a_cell():
    body = ("Số TT\tNội dung thực hiện\tChủ trì, phối hợp\tThời gian\n\n"
            "1\tXây dựng kế hoạch\t- Phòng Tổ chức tham mưu\tTháng 01\n\n"
            "Ban hành quy chế\t- Văn phòng chủ trì\tTháng 02\n\n"
            "3\tTập huấn nghiệp vụ\tCán bộ làm công tác thi đua, khen thưởng\tTháng 3\n")
    assert units(body) == {("Phòng Tổ chức", "executor"), ("Văn phòng", "lead"),
                           ("Cán bộ làm công tác thi đua, khen thưởng", "executor")}


@pytest.mark.parametrize("body", [
    "Ủy ban nhân dân tỉnh yêu cầu thực hiện nghiêm túc.",                       # the writer, not an assignee
    "Thực hiện Kết luận số 01-KL/TW của\nBộ Chính trị về tiếp tục đổi mới công tác thi đua.",  # an author
    "Tổ chức đánh giá, đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Cờ thi đua.",  # a submission
    "- Lãnh đạo, chỉ đạo các phòng hoàn thành nhiệm vụ.",                         # a verb, not a body
])
def test_not_assignees(body):
    assert units(body) == set()


def test_mid_sentence_subject_is_a_named_body():
    body = "Trên cơ sở kết quả chấm điểm, Công đoàn phối hợp thực hiện; tổ chức đảng, các đoàn thể trong công tác lãnh đạo."
    assert units(body) == {("Công đoàn", "support")}


@pytest.mark.parametrize("body", [
    "- Đồng chí Nguyễn Văn A, Chủ nhiệm Ủy ban của Quốc hội tiếp tục thực hiện quy hoạch.",  # a person
    "- Cán bộ được bổ nhiệm giữ chức vụ cao hơn thực hiện theo quy định.",                  # a passive subject
])
def test_persons_and_passive_subjects_are_no_units(body):
    assert units(body) == set()


def test_units_named_as_assigned_stay():
    assert units("- Các đơn vị được giao nhiệm vụ tổ chức thực hiện.") == {("Các đơn vị", "executor")}


def test_lower_case_categories_continue_their_list():
    assert split_units("Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các xã, phường") == [
        "Thủ trưởng các sở, ban, ngành tỉnh", "Chủ tịch UBND các xã, phường"]


def test_a_verb_right_after_a_comma_is_a_listed_noun():
    body = "Thủ trưởng các cơ quan, tổ chức và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này."
    assert units(body) == {("Thủ trưởng các cơ quan, tổ chức và cá nhân có liên quan", "executor")}


def test_an_alias_in_brackets_is_no_part_of_the_units():
    body = "Các sở, ban, ngành (sau đây viết tắt là cơ quan, đơn vị) triển khai thực hiện Đợt thi đua."
    assert units(body) == {("Các sở, ban, ngành", "executor")}


def test_forces_without_a_determiner_are_units():
    assert units("- Phối hợp với lực lượng chức năng đánh giá an toàn tuyến đường.") == {("lực lượng chức năng", "support")}


def test_a_composition_statement_assigns_nothing():
    body = "Ban Chỉ đạo gồm: Trưởng Ban Chỉ đạo là Chủ tịch UBND tỉnh; Phó Trưởng Ban là Giám đốc Sở Nội vụ."
    assert units(body) == set()


def test_forces_and_authorities_in_one_list_are_separate():
    assert split_units("chính quyền địa phương, lực lượng xung kích") == ["chính quyền địa phương", "lực lượng xung kích"]


def test_separate_lead_and_support_columns_and_a_heading_broken_into_lines():
    body = ("STT\n\nNHIỆM VỤ VÀ GIẢI PHÁP\n\nCHỦ TRÌ\n\nPHỐI HỢP\n\nTHỜI GIAN\n\nI\n\nNHÓM GIẢI PHÁP\n\n"
            "1\tRà soát cơ chế, chính sách.\tSở Tài chính\tDoanh nghiệp; Sở, ban, ngành có liên quan\tThường xuyên\n")
    assert units(body) == {("Sở Tài chính", "lead"), ("Doanh nghiệp", "support"),
                           ("Sở, ban, ngành có liên quan", "support")}


def test_role_read_one_step_past_an_adverb_and_places_apart():
    assert units("đ) Bộ Xây dựng tiếp tục chủ trì theo dõi, tổng hợp.") == {("Bộ Xây dựng", "lead")}
    assert split_units("Thành phố Hồ Chí Minh, tỉnh Lâm Đồng") == ["Thành phố Hồ Chí Minh", "tỉnh Lâm Đồng"]


def test_giao_with_an_adverb_before_the_task():
    assert units("b) Giao đồng chí Bộ trưởng Bộ Xây dựng trực tiếp chỉ đạo kiểm tra, rà soát.") == {
        ("đồng chí Bộ trưởng Bộ Xây dựng", "executor")}


def test_a_label_heads_the_item_and_the_bodies_follow():
    assert units("- Cơ quan thực hiện: Sở Y tế chủ trì, phối hợp với các sở, ban, ngành.") == {
        ("Sở Y tế", "lead"), ("Các sở, ban, ngành", "support")}
    assert units("- Cơ quan chủ trì: Sở Tài chính.") == {("Sở Tài chính", "lead")}


def test_a_board_that_names_its_own_place_is_no_apposition():
    assert split_units("Ban Quản lý Khu kinh tế Đông Nam, Sở Khoa học và Công nghệ") == [
        "Ban Quản lý Khu kinh tế Đông Nam", "Sở Khoa học và Công nghệ"]
    assert split_units("Ban Thi đua – Khen thưởng, Sở Nội vụ") == ["Ban Thi đua – Khen thưởng, Sở Nội vụ"]


def test_hoac_and_lower_case_forces_separate_units():
    assert split_units("Công an xã, phường hoặc UBND các xã, phường") == ["Công an xã, phường", "UBND các xã, phường"]
    assert split_units("UBND các phường, xã và lực lượng chức năng") == ["UBND các phường, xã", "lực lượng chức năng"]


def test_trong_qua_trinh_holds_no_verb():
    assert units("Thuế tỉnh Tây Ninh trong quá trình thực hiện nếu có vướng mắc báo cáo Cục Thuế.") == {
        ("Thuế tỉnh Tây Ninh", "executor")}


def test_an_office_over_the_bodies_it_heads_in_a_decisions_executors():
    body = ("Điều 4. Chánh Văn phòng UBND tỉnh; Giám đốc: Trung tâm Phục vụ hành chính công tỉnh, Trung tâm "
            "Công báo - Tin học tỉnh; Chủ tịch UBND cấp xã chịu trách nhiệm thi hành Quyết định này./.\n")
    assert units(body) == {("Chánh Văn phòng UBND tỉnh", "executor"),
                           ("Giám đốc Trung tâm Phục vụ hành chính công tỉnh", "executor"),
                           ("Giám đốc Trung tâm Công báo - Tin học tỉnh", "executor"),
                           ("Chủ tịch UBND cấp xã", "executor")}


def test_names_that_hold_va_or_a_comma_stay_whole_under_a_shared_head():
    assert split_units("Giám đốc các Sở: Nông nghiệp và Môi trường, Tài chính") == [
        "Giám đốc Sở Nông nghiệp và Môi trường", "Giám đốc Sở Tài chính"]
    assert split_units("Giám đốc các Sở: Văn hóa, Thể thao và Du lịch, Y tế") == [
        "Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Giám đốc Sở Y tế"]


def test_numbered_points_in_brackets_and_standing_committees():
    body = "Kết quả đạt được. (3) Bộ Công an tiếp tục chủ động phối hợp với Bộ Y tế.\nĐề nghị Thường trực Tỉnh ủy tập trung lãnh đạo.\n"
    found = units(body)
    assert ("Bộ Công an", "support") in found or ("Bộ Công an", "executor") in found
    assert ("Thường trực Tỉnh ủy", "executor") in found


def test_a_note_of_role_in_brackets_is_no_part_of_the_name():
    assert split_units("Sở Nội vụ (Cơ quan thường trực Ban Vì sự tiến bộ phụ nữ)") == ["Sở Nội vụ"]
    assert split_units("Chủ tịch UBND tỉnh (thông qua Sở Tài chính)") == ["Chủ tịch UBND tỉnh"]


def test_nhat_la_names_more_units_and_dong_thoi_opens_a_sentence():
    found = units("4.5. Chính quyền địa phương các cấp, nhất là thành phố Hà Nội và các đô thị lớn phải đi đầu.\n"
                  "Đồng thời, cấp uỷ cơ sở phải quan tâm sâu sát.\n")
    assert {("thành phố Hà Nội", "executor"), ("Các đô thị lớn", "executor"), ("cấp uỷ cơ sở", "executor")} <= found


def test_a_long_request_list_is_read_whole_with_one_unit_per_body():
    names = ["Văn phòng Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
             "Viện kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh", "Kiểm toán nhà nước khu vực IV",
             "Kho bạc nhà nước khu vực IX", "Ngân hàng nhà nước khu vực 5", "Chi cục Hải quan khu vực IX",
             "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Công an tỉnh"]
    body = "5. Đề nghị " + ", ".join(names) + " tăng cường công tác bảo vệ bí mật nhà nước trong phạm vi quản lý.\n"
    assert len(body.split()) > 60  # longer than any one name: the list must not be refused as run-on text
    assert units(body) == {(n, "executor") for n in names}


def test_the_joint_office_of_the_assembly_delegation_and_council_is_one_body():
    assert split_units("Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh, Sở Tư pháp") == [
        "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh", "Sở Tư pháp"]
    assert split_units("Sở Nội vụ và HĐND tỉnh") == ["Sở Nội vụ", "HĐND tỉnh"]


def test_a_verb_after_a_determiner_is_a_noun_of_the_list():
    body = "Chủ tịch Ủy ban nhân dân các xã và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.\n"
    assert units(body) == {("Chủ tịch Ủy ban nhân dân các xã", "executor"),
                           ("Các tổ chức, cá nhân có liên quan", "executor")}


def test_a_head_before_a_colon_ends_at_its_verb_and_people_at_large_are_no_unit():
    assert units("- Các cấp ủy, tổ chức đảng cần tập trung lãnh đạo: rà soát quy hoạch.\n") == {
        ("Các cấp ủy, tổ chức đảng", "executor")}
    assert units("Các sở, ban, ngành và mọi người dân triển khai Đợt thi đua.\n") == {("Các sở, ban, ngành", "executor")}
    assert units("- Cơ quan chủ trì giải quyết thủ tục: tiếp nhận hồ sơ.\n") == {
        ("Cơ quan chủ trì giải quyết thủ tục", "executor")}


def test_the_main_clause_after_a_condition_names_its_subject():
    body = ("- Trường hợp cán bộ giữ chức vụ dưới 1 năm, thì Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy Công an tỉnh "
            "xem xét, quyết định việc bổ nhiệm.\n"
            "- Đối với các chức danh khác, thì do Đảng ủy Quân sự tỉnh quyết định theo phân cấp.\n")
    assert units(body) == {("Ban Thường vụ Tỉnh ủy", "executor"), ("Ban Thường vụ Đảng ủy Công an tỉnh", "executor"),
                           ("Đảng ủy Quân sự tỉnh", "executor")}


def test_names_holding_a_comma_or_va_of_their_own_stay_whole():
    assert split_units("Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương, Đảng ủy Chính phủ") == [
        "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương", "Đảng ủy Chính phủ"]
    assert split_units("Sở Văn hóa, Thể thao và Du lịch và Sở Y tế") == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]


def test_a_deputy_allowed_to_decide_is_given_no_task():
    assert units("Phó Trưởng ban được quyết định một số vấn đề theo phân công của Trưởng ban.\n") == set()


def test_the_actor_column_of_a_procedure_table_names_who_does_each_step():
    body = ("TT\tTrình tự\tTrách nhiệm\tThời gian\tBiểu mẫu/Kết quả\n"
            "B1\tTiếp nhận hồ sơ, kiểm tra tính hợp lệ.\tTổ chức/cá nhân, Công chức một cửa\tGiờ hành chính\tMẫu 01\n"
            "B2\tChuyển hồ sơ về phòng chuyên môn.\tCông chức một cửa/ dịch vụ bưu chính công ích\t0,5 ngày\tMẫu 02\n"
            "B3\tThẩm định hồ sơ, trình ký.\tLãnh đạo phòng chuyên môn\t1 ngày\tMẫu 03\n")
    assert units(body) == {("Tổ chức/cá nhân", "executor"), ("Công chức một cửa", "executor"),
                           ("dịch vụ bưu chính công ích", "executor"), ("Lãnh đạo phòng chuyên môn", "executor")}


def test_a_request_to_a_list_across_semicolons_ends_at_its_colon():
    body = ("Đề nghị các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh; các Hội được Nhà nước giao nhiệm vụ trên địa bàn tỉnh; "
            "Hội đồng nhân dân, Ủy ban nhân dân các xã, phường: tổ chức đánh giá cán bộ.\n")
    assert units(body) == {("Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh", "executor"),
                           ("Các Hội được Nhà nước giao nhiệm vụ trên địa bàn tỉnh", "executor"),
                           ("Hội đồng nhân dân các xã, phường", "executor"),
                           ("Ủy ban nhân dân các xã, phường", "executor")}


def test_the_authority_named_by_a_label_decides():
    body = ("- Cơ quan có thẩm quyền quyết định: UBND tỉnh.\n- Cơ quan phối hợp: Không.\n"
            "- Thẩm quyền quyết định đánh giá, xếp loại chất lượng: Thường trực Hội đồng nhân dân tỉnh.\n")
    assert units(body) == {("UBND tỉnh", "executor"), ("Thường trực Hội đồng nhân dân tỉnh", "executor")}


def test_enterprises_and_investors_are_units_but_a_verb_inside_their_name_is_no_predicate():
    assert units("12. Đề nghị Công ty Điện lực tỉnh: khẩn trương khắc phục sự cố lưới điện.\n") == {
        ("Công ty Điện lực tỉnh", "executor")}
    assert units("Yêu cầu Nhà đầu tư rà soát, điều chỉnh kế hoạch thi công.\n") == {("Nhà đầu tư", "executor")}
    assert units("PHỤ LỤC\n\n1. Công ty TNHH Tập đoàn xây dựng Hòa Bình\n\n2. Công ty Cổ phần Công trình Đô thị Minh Long\n\n"
                 "3. Công ty Cổ phần Tập đoàn\nSông Đà\n") == set()


def test_a_body_heading_may_name_a_long_list_and_a_list_subject_may_determine_its_task():
    body = ("9.\nBáo và Phát thanh - Truyền hình tỉnh, Sở Văn hóa, Thể thao và Du lịch, Cổng Thông tin điện tử tỉnh, "
            "Trung tâm Văn hóa tỉnh và Đài truyền thanh các xã, phường:\n\n- Tăng cường thông tin, tuyên truyền.\n")
    assert ("Báo và Phát thanh - Truyền hình tỉnh", "executor") in units(body)
    assert ("Sở Văn hóa, Thể thao và Du lịch", "executor") in units(body)
    body = "a) Các cơ quan Đảng trực thuộc Tỉnh ủy; các sở, ban, ngành xác định đây là nhiệm vụ trọng tâm.\n"
    assert units(body) == {("Các cơ quan Đảng trực thuộc Tỉnh ủy", "executor"), ("Các sở, ban, ngành", "executor")}


def test_a_support_list_ends_at_the_verb_of_its_task():
    assert units("- Sở Y tế chủ trì, phối hợp với các cơ quan báo chí, truyền hình đăng tải thông tin về dịch bệnh.\n") == {
        ("Sở Y tế", "lead"), ("Các cơ quan báo chí, truyền hình", "support")}
    assert units("- Công an tỉnh phối hợp với lực lượng chức năng điều tra các vụ vận chuyển trái phép.\n") == {
        ("Công an tỉnh", "support"), ("lực lượng chức năng", "support")}
    assert units("- Sở Xây dựng khắc phục các sự cố.\n") == {("Sở Xây dựng", "executor")}


def test_a_group_of_one_bodys_organs_is_closed_by_its_parent_name():
    body = ("2. Giao Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh, các Tổ đại biểu và "
            "các đại biểu Hội đồng nhân dân tỉnh trong phạm vi nhiệm vụ, quyền hạn giám sát việc thực hiện Nghị quyết.\n")
    assert units(body) == {("Thường trực Hội đồng nhân dân tỉnh", "executor"),
                           ("các Ban của Hội đồng nhân dân tỉnh", "executor"), ("các Tổ đại biểu", "executor"),
                           ("Các đại biểu Hội đồng nhân dân tỉnh", "executor")}
    assert split_units("các sở, ban, ngành, các hội, đoàn thể") == ["Các sở, ban, ngành, các hội, đoàn thể"]


def test_a_topic_names_its_bodies_when_a_task_follows_but_criteria_name_none():
    assert units("- Đối với các nhà máy xi măng, luyện thép: Tăng cường sử dụng nguyên liệu sạch.\n") == {
        ("Các nhà máy xi măng, luyện thép", "executor")}
    assert units("- Đối với các xã còn diện tích đất lúa: cần tập trung chỉ đạo, tuyên truyền.\n") == {
        ("Các xã còn diện tích đất lúa", "executor")}
    assert units("- Đối với cá nhân: Hoàn thành xuất sắc nhiệm vụ được giao.\n") == set()


def test_government_leaders_and_contractors_are_units_and_a_date_ends_a_name():
    assert units("c) Giao Phó Thủ tướng Chính phủ trước ngày 15 tháng 11 năm 2025 trực tiếp kiểm tra, đôn đốc.\n") == {
        ("Phó Thủ tướng Chính phủ", "executor")}
    assert units("- Đồng chí Bộ trưởng Bộ Y tế, Thứ trưởng Bộ Y tế phụ trách lĩnh vực và các nhà thầu khẩn trương hoàn thành.\n") \
        == {("Đồng chí Bộ trưởng Bộ Y tế", "executor"), ("Thứ trưởng Bộ Y tế phụ trách lĩnh vực", "executor"),
            ("Các nhà thầu", "executor")}


def test_a_superior_asked_to_grant_an_award_is_sent_a_submission():
    assert units("Hồ sơ trình, đề nghị Thủ tướng Chính phủ, Chủ tịch UBND tỉnh xem xét tặng Bằng khen cho các tập thể.\n") \
        == set()


def test_the_closing_formula_names_who_reports_difficulties_and_a_permission_is_no_task():
    assert units("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo về Sở Nội vụ.\n") \
        == {("Các cơ quan, đơn vị", "executor")}
    assert units("4. Trong quá trình thực hiện, Cơ quan thường trực Ban Chỉ đạo được làm việc với các bộ, ngành.\n") == set()
    assert units("8. Bảo hiểm xã hội tỉnh bố trí kinh phí chi trả.\n") == {("Bảo hiểm xã hội tỉnh", "executor")}


def test_party_bodies_are_units():
    assert units("3. Đảng đoàn Hội đồng nhân dân tỉnh, Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo thể chế hóa.\n"
                 "- Huyện ủy, Thị ủy chỉ đạo thực hiện.\n") == {
        ("Đảng đoàn Hội đồng nhân dân tỉnh", "executor"), ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "executor"),
        ("Huyện ủy", "executor"), ("Thị ủy", "executor")}


def test_the_writer_agreeing_to_assign_is_no_assignee():
    assert units("Sau khi xem xét, Ủy ban nhân dân tỉnh thống nhất giao Sở Xây dựng hướng dẫn nhà đầu tư hoàn thiện hồ sơ.\n") \
        == {("Sở Xây dựng", "executor")}


def test_a_role_column_entry_is_one_unit_unless_it_lists_named_bodies():
    body = ("TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
            "1\tXây dựng đề án\tSở Nội vụ\tViện, Trường; Sở, ban, ngành có liên quan\tQuý II\n"
            "2\tTổ chức tập huấn\tSở Y tế\tSở Tài chính, Sở Tư pháp\tNăm 2025\n")
    assert units(body) == {("Sở Nội vụ", "lead"), ("Viện, Trường", "support"), ("Sở, ban, ngành có liên quan", "support"),
                           ("Sở Y tế", "lead"), ("Sở Tài chính", "support"), ("Sở Tư pháp", "support")}


def test_every_unit_points_at_where_it_is_written():
    body = ("Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị báo cáo về Sở Nội vụ.\n"
            "Giao Hội đồng nhân dân, Ủy ban nhân dân các xã giám sát việc thực hiện.\n")
    text = HEAD + body + "\n"
    for unit in extract(text)["responsible_units"]:
        for a, b in unit["mentions"]:
            written = text[a:b]
            assert written and unit["name"].lower().startswith(written.lower()), (unit["name"], written)
