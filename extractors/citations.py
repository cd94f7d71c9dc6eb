"""Cited documents: by số, ký hiệu, and laws, codes, ordinances by name.

NĐ 30/2020 Phụ lục I: a Căn cứ names `tên loại, số, ký hiệu, cơ quan, ngày
and trích yếu`, in that order, while `Luật` and `Pháp lệnh` carry no number
and are named with their date or year. One entry per cited document; a
document is `basis` when any mention sits in the preamble (SPEC §1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.document import Document
from pipeline.textnorm import compare_key

from .grammar import canonical_type, find_dates, find_numbers, number_key, type_from_number

# Type words as they precede a cited number, longest first.
CITED_TYPES = (
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Chương trình hành động", "Nghị quyết", "Quyết định",
    "Nghị định", "Thông tư", "Chỉ thị", "Kế hoạch", "Hướng dẫn", "Thông báo", "Công văn", "Công điện",
    "Văn bản", "Tờ trình", "Báo cáo", "Kết luận", "Quy định", "Quy chế", "Chương trình", "Đề án", "Luật",
    "Pháp lệnh", "Lệnh", "Thông tri", "Biên bản", "Phương án",
)
_TYPE_BEFORE = re.compile(
    r"(?P<type>" + "|".join(re.escape(t) for t in CITED_TYPES) + r")(?P<mid>(?:\s+[^\s\d;,.]+){0,12}?)"
    r"\s*(?:số\s*:?\s*)?$", re.IGNORECASE)
_DATE_AFTER = re.compile(r"^\s*[,(]?\s*(?:ban\s+hành\s+|được\s+ban\s+hành\s+)?ngày\b", re.IGNORECASE)
_ISSUER_AFTER = re.compile(
    r"^\s*,?\s*của\s+(?P<issuer>[^;,.:()“\"]{2,120}?)(?=\s+(?:về|quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|"
    r"thực\s+hiện|triển\s+khai|sửa\s+đổi|tiếp\s+tục|phát\s+động|tại|và|đã|được|trong)\b|[;,.:()“\"]|$)")
_NAME_AFTER = re.compile(r"^\s*,?\s*(?:về\s+việc|về|V/v)\s+(?P<name>[^;]{3,300}?)(?=;|\.\s|\.$|\n|$)", re.IGNORECASE)

LAW_TYPES = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")
# A law named in the text: `Luật Thi đua, Khen thưởng ngày 26/11/2003`,
# `Luật sửa đổi, bổ sung một số điều của Luật …`, `Bộ luật Lao động năm 2019`.
# The type word starts no word (`(?<!\w)`) and is not the `luật` of `pháp luật`. Those look-behinds are read
# after the type word's first letter (`.` is that letter): a pattern whose every branch opens with a letter
# is searched by re's fast scan for those letters instead of being tried at every position.
_LAW_TYPE_START = r"(?<!\w.)(?<!pháp\s.)"
LAW_NAME = re.compile(r"(?P<type>" + "|".join(word[0] + _LAW_TYPE_START + word[1:] for word in (
    r"Bộ\s+luật", r"bộ\s+luật", r"Luật", r"luật", r"Pháp\s+lệnh", r"Hiến\s+pháp")) + r")\s+(?=sửa\s+đổi|[A-ZĐÀ-Ỹ])")
_LAW_STOP = re.compile(
    r"\s+(?:ngày|số\s*:?\s*\d|năm\s+\d{4}|được|đã|có\s+hiệu\s+lực|thì|để|nhằm|trong|theo|tại|đối\s+với|về|"
    r"quy\s+định|hướng\s+dẫn|các|cho|những|này|và\s+(?:các|Luật|Bộ\s+luật|Nghị|Pháp|Thông)|của\s+(?!Luật)\S)"
    r"|\s+số\s*:?\s*$|,\s*(?:Luật|Bộ|Nghị|Pháp|Thông|Quyết|Chỉ|Kế|Chương|Đề|Hiến|ngày|số|năm)\b|\.(?:\s|$)|,?\s*$")
_LAW_YEAR = re.compile(r"^\s*,?\s*(?:số\s+[^\s;,]+\s*)?(?:ngày\s*[^;]{0,40}?(?P<y1>\d{4})|năm\s+(?P<y2>\d{4}))")
MAX_LAW_WORDS = 22


@dataclass
class Found:
    doc_type: str | None
    number: str | None
    name: str | None
    date: str | None
    issuer: str | None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    basis: bool = False


# The type word and what follows it up to the number hold no digit, `;`, `,` or `.`: a match starts after
# the last of them, so the search starts there instead of trying every type word at every position.
_LAST_STOP = re.compile(r".*[\d;,.]", re.DOTALL)


def _type_before(text: str, start: int) -> str | None:
    """The type word printed before a number."""
    window = text[max(0, start - 160):start]
    stop = _LAST_STOP.match(window)
    m = _TYPE_BEFORE.search(window, stop.end() if stop else 0)
    return canonical_cited_type(m.group("type")) if m else None


def _cited_type(printed: str | None, number: str) -> str:
    """`Văn bản số 72/TTr-…` is a Tờ trình: a generic word yields to the ký hiệu."""
    coded = type_from_number(number)
    if printed is None:
        return coded or "Văn bản"
    if printed in ("Văn bản", "Công văn") and coded and coded != "Công văn":
        return coded
    return printed


def canonical_cited_type(word: str) -> str:
    lowered = " ".join(word.lower().split())
    return canonical_type(word) or lowered[:1].upper() + lowered[1:]


_SHARED_DATE = re.compile(r"^\s*(?:,|và)\s*(?:số\s*)?\d{1,5}\s*[/-]\s*[^\s,;]+")


def _date_after(text: str, end: int) -> tuple[str | None, int]:
    """The date printed after a number, or after the numbers listed with it
    (`số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025`)."""
    tail = text[end:end + 60]
    for _ in range(3):
        if _DATE_AFTER.match(tail):
            break
        chained = _SHARED_DATE.match(tail)
        if not chained:
            return None, end
        tail = tail[chained.end():] + text[end + 60:end + 60 + chained.end()]
    if not _DATE_AFTER.match(tail):
        return None, end
    dates = find_dates(tail)
    if not dates:
        return None, end
    return dates[0][0], end + dates[0][2]


def _issuer_after(text: str, end: int) -> tuple[str | None, int]:
    m = _ISSUER_AFTER.match(text[end:end + 200])
    if not m:
        return None, end
    return " ".join(m.group("issuer").split()), end + m.end("issuer")


def _name_after(text: str, end: int) -> str | None:
    m = _NAME_AFTER.match(text[end:end + 400])
    if not m:
        return None
    return " ".join(m.group("name").split()).strip(" “”\"") or None


def _zones_to_scan(doc: Document) -> list[tuple[int, int, bool]]:
    """(start, end, is_preamble) character ranges where citations count."""
    out = []
    for name in ("header", "preamble", "body", "annex"):
        a, b = doc.zone_span(name)
        if b > a:
            out.append((a, b, name == "preamble"))
    return out


def numbered(doc: Document, own: str | None) -> list[Found]:
    found: dict[str, Found] = {}
    own_key = number_key(own) if own else None
    for a, b, preamble in _zones_to_scan(doc):
        text = doc.text
        for number, s, e in find_numbers(text[a:b]):
            s, e = s + a, e + a
            key = number_key(number)
            if key == own_key or _in_number_line(doc, s):
                continue
            dtype = _cited_type(_type_before(text, s), number)
            date, after = _date_after(text, e)
            issuer, after2 = _issuer_after(text, after)
            name = _name_after(text, after2)
            entry = found.get(key)
            if entry is None:
                entry = found[key] = Found(dtype, number, name, date, issuer)
            else:
                entry.date = _better_date(entry.date, date, number)
                entry.issuer = entry.issuer or issuer
                entry.name = entry.name or name
            entry.mentions.append((s, e))
            entry.basis = entry.basis or preamble
    return list(found.values())


def _better_date(old: str | None, new: str | None, number: str) -> str | None:
    """Mentions that disagree: the date whose year the number itself carries wins."""
    if not old or not new or old == new:
        return old or new
    year = re.search(r"/(\d{4})/", number)
    if year and not old.startswith(year.group(1)) and new.startswith(year.group(1)):
        return new
    return old


def _in_number_line(doc: Document, pos: int) -> bool:
    """The document's own `Số:` line (and an `Số` on the line above it)."""
    for line in doc.zone("header"):
        if line.start <= pos <= line.end:
            prev = doc.lines[line.index - 1].stripped if line.index > 0 else ""
            return bool(re.match(r"^Số\b", line.stripped)) or bool(re.fullmatch(r"Số\s*:?", prev))
    return False


def _law_name(raw: str) -> str:
    m = _LAW_STOP.search(raw)
    name = raw[:m.start()] if m else raw
    words = name.split()
    return " ".join(words[:MAX_LAW_WORDS]).strip(" ,")


def laws(doc: Document) -> list[Found]:
    """Laws, codes, ordinances named without a number (numbered ones are found by number)."""
    found: list[Found] = []
    inside: list[tuple[int, int]] = []
    for a, b, preamble in _zones_to_scan(doc):
        text = doc.text[a:b]
        for m in LAW_NAME.finditer(text):
            # The name is read from the text after the type word without being
            # consumed, so a law named inside another's name is found too.
            rest = re.match(r"[^;:()“”\"\n]*", text[m.end():]).group(0)
            name = _law_name(rest)
            if len(name.split()) < 2 or any(x <= a + m.start() < y for x, y in inside):
                continue
            after = m.end() + len(name)
            # A law named inside this one's name (`Luật sửa đổi … của Luật X`)
            # is part of its title, not a second citation.
            inside.append((a + m.end(), a + after))
            tail = text[after:after + 80]
            if re.match(r"^\s*,?\s*số\s*:?\s*\d", tail):
                continue  # numbered: the number finder has it, with its name below
            date = _law_date(tail)
            dtype = canonical_cited_type(m.group("type"))
            span = (a + m.start(), a + after)
            _merge_law(found, Found(dtype, None, name, date, None, [span], preamble))
    return found


def _law_date(tail: str) -> str | None:
    """`ngày 26/11/2003` after the name gives the day; `năm 2022` the year."""
    if re.match(r"^\s*,?\s*ngày", tail):
        dates = find_dates(tail[:40])
        if dates:
            return dates[0][0]
    y = _LAW_YEAR.match(tail)
    return (y.group("y1") or y.group("y2")) if y else None


def _merge_law(found: list[Found], new: Found) -> None:
    """Same name and year is one law; a mention without a year joins a namesake."""
    key = compare_key(new.name)
    same = [f for f in found if f.doc_type == new.doc_type and compare_key(f.name) == key]
    target = next((f for f in same if (f.date or "")[:4] == (new.date or "")[:4]), None)
    if target is None and new.date is None and same:
        target = same[0]
    if target is None and same and new.date and all(f.date is None for f in same):
        target = same[0]
        target.date = new.date
    if target is None:
        found.append(new)
        return
    target.mentions.extend(new.mentions)
    target.basis = target.basis or new.basis


# The name between the type word and `số`; it holds no other law and no number.
_NAME_BEFORE_NUMBER = re.compile(r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+(?P<name>(?:(?!\b(?:Luật|số)\b)[^;:]){2,160}?)"
                                 r"\s+số\s*:?\s*$")


def _law_names_of_numbered(doc: Document, items: list[Found]) -> None:
    """`Luật Thủy lợi số 08/2017/QH14`: a numbered law takes its name from before the number."""
    for f in items:
        if f.doc_type not in LAW_TYPES or f.name:
            continue
        for s, _ in f.mentions:  # the first mention that prints the name (`Luật số 87/2025/QH15` does not)
            m = _NAME_BEFORE_NUMBER.search(doc.text[max(0, s - 200):s])
            if m:
                f.name = " ".join(m.group("name").split())
                break


# Words that open a trích yếu after a cited number (`… số 78/2025/NĐ-CP quy định chi tiết … Luật X`).
_TRICH_YEU_LEAD = re.compile(r"\b(?:quy\s+định|hướng\s+dẫn|thi\s+hành|sửa\s+đổi|về\s+việc|về)\b")


# Words that end a trích yếu: what follows is the sentence's own (`… phù hợp với Luật X`).
_NAME_ENDED = re.compile(r"\b(?:phù\s+hợp\s+với|để|nhằm|bảo\s+đảm|đảm\s+bảo)\b")


def _outside_names(doc: Document, named: list[Found], numbered_items: list[Found]) -> list[Found]:
    """A law named only inside the trích yếu of a numbered document is part of
    that name, not a citation of its own (gold/README.md)."""
    ends = sorted(e for f in numbered_items for _, e in f.mentions)
    out = []
    for law in named:
        kept = []
        for s, e in law.mentions:
            before = max((x for x in ends if x <= s), default=None)
            between = doc.text[before:s] if before is not None else ""
            inside = (before is not None and s - before < 300 and not re.search(r";|\n\s*\n", between)
                      and _TRICH_YEU_LEAD.search(between) and not _NAME_ENDED.search(between))
            if not inside:
                kept.append((s, e))
        if kept:
            law.mentions = kept
            out.append(law)
    return out


def _unnumbered_only(named: list[Found], numbered_items: list[Found]) -> list[Found]:
    """A law named again without its number (`Luật Đất đai năm 2024`, an alias
    `(sau đây gọi là Luật Thủ đô)`) is a mention of the numbered citation."""
    out = []
    for law in named:
        twin = next((f for f in numbered_items if f.doc_type == law.doc_type and f.name
                     and compare_key(f.name) == compare_key(law.name)
                     and (law.date is None or law.date[:4] in (f.number or ""))), None)
        if twin is None:
            out.append(law)
            continue
        twin.mentions.extend(law.mentions)
        twin.basis = twin.basis or law.basis
    return out


def key_of(f: Found) -> str:
    if f.number:
        return number_key(f.number)
    return f"{compare_key(f.doc_type)}:{compare_key(f.name)}:{(f.date or '')[:4]}"


def extract(doc: Document, record: dict | None = None) -> dict:
    """`record` holds the fields extracted before: the own number is never a citation."""
    items = numbered(doc, (record or {}).get("number"))
    _law_names_of_numbered(doc, items)
    items += _outside_names(doc, _unnumbered_only(laws(doc), items), items)
    items.sort(key=lambda f: f.mentions[0][0])
    return {"citations": [
        {"doc_type": f.doc_type, "number": f.number, "name": f.name, "date": f.date, "issuer": f.issuer,
         "role": "basis" if f.basis else "reference", "mentions": sorted(f.mentions), "key": key_of(f)}
        for f in items]}
