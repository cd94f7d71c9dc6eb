"""Cut one document into zones: header, preamble, body, closing, annex.

The cut follows the order NĐ 30/2020 Điều 8 fixes for every document (header
components, then nội dung, then chức vụ/chữ ký and Nơi nhận, then phụ lục),
so it needs no knowledge of the document type: the header ends after the
trích yếu (or the `V/v` line and the `Kính gửi` list of a letter), the
preamble ends at the first structural division or enacting word, and the
closing block is the last `Nơi nhận` list with the signature block around it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from . import layout
from .textnorm import either_style
from .document import Document, Line, Zones, split_lines, walk_up

HEADER_SCAN = 60  # a header never runs longer than this many lines
TITLE_MAX_LINES = 8

PREAMBLE_OPENER = re.compile(
    r"^(Căn\s+cứ|Thực\s+hiện|Theo\s|Xét\s|Trên\s+cơ\s+sở|Nhằm|Để\s|Ngày\s+\d|Năm\s+\d|Kính\s+gửi|Tiếp\s+theo|Sau\s+khi)",
    re.IGNORECASE)
# The enacting words of a decision or resolution, and the article that opens
# a decision's body: the preamble ends there.
ENACTING = re.compile(r"^(QUYẾT\s+ĐỊNH|QUYẾT\s+NGHỊ|CHỈ\s+THỊ|KẾT\s+LUẬN)\s*:\s*$|^Điều\s+1\s*[.:]", re.IGNORECASE)
# A person or collective named as the enactor right above the Căn cứ lines
# of a decision (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …`); not part of the title.
ENACTOR = re.compile(either_style(
    r"^(CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|TỔNG\s+GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|CHÁNH\s+ÁN|VIỆN\s+TRƯỞNG|"
    r"HIỆU\s+TRƯỞNG|TRƯỞNG\s+BAN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|ỦY\s+BAN\s+NHÂN\s+DÂN|UỶ\s+BAN\s+NHÂN\s+DÂN|BAN\s+THƯỜNG\s+VỤ|"
    r"BAN\s+CHẤP\s+HÀNH)\b"))
DISPATCH_LINE = re.compile(r"^[A-ZĐÀ-Ỹ][^\n]{2,80}\s+điện\s*:\s*$")  # `THỦ TƯỚNG CHÍNH PHỦ điện:`
ITEM_BULLET = re.compile(r"^[-–—+•]\s*")
NUMBERED_ITEM = re.compile(r"^\d{1,2}\s*[.)]\s+\S")


@lru_cache(maxsize=1)
def lines_of(text: str) -> tuple[Line, ...]:
    """The lines of a text, kept for the last text asked for: a file that holds one
    document is split into documents and then segmented, and both read the same lines
    (frozen, so no reader can change them for the other)."""
    return split_lines(text)


def _blank(line: Line) -> bool:
    return not line.stripped


_NUMBER_ALONE = re.compile(r"Số\s*:?")


def _is_number_line(s: str) -> bool:
    return bool(layout.NUMBER_LINE.match(s)) or bool(_NUMBER_ALONE.fullmatch(s))


def find_type_line(lines: Sequence[Line]) -> int | None:
    """Index of the tên loại line (`KẾ HOẠCH`), looked for only in the header."""
    for line in lines[:HEADER_SCAN]:
        s = line.stripped
        if len(s) < 90 and layout.type_of_line(s) and not s.endswith(":"):
            return line.index
        if is_section_heading(s) or ENACTING.match(s):
            return None
    return None


def title_lines(lines: Sequence[Line], type_idx: int) -> list[Line]:
    """The trích yếu lines under the type line, ending where the body starts."""
    out: list[Line] = []
    i = type_idx + 1
    while i < len(lines) and _blank(lines[i]) and i - type_idx < 3:
        i += 1
    upper = None
    while i < len(lines) and len(out) < TITLE_MAX_LINES:
        s = lines[i].stripped
        if not s or layout.MOTTO_LINE.match(s) or DISPATCH_LINE.match(s):
            break
        if PREAMBLE_OPENER.match(s) and not layout.is_upper_line(s):  # `NĂM 2024` may end a title
            break
        continues = bool(out) and re.search(r"\b(?:THỨ|KHÓA|KHOÁ|KỲ|thứ|khóa|khoá|kỳ)$", out[-1].stripped)
        if (is_section_heading(s) and not continues) or ENACTING.match(s) or layout.has_place_date(s):
            break  # a numeral that ends `… LẦN THỨ` / continues the title, it heads no section
        is_up = layout.is_upper_line(s)
        if upper is None:
            upper = is_up
        elif upper and not is_up:
            break
        out.append(lines[i])
        i += 1
    following = lines[i].stripped if i < len(lines) else ""
    for take in (1, 2):  # the enactor line, or the enactor wrapped over two lines, above `Căn cứ`
        if len(out) > take and ENACTOR.match(" ".join(l.stripped for l in out[-take:])) and \
                PREAMBLE_OPENER.match(following):
            del out[-take:]
            break
    return out


def _addressee_block(lines: Sequence[Line], start: int) -> int:
    """End (exclusive) of a `Kính gửi` / `… điện:` list beginning at `start`."""
    s = lines[start].stripped
    rest = layout.ADDRESSEE_LINE.sub("", s).strip() if layout.ADDRESSEE_LINE.match(s) else ""
    i = start + 1
    end = start + 1
    while i < len(lines) and i - start < 40:
        t = lines[i].stripped
        if not t:
            i += 1
            continue
        wrapped = (not rest or layout.UNFINISHED_NAME.search(rest)) and end == start + 1
        if ITEM_BULLET.match(t) or (wrapped and len(t) < 200 and not PREAMBLE_OPENER.match(t)):
            end = i + 1
            i += 1
            if not ITEM_BULLET.match(t):
                break  # a single name on the next line
            continue
        break
    return end


def find_header_end(lines: Sequence[Line]) -> int:
    """First line after the header (type, trích yếu, V/v, Kính gửi included)."""
    last = -1
    for line in lines[:HEADER_SCAN]:
        s = line.stripped
        if not s:
            continue
        if (_is_number_line(s) or len(s) < 90 and layout.has_place_date(s) or layout.is_national_motto(s)
                or layout.MOTTO_LINE.match(s) or s == "*"):
            last = line.index
        elif last >= 0 and line.index - last > 3 and not layout.is_upper_line(s):
            break
    type_idx = find_type_line(lines)
    if type_idx is not None:
        titles = title_lines(lines, type_idx)
        last = max(last, titles[-1].index if titles else type_idx)
    vv = next((l for l in lines[:HEADER_SCAN] if layout.VV_LINE.match(l.stripped)), None)
    if vv is not None:
        last = max(last, vv_lines(lines, vv.index)[-1].index)
    if last >= 0 and _number_alone(lines, last):
        last += 1
    return _extend_addressees(lines, last + 1)


def _number_alone(lines: Sequence[Line], i: int) -> bool:
    return bool(_NUMBER_ALONE.fullmatch(lines[i].stripped)) and i + 1 < len(lines)


def _extend_addressees(lines: Sequence[Line], i: int) -> int:
    j = i
    seen = 0
    while j < len(lines) and seen < 4:
        s = lines[j].stripped
        if s:
            seen += 1
            if (layout.ADDRESSEE_LINE.match(s) and "quý" not in s.lower()) or DISPATCH_LINE.match(s):
                return _addressee_block(lines, j)
            if len(s) < 90 and layout.has_place_date(s):
                i = j + 1
        j += 1
    return i


def vv_lines(lines: Sequence[Line], start: int) -> list[Line]:
    """The `V/v` trích yếu of a letter, with its wrapped continuation lines."""
    out = [lines[start]]
    i = start + 1
    while i < len(lines) and len(out) < 5:
        s = lines[i].stripped
        if (not s or layout.has_place_date(s) or layout.ADDRESSEE_LINE.match(s) or layout.is_national_motto(s)
                or layout.MOTTO_LINE.match(s) or _is_number_line(s)):
            break
        out.append(lines[i])
        i += 1
    return out


ROMAN_HEADING = re.compile(
    r"^(?:(?P<part>Phần|Chương|PHẦN|CHƯƠNG)\s+)?(?P<num>[IVXL]{1,6})(?:\s*[.:\-–—)]\s*|\s*$|\s+(?=[A-ZĐÀ-Ỹ]))(?P<head>.*)$")


def roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def is_section_heading(s: str) -> bool:
    m = ROMAN_HEADING.match(s)
    if not m:
        return False
    head = m.group("head").strip()
    if not head:
        # `Chương I`, or a bare `III.` whose heading the source put on the next line.
        return bool(m.group("part")) or bool(re.fullmatch(r"[IVXL]{1,6}\s*[.:)]", s))
    return len(head) < 200 and not head[:1].islower()


def find_closing(lines: Sequence[Line], start: int) -> tuple[int, int]:
    """[start, end) of the closing block: signature and Nơi nhận, in either order."""
    n = len(lines)
    recips = [l.index for l in lines[start:] if layout.RECIPIENTS_LINE.match(l.stripped)]
    if recips:
        # An empty `Nơi nhận:` line right before another is a layout echo.
        first = recips[-1]
        for r in reversed(recips[:-1]):
            if all(_blank(l) or layout.RECIPIENTS_LINE.match(l.stripped) or l.stripped == "*"
                   for l in lines[r:first]):
                first = r
        top = _signature_top(lines, first, start)
        end = _closing_tail(lines, recips[-1])
        return top, end
    auth = [l.index for l in lines[start:] if layout.AUTHORITY.match(l.stripped) and len(l.stripped) < 80]
    tail_zone = start + int((n - start) * 0.5)
    auth = [a for a in auth if a >= tail_zone]
    if auth:
        return auth[-1], _closing_tail(lines, auth[-1])
    return n, n


def _signature_top(lines: Sequence[Line], i: int, floor: int) -> int:
    """Walk up from Nơi nhận over a signature block printed before it."""
    return walk_up(lines, i, floor, 8, lambda s: bool(
        layout.AUTHORITY.match(s) or (layout.is_upper_line(s) and len(s) < 70) or layout.is_signature_name(s)))


def _closing_tail(lines: Sequence[Line], i: int) -> int:
    """End (exclusive) of the closing block that contains line i."""
    end = i
    steps = 0
    j = i + 1
    while j < len(lines) and steps < 40:
        s = lines[j].stripped
        if not s:
            j += 1
            continue
        steps += 1
        if (ITEM_BULLET.match(s) or layout.ARCHIVE_LINE.match(s) or layout.AUTHORITY.match(s)
                or layout.is_upper_line(s) and len(s) < 70 or s == "*"):
            end = j
        elif layout.is_signature_name(s):
            end = j
            break
        elif j - end <= 1 and len(s) < 120 and not layout.type_of_line(s):
            end = j  # a recipient line broken by the source
        else:
            break
        j += 1
    return end + 1


def find_preamble_end(lines: Sequence[Line], header_end: int, closing_start: int) -> int:
    """First line of the body proper."""
    for line in lines[header_end:closing_start]:
        s = line.stripped
        if is_section_heading(s) or ENACTING.match(s) or NUMBERED_ITEM.match(s):
            return line.index
    # No structure: the preamble is the run of Căn cứ / Thực hiện paragraphs.
    i = header_end
    while i < closing_start:
        s = lines[i].stripped
        if s and not re.match(r"^(Căn\s+cứ|Thực\s+hiện|Theo\s|Xét\s)", s):
            break
        i += 1
    return i


def segment(text: str, context: dict | None = None) -> Document:
    lines = lines_of(text)
    n = len(lines)
    header_end = min(find_header_end(lines), n)
    closing_start, closing_end = find_closing(lines, header_end)
    closing_start = max(closing_start, header_end)
    preamble_end = find_preamble_end(lines, header_end, closing_start)
    zones = Zones(
        header=(0, header_end),
        preamble=(header_end, preamble_end),
        body=(preamble_end, closing_start),
        closing=(closing_start, min(closing_end, n)),
        annex=(min(closing_end, n), n),
    )
    return Document(text=text, lines=lines, zones=zones, context=dict(context or {}))
