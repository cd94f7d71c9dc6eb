"""Header fields: doc_type, number, issuer, place, date, title, addressees.

The header is the fixed block of NĐ 30/2020 Phụ lục I (tên cơ quan, quốc
hiệu, Số, địa danh và ngày, tên loại và trích yếu; Kính gửi for letters) and
its party counterpart (ĐẢNG CỘNG SẢN VIỆT NAM, `Số 159-KH/TCT`, a `*` under
the body). Scraped copies break its lines at random, put the two columns one
after the other, or lose the left column; every rule here accepts that.
"""
from __future__ import annotations

import re
from typing import Sequence

from pipeline import layout
from pipeline.document import Document, Line
from pipeline.textnorm import either_style
from pipeline.segment import ITEM_BULLET, find_type_line, title_lines, vv_lines, DISPATCH_LINE

from .grammar import compact_number, find_dates, iso_date, ordinary_case, sentence_case, type_from_number

# Words that open the name of a body (NĐ 30 Phụ lục I: tên cơ quan chủ quản
# over tên cơ quan ban hành). A header line opening with one starts a new
# body; any other line continues the line above (a wrapped name).
BODY_START = re.compile(either_style(
    r"^(ỦY\s+BAN|UỶ\s+BAN|UBND|HĐND|HỘI\s+ĐỒNG|SỞ|BỘ|BAN|CỤC|CHI\s+CỤC|TỔNG\s+CỤC|VỤ|VIỆN|TRƯỜNG|PHÒNG|"
    r"VĂN\s+PHÒNG|TÒA\s+ÁN|TOÀ\s+ÁN|THANH\s+TRA|KHO\s+BẠC|CÔNG\s+AN|ĐẢNG\s+ỦY|ĐẢNG\s+UỶ|ĐẢNG\s+BỘ|ĐẢNG\s+ĐOÀN|"
    r"TỈNH\s+ỦY|TỈNH\s+UỶ|THÀNH\s+ỦY|THÀNH\s+UỶ|HUYỆN\s+ỦY|HUYỆN\s+UỶ|QUẬN\s+ỦY|THỊ\s+ỦY|CHI\s+BỘ|ĐOÀN|HỘI|"
    r"LIÊN\s+ĐOÀN|MẶT\s+TRẬN|TRUNG\s+TÂM|BỆNH\s+VIỆN|CHÍNH\s+PHỦ|THỦ\s+TƯỚNG|QUỐC\s+HỘI|NGÂN\s+HÀNG|THUẾ|"
    r"TẬP\s+ĐOÀN|TỔNG\s+CÔNG\s+TY|CÔNG\s+TY|ĐẠI\s+HỌC|HỌC\s+VIỆN|KIỂM\s+TOÁN|BỘ\s+CHỈ\s+HUY|BỘ\s+TƯ\s+LỆNH)\b"))

# A body stated in the text as the author (`Sở Nội vụ xây dựng Kế hoạch`),
# for headers that lost the left column.
AUTHOR_STATEMENT = re.compile(either_style(
    r"(?P<body>(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND|Sở|Ban|Trường|Viện|Cục|Chi\s+cục|"
    r"Văn\s+phòng|Thanh\s+tra|Phòng|Bộ|Đảng\s+ủy|Tỉnh\s+ủy|Thành\s+ủy|Trung\s+tâm|Thuế|Công\s+an)"
    r"(?P<rest>(?:\s+[^\s,.;:()]+){0,12}?)\s+"
    r"(?:xây\s+dựng|ban\s+hành|yêu\s+cầu|hướng\s+dẫn|thông\s+báo|trả\s+lời|đề\s+nghị|chỉ\s+thị|triển\s+khai|"
    r"có\s+ý\s+kiến)\b"))
# Words that cannot sit inside a body's name: a match spanning them ran over
# a clause (`Sở Nội vụ và góp phần thực hiện …`).
NOT_IN_NAME = {"là", "của", "các", "được", "để", "đã", "góp", "thực", "trong", "với", "cho", "tại", "những",
               "này", "sẽ", "đang", "nhằm", "theo", "về", "có", "không", "và"}
PLACE_SUFFIX = re.compile(r"\b(tỉnh|thành\s+phố|Thành\s+phố|huyện|quận|thị\s+xã)$")


def _header_lines(doc: Document) -> tuple[Line, ...]:
    return doc.zone("header")


def number(doc: Document) -> tuple[str | None, tuple[int, int] | None]:
    lines = _header_lines(doc)
    for k, line in enumerate(lines):
        s = line.stripped
        m = layout.NUMBER_LINE.match(s)
        if m:
            lead = line.content_span[0]
            return compact_number(m.group("number")), (lead + m.start("number"), lead + m.end("number"))
        if re.fullmatch(r"Số\s*:?", s) and k + 1 < len(lines):
            nxt = lines[k + 1]
            m2 = re.match(r"^(\d[\d.]*)?\s*[/-]\s*[A-ZĐa-zđ0-9&]+(?:\s*[/-]\s*[A-ZĐa-zđ0-9&]+)*", nxt.stripped)
            if m2:
                lead = nxt.content_span[0]
                return compact_number(m2.group(0)), (lead, lead + m2.end())
    return None, None


def place_and_date(doc: Document) -> tuple[str | None, str | None, tuple[int, int] | None]:
    for line in _header_lines(doc):
        m = layout.PLACE_DATE.search(line.text)
        if m and len(line.stripped) < 120:
            place = re.sub(r"^[\s*_|-]+", "", m.group("place")).strip()
            return place, iso_date(m.group("day"), m.group("month"), m.group("year")), (
                line.start + m.start(), line.start + m.end())
    return None, None, None


def _issuer_lines(doc: Document) -> list[Line]:
    """Header lines before the quốc hiệu / Số that name the issuing body."""
    out: list[Line] = []
    lines = _header_lines(doc)
    above_number: list[Line] = []
    for line in lines:
        s = line.stripped
        if not s:
            continue
        if layout.NUMBER_LINE.match(s) or re.fullmatch(r"Số\s*:?", s) or layout.PLACE_DATE.search(s):
            break
        if layout.type_of_line(s) or layout.VV_LINE.match(s) or layout.ADDRESSEE_LINE.match(s):
            break
        above_number.append(line)
    # The quốc hiệu may be wrapped over two lines (`ĐẢNG CỘNG` / `SẢN VIỆT NAM`),
    # so it is found in the joined text and everything from it on is dropped.
    text = "\n".join(l.stripped for l in above_number)
    m = layout.NATIONAL_MOTTO.search(text)
    cut = len(text) if m is None else m.start()
    pos = 0
    for line in above_number:
        s = line.stripped
        if pos >= cut:
            break
        pos += len(s) + 1
        if layout.MOTTO_LINE.match(s) or s == "*" or not layout.is_upper_line(s):
            continue
        out.append(line)
    return out


def _bodies(lines: Sequence[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or BODY_START.match(line.stripped):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _join(lines: Sequence[Line]) -> str:
    return " ".join(l.stripped for l in lines)


def _inferred_issuer(doc: Document, place: str | None) -> tuple[str, tuple[int, int]] | None:
    """The author a header-less document names in its own opening text."""
    body = doc.zone("body")
    head = list(doc.zone("preamble")) + list(body[:6]) + list(body[-4:])
    best = None
    for line in head:
        for m in AUTHOR_STATEMENT.finditer(line.text):
            if NOT_IN_NAME & set(m.group("rest").lower().split()):
                continue
            best = (m.group("body") + m.group("rest"), (line.start + m.start(), line.start + m.start("rest") + len(m.group("rest"))))
        if best:
            break
    if best is None:
        return None
    name, span = best
    name = name.strip()
    if PLACE_SUFFIX.search(name):
        where = place or doc.context.get("place") or _usual_place(doc.text, PLACE_SUFFIX.search(name).group(1))
        if where:
            name = f"{name} {where}"
    return name, span


def _usual_place(text: str, kind: str) -> str | None:
    """The province or city the text names most often after `kind` (`tỉnh`)."""
    pattern = re.compile(re.escape(kind) + r"\s+((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s?){1,4})", re.IGNORECASE)
    counts: dict[str, int] = {}
    for m in pattern.finditer(text):
        words = m.group(1).split()
        if not all(w[:1].isupper() for w in words):
            continue
        key = " ".join(words)
        counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.get) if counts else None


# A header-less document still prints its own number in its attachment:
# `(Kèm theo Quyết định số 172/QĐ-BCĐ ngày 25/11/2025 …)` (NĐ 30 Phụ lục I, phụ lục).
ATTACHMENT_OF = re.compile(
    r"kèm\s+theo\s+(?:văn\s+bản|công\s+văn|quyết\s+định|kế\s+hoạch|nghị\s+quyết|chỉ\s+thị|thông\s+báo|hướng\s+dẫn)"
    r"\s+số\s*:?\s*(?P<number>\d*\s*/\s*[A-ZĐ0-9&]+(?:\s*[-/]\s*[A-ZĐ0-9&]+)*)"
    r"(?:\s*,?\s*(?P<date>ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}|ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}))?",
    re.IGNORECASE)


def own_number_from_attachment(doc: Document) -> tuple[str | None, str | None]:
    for line in doc.zone("annex") + doc.zone("body"):
        m = ATTACHMENT_OF.search(line.text)
        if m:
            dates = find_dates(m.group("date") or "")
            return compact_number(m.group("number")), dates[0][0] if dates else None
    return None, None


def issuer(doc: Document, place: str | None) -> dict | None:
    groups = _bodies(_issuer_lines(doc))
    if groups:
        name_lines = groups[-1]
        parent = ordinary_case(_join([l for g in groups[:-1] for l in g])) or None
        span = (name_lines[0].content_span[0], name_lines[-1].content_span[1])
        return {"name": ordinary_case(_join(name_lines)), "parent": parent, "inferred": False, "span": span}
    found = _inferred_issuer(doc, place)
    if found:
        name, span = found
        return {"name": name, "parent": None, "inferred": True, "span": span}
    return None


def doc_type_and_title(doc: Document, number_value: str | None) -> tuple[str | None, str | None]:
    lines = _header_lines(doc)
    t = find_type_line(lines)
    if t is not None:
        dtype, rest = layout.type_of_line(lines[t].stripped) or (None, "")
        parts = ([rest] if rest else []) + [l.stripped for l in title_lines(doc.lines, t)]
        title = " ".join(parts)
        vv_title = layout.VV_LINE.match(title)  # `KẾ HOẠCH` / `V/V HỖ TRỢ …`: the V/v is no part of the title
        return dtype, _tidy_title(sentence_case(vv_title.group("rest") if vv_title else title))
    vv = next((l for l in lines if layout.VV_LINE.match(l.stripped)), None)
    if vv is not None:
        text = " ".join(l.stripped for l in vv_lines(doc.lines, vv.index))
        title = layout.VV_LINE.match(text).group("rest")
        # A `V/v` trích yếu is the mark of a công văn (NĐ 30 Phụ lục I, ô 5b);
        # its ký hiệu names the issuer, not a type (`5467/CT-CS`: CT is Cục Thuế).
        return "Công văn", _tidy_title(title)
    dtype = type_from_number(number_value)
    if dtype is None and any(layout.ADDRESSEE_LINE.match(l.stripped) for l in lines):
        dtype = "Công văn"
    return dtype, None


def _tidy_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip(" )(-–—*")
    return title[:1].upper() + title[1:] if title else None


def addressees(doc: Document) -> list[dict]:
    out: list[dict] = []
    lines = _header_lines(doc)
    opener = next((l for l in lines if (layout.ADDRESSEE_LINE.match(l.stripped) and "quý" not in l.stripped.lower())
                   or DISPATCH_LINE.match(l.stripped)), None)
    if opener is None:
        return out
    s = opener.text
    m = layout.ADDRESSEE_LINE.search(s)
    if m and s[m.end():].strip():
        # One addressee inline, perhaps wrapped onto a line in lower case.
        start = opener.start + m.end() + (len(s[m.end():]) - len(s[m.end():].lstrip()))
        end = opener.end
        nxt = doc.lines[opener.index + 1] if opener.index + 1 < len(doc.lines) else None
        if nxt is not None and len(nxt.stripped) < 80 and (
                nxt.stripped[:1].islower() or layout.UNFINISHED_NAME.search(s.rstrip())):
            end = nxt.end
        name = re.sub(r"\s+", " ", doc.text[start:end]).strip().rstrip(".;,")
        return [{"name": name, "span": (start, end)}]
    for line in lines[opener.index - lines[0].index + 1:]:
        t = line.stripped
        if not t:
            continue
        name = ITEM_BULLET.sub("", t).strip().rstrip(".;,")
        if not name:
            continue
        a = line.start + line.text.index(name)
        out.append({"name": name, "span": (a, a + len(name))})
    return out


def extract(doc: Document, record: dict | None = None) -> dict:
    num, _ = number(doc)
    place, date, _ = place_and_date(doc)
    if num is None and not any(layout.NUMBER_LINE.match(l.stripped) for l in doc.zone("header")):
        num, attached_date = own_number_from_attachment(doc)
        date = date or attached_date
    dtype, title = doc_type_and_title(doc, num)
    return {
        "doc_type": dtype,
        "number": num,
        "issuer": issuer(doc, place),
        "place": place,
        "date": date,
        "title": title,
        "addressees": addressees(doc),
    }
