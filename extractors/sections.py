"""Top-level Roman sections with their numbered children, and their kinds.

NĐ 30/2020 Phụ lục I lays the body out as `Phần I` / `Chương I` / `I.` then
`1.`, `1.1.`, `a)`. Scraped and OCR'd copies lose letters in headings
(`I. MC ĐÍCH, YÊU CU`), skip numerals (II then IV) and change case, so a
heading is recognised by its numeral and its kind by a tolerant match of the
SPEC keywords on the accent-free heading.
"""
from __future__ import annotations

import re
from typing import Sequence

from rapidfuzz import fuzz

from pipeline.document import Document, Line
from pipeline.layout import is_upper_line
from pipeline.segment import ROMAN_HEADING, is_section_heading, roman_value
from pipeline.textnorm import compare_key, strip_diacritics

CHILD = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*[.)]?\s+(?P<head>[^\n]{2,160})$")

# SPEC §1 kinds, by the words a heading opens with or contains.
KIND_RULES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    # (kind, accent-free keywords, keyword must open the heading)
    ("implementation", ("to chuc thuc hien", "to chuc trien khai", "dieu khoan thi hanh", "trach nhiem thuc hien"),
     False),
    ("purpose", ("muc dich", "yeu cau", "quan diem, muc dich"), True),
    # A chỉ thị or quy chế gives its tasks as `Trách nhiệm …` / `Phân công trách nhiệm`.
    ("content", ("noi dung", "nhiem vu", "trach nhiem"), False),
    ("solutions", ("giai phap",), True),
)


def _fuzzy_opens(heading: str, keyword: str) -> bool:
    """The heading opens with the keyword, allowing letters lost to OCR."""
    head = heading[: len(keyword) + 3]
    return fuzz.ratio(keyword, head[: len(keyword)]) >= 85 or fuzz.partial_ratio(keyword, head) >= 88


def _fuzzy_contains(heading: str, keyword: str) -> bool:
    return keyword in heading or (len(heading) < 60 and fuzz.partial_ratio(keyword, heading) >= 88)


def section_kind(heading: str, first: bool) -> str:
    folded = strip_diacritics(compare_key(heading))
    for kind, keywords, opens in KIND_RULES:
        test = _fuzzy_opens if opens else _fuzzy_contains
        if any(test(folded, k) for k in keywords):
            return kind
    if first and _fuzzy_opens(folded, "muc tieu"):
        return "purpose"
    return "other"


def _heading_text(lines: Sequence[Line], i: int) -> str:
    """Heading of a Roman line, with the lines a scraper wrapped it onto.

    `Chương I` and a bare `III.` print the heading on the next line; a
    heading in capitals wrapped by the source (`II. MỤC` / `ĐÍCH, YÊU CẦU`)
    continues on following capital lines.
    """
    head = ROMAN_HEADING.match(lines[i].stripped).group("head").strip()
    j = i + 1
    if not head:
        while j < len(lines) and j - i < 3 and not lines[j].stripped:
            j += 1
        if j < len(lines):
            head = lines[j].stripped
            j += 1
    if head and is_upper_line(head):
        while j < len(lines) and j - i < 5:
            t = lines[j].stripped
            if not t or not is_upper_line(t) or len(t) > 120 or is_section_heading(t) or CHILD.match(t):
                break
            head += " " + t
            j += 1
    return head


def _children(lines: Sequence[Line]) -> list[dict]:
    out = []
    for line in lines:
        m = CHILD.match(line.stripped)
        if not m or len(line.stripped) > 160 or line.stripped.endswith((";", ",")):
            continue
        head = m.group("head").strip().rstrip(":.")
        a, b = line.content_span
        out.append({"label": m.group("num"), "heading": head, "kind": section_kind(head, False),
                    "span": (a, b), "children": []})
    return out


def _headings(lines: Sequence[Line]) -> list[int]:
    """Indexes (into lines) of top-level headings, numerals increasing."""
    found: list[int] = []
    last = 0
    for k, line in enumerate(lines):
        s = line.stripped
        if not is_section_heading(s):
            continue
        value = roman_value(ROMAN_HEADING.match(s).group("num"))
        if not found and value > 3:
            continue  # a stray numeral is not where a body starts
        if value <= last or value > last + 3:
            continue
        found.append(k)
        last = value
    return found


def sections_in(lines: Sequence[Line]) -> list[dict]:
    idx = _headings(lines)
    out = []
    for n, k in enumerate(idx):
        m = ROMAN_HEADING.match(lines[k].stripped)
        head = _heading_text(lines, k)
        head = re.sub(r"\s+", " ", head).strip().rstrip(":.").strip()
        end = idx[n + 1] if n + 1 < len(idx) else len(lines)
        a = lines[k].content_span[0]
        b = lines[end - 1].end if end > k else lines[k].end
        out.append({"label": m.group("num"), "heading": head, "kind": section_kind(head, n == 0),
                    "span": (a, b), "children": _children(lines[k + 1:end])})
    return out


def _main_body(doc: Document) -> list[Line]:
    return list(doc.zone("preamble")) + list(doc.zone("body"))


def extract(doc: Document, record: dict | None = None) -> dict:
    found = sections_in(_main_body(doc))
    if not found:
        found = sections_in(list(doc.zone("annex")))  # SPEC §4: the attachment's sections
    return {"sections": found}

