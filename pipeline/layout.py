"""What a line of an administrative document is, by the format of NĐ 30/2020.

The header (issuing body, quốc hiệu, Số, place and date, type and trích yếu)
and the closing block (Nơi nhận, Lưu, signature) have fixed forms (Phụ lục I
of NĐ 30/2020/NĐ-CP; HD 36-HD/VPTW for party documents). The cleaner uses
them to find where a document starts and ends inside a scraped page, the
splitter to find where the next document starts, the segmenter to cut zones.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from .textnorm import compare_key, either_style



def _lossy(pattern: str) -> str:
    """The pattern with each letter of the Latin Extended Additional block optional: a font
    without the Vietnamese glyphs drops exactly those (`CNG HÒA XÃ HI CH NGHĨA VIT NAM`, as
    seed 000 shows), and the fixed lines of a header must still be known when it does."""
    return re.sub(r"[\u1ea0-\u1ef9]", lambda m: f"(?:{m.group()})?", pattern)


NATIONAL_MOTTO = re.compile(_lossy(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"),
                            re.IGNORECASE)
MOTTO_LINE = re.compile(_lossy(r"^(Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc|[-–—_=.\s*]{3,})$"), re.IGNORECASE)
# `Số: 18/KH-UBND`, `Số 159-KH/TCT`, `Số: /KH-SNV` (blank sequence number).
NUMBER_LINE = re.compile(
    r"^Số\s*:?\s*(?P<number>(\d[\d.]*)?\s*[/-]\s*[A-ZĐa-zđ0-9&]+(?:\s*[/-]\s*[A-ZĐa-zđ0-9&]+)*)\s*[.;,]?",
)
PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐ][^\n,]{1,60}?),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})",
)


def has_place_date(line: str) -> bool:
    """Whether a line holds the place and date (`Hà Nội, ngày 5 tháng 3 năm 2024`).

    A gate: the pattern needs the word `ngày` (case as written), and a substring
    test is far cheaper than the pattern's search, which tries every capital
    of a long line."""
    return "ngày" in line and bool(PLACE_DATE.search(line))


DOC_TYPES = (
    "Nghị quyết", "Quyết định", "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo",
    "Hướng dẫn", "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo",
    "Biên bản", "Tờ trình", "Hợp đồng", "Công văn", "Công điện", "Bản ghi nhớ",
    "Bản thỏa thuận", "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép",
    "Phiếu gửi", "Phiếu chuyển", "Phiếu báo", "Thư công", "Kết luận", "Thông tri",
    "Quy hoạch", "Tuyên bố", "Lời kêu gọi",
)
_TYPE_UPPER = {t.upper(): t for t in DOC_TYPES}
_TYPE_UPPER.update({"QUYẾT ĐỊNH:": "Quyết định"})
TYPE_LINE = re.compile(either_style(r"^(" + "|".join(sorted((re.escape(t) for t in _TYPE_UPPER), key=len, reverse=True))
                                    + r")\b\s*(?P<rest>.*)$"))
_TYPE_BY_KEY = {compare_key(k): t for k, t in _TYPE_UPPER.items()}
VV_LINE = re.compile(r"^\(?\s*V/v\b\.?\s*(?P<rest>.*)$", re.IGNORECASE)
ADDRESSEE_LINE = re.compile(r"^Kính\s+gửi\s*:?", re.IGNORECASE)
# A name cannot end with a determiner or a function word: one that does was wrapped (`Kính gửi: Các` / `Thuế tỉnh`).
UNFINISHED_NAME = re.compile(r"(?:^|\s)(?:[Cc]ác|[Nn]hững|và|của|cho|[Uu]ỷ|[Ủủ]y|[Bb]an|[Ss]ở|[Cc]ục)$")
RECIPIENTS_LINE = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.IGNORECASE)
ARCHIVE_LINE = re.compile(r"^\s*[-–—+•]?\s*Lưu\s*:?\s*(?P<rest>.*)$")
# `KT. CHỦ TỊCH`, `KT.GIÁM ĐỐC` (space lost), party `T/M BAN THƯỜNG VỤ`, `K/T CHÁNH VĂN PHÒNG`.
AUTHORITY = re.compile(r"^(?P<auth>TM|KT|Q|TL|TUQ|T/M|K/T|T/L|T\.M|K\.T|T\.L)(?:\s*\.\s*|\s+)(?=[A-ZĐÀ-Ỹ])")
ANNEX_START = re.compile(
    r"^(PHỤ\s+LỤC|DANH\s+SÁCH|BẢNG|BIỂU|MẪU|\(?\s*(Ban\s+hành\s+)?[Kk]èm\s+theo|\[\d{1,2}\])", re.IGNORECASE)


# The length is looked at before the text is searched: both run on every line.
def is_national_motto(line: str) -> bool:
    """Both forms end in `NAM`, and only `n`/`N`, `a`/`A` and `m`/`M` match those letters
    when case is ignored: a line without `nam` in lower case needs no search (a gate)."""
    return len(line) < 60 and "nam" in line.lower() and bool(NATIONAL_MOTTO.search(line))


_FLAT_NUMBER = re.compile(r"\bSố\s*:?\s*\d*\s*[/-]")


def is_flattened_header(line: str) -> bool:
    """A whole header run into one line: quốc hiệu and Số together, and more.

    Cheapest test first (the tests are pure, so their order changes no answer):
    this runs on every line, and a line without `Số` needs no search for the quốc hiệu.
    """
    return len(line) > 80 and "Số" in line and bool(_FLAT_NUMBER.search(line)) and bool(NATIONAL_MOTTO.search(line))


def is_upper_line(line: str) -> bool:
    if len(line) > 120 and not _mostly_upper(line[:80], 0.5):
        return False  # a paragraph in lower case: no need to count a long line's every letter
    return _mostly_upper(line, 0.85)


_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _mostly_upper(text: str, share: float) -> bool:
    # A gate: lower-case ASCII letters (counted by two byte operations) are letters that
    # are no capitals, and the letters are at most the whole text; when they alone leave
    # no room for the share (a margin of one keeps rounding out of it), the answer is no.
    # A line of prose says no here without its every letter being looked at.
    plain = text.encode("ascii", "ignore")
    if len(plain) - len(plain.translate(None, _ASCII_LOWER)) > (1 - share) * len(text) + 1:
        return False
    letters = "".join(filter(str.isalpha, text))  # C loops: this runs on every line, often twice
    return len(letters) >= 2 and sum(map(str.isupper, letters)) / len(letters) > share


def type_of_line(line: str) -> tuple[str, str] | None:
    """(doc_type, rest) when a line opens with a type name in capitals."""
    stripped = line.strip()
    m = TYPE_LINE.match(stripped)
    if not m:
        return None
    head = m.group(1)
    if not is_upper_line(head):
        return None
    return _TYPE_BY_KEY[compare_key(head)], m.group("rest").strip()


def is_signature_name(line: str) -> bool:
    """A person's name as printed under a signature: 2–6 capitalised words.

    A seventh piece is enough to say no, so a long line is not split whole,
    and the shape of the words, which fails on the first word of most lines,
    is looked at before the digits of the whole line (pure tests: the order
    changes no answer). It runs on nearly every line the cleaning unwraps.
    """
    words = line.split(None, 6)
    if not 2 <= len(words) <= 6 or not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words):
        return False
    return not any(map(str.isdigit, line)) and not line.strip().endswith((":", ";", ","))


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern that matches where any of `patterns` matches, each keeping its own
    case rule: one call of the engine instead of one a pattern, on nearly every line."""
    assert all(p.flags & ~(re.IGNORECASE | re.UNICODE) == 0 for p in patterns)
    return re.compile("|".join(f"(?{'i' if p.flags & re.IGNORECASE else ''}:{p.pattern})" for p in patterns))


_LAYOUT_OPENING = _any_of(AUTHORITY, MOTTO_LINE, NUMBER_LINE, RECIPIENTS_LINE, ADDRESSEE_LINE, ARCHIVE_LINE)


def is_layout_line(line: str) -> bool:
    """Lines of header and signature blocks, whose breaks are meaningful."""
    s = line.strip()
    if not s:
        return False
    if _LAYOUT_OPENING.match(s) or is_national_motto(s):
        return True
    if len(s) < 70 and is_upper_line(s):
        return True
    return is_signature_name(s) or s == "*"


def is_anchor_line(line: str) -> bool:
    s = line.strip()
    if is_national_motto(s) or is_flattened_header(s) or NUMBER_LINE.match(s):
        return True
    if ADDRESSEE_LINE.match(s) and "quý" not in compare_key(s):
        return True
    if RECIPIENTS_LINE.match(s) or MOTTO_LINE.match(s) and s[:1].isalpha():
        return True
    return type_of_line(s) is not None and len(s) < 60


def document_start(lines: Sequence[str]) -> int | None:
    """The first line of the header, walked back over the issuing body's lines."""
    anchor = next((i for i, l in enumerate(lines) if is_anchor_line(l)), None)
    if anchor is None:
        return None
    start = anchor
    budget = 10
    i = anchor - 1
    while i >= 0 and budget > 0:
        s = lines[i].strip()
        if not s:
            i -= 1
            continue
        if is_upper_line(s) and len(s) < 70 or MOTTO_LINE.match(s) or s == "*":
            start = i
            budget -= 1
            i -= 1
            continue
        break
    return start


def document_end(lines: Sequence[str], start: int, is_furniture: Callable[[str], bool]) -> int:
    """The last line of the closing block, or of the annex that follows it."""
    closing = _closing_end(lines, start)
    if closing is None:
        # No closing block: the document runs until the portal's furniture.
        for i in range(start + 1, len(lines)):
            if is_furniture(lines[i]):
                return _trim_back(lines, i - 1)
        return len(lines) - 1
    # An annex opens with its title (perhaps wrapped over lines) and a `kèm theo` line.
    def portal_at(i: int) -> bool:
        return is_furniture(lines[i]) or bool(ADDRESSEE_LINE.match(lines[i].strip())) and "quý" in compare_key(lines[i])

    furniture = next((i for i in range(closing + 1, len(lines)) if portal_at(i)), len(lines))
    # An annex opens with its title and a `kèm theo` line, before any of the portal's furniture
    # (decided on what is kept, so that cleaning the result again keeps it all).
    following = [i for i in range(closing + 1, min(furniture, closing + 16)) if lines[i].strip()][:6]
    if not any(ANNEX_START.match(lines[i].strip()) or type_of_line(lines[i]) for i in following):
        return closing
    return _trim_back(lines, furniture - 1) if furniture < len(lines) else len(lines) - 1


def _trim_back(lines: Sequence[str], i: int) -> int:
    while i > 0 and not lines[i].strip():
        i -= 1
    return i


def _closing_end(lines: Sequence[str], start: int) -> int | None:
    """Last line of the last Nơi nhận list or signature name after `start`."""
    recip = [i for i in range(start, len(lines)) if RECIPIENTS_LINE.match(lines[i])]
    if not recip:
        return None
    last = recip[-1]
    end = last
    signing = False
    for i in range(last + 1, min(len(lines), last + 60)):
        s = lines[i].strip()
        if ARCHIVE_LINE.match(s):
            end = i
        elif is_signature_name(s) and i - end < 14:
            end = i
            break
        elif AUTHORITY.match(s) or signing and is_upper_line(s) and len(s) < 70 and i - end <= 2:
            # A signature block whose name was lost still belongs to the document.
            end = i
            signing = True
        elif s and (s.startswith(("-", "–", "+", "•")) or is_upper_line(s)):
            end = max(end, i) if not is_upper_line(s) else end
    return end
