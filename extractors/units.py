"""Responsible units: the bodies a document assigns work to, with roles.

SPEC §4 names the forms: a list item `X: <task>` (Tổ chức thực hiện), `Giao
X …`, `X chủ trì …, Y phối hợp`, `đề nghị / yêu cầu X …`, a body opening a
sentence with a task verb, and the chủ trì / phối hợp column of a task
table. Every body after `phối hợp (với)` is `support`; `chủ trì` is `lead`;
any other assignee is `executor`. A list of named bodies is one unit each,
except a board in apposition to its parent (`Ban Thi đua – Khen thưởng, Sở
Nội vụ`); a collective phrase (`Các cơ quan, đơn vị, địa phương`) is one.
"""
from __future__ import annotations

import re

from pipeline.document import Document, Line
from pipeline.textnorm import compare_key, either_style

from .grammar import letter_led

# Nouns that head a collective assignee (`Các cơ quan, đơn vị`, `Mỗi công chức`).
COLLECTIVE_HEADS = either_style(r"(?:cơ\s+quan|đơn\s+vị|cấp|ngành|sở|ban|địa\s+phương|khoa|phòng|khối|cụm|tổ\s+chức|doanh\s+nghiệp|"
                    r"trường|xã|phường|huyện|bộ|tỉnh|thành\s+viên|ủy\s+viên|cá\s+nhân|tập\s+thể|hội|đoàn\s+thể|lực\s+lượng|"
                    r"chủ\s+đầu\s+tư|trưởng|phó|thành\s+phố|tổ|ngân\s+hàng|cơ\s+sở|đảng\s+bộ|chi\s+bộ|cấp\s+ủy|"
                    r"công\s+chức|viên\s+chức|cán\s+bộ|CCVCNLD|người\s+lao\s+động|thủ\s+trưởng|giám\s+đốc|chủ\s+tịch|"
                    r"bộ\s+phận|trung\s+tâm|nhà\s+trường|đài|báo|quận|thị\s+xã|đặc\s+khu|đô\s+thị|đại\s+biểu|nhà\s+máy|nhà\s+thầu|nhà\s+đầu\s+tư|Khối|Cụm)")
# Words that cannot sit inside a subject: a phrase holding one ran into its predicate.
NOT_IN_SUBJECT = re.compile(r"\s(?:được\s+giao|về|là|đã|nhận|sẽ|cho|để|nhằm|này|theo|khi|nếu|tại|thống\s+nhất|yêu\s+cầu|"
                            r"đề\s+nghị|giao|ban\s+hành|xây\s+dựng|làm|bằng|kịp\s+thời|huy\s+động|tặng|"
                            r"góp\s+phần|liên\s+quan\s+đến|được\s+phân\s+công|có\s+thành\s+tích|đang|đề\s+xuất|tích\s+cực|"
                            r"có\s+thể|nâng\s+cao|đẩy\s+nhanh|sử\s+dụng|đoàn\s+kết|gương\s+mẫu|thành\s+lập|phân\s+công|"
                            r"gồm|trong\s+quá\s+trình|tham\s+gia|trong\s+phạm\s+vi|trước\s+ngày|chậm\s+nhất)\s")
# A body named by its proper name (not a collective `các …`).
NAMED_BODY = either_style(r"(?:Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|Hội\s+đồng|Công\s+đoàn|Sở|Bộ|Ban|Cục|Công\s+an|Mặt\s+trận|Đài|Báo|Văn\s+phòng|"
              r"Trung\s+tâm|Liên\s+đoàn|Đoàn|Hội)")
# How a body's name opens (NĐ 30 Phụ lục I names; collectives of the genre).
BODY = either_style(r"(?:Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|Hội\s+đồng|Sở|Bộ|Ban|Cục|Chi\s+cục|Vụ|Viện|Trường|Phòng|Văn\s+phòng|"
        r"Thanh\s+tra|Kho\s+bạc|Kiểm\s+toán|Hải\s+quan|Đảng\s+đoàn|Huyện\s+ủy|Quận\s+ủy|Thị\s+ủy|Đảng\s+bộ|Chi\s+bộ|Bảo\s+hiểm\s+xã\s+hội|Nhà\s+đầu\s+tư|Nhà\s+thầu|Doanh\s+nghiệp|Công\s+ty|Tổng\s+công\s+ty|"
        r"Tập\s+đoàn|(?-i:Chủ\s+đầu\s+tư)|Công\s+an|Bộ\s+Chỉ\s+huy|Đảng\s+ủy|Đảng\s+uỷ|Tỉnh\s+ủy|Thành\s+ủy|Công\s+đoàn|"
        r"Quân\s+ủy|Quân\s+uỷ|Cấp\s+ủy|Cấp\s+uỷ|Tổ\s+chức\s+đảng|"
        r"(?-i:[Tt]hành\s+phố|[Tt]ỉnh)(?=\s+[A-ZĐÀ-Ỹ])|"
        r"Đoàn|Hội|Liên\s+đoàn|Mặt\s+trận|Ủy\s+ban\s+Mặt\s+trận|Trung\s+tâm|Báo|Đài|Cổng|Bệnh\s+viện|Ngân\s+hàng|"
        r"Thuế|Tòa\s+án|Viện\s+kiểm\s+sát|Thủ\s+tướng|Phó\s+Thủ\s+tướng|Thứ\s+trưởng|Chủ\s+tịch|Phó\s+Chủ\s+tịch|Giám\s+đốc|Thủ\s+trưởng|Trưởng|Phó\s+Trưởng|"
        r"Chánh|Thường\s+trực|Lực\s+lượng|Chính\s+quyền|Lãnh\s+đạo(?!\s*,\s*chỉ\s+đạo)|Thành\s+viên|Ủy\s+viên|Cán\s+bộ|Người\s+đứng\s+đầu|Cơ\s+quan|Đồng\s+chí|"
        r"(?:[Cc]ác|[Mm]ỗi|[Tt]ừng|[Nn]hững)\s+(?:đồng\s+chí\s+)?" + COLLECTIVE_HEADS + r")"
        r"(?!(?-i:\s+(?:hành|nghị|thi|viên\s+chức|cáo|tiêu\s+chí|hợp|chống|ngừa|nhập))\b)")  # `Ban hành`, `Hội nghị`, `Hội thi` are no bodies
BODY_START = re.compile(r"^" + BODY + r"\b", re.IGNORECASE)
TASK_VERB = (r"(?:chủ\s+trì|phối\s+hợp|tổ\s+chức|thực\s+hiện|triển\s+khai|xây\s+dựng|chỉ\s+đạo|hướng\s+dẫn|tham\s+mưu|"
             r"chủ\s+động|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|gửi|báo\s+cáo|tăng\s+cường|đẩy\s+mạnh|theo\s+dõi|"
             r"kiểm\s+tra|rà\s+soát|phát\s+động|nghiên\s+cứu|ban\s+hành|quán\s+triệt|tiếp\s+tục|xem\s+xét|bố\s+trí|"
             r"cân\s+đối|bảo\s+đảm|đảm\s+bảo|cập\s+nhật|đăng\s+ký|ký\s+kết|tổng\s+hợp|thẩm\s+định|phấn\s+đấu|"
             r"nêu\s+cao|chấp\s+hành|căn\s+cứ|định\s+kỳ|thường\s+xuyên|khẩn\s+trương|nghiêm\s+túc|lãnh\s+đạo|"
             r"điều\s+hành|đôn\s+đốc|giám\s+sát|tuyên\s+truyền|phải|cần|họp|xét|bình\s+xét|chấm\s+điểm|sơ\s+kết|"
             r"tổng\s+kết|trình|tiếp\s+nhận|quản\s+lý|vận\s+động|hỗ\s+trợ|sẽ|phát\s+huy|trực\s+tiếp|quyết\s+liệt|"
             r"tập\s+trung|đẩy\s+nhanh|đôn\s+đốc|tiến\s+hành|quyết\s+định|xác\s+định|đăng\s+tải|thu\s+gom|khắc\s+phục|"
             r"thu\s+thập|điều\s+tra)")
# A task verb in lower case: capitalised, `Xây dựng` is part of a name (`Bộ Xây dựng`). Every
# verb of the list starts with a consonant, so no accented capital needs naming here.
# After a determiner a verb-like word is a noun (`các tổ chức`, `mỗi cán bộ phải`); `trong quá trình` holds no verb.
VERB_LC = r"(?<!quá )(?<!công )(?<!các )(?<!những )(?<!mỗi )(?<!từng )(?-i:(?![A-ZĐ]))" + TASK_VERB
# A verb inside a phrase read as a subject ends it, except the role naming a body (`Cơ quan chủ trì giải quyết …`).
INNER_VERB = re.compile(r"(?<!,)\s+(?!(?:(?<=cơ quan )|(?<=đơn vị ))(?:chủ\s+trì|phối\s+hợp))" + VERB_LC + r"\b",
                        re.IGNORECASE)
ITEM_PREFIX = re.compile(r"^\s*(?:[-–—+•]\s*|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s*|[a-zđ]\s*\)\s*|\(\d{1,2}\)\s*)*")


def item_text(s: str) -> str:
    """The text after an item's numbers and dashes. ITEM_PREFIX is anchored and always matches, so this is
    `ITEM_PREFIX.sub("", s)` without sub's search of the rest of the line for a second match."""
    return s[ITEM_PREFIX.match(s).end():]


ITEM_HEAD = re.compile(r"^(?P<units>[^:;.]{3,220}?)\s*:\s*(?P<rest>.*)$")
# The verb's first letter is read by letter_led (re scans for it), the look-behind picks the verb it opens.
ASSIGN = re.compile(r"(?P<verb>" + letter_led("GgĐđYy") + r"(?:(?<=[Gg])iao(?:\s+cho)?|(?<=[Đđ])ề\s+nghị|(?<=[Yy])êu\s+cầu))"
                    r"\s+(?P<units>" + BODY + r"[^:;.]{0,500}?)"
                    r"(?=\s+" + VERB_LC + r"\b|\s*[:;.]|$)", re.IGNORECASE)
SUBJECT = re.compile(r"^(?P<units>" + BODY + r"[^:;.]{0,400}?)(?<!,)(?<!công tác)\s+(?:\(\S[^)]*\)\s+)?(?P<verb>" + VERB_LC + r")\b",
                     re.IGNORECASE)
# A named body opening a clause after a comma (`Trên cơ sở …, Ban Thi đua … tổng hợp`).
# The subject after an opening adverbial (`Căn cứ Kế hoạch này, Giám đốc các Sở, … xây dựng`).
SUBJECT_AFTER_OPENER = re.compile(r"^(?-i:Căn\s+cứ|Trên\s+cơ\s+sở|Để|Theo|Sau\s+khi|Trong\s+thời\s+gian|Đồng\s+thời|"
                                  r"Trong\s+quá\s+trình)"
                                  r"[^,:;.]{0,200},\s*"
                                  r"(?:(?:nếu|khi)\s[^:;.]{0,120}?,\s*)?"  # `…, nếu có khó khăn, vướng mắc, X …`
                                  r"(?P<units>" + BODY + r"[^:;.]{0,400}?)(?<!,)(?<!công tác)\s+(?P<verb>" + VERB_LC + r")\b",
                                  re.IGNORECASE)
# The main clause after a condition (`Trường hợp …, thì Ban Thường vụ … xem xét`, `… thì do X quyết định`).
SUBJECT_AFTER_THEN = re.compile(r"(?<!\w)thì\s+(?:do\s+)?(?P<units>" + BODY + r"[^:;.]{0,400}?)(?<!,)\s+(?P<verb>" + VERB_LC + r")\b",
                                re.IGNORECASE)
# A subject list whose parts are separated by `;` (`Chánh Văn phòng …; Giám đốc các
# sở; Chủ tịch … chịu trách nhiệm thi hành Quyết định này`): read over the sentence.
SUBJECT_LIST = re.compile(r"^(?P<units>" + BODY + r"(?:[^:.]|(?<=đốc):|(?<=trưởng):|(?<=Sở):|(?<=Bộ):){0,600}?;(?:[^:.]|(?<=đốc):|(?<=trưởng):|(?<=Sở):|(?<=Bộ):){0,600}?)(?<!,)(?<!công tác)\s+(?P<verb>" + VERB_LC + r")\b",
                          re.IGNORECASE)
# A request to a list whose entries `;` separates, the task after a colon (`Đề nghị X; Y; Z: tổ chức …`).
ASSIGN_LIST = re.compile(r"^(?:[Gg]iao|[Đđ]ề\s+nghị|[Yy]êu\s+cầu)\s+(?P<units>" + BODY + r"[^:.]{0,800}?;[^:.]{0,800}?)\s*:\s*"
                         r"(?P<verb>\S+(?:\s+\S+)?)", re.IGNORECASE)
# The `, ` before the name is part of the match rather than a look-behind: a pattern that opens with a comma is
# searched by re's fast scan for one (the name starts at `m.start("units")`).
SUBJECT_MID = re.compile(r",\s(?P<units>" + NAMED_BODY + r"\b[^:;.,]{0,120}?)\s+(?P<verb>" + VERB_LC + r")\b")
SUPPORT = re.compile(letter_led("Pp") + r"hối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với|\s+cùng)?\s+(?P<units>(?:" + BODY + r")[^:;.()]{0,200}?)"
                     r"(?=\s+(?:để|trong|giải\s+quyết|xử\s+lý|nắm|đánh\s+giá|" + VERB_LC + r")\b|"
                     r"\s*[:;.]|$)", re.IGNORECASE)
# The closing `… thông báo để X biết, thực hiện`: X is told to act.
NOTICE = re.compile(r"\bđể\s+(?P<units>" + BODY + r"[^:;.]{0,150}?)\s+(?:được\s+)?biết(?:\s*,\s*|\s+và\s+)"
                    r"(?:thực\s+hiện|triển\s+khai|chỉ\s+đạo|phối\s+hợp)", re.IGNORECASE)
COLLECTIVE = re.compile(r"^(?:Các|các|Mỗi|mỗi|Từng|từng|Những|những)\s")
BOARD_OF_PARENT = re.compile(r"^(?:Ban|Phòng|Trung\s+tâm|Chi\s+cục|Văn\s+phòng|Hội\s+đồng)\b")
PARENT = re.compile(either_style(r"^(?:Sở|Bộ|Ủy\s+ban|Uỷ\s+ban|UBND|Cục)\b"))
ROLE_CELL = re.compile(r"\b(?:chủ\s+trì|phối\s+hợp|chỉ\s+đạo|tham\s+mưu)\b")
# A phrase longer than this ran past its subject into the text; one unit's name is shorter still.
MAX_WORDS = 120
MAX_NAME_WORDS = 40
# `Giao X`, `Giao trách nhiệm cho X`: the assigning verb before the bodies of an item.
GIAO = re.compile(r"^[Gg]iao(?:\s+trách\s+nhiệm)?(?:\s+cho)?\s+")


# Where a list of assignees starts a new unit: a named body (`…, Mặt trận Tổ
# quốc`) or a new determiner after `;` (`…; các cơ quan Trung ương`); category
# nouns under one determiner, and `, các …` runs of them, stay one unit
# (`các sở, ban, ngành và các đơn vị liên quan`).
UNIT_BREAK = re.compile(r"(\s*;\s*(?:và\s+)?(?=(?i:các|mỗi|từng|những)\s)|\s+và\s+(?=(?i:các|những|mọi)\s)|"
                        r"(?:\s*[,;]\s*(?:và\s+|hoặc\s+)?|\s+(?:và|hoặc)\s+)(?=" + NAMED_BODY + r"\b))")
# A list under a shared head (`Ủy ban nhân dân các tỉnh, thành phố: Tuyên Quang,
# Đồng Nai`, `các Bộ: Xây dựng, Nội vụ`, `Các tỉnh Nghệ An, Cao Bằng`): one unit
# per name, the head repeated (gold/README.md).
_CAP_NAME = r"[A-ZĐÀ-Ỹ][^,;:]*?"
SHARED_HEAD = re.compile(r"^(?P<pre>[^:;,]{0,80}?)\b(?:[Cc]ác|[Nn]hững)\s+(?P<cat>tỉnh(?:\s*,\s*thành\s+phố)?|"
                         r"thành\s+phố|[Ss]ở|[Bb]ộ|xã|phường|huyện|[Tt]ập\s+đoàn)\s*:?\s+"
                         r"(?P<names>" + _CAP_NAME + r"(?:(?:\s*,\s*|\s+và\s+)" + _CAP_NAME + r")*)$")
# Cities under the central government (Nghị quyết 202/2025/QH15 on the provincial units):
# the head `các tỉnh, thành phố` names them `thành phố`, the others `tỉnh`.
CENTRAL_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})


# `Giám đốc: Trung tâm A, Trung tâm B`: an office over the bodies it heads.
TITLE_HEAD = re.compile(r"^(?P<title>Giám\s+đốc|Thủ\s+trưởng|Chủ\s+tịch|Trưởng\s+ban)\s*:\s*(?P<names>[A-ZĐÀ-Ỹ].*)$")


# Names of departments and ministries that hold `và` (NĐ 45/2025/NĐ-CP on provincial departments;
# the Government's ministries): `và` inside them joins no two bodies.
NAMES_WITH_VA = frozenset(compare_key(n) for n in (
    "Nông nghiệp và Môi trường", "Khoa học và Công nghệ", "Giáo dục và Đào tạo", "Văn hóa, Thể thao và Du lịch",
    "Tài nguyên và Môi trường", "Nông nghiệp và Phát triển nông thôn", "Thông tin và Truyền thông",
    "Kế hoạch và Đầu tư", "Dân tộc và Tôn giáo", "Lao động - Thương binh và Xã hội", "Giao thông vận tải và Xây dựng"))


# Names that hold a comma or `và` of their own, so no list split may cut them: the department of
# culture (NĐ 45/2025/NĐ-CP), the office serving the Assembly delegation and the People's Council
# (Nghị quyết 1671/NQ-UBTVQH15 of 2025), the party committee of the Front and the central mass
# organisations (set up by the Politburo in 2025).
_WHOLE_NAMES = re.compile(either_style(r"Văn\s+hóa,\s+Thể\s+thao\s+và\s+Du\s+lịch|"
                                       r"Đoàn\s+đại\s+biểu\s+Quốc\s+hội\s+và\s+(?:HĐND|Hội\s+đồng\s+nhân\s+dân)|"
                                       r"Đảng\s+ủy\s+Mặt\s+trận\s+Tổ\s+quốc,\s+các\s+đoàn\s+thể\s+Trung\s+ương"),
                          re.IGNORECASE)
_COMMA, _AND = "\ue000", "\ue001"  # private-use stand-ins that no separator pattern matches


def _shield(text: str) -> str:
    return _WHOLE_NAMES.sub(lambda m: m.group(0).replace(",", _COMMA).replace(" và ", f" {_AND} "), text)


def _unshield(text: str) -> str:
    return text.replace(_COMMA, ",").replace(_AND, "và")


def _list_names(names: str) -> list[str]:
    """Names of a list under a shared head: commas part them, `và` too unless it is inside a name."""
    out: list[str] = []
    pieces = [_unshield(p) for p in re.split(r"\s*,\s*", _shield(names))]
    for piece in pieces:
        halves = re.split(r"\s+và\s+(?=[A-ZĐÀ-Ỹ])", piece)
        if len(halves) > 1 and compare_key(piece) not in NAMES_WITH_VA:
            out.extend(halves)
        else:
            out.append(piece)
    return [n for n in out if n]


def expand_shared_head(phrase: str) -> list[str] | None:
    t = TITLE_HEAD.match(phrase.strip())
    if t:
        names = [n.strip() for n in re.split(r"\s*,\s*(?=[A-ZĐÀ-Ỹ])", t.group("names")) if n.strip()]
        return [f"{t.group('title')} {n}" for n in names]
    m = SHARED_HEAD.match(phrase.strip())
    if not m:
        return None
    pre, cat = m.group("pre"), m.group("cat")
    out = []
    for name in _list_names(m.group("names")):
        kind = cat
        if "," in cat:
            kind = "thành phố" if name in CENTRAL_CITIES else "tỉnh"
        kind = kind[:1].upper() + kind[1:] if kind.lower() in ("sở", "bộ", "tập đoàn") else kind
        out.append(f"{pre}{kind} {name}".strip())
    return out


def _shared_head_item(head: re.Match) -> list[str] | None:
    """`Ủy ban nhân dân các tỉnh: Tuyên Quang, Đồng Nai quyết liệt chỉ đạo …`: the
    names run from the colon to the first word in lower case."""
    if not re.search(r"\b(?:tỉnh|thành\s+phố|xã|phường|huyện)$", head.group("units")):
        return None  # place names are capitalised word by word; names of Sở and Bộ are not
    place = r"[A-ZĐÀ-Ỹ]\S*(?:\s+[A-ZĐÀ-Ỹ]\S*)*"
    names = re.match(r"^\s*(" + place + r"(?:(?:\s*,\s*|\s+và\s+)" + place + r")*)(?=\s+[a-zđà-ỹ])",
                     head.group("rest"))
    return expand_shared_head(f"{head.group('units')}: {names.group(1)}") if names else None


COMMITTEE_NAME = re.compile(r"(?:Ban\s+[Cc]hỉ\s+đạo|Hội\s+đồng|Tổ\s+công\s+tác)(?:\s+\S+){0,2}$")
# Nouns in lower case that name a body of their own in a list (`chính quyền địa phương, lực lượng xung kích`).
STANDALONE_NOUN = re.compile(r"^(?:lực\s+lượng|chính\s+quyền|công\s+an)\b|^(?:tỉnh|thành\s+phố)\s+[A-ZĐÀ-Ỹ]")
ROLE_NOTE = re.compile(r"\s*\((?:[Cc]ơ\s+quan\s+thường\s+trực|thông\s+qua|qua)\b[^)]*\)")
ALIAS = re.compile(r"\s*\((?:sau\s+đây\s+)?(?:gọi|viết)(?:\s+chung|\s+tắt)*\s+là\b[^)]*\)?")
# Speakers, not assignees: the issuing body telling or answering (`Cục Thuế thông báo để …`).
SPEAKER = re.compile(r"(?<!được)\s(?:xin\s+)?(?:thông\s+báo|trả\s+lời|đã\s+có|có\s+(?:công\s+văn|công\s+điện|ý\s+kiến|văn\s+bản)|"
                     r"yêu\s+cầu|đề\s+nghị|giao|là|gồm|thống\s+nhất)\s")
# A passive right after a short subject (`Cán bộ được bổ nhiệm …`): the subject undergoes, it is not assigned.
PASSIVE = re.compile(r"^\S+(?:\s+\S+){0,2}\s+được\s(?!giao|phân\s+công)")
# `Đồng chí` followed by a personal name rather than an office.
PERSON = re.compile(r"^[Đđ]ồng\s+chí\s+(?!(?:Bí|Chủ|Phó|Bộ|Thứ|Trưởng|Giám|Tổng|Ủy|Uỷ|Chánh|Viện|Thủ|Tư|Cục|Vụ|"
                    r"Chỉ|Đại|Ủy|Thường|Tỉnh|Thành)\b)[A-ZĐÀ-Ỹ]")
# A superior asked to grant what the writer proposes (`đề nghị Chủ tịch UBND tỉnh tặng Cờ thi đua`) is sent a
# submission, not given a task (gold/README.md).
SUBMISSION = re.compile(r"\s(?:tặng|khen\s+thưởng|phê\s+duyệt|công\s+nhận|cho\s+ý\s+kiến|xem\s+xét,?\s+(?:khen|tặng|quyết))")


# A body opening an entry after `;`: the phrase is a list read entry by entry.
LIST_ENTRY = re.compile(r";\s*(?:và\s+)?" + BODY)


# A collective of the organs of one named body is closed by that name: a new `các …` after it is a new unit.
OF_PARENT = re.compile(r"\s(?:của|thuộc|trực\s+thuộc)\s+" + NAMED_BODY + r"\b")


def split_units(phrase: str, predicate: bool = True) -> list[str]:
    """One name per body: a determiner or a named body opens the next one.

    `predicate`: the phrase was read up to a verb and may have run into the
    predicate, which is cut off."""
    phrase = _shield(re.sub(r"\s+", " ", phrase).strip(" ,;:.-–"))
    phrase = ALIAS.sub("", phrase)  # `(sau đây viết tắt là cơ quan, đơn vị)` names the list, it is no part of it
    phrase = ROLE_NOTE.sub("", phrase)  # `Sở Nội vụ (Cơ quan thường trực …)`, `(thông qua Sở Tài chính)`
    phrase = re.sub(r",?\s+(?:nhất\s+là|đặc\s+biệt\s+là)\s+", "; ", phrase)  # `…, nhất là X và Y`: X, Y are units too
    if ";" in phrase and (predicate is False or LIST_ENTRY.search(phrase)):
        # `;` separates the entries of a list: each is read on its own
        return [u for piece in phrase.split(";") for u in split_units(piece, predicate)]
    if PERSON.match(phrase):
        return []  # a named person (`Đồng chí Nguyễn Văn A`), not a body or an office
    if predicate and (PASSIVE.match(phrase + " ") or phrase.endswith(" được")):
        return []  # `Cơ quan thường trực Ban Chỉ đạo được làm việc với …`: allowed, not assigned
    speaker = SPEAKER.search(f" {phrase} ") if predicate else None
    cut = NOT_IN_SUBJECT.search(f" {phrase} ") if predicate else None
    if speaker and (not cut or speaker.start() <= cut.start()):
        return []  # the first predicate is the writer's (`UBND tỉnh yêu cầu …`, `Cục Thuế thông báo …`)
    if cut and cut.group().strip() == "về":
        if not COMMITTEE_NAME.search(f" {phrase} "[:cut.start()]):
            return []  # `… của Bộ Chính trị về …`: the author of a cited text, its subject follows
        cut = NOT_IN_SUBJECT.search(f" {phrase} ", cut.end() - 1)  # `Ban Chỉ đạo quốc gia về …` is one name
    if cut:
        phrase = f" {phrase} "[:cut.start()].strip(" ,;:.-–")  # the predicate ran into the phrase
    verb = INNER_VERB.search(phrase) if predicate else None
    if verb:
        phrase = phrase[:verb.start()].strip(" ,;:.-–")  # `Các cấp ủy, … cần tập trung lãnh đạo`: the verb ends it
    if not phrase or len(phrase.split()) > MAX_WORDS:
        return []
    out: list[str] = []
    expanded: list[str] = []
    pieces = UNIT_BREAK.split(phrase)
    segments = [pieces[0]]
    for sep, part in zip(pieces[1::2], pieces[2::2]):
        same_kind = bool(COLLECTIVE.match(segments[-1])) == bool(COLLECTIVE.match(part))
        closed = OF_PARENT.search(segments[-1])  # `các Ban của Hội đồng nhân dân`: a group of one body's organs
        if same_kind and ";" not in sep and not closed:
            segments[-1] += sep + part  # one collective run, or named bodies _split_named tells apart
        else:
            segments.append(part)
    for part in segments:
        shared = expand_shared_head(part)
        if shared:
            expanded.extend(shared)
            continue
        part = re.sub(r"(?:\s+(?:và|hoặc)(?:\s+(?i:các|những))?)$", "", part.strip(" ,;"))
        if COLLECTIVE.match(part):
            out.append(part[:1].upper() + part[1:])
        else:
            out.extend(_split_named(part))
    return [_unshield(o) for o in out if BODY_START.match(o) and 2 <= len(o.split()) <= MAX_NAME_WORDS
            and not BARE_HEAD.match(o)] + [_unshield(e) for e in expanded]


# A name ending in its level or its party committee (`… HĐND tỉnh`, `… Tỉnh ủy`) names its own place: no apposition to the body after it.
OWN_PLACE = re.compile(either_style(r"\s(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|cấp\s+\S+|"
                                    r"(?:Tỉnh|Thành|Huyện|Quận|Đảng)\s+ủy)$"))


# The elected council and the people's committee of one level, named together with the level said once.
COUNCIL = re.compile(either_style(r"(?:Thường\s+trực\s+)?(?:Hội\s+đồng\s+nhân\s+dân|HĐND|Ủy\s+ban\s+nhân\s+dân|UBND)"
                                  r"(?:\s+(?P<tail>\S.*))?"))


NAMED_SEPARATOR = re.compile(r",\s*|\s+(?:và|hoặc)\s+(?=(?i:" + BODY + r")\b)")


def _split_named(phrase: str) -> list[str]:
    """Named bodies separated by commas; a comma inside one name stays."""
    parts = [p.strip() for p in NAMED_SEPARATOR.split(phrase) if p.strip()]
    out: list[str] = []
    for p in parts:
        if out and _council_level(out[-1]) == "" and COUNCIL.match(p):
            out.append(p)  # `Hội đồng nhân dân, Ủy ban nhân dân các xã`: two bodies, the level said once
        elif out and PARENT.match(p) and BOARD_OF_PARENT.match(out[-1]) and "," not in out[-1] \
                and out[-1].split()[-1][:1].islower() and not OWN_PLACE.search(out[-1]):
            # a board named without a place (`Ban Thi đua – Khen thưởng, Sở Nội vụ`) belongs to the body after it;
            # one that names its own (`Ban Quản lý Khu kinh tế Đông Nam, Sở …`) is a body of its own
            out[-1] = f"{out[-1]}, {p}"  # a board written in apposition to its parent
        elif out and (not BODY_START.match(p) or (COLLECTIVE.match(out[-1]) and not re.match(NAMED_BODY, p)
                                                  and not (COLLECTIVE.match(p) and OF_PARENT.search(out[-1])))
                      or (p[:1].islower() and not COLLECTIVE.match(p) and not STANDALONE_NOUN.match(p))):
            # a lower-case category continues the list before it (`Thủ trưởng các sở, ban, ngành`)
            out[-1] = f"{out[-1]}, {p}"  # a comma inside one name (`Sở Văn hóa, Thể thao`, `các hội, đoàn thể`)
        else:
            out.append(p)
    for k in range(len(out) - 1):
        if _council_level(out[k]) == "" and _council_level(out[k + 1]):
            out[k] += " " + _council_level(out[k + 1])
    return out


def _council_level(name: str) -> str | None:
    """What follows a council or people's committee named alone (`các xã` of `Ủy ban nhân
    dân các xã`): '' when nothing does, None for a name that is neither."""
    m = COUNCIL.fullmatch(name)
    return (m.group("tail") or "") if m else None


def _emit(out: list[dict], names: list[str], role: str, text: str, base: int) -> None:
    for name in names:
        a, b = _locate(text, name)
        out.append({"name": name, "role": role, "mentions": [(base + a, base + b)]})


def _locate(text: str, name: str) -> tuple[int, int]:
    """Where a unit's name is written. A name may differ from the text: a determiner capitalised
    (`Các sở` from `các sở`), white space, or a head shared by a list (`Hội đồng nhân dân các xã`
    from `Hội đồng nhân dân, Ủy ban nhân dân các xã`): then its longest written beginning."""
    idx = text.find(name)
    if idx >= 0:
        return idx, idx + len(name)
    words = name.split()
    for n in range(len(words), 0, -1):
        found = re.search(r"\s+".join(map(re.escape, words[:n])), text, re.IGNORECASE)
        if found:
            return found.span()
    return 0, 0


def _verb_role(verb: str, after: str = "") -> str:
    """The role a subject's verb gives; `tiếp tục chủ trì`, `khẩn trương phối hợp` look one step on."""
    verb = (verb + " " + " ".join(after.split()[:3])).lower()
    lead = re.match(r"(?:\S+\s+){0,2}chủ\s+trì", verb)
    support = re.match(r"(?:\S+\s+){0,2}phối\s+hợp", verb)
    return "lead" if lead else "support" if support else "executor"


def _subject_of_rest(out: list[dict], rest: str, text: str, base: int, label: str = "") -> None:
    """`Tháng 01/2023: Trưởng khối … tổ chức …`: a time or topic heads the item,
    and its rest opens with the assignee. After a label (`Cơ quan chủ trì: Sở
    Tài chính.`) the rest may be the names alone, in the label's role."""
    subj = SUBJECT.match(rest.strip())
    if subj:
        _emit(out, split_units(subj.group("units")), _verb_role(subj.group("verb"), subj.string[subj.end("verb"):]),
              text, base)
    elif label and len(rest.split()) <= 30:
        _emit(out, split_units(rest.split(".")[0], predicate=False), _verb_role(label.split(None, 2)[-1]), text, base)


# Levels of an item's number, outermost first (NĐ 30 Phụ lục I: I. → 1. → 1.1. → a) → -/+).
ITEM_LEVELS = ((re.compile(r"^(?:Phần|Chương|PHẦN|CHƯƠNG|[IVXL]{1,6}\s*[.)\-–])"), 0),
               (re.compile(r"^\d{1,2}\s*[.)](?:\s|$)"), 1),
               (re.compile(r"^\d{1,2}(?:\.\d{1,2})+\s*[.)]?(?:\s|$)"), 2),
               (re.compile(r"^[a-zđ]\s*\)(?:\s|$)"), 3),
               (re.compile(r"^[-–—+•]\s*"), 4))
PLAIN = 5
# A head noun with nothing to say which body (`Cơ quan chủ trì: …` read as a subject).
BARE_HEAD = re.compile(r"^(?:Cơ\s+quan|Đơn\s+vị|Trường\s+hợp|Thường\s+trực|Lực\s+lượng)$", re.IGNORECASE)
# `Cơ quan thực hiện: Sở Y tế chủ trì, …`: a label heads the item, the bodies follow it.
# The authority named by a label (`Cơ quan có thẩm quyền quyết định: UBND tỉnh`, `Thẩm quyền quyết định
# đánh giá, xếp loại: Thường trực HĐND`) decides, which is its task.
LABEL_HEAD = re.compile(r"^(?:(?:Cơ\s+quan|Đơn\s+vị)\s+(?:thực\s+hiện|chủ\s+trì|phối\s+hợp|chịu\s+trách\s+nhiệm|"
                        r"được\s+giao|có\s+thẩm\s+quyền(?:\s+quyết\s+định)?)|"
                        r"Thẩm\s+quyền\s+quyết\s+định(?:\s+[^:;.]{0,80})?)\s*$", re.IGNORECASE)


def _name_tail(text: str) -> bool:
    """Nothing but a few capitalised words: the end of a name (a broken line,
    or a verb-like word inside a name: `Tập đoàn xây dựng Hòa Bình`)."""
    words = text.strip(" .;").split()
    return len(words) <= 5 and all(w[:1].isupper() for w in words)


# What follows `X:` when X is not being given a task: a member's name, or a quota.
ROSTER = re.compile(r"^\s*(?:[Đđ]ồng\s+chí|[Đđ]/c|Ông|Bà|[Kk]hông\s+quá|[Tt]ối\s+(?:đa|thiểu)|\d)")
LEAD_IN_ITEM = re.compile(r"^\s*(?:[^,;.]{0,120},\s*)?(?:tham\s+mưu\s+)?chủ\s+trì\b", re.IGNORECASE)


# The levels' patterns as the branches of one, in their order: the first branch that matches is the first
# pattern that would, and one match call per line replaces up to five.
_ANY_LEVEL = re.compile("|".join(f"(?P<level{level}>{pattern.pattern})" for pattern, level in ITEM_LEVELS))


def item_level(s: str) -> int:
    m = _ANY_LEVEL.match(s.strip())
    return int(m.lastgroup.removeprefix("level")) if m else PLAIN


TASK_VERB_WORD = re.compile(r"\b" + TASK_VERB + r"\b")


def owner_heading(body: str) -> list[str]:
    """Bodies named alone by an item (`3. Sở Y tế`, `b) Công an tỉnh, Bộ Chỉ huy
    Quân sự tỉnh:`): the items under it are their tasks (NĐ 30's Tổ chức thực
    hiện is written this way)."""
    body = GIAO.sub("", body.strip().rstrip(":").strip())
    if not body or body.endswith((".", ";")) or not BODY_START.match(body) or len(body.split()) > 40:
        return []
    if TASK_VERB_WORD.search(body[len(body.split()[0]):]) and not re.search(r"\bchủ\s+trì|phối\s+hợp", body):
        return []
    names = split_units(body)
    covered = sum(len(n) for n in names) + 2 * max(len(names) - 1, 0) + 3 * body.count(" và ")
    return names if names and covered >= 0.8 * len(body) else []


def _item_role(body: str) -> str:
    """The role an item's words give the bodies it belongs to (or that head it, `X: chủ trì …`)."""
    if re.match(r"\s*phối\s+hợp\b", body, re.IGNORECASE):
        return "support"
    return "lead" if LEAD_IN_ITEM.match(body) else "executor"


# `Đối với các xã còn diện tích đất lúa: cần tập trung chỉ đạo …`: the bodies a topic names, given a task.
TOPIC = re.compile(r"^Đối\s+với\s+")
TASK_OPENING = re.compile(r"^\s*" + TASK_VERB + r"\b", re.IGNORECASE)


def _topic_with_task(head: re.Match) -> bool:
    """A topic head (`Đối với X:`) names assignees only when a task verb opens what follows; criteria
    (`Đối với cá nhân: Hoàn thành …` under a commendation) read alike, but name no body after `Đối với`."""
    units = head.group("units")
    return bool(TOPIC.match(units) and BODY_START.match(TOPIC.sub("", units)) and TASK_OPENING.match(head.group("rest")))


def from_lines(lines: list[Line]) -> list[dict]:
    out: list[dict] = []
    owner: tuple[list[str], int, Line] | None = None  # bodies heading the items that follow
    bare_level: int | None = None
    last_index = -1  # the previous non-empty line
    for line in lines:
        s = line.text
        if not s.strip():
            continue
        if "\t" in s:
            continue
        body = item_text(s)
        level = item_level(s)
        if not body.strip():  # `3.` alone: the source broke the line after an item's number
            bare_level = level
            continue
        if bare_level is not None:
            level, bare_level = min(level, bare_level), None
        if owner and level <= owner[1] and not (owner[1] == PLAIN and owner[2].index == last_index):
            owner = None  # an unnumbered `X:` head owns the line right after it and its dashes
        if owner and not body.rstrip().endswith(":") and not ROSTER.match(body) and not _name_tail(body):  # a lead-in or a quota assigns nothing
            _emit(out, owner[0], _item_role(body), owner[2].text, owner[2].start)
        named = owner_heading(body) if level < PLAIN or body.strip().endswith(":") else []
        if named:
            owner = (named, level, line)
            last_index = line.index
            continue
        last_index = line.index
        head = ITEM_HEAD.match(body) if ":" in body else None  # a gate: the pattern needs a colon
        labelled = False
        listed = _shared_head_item(head) if head else None
        if listed:
            _emit(out, listed, "executor", s, line.start)
            head = None
        if head and ROSTER.match(head.group("rest")):
            head = None  # `Trưởng ban: Đồng chí …`, `Ban X: Không quá 05 cá nhân` assign no task
        if head and (LABEL_HEAD.match(head.group("units")) or not (BODY_START.match(head.group("units"))
                                                                  or GIAO.match(head.group("units"))
                                                                  or _topic_with_task(head))):
            label = head.group("units") if LABEL_HEAD.match(head.group("units")) else ""
            _subject_of_rest(out, head.group("rest"), s, line.start, label)
            head = None
            labelled = bool(label)  # the label is no subject, its verb no predicate
        if head:
            unit_text = TOPIC.sub("", GIAO.sub("", head.group("units")))
            names = split_units(unit_text)
            if names and head.group("rest").strip():
                _emit(out, names, _item_role(head.group("rest")), s, line.start)
        for base, sent in line.clauses(stops=".") if ";" in s else ():  # a gate: both patterns need a `;`
            core = item_text(sent)
            listed = SUBJECT_LIST.match(core) if ";" in core else None
            requested = None if listed or ";" not in core else ASSIGN_LIST.match(core)  # its names end at the colon: no predicate in them
            listed = listed or requested
            pieces = [p.strip() for p in listed.group("units").split(";")] if listed else []
            if pieces and all(BODY_START.match(re.sub(r"^và\s+", "", p)) for p in pieces):
                role = _verb_role(listed.group("verb"))
                for piece in pieces:
                    _emit(out, split_units(piece, predicate=not requested), role, core, base + len(sent) - len(core))
        for base, sent in line.clauses():
            core = item_text(sent)
            cbase = base + (len(sent) - len(core))
            headed = (bool(head) or labelled) and base <= line.start + len(s) - len(body)
            opener = SUBJECT_AFTER_OPENER.match(core)
            low = core.lower()  # a pattern is tried only where the word it cannot match without is
            subjects = [] if headed else [SUBJECT.match(core), opener,
                                          SUBJECT_AFTER_THEN.search(core) if "thì" in low else None] + [
                m for m in (SUBJECT_MID.finditer(core) if "," in core else ()) if not opener or m.start("units") > opener.end()]
            for subj in filter(None, subjects):
                if _name_tail(subj.string[subj.end("verb"):]):
                    continue  # `Công ty TNHH Tập đoàn xây dựng Thanh Bình`: the verb is a word of a name
                role = _verb_role(subj.group("verb"), subj.string[subj.end("verb"):])
                _emit(out, split_units(subj.group("units")), role, core, cbase)
            for m in ASSIGN.finditer(core) if ("giao" in low or "nghị" in low or "yêu" in low) else ():
                if headed and m.start() == 0:
                    continue
                after = core[m.end():]
                predicate = NOT_IN_SUBJECT.search(f" {m.group('units')} ")
                if (predicate and SUBMISSION.match(f" {m.group('units')} "[predicate.start():])) or \
                        SUBMISSION.match(" " + after.lstrip()):
                    continue
                role = "lead" if re.match(r"\s*chủ\s+trì", after) else "executor"
                _emit(out, split_units(m.group("units")), role, core, cbase)
            for m in NOTICE.finditer(core) if "biết" in low else ():
                _emit(out, split_units(m.group("units")), "executor", core, cbase)
            for m in SUPPORT.finditer(core) if "phối" in low else ():
                _emit(out, split_units(m.group("units")), "support", core, cbase)
    return out


def _header_roles(cells: list[str]) -> dict[int, str | None]:
    """Role columns of a task table's heading row: `Chủ trì` → lead, `Phối hợp`
    → support, a column naming both (`Chủ trì, phối hợp`) → read from its words."""
    roles: dict[int, str | None] = {}
    for k, c in enumerate(cells):
        if len(c) >= 80:
            continue
        lead, support = re.search(r"chủ\s+trì", c, re.IGNORECASE), re.search(r"phối\s+hợp", c, re.IGNORECASE)
        if lead and support:
            roles[k] = None
        elif lead or support:
            roles[k] = "lead" if lead else "support"
        elif ACTOR_COLUMN.fullmatch(c.strip()):
            roles[k] = "executor"
    return roles


# The column of who acts in a procedure table (`TT | Trình tự | Trách nhiệm | Thời gian | Biểu mẫu`,
# the steps of an administrative procedure as the provinces' ISO 9001 processes print them).
ACTOR_COLUMN = re.compile(r"(?:Trách\s+nhiệm|(?:Đơn\s+vị|Cơ\s+quan|Bộ\s+phận|Người)\s+(?:chịu\s+trách\s+nhiệm\s*)?"
                          r"thực\s+hiện|Người\s+chịu\s+trách\s+nhiệm)(?:\s+thực\s+hiện)?", re.IGNORECASE)


def _is_heading(cells: list[str]) -> bool:
    return any(re.search(r"nội\s+dung|nhiệm\s+vụ|trình\s+tự|công\s+việc", c, re.IGNORECASE) for c in cells)


def _stacked_heading(lines: list[Line], i: int) -> list[str] | None:
    """A heading row the source broke into one line per cell, just above row `i`."""
    cells: list[str] = []
    j = i - 1
    while j >= 0 and len(cells) < 8:
        s = lines[j].stripped
        j -= 1
        if not s:
            continue
        if "\t" in s or len(s) > 60:
            break
        cells.insert(0, s)
    while cells and not re.fullmatch(r"(?:S|Số\s+)?TT|STT|TT", cells[0], re.IGNORECASE):
        cells.pop(0)  # the heading starts with its number column
    for k, c in enumerate(cells[1:], 1):
        if re.fullmatch(r"[IVXL]{1,5}\.?|\d{1,3}\.?", c):
            cells = cells[:k]  # a group row (`I`, `NHÓM GIẢI PHÁP …`) follows the heading
            break
    return cells if cells and _is_heading(cells) and _header_roles(cells) else None


def from_tables(lines: list[Line]) -> list[dict]:
    """The chủ trì / phối hợp columns of a task table, row by row.

    Rows may be separated by blank lines, and a row broken by the source may
    lose cells; such a row's role cell is the one naming who acts.
    """
    out: list[dict] = []
    roles: dict[int, str | None] | None = None
    width = 0
    for i, line in enumerate(lines):
        cells = line.text.split("\t")
        if len(cells) < 2:
            if line.text.strip() and roles is not None and "\t" not in line.text and len(line.stripped) > 60:
                roles = None  # a paragraph ends the table
            continue
        if roles is None:
            heading = cells if _is_heading(cells) and _header_roles(cells) else None
            stacked = None if heading else _stacked_heading(lines, i)
            if heading:
                roles, width = _header_roles(heading), len(heading)
                continue
            if stacked:
                roles, width = _header_roles(stacked), len(stacked)
            else:
                continue
        if len(cells) == width:
            picked = list(roles.items())
        else:
            k = next((i for i, c in enumerate(cells) if i and ROLE_CELL.search(c)), None)
            picked = [(k, None)] if k is not None else []
        for k, fixed in picked:
            if k >= len(cells):
                continue
            _cell_units(out, cells[k], fixed, line.start + sum(len(c) + 1 for c in cells[:k]))
    return out


def _cell_units(out: list[dict], cell: str, fixed: str | None, base: int) -> None:
    if fixed and not ROLE_CELL.search(cell):
        # A `Chủ trì` / `Phối hợp` column names its bodies and nothing else: each
        # entry (`;` or a dash apart) is one unit as printed, commas and all.
        names = [n.strip(" .;-–") for n in re.split(r";|(?:^|\s)[-–+•]\s", cell)]
        if fixed == "executor":  # the actors of one step, each on its own (`Tổ chức/cá nhân, Cán bộ một cửa`)
            names = [p.strip(" .") for n in names for p in re.split(r",\s*|\s*/\s+|\s+/\s*", n)]
        else:  # named bodies listed in one entry (`Sở Tài chính, Sở Tư pháp`) are one unit each; `Viện, Trường` is one
            names = [p for n in names for p in _named_parts(n)]
        _emit(out, [n for n in names if n[:1].isalpha() and len(n.split()) <= 25], fixed, cell, base)
        return
    for piece in re.split(r"\s*(?:;|\.\s|-\s)\s*", cell):
        piece = piece.strip(" .;-")
        if not piece:
            continue
        m = re.match(r"^(?P<units>.+?)\s+(?:tham\s+mưu\s+)?(?P<role>chủ\s+trì|phối\s+hợp|chỉ\s+đạo|thực\s+hiện|"
                     r"tham\s+mưu)\b", piece)
        units, role = (m.group("units"), m.group("role")) if m else (piece, "")
        role = fixed or ("lead" if role.startswith("chủ") else "support" if role.startswith("phối") else "executor")
        # A cell without a verb is a name and nothing else (`Cán bộ làm công tác thi đua`).
        _emit(out, split_units(units, predicate=bool(m)), role, cell, base)


def _named_parts(entry: str) -> list[str]:
    parts = _split_named(entry)
    whole = len(parts) > 1 and all(len(p.split()) >= 2 and re.match(NAMED_BODY + r"\s", p) for p in parts)
    return parts if whole else [entry]


def merge(units: list[dict]) -> list[dict]:
    """One entry per distinct unit and role, mentions gathered."""
    seen: dict[tuple[str, str], dict] = {}
    for u in units:
        key = (compare_key(u["name"]), u["role"])
        if key in seen:
            seen[key]["mentions"].extend(m for m in u["mentions"] if m not in seen[key]["mentions"])
        else:
            seen[key] = {"name": u["name"], "role": u["role"], "mentions": list(u["mentions"])}
    return list(seen.values())


def extract(doc: Document, record: dict | None = None) -> dict:
    lines = list(doc.zone("body")) + list(doc.zone("annex"))
    return {"responsible_units": merge(from_lines(lines) + from_tables(lines))}
