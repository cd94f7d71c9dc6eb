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

# Nouns that head a collective assignee (`Các cơ quan, đơn vị`, `Mỗi công chức`).
COLLECTIVE_HEADS = either_style(r"(?:cơ\s+quan|đơn\s+vị|cấp|ngành|sở|ban|địa\s+phương|khoa|phòng|khối|cụm|tổ\s+chức|doanh\s+nghiệp|"
                    r"trường|xã|phường|huyện|bộ|tỉnh|thành\s+viên|ủy\s+viên|cá\s+nhân|tập\s+thể|hội|đoàn\s+thể|lực\s+lượng|"
                    r"chủ\s+đầu\s+tư|trưởng|phó|thành\s+phố|tổ|ngân\s+hàng|cơ\s+sở|đảng\s+bộ|chi\s+bộ|cấp\s+ủy|"
                    r"công\s+chức|viên\s+chức|cán\s+bộ|CCVCNLD|người\s+lao\s+động|thủ\s+trưởng|giám\s+đốc|chủ\s+tịch|"
                    r"bộ\s+phận|trung\s+tâm|nhà\s+trường|đài|báo|quận|thị\s+xã|đặc\s+khu|Khối|Cụm)")
# Words that cannot sit inside a subject: a phrase holding one ran into its predicate.
NOT_IN_SUBJECT = re.compile(r"\s(?:về|là|đã|nhận|sẽ|cho|để|nhằm|này|theo|khi|nếu|tại|thống\s+nhất|yêu\s+cầu|"
                            r"đề\s+nghị|giao|ban\s+hành|xây\s+dựng|làm|bằng|kịp\s+thời|huy\s+động|dựng|tặng|"
                            r"góp\s+phần|liên\s+quan\s+đến|được\s+phân\s+công|có\s+thành\s+tích)\s")
# A body named by its proper name (not a collective `các …`).
NAMED_BODY = either_style(r"(?:Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|Hội\s+đồng|Sở|Bộ|Ban|Cục|Công\s+an|Mặt\s+trận|Đài|Báo|Văn\s+phòng|"
              r"Trung\s+tâm|Liên\s+đoàn|Đoàn|Hội)")
# How a body's name opens (NĐ 30 Phụ lục I names; collectives of the genre).
BODY = either_style(r"(?:Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|Hội\s+đồng|Sở|Bộ|Ban|Cục|Chi\s+cục|Vụ|Viện|Trường|Phòng|Văn\s+phòng|"
        r"Thanh\s+tra|Kho\s+bạc|Công\s+an|Bộ\s+Chỉ\s+huy|Đảng\s+ủy|Đảng\s+uỷ|Tỉnh\s+ủy|Thành\s+ủy|Công\s+đoàn|"
        r"Đoàn|Hội|Liên\s+đoàn|Mặt\s+trận|Ủy\s+ban\s+Mặt\s+trận|Trung\s+tâm|Báo|Đài|Cổng|Bệnh\s+viện|Ngân\s+hàng|"
        r"Thuế|Tòa\s+án|Viện\s+kiểm\s+sát|Chủ\s+tịch|Phó\s+Chủ\s+tịch|Giám\s+đốc|Thủ\s+trưởng|Trưởng|Phó\s+Trưởng|"
        r"Chánh|Lãnh\s+đạo|Thành\s+viên|Ủy\s+viên|Cán\s+bộ|Người\s+đứng\s+đầu|Cơ\s+quan|Đồng\s+chí|"
        r"(?:[Cc]ác|[Mm]ỗi|[Tt]ừng|[Nn]hững)\s+(?:đồng\s+chí\s+)?" + COLLECTIVE_HEADS + r")"
        r"(?!(?-i:\s+(?:hành|nghị|thi|viên\s+chức|cáo|tiêu\s+chí))\b)")  # `Ban hành`, `Hội nghị`, `Hội thi` are no bodies
BODY_START = re.compile(r"^" + BODY + r"\b", re.IGNORECASE)
TASK_VERB = (r"(?:chủ\s+trì|phối\s+hợp|tổ\s+chức|thực\s+hiện|triển\s+khai|xây\s+dựng|chỉ\s+đạo|hướng\s+dẫn|tham\s+mưu|"
             r"chủ\s+động|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|gửi|báo\s+cáo|tăng\s+cường|đẩy\s+mạnh|theo\s+dõi|"
             r"kiểm\s+tra|rà\s+soát|phát\s+động|nghiên\s+cứu|ban\s+hành|quán\s+triệt|tiếp\s+tục|xem\s+xét|bố\s+trí|"
             r"cân\s+đối|bảo\s+đảm|đảm\s+bảo|cập\s+nhật|đăng\s+ký|ký\s+kết|tổng\s+hợp|thẩm\s+định|phấn\s+đấu|"
             r"nêu\s+cao|chấp\s+hành|căn\s+cứ|định\s+kỳ|thường\s+xuyên|khẩn\s+trương|nghiêm\s+túc|lãnh\s+đạo|"
             r"điều\s+hành|đôn\s+đốc|giám\s+sát|tuyên\s+truyền|phải|cần|họp|xét|bình\s+xét|chấm\s+điểm|sơ\s+kết|"
             r"tổng\s+kết|trình|tiếp\s+nhận|quản\s+lý|vận\s+động|hỗ\s+trợ|sẽ)")
ITEM_PREFIX = re.compile(r"^\s*(?:[-–—+•]\s*|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s*|[a-zđ]\s*\)\s*)*")
ITEM_HEAD = re.compile(r"^(?P<units>[^:;.]{3,220}?)\s*:\s*(?P<rest>.*)$")
ASSIGN = re.compile(r"\b(?P<verb>[Gg]iao(?:\s+cho)?|[Đđ]ề\s+nghị|[Yy]êu\s+cầu)\s+(?P<units>" + BODY + r"[^:;.]{0,200}?)"
                    r"(?=\s+" + TASK_VERB + r"\b|\s*[:;.]|$)", re.IGNORECASE)
SUBJECT = re.compile(r"^(?P<units>" + BODY + r"[^:;.]{0,160}?)\s+(?:\(\S[^)]*\)\s+)?(?P<verb>" + TASK_VERB + r")\b",
                     re.IGNORECASE)
# A named body opening a clause after a comma (`Trên cơ sở …, Ban Thi đua … tổng hợp`).
SUBJECT_MID = re.compile(r"(?<=,\s)(?P<units>" + BODY + r"[^:;.,]{0,120}?)\s+(?P<verb>" + TASK_VERB + r")\b")
SUPPORT = re.compile(r"\b[Pp]hối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với|\s+cùng)?\s+(?P<units>(?:" + BODY + r")[^:;.()]{0,200}?)"
                     r"(?=\s+(?:để|trong|giải\s+quyết|xử\s+lý|nắm|đánh\s+giá|" + TASK_VERB + r")\b|"
                     r"\s*[:;.]|$)", re.IGNORECASE)
ROLE_OPENERS = (("lead", re.compile(r"^\s*(?:tham\s+mưu\s+)?chủ\s+trì\b", re.IGNORECASE)),
                ("support", re.compile(r"^\s*phối\s+hợp\b", re.IGNORECASE)))
COLLECTIVE = re.compile(r"^(?:Các|các|Mỗi|mỗi|Từng|từng|Những|những)\s")
BOARD_OF_PARENT = re.compile(r"^(?:Ban|Phòng|Trung\s+tâm|Chi\s+cục|Văn\s+phòng|Hội\s+đồng)\b")
PARENT = re.compile(either_style(r"^(?:Sở|Bộ|Ủy\s+ban|Uỷ\s+ban|UBND|Cục)\b"))
TABLE_ROLE = re.compile(r"chủ\s+trì|phối\s+hợp", re.IGNORECASE)
MAX_WORDS = 25


def split_units(phrase: str) -> list[str]:
    """One name per body: commas and `và` separate named bodies."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:.-–")
    cut = NOT_IN_SUBJECT.search(f" {phrase} ")
    if cut:
        phrase = f" {phrase} "[:cut.start()].strip(" ,;:.-–")  # the predicate ran into the phrase
    if not phrase or len(phrase.split()) > MAX_WORDS:
        return []
    phrase = phrase[:1].upper() + phrase[1:] if phrase[:1].islower() and COLLECTIVE.match(phrase) else phrase
    if COLLECTIVE.match(phrase):
        # A collective stays one unit, but a named body joined to it by `và`
        # is a unit of its own (`Các sở, ban, ngành và Ủy ban nhân dân các xã`).
        parts = re.split(r"\s+và\s+(?=" + NAMED_BODY + r"\b)", phrase)
        return [p for p in parts if len(p.split()) >= 2]
    parts = [p.strip() for p in re.split(r",\s*|\s+và\s+(?=" + BODY + r"\b)", phrase) if p.strip()]
    out: list[str] = []
    for p in parts:
        if out and PARENT.match(p) and BOARD_OF_PARENT.match(out[-1]) and "," not in out[-1]:
            out[-1] = f"{out[-1]}, {p}"  # a board written in apposition to its parent
        elif out and not BODY_START.match(p):
            out[-1] = f"{out[-1]}, {p}"  # a comma inside one name (`Sở Văn hóa, Thể thao`)
        else:
            out.append(p)
    return [o for o in out if BODY_START.match(o) and len(o.split()) >= 2]


def _role_of(rest: str) -> str:
    for role, pattern in ROLE_OPENERS:
        if pattern.match(rest):
            return role
    return "executor"


def _emit(out: list[dict], names: list[str], role: str, text: str, base: int) -> None:
    for name in names:
        idx = text.find(name)
        span = (base + idx, base + idx + len(name)) if idx >= 0 else (base, base)
        out.append({"name": name, "role": role, "mentions": [span]})


def _verb_role(verb: str) -> str:
    verb = verb.lower()
    return "lead" if verb.startswith("chủ trì") else "support" if verb.startswith("phối") else "executor"


def _subject_of_rest(out: list[dict], rest: str, text: str, base: int) -> None:
    """`Tháng 01/2023: Trưởng khối … tổ chức …`: a time or topic heads the item,
    and its rest opens with the assignee."""
    subj = SUBJECT.match(rest.strip())
    if subj:
        _emit(out, split_units(subj.group("units")), _verb_role(subj.group("verb")), text, base)


def from_lines(lines: list[Line]) -> list[dict]:
    out: list[dict] = []
    pending: list[str] = []  # an item head `Giao X:` whose role the next line gives
    for line in lines:
        s = line.text
        if not s.strip():
            continue
        if "\t" in s:
            continue
        body = ITEM_PREFIX.sub("", s)
        if pending:
            role = _role_of(body)
            _emit(out, pending, role, s, line.start)
            pending = []
        head = ITEM_HEAD.match(body)
        if head and not (BODY_START.match(head.group("units")) or re.match(r"[Gg]iao\s", head.group("units"))):
            _subject_of_rest(out, head.group("rest"), s, line.start)
            head = None
        if head:
            unit_text = re.sub(r"^[Gg]iao(?:\s+cho)?\s+", "", head.group("units"))
            names = split_units(unit_text)
            if names:
                if head.group("rest").strip():
                    _emit(out, names, _role_of(head.group("rest")), s, line.start)
                else:
                    pending = names
        for base, sent in line.clauses():
            core = ITEM_PREFIX.sub("", sent)
            cbase = base + (len(sent) - len(core))
            headed = bool(head) and base <= line.start + len(s) - len(body)
            subjects = [] if headed else [SUBJECT.match(core)] + [m for m in SUBJECT_MID.finditer(core)]
            for subj in filter(None, subjects):
                _emit(out, split_units(subj.group("units")), _verb_role(subj.group("verb")), core, cbase)
            for m in ASSIGN.finditer(core):
                if headed and m.start() == 0:
                    continue
                after = core[m.end():]
                role = "lead" if re.match(r"\s*chủ\s+trì", after) else "executor"
                _emit(out, split_units(m.group("units")), role, core, cbase)
            for m in SUPPORT.finditer(core):
                _emit(out, split_units(m.group("units")), "support", core, cbase)
    return out


def from_tables(lines: list[Line]) -> list[dict]:
    """The chủ trì / phối hợp column of a task table, row by row."""
    out: list[dict] = []
    column = None
    for line in lines:
        cells = line.text.split("\t")
        if len(cells) < 3:
            column = None if not line.text.strip() else column
            continue
        hit = [k for k, c in enumerate(cells) if TABLE_ROLE.search(c) and len(c) < 80]
        if column is None and hit and any(re.search(r"nội\s+dung|nhiệm\s+vụ", c, re.IGNORECASE) for c in cells):
            column = hit[0]
            continue
        if column is None or column >= len(cells):
            continue
        cell = cells[column]
        base = line.start + sum(len(c) + 1 for c in cells[:column])
        for piece in re.split(r"\s*(?:;|\.\s|-\s)\s*", cell):
            piece = piece.strip(" .;-")
            if not piece:
                continue
            m = re.match(r"^(?P<units>.+?)\s+(?:tham\s+mưu\s+)?(?P<role>chủ\s+trì|phối\s+hợp|chỉ\s+đạo|thực\s+hiện)\b", piece)
            units, role = (m.group("units"), m.group("role")) if m else (piece, "")
            role = "lead" if role.startswith("chủ") else "support" if role.startswith("phối") else "executor"
            _emit(out, split_units(units), role, cell, base)
    return out


def merge(units: list[dict]) -> list[dict]:
    """One entry per distinct unit and role, mentions gathered."""
    seen: dict[tuple[str, str], dict] = {}
    for u in units:
        key = (compare_key(u["name"]), u["role"])
        if key in seen:
            seen[key]["mentions"].extend(u["mentions"])
        else:
            seen[key] = {"name": u["name"], "role": u["role"], "mentions": list(u["mentions"])}
    return list(seen.values())


def extract(doc: Document, record: dict | None = None) -> dict:
    lines = list(doc.zone("body")) + list(doc.zone("annex"))
    return {"responsible_units": merge(from_lines(lines) + from_tables(lines))}
