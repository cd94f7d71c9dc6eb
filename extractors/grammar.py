"""Small pieces of the document grammar that several extractors share.

Dates, document numbers, type names from ký hiệu, and the case of names
printed in capitals. Kept here once so that the header, citation and
deadline extractors agree on what a date or a number is.
"""
from __future__ import annotations

import re

from pipeline.layout import DOC_TYPES
from pipeline.textnorm import compare_key, is_abbreviation

# NĐ 30/2020/NĐ-CP Phụ lục III (type abbreviations in a ký hiệu) and the party
# list of HD 36-HD/VPTW; legacy TT 01/2011/TT-BNV forms are also accepted.
TYPE_BY_ABBR = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QYĐ": "Quy định",
    "QĐI": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "CTR": "Chương trình",
    "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản",
    "TTR": "Tờ trình", "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền", "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo", "KL": "Kết luận", "TT": "Thông tư",
    "NĐ": "Nghị định", "TTLT": "Thông tư liên tịch", "L": "Luật", "CV": "Công văn", "QY": "Quy định",
    "TTRI": "Thông tri", "CTRI": "Thông tri",
}

_TYPE_BY_KEY = {compare_key(t): t for t in DOC_TYPES}


def iso_date(day: str | int | None, month: str | int | None, year: str | int | None) -> str | None:
    """ISO 8601 with SPEC's reduced precision; None for an impossible date."""
    if year is None:
        return None
    y = int(year)
    if not 1900 <= y <= 2100:
        return None
    if month in (None, ""):
        return f"{y:04d}"
    m = int(month)
    if not 1 <= m <= 12:
        return None
    if day in (None, ""):
        return f"{y:04d}-{m:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_DATE_FORMS = re.compile(
    r"ngày\s*(?P<d1>\d{1,2})\s*tháng\s*(?P<m1>\d{1,2})\s*năm\s*(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})",
    re.IGNORECASE)


def find_dates(text: str) -> list[tuple[str, int, int]]:
    """Every full date in `text` as (iso, start, end), in either printed form."""
    out = []
    for m in _DATE_FORMS.finditer(text):
        d, mo, y = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("y1") else (
            m.group("d2"), m.group("m2"), m.group("y2"))
        iso = iso_date(d, mo, y)
        if iso:
            out.append((iso, m.start(), m.end()))
    return out


def compact_number(raw: str) -> str:
    """A số, ký hiệu as SPEC prints it: no `Số`, no colon, no spaces."""
    s = re.sub(r"^\s*Số\s*:?\s*", "", raw)
    return re.sub(r"\s+", "", s).rstrip(".,;:")


def type_from_number(number: str | None) -> str | None:
    """The type a ký hiệu names (`18/KH-UBND` → Kế hoạch, `159-KH/TCT` too).

    A state ký hiệu without a type part (`1419/VKS-VP`) is a công văn
    (NĐ 30 Phụ lục III: công văn has no abbreviation).
    """
    if not number:
        return None
    party = re.match(r"^\d*-([A-ZĐa-zđ]+)/", number)
    if party:
        return TYPE_BY_ABBR.get(party.group(1).upper())
    parts = number.split("/")
    if len(parts) < 2:
        return None
    code = parts[-1].split("-")[0].upper()
    if code in TYPE_BY_ABBR:
        return TYPE_BY_ABBR[code]
    if len(parts) == 2:
        return "Công văn"
    return None


def canonical_type(word: str) -> str | None:
    """A type name as SPEC writes it (`KẾ HOẠCH`, `kế hoạch` → `Kế hoạch`)."""
    return _TYPE_BY_KEY.get(compare_key(word))


PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")
_KEEP_UPPER = re.compile(r"^(?:[A-ZĐ]{2,}\d*|[IVXL]+|[A-ZĐ]+&[A-ZĐ]+)$")


def ordinary_case(text: str) -> str:
    """Capitals of a printed header line turned into ordinary case.

    `ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH` → `Ủy ban nhân dân tỉnh Thái Bình`: the
    first word keeps its capital and so does every word after a place word,
    which is where proper names sit in body names. Abbreviations (UBND) stay.
    """
    words = text.split()
    if not words:
        return text
    out = []
    proper = False
    lowered = [w.lower() for w in words]
    for i, (w, lw) in enumerate(zip(words, lowered)):
        if _keeps_capitals(w, words[i - 1] if i else ""):
            out.append(w)
        elif lw in ("ủy", "uỷ") and i > 0:
            out.append(lw)  # `Tỉnh ủy Hà Nam`: one word, the place name follows
            continue
        elif i == 0 or proper:
            out.append(lw[:1].upper() + lw[1:])
        else:
            out.append(lw)
        prev2 = " ".join(lowered[max(0, i - 1):i + 1])
        if lw in PLACE_WORDS or prev2 in PLACE_WORDS:
            proper = True
    return " ".join(out)


# Words a Roman numeral follows (`lần thứ XIII`, `khóa XV`, `khu vực II`); elsewhere
# `VI`, `XI`, `LI` are syllables (`phạm vi`, `vi phạm`, `xi măng`).
NUMERAL_TAKERS = frozenset("thứ khóa khoá kỳ kì phần chương quý mục tập hạng nhóm vực vùng khu đoạn giai "
                           "loại cấp số".split())


def _keeps_capitals(word: str, prev: str = "") -> bool:
    """Codes (`18/KH-UBND`), abbreviations (`HĐND`) and Roman numerals keep capitals."""
    core = word.strip("(),.;:\"'“”")
    if not _KEEP_UPPER.match(core) and not any(ch.isdigit() or ch in "/-&" for ch in core):
        return False
    if not any(ch.isupper() for ch in core):
        return False
    if re.fullmatch(r"[IVXL]{2,}", core):
        return not prev or prev.strip("(),.;:").lower() in NUMERAL_TAKERS
    return any(ch.isdigit() or ch in "/-&" for ch in core) or is_abbreviation(core)


def sentence_case(text: str) -> str:
    """An all-capitals title in sentence case; mixed-case text stays as printed."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.85:
        return text
    words = text.split()
    low = " ".join(w if _keeps_capitals(w, words[i - 1] if i else "") else w.lower() for i, w in enumerate(words))
    return low[:1].upper() + low[1:]


# Letter sets given to letter_led, kept so that a test can check that each holds every character
# IGNORECASE takes for one of its letters (the Kelvin sign for `k`, for one).
LETTER_LED_SETS: set[str] = set()


def letter_led(letters: str) -> str:
    r"""`\b` and then one of `letters`, to open an IGNORECASE pattern. re finds where to try a pattern by
    scanning for its first characters only when they are matched case-sensitively: the letter is
    (`letters` lists each of its cases), and the `\b` before it is read after it, as `(?<!\w.)`."""
    LETTER_LED_SETS.add(letters)
    return rf"(?-i:[{letters}])(?<!\w.)"


def word_led(pattern: str) -> str:
    r"""An IGNORECASE pattern that opens with `\b` and a letter, that letter read by letter_led (re scans for
    it); a pattern that opens otherwise is returned as it is."""
    m = re.match(r"\\b(\w)(?![?*+{])", pattern)
    return letter_led(m.group(1).upper() + m.group(1).lower()) + pattern[m.end():] if m else pattern


# --- document numbers ------------------------------------------------------
# State form `n/TYPE-ISSUER`, legal-normative `n/YYYY/TYPE-ISSUER`, National
# Assembly `n/YYYY/QH15`, joint `n/YYYY/TTLT-A-B` (NĐ 30/2020 Phụ lục I;
# Luật 80/2015 Điều 10); party form `n-TYPE/ISSUER` (HD 36-HD/VPTW). Spaces and
# line breaks around `/` and `-` occur in scraped text (`49-` / `NQ/TU`).
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9&]*)*"
# One to five digits not glued to a word, a slash, a dot or a dash. The look-behind is read after the first
# digit (`(?<![\w/.-])\d` there): a pattern that opens with a digit is searched by re's fast scan for one.
_NUMBER_START = r"\d(?<![\w/.-]\d)\d{0,4}"
STATE_NUMBER = re.compile(_NUMBER_START + r"\s*/\s*(?:\d{4}\s*/\s*)?" + _CODE + r"(?![\w&])")
PARTY_NUMBER = re.compile(_NUMBER_START + r"\s*-\s*[A-ZĐ][A-Za-zĐđ]{0,5}\s*/\s*" + _CODE + r"(?![\w&])")


def find_numbers(text: str) -> list[tuple[str, int, int]]:
    """Every số, ký hiệu in `text` as (compact number, start, end)."""
    out = []
    taken: list[tuple[int, int]] = []
    for pattern in (PARTY_NUMBER, STATE_NUMBER):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            raw = m.group(0)
            if not re.search(r"[A-ZĐ]", raw.split("/", 1)[-1]):
                continue
            taken.append((m.start(), m.end()))
            out.append((compact_number(raw), m.start(), m.end()))
    return sorted(out, key=lambda t: t[1])


def number_key(number: str) -> str:
    """The join key of a number: no spaces, one dash glyph, capitals."""
    return re.sub(r"\s+", "", number).replace("–", "-").replace("—", "-").upper()
