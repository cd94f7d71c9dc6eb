"""Deadlines: time expressions that govern when a task must be done.

Our own grammar of Vietnamese deadline phrases (SPEC §1, §4): `trước /
chậm nhất / đến hết ngày …` (by), `vào ngày …` (on), `Tháng 01/2023`,
`trong tháng 01 năm 2024`, `Tháng 6, 7`, `Quý II`, `6 tháng đầu năm`,
`trong năm 2025` (within), `Từ ngày … đến …` (range), `hằng năm`, `định kỳ
hằng quý` (recurring), `thường xuyên` as the time of a task (continuous).
Intervals use SPEC's reduced precision and the document's year where the
year is left implicit. Dates of cited documents and the issue date never
match: every pattern needs a deadline word or a month/quarter form, and
citations' spans are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

from pipeline.document import Document, Line

from .grammar import iso_date, letter_led, word_led

_D = r"(?P<{p}d>\d{{1,2}})\s*[/.-]\s*(?P<{p}m>\d{{1,2}})(?:\s*[/.-]\s*(?P<{p}y>\d{{4}}))?"
_DL = r"(?P<{p}d>\d{{1,2}})\s+tháng\s+(?P<{p}m>\d{{1,2}})(?:\s+năm\s+(?P<{p}y>\d{{4}}))?"


def _day(prefix: str) -> str:
    return "(?:" + _D.format(p=prefix) + "|" + _DL.format(p=prefix + "l") + ")"


ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
RECURRING_WORDS = r"(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)|định\s+kỳ\s+(?:\d+\s+tháng|hằng|hàng|mỗi)[^,.;]{0,12}"
BUDGET_BEFORE = re.compile(r"(?:dự\s+toán|ngân\s+sách|kinh\s+phí|\bchi(?!\s+(?:tiết|bộ|nhánh|cục))|vốn|trợ\s+cấp|lương|đời\s+sống|kinh\s+tế\s*[-–]\s*xã\s+hội|thường\s+xuyên)"
                           r"(?:\s+\S+){0,4}\s*$", re.IGNORECASE)
REPORT_BEFORE = re.compile(r"(?:báo\s+cáo|sơ\s+kết|tổng\s+kết|kết\s+quả|đánh\s+giá)[^.;:]{0,120}$", re.IGNORECASE)
# A time told as a reference point (`Thời điểm tính tuổi … là tháng 7/2030`) or
# the effect of a legal text (`có hiệu lực kể từ ngày …`) governs no task.
REFERENCE_BEFORE = re.compile(r"(?:\blà|tính\s+đến|hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?(?:\s+từ)?)\s*$", re.IGNORECASE)
# Words a body's name ends with: `Công an tỉnh thường xuyên rà soát …`.
UNIT_TAIL = r"(?:liên\s+quan|tỉnh|thành\s+phố|huyện|xã|phường|ngành|đơn\s+vị|cơ\s+quan|địa\s+phương|đoàn\s+thể|cấp|[A-ZĐ]\w*)"
# `… thường xuyên tổ chức kiểm tra`: the time of the task verb that follows it.
TASK_AFTER = re.compile(r"^\s*(?:tổ\s+chức|kiểm\s+tra|theo\s+dõi|cập\s+nhật|rà\s+soát|phối\s+hợp|nhắc\s+nhở|"
                        r"tuyên\s+truyền|đôn\s+đốc|giám\s+sát|tiến\s+hành|trao\s+đổi|thông\s+tin|chỉ\s+đạo)\b",
                        re.IGNORECASE)
# A label that announces the time of the item's task.
TIME_LABEL = re.compile(r"(?:Thời\s+gian|Thời\s+hạn|Tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:\s*(?:\S+\s+){0,2}$",
                        re.IGNORECASE)
MANNER_AFTER = re.compile(r"^\s*(?:[,.;:)]|và\b|liên\s+tục|kịp\s+thời|chặt\s+chẽ|hơn|của|trong\s+(?!năm))",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Match:
    text: str
    kind: str
    start: str | None
    end: str | None
    span: tuple[int, int]


def _ymd(m: re.Match, prefix: str, year: str | None) -> str | None:
    d = m.group(prefix + "d") or m.group(prefix + "ld")
    mo = m.group(prefix + "m") or m.group(prefix + "lm")
    y = m.group(prefix + "y") or m.group(prefix + "ly") or year
    return iso_date(d, mo, y) if d and mo else None


def _month(mo: str, year: str | None) -> str | None:
    return iso_date(None, mo, year) if year else None


Builder = Callable[[re.Match, str | None], tuple[str, str | None, str | None] | None]


def _range(m: re.Match, year: str | None):
    end = _ymd(m, "b", year)
    y2 = (end or "")[:4] or year
    return "range", _ymd(m, "a", y2), end


def _range_months(m: re.Match, year: str | None):
    y = m.group("y") or year
    return "range", _month(m.group("m1"), y), _month(m.group("m2"), y)


def _range_years(m: re.Match, year: str | None):
    return "range", m.group("y1"), m.group("y2")


def _range_days(m: re.Match, year: str | None):
    y = m.group("y") or year
    return "range", iso_date(m.group("d1"), m.group("m"), y), iso_date(m.group("d2"), m.group("m"), y)


def _range_month_years(m: re.Match, year: str | None):
    return "range", iso_date(None, m.group("m1"), m.group("y1")), iso_date(None, m.group("m2"), m.group("y2"))


def _from(m: re.Match, year: str | None):
    return "range", _ymd(m, "a", year), None


def _by(m: re.Match, year: str | None):
    return "by", None, _ymd(m, "a", year)


def _on(m: re.Match, year: str | None):
    date = _ymd(m, "a", year)
    return "on", date, date


def _months(m: re.Match, year: str | None):
    months = [int(x) for x in re.findall(r"\d{1,2}", m.group("ms"))]
    if not months or any(not 1 <= x <= 12 for x in months):
        return None
    y = m.group("y") or year
    return "within", _month(str(min(months)), y), _month(str(max(months)), y)


def _quarter(m: re.Match, year: str | None):
    q = ROMAN_QUARTER[m.group("q").upper()]
    y = m.group("y") or year
    return "within", _month(str(3 * q - 2), y), _month(str(3 * q), y)


def _half(m: re.Match, year: str | None):
    y = m.group("y") or year
    first = m.group("h").lower() == "đầu"
    return "within", _month("1" if first else "7", y), _month("6" if first else "12", y)


def _year(m: re.Match, year: str | None):
    return "within", m.group("y"), m.group("y")


def _year_start(m: re.Match, year: str | None):
    return "on", _month("1", m.group("y")), _month("1", m.group("y"))


def _continuous_year(m: re.Match, year: str | None):
    y = m.group("y") or year
    return "continuous", y, y


def _continuous(m: re.Match, year: str | None):
    return "continuous", None, None


def _recurring(m: re.Match, year: str | None):
    return "recurring", None, None


# An hour before the day (`trước 17h00 ngày 15/3`, `chậm nhất 16 giờ 30, ngày …`): the day is the deadline.
_HOUR = r"\d{1,2}\s*(?:h|giờ)\s*(?:\d{2})?\s*(?:phút|['’])?"
# Ordered: earlier patterns win where they overlap.
_PERIODIC = r"(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)"
FORMS: tuple[tuple[str, Builder], ...] = (
    # A periodic deadline with its day: `trước ngày 15/12 hằng năm`, `Định kỳ hằng năm (trước ngày 30/11)`.
    (r"\b(?:định\s+kỳ\s*)?\(?\s*(?:trước|chậm\s+nhất)\s+(?:ngày\s+)?\d{1,2}(?:\s*(?:/|tháng)\s*\d{1,2})?\s*"
     + _PERIODIC + r"\s*\)?", _recurring),
    (r"\b(?:định\s+kỳ\s+)?" + _PERIODIC + r"\s*\(\s*(?:trước|chậm\s+nhất)\s+(?:ngày\s+)?"
     r"\d{1,2}(?:\s*(?:/|tháng)\s*\d{1,2})?\s*\)", _recurring),
    (r"\btừ\s+ngày\s+(?P<d1>\d{1,2})\s*(?:đến|-|–)\s*(?:hết\s+)?(?:ngày\s+)?(?P<d2>\d{1,2})\s*(?:/|tháng)\s*(?P<m>\d{1,2})"
     r"(?:\s*(?:/|năm)\s*(?P<y>\d{4}))?", _range_days),
    (r"\btừ\s+tháng\s+(?P<m1>\d{1,2})\s*(?:/|năm)\s*(?P<y1>\d{4})\s*(?:đến|-|–)\s*(?:hết\s+)?tháng\s+(?P<m2>\d{1,2})"
     r"\s*(?:/|năm)\s*(?P<y2>\d{4})", _range_month_years),
    (r"\b(?:áp\s+dụng(?:\s+(?!từ\b)\S+){0,3}|thực\s+hiện|triển\s+khai)\s+(?P<t>(?:kể\s+)?từ\s+ngày\s+" + _day("a") + ")",
     _from),
    (r"\btừ\s+(?:ngày\s+)?" + _day("a") + r"\s*(?:đến|-|–)\s*(?:hết\s+)?(?:ngày\s+)?" + _day("b"), _range),
    (r"\btừ\s+tháng\s+(?P<m1>\d{1,2})\s*(?:đến|-|–)\s*(?:hết\s+)?tháng\s+(?P<m2>\d{1,2})(?:\s*(?:/|năm)\s*(?P<y>\d{4}))?",
     _range_months),
    (r"\btừ\s+năm\s+(?P<y1>\d{4})\s*(?:đến|-|–)\s*(?:hết\s+)?năm\s+(?P<y2>\d{4})", _range_years),
    # The first letter read by letter_led (re scans for it), the look-behind picks the word it opens.
    (letter_led("TtCcĐđHhKk\u212a") + r"(?:(?<=[Tt])rước|(?<=[Cc])hậm\s+nhất(?:\s+(?:là|vào|đến))?|(?<=[Đđ])ến\s+hết|"
     r"(?<=[Hh])ạn\s+chót|(?<=[Kk])hông\s+quá|(?<=[Hh])oàn\s+thành\s+trong)\s+"
     r"(?:" + _HOUR + r"\s*,?\s*)?(?:ngày\s+)?" + _day("a"), _by),
    (r"\b(?:vào|trong)\s+ngày\s+" + _day("a"), _on),
    (r"\bthường\s+xuyên\s+trong\s+năm(?:\s+(?P<y>\d{4}))?", _continuous_year),
    # `(?<!\d\s)(?<!ngày\s)(?:\btrong\s+)?\btháng`, the look-behinds read after the first `t` (letter_led).
    (letter_led("Tt") + r"(?<!\d\s.)(?<!ngày\s.)(?:rong\s+\btháng|háng)\s+(?P<ms>\d{1,2}(?:\s*(?:,|và|-|–)\s*\d{1,2})*)"
     r"(?:\s*(?:/|năm)\s*(?P<y>\d{4}))?(?!\s*[/.]\s*\d)(?!\s+năm\s+\d{4}\s+của)", _months),
    (r"(?:\btrong\s+)?\bquý\s+(?P<q>IV|III|II|I|[1-4])\b(?:\s*(?:/|năm)\s*(?P<y>\d{4}))?", _quarter),
    (r"\b6\s+tháng\s+(?P<h>đầu|cuối)\s+năm(?:\s+(?P<y>\d{4}))?", _half),
    (r"\bngay\s+từ\s+đầu\s+năm\s+(?P<y>\d{4})", _year_start),
    (r"\btrong\s+năm\s+(?P<y>\d{4})", _year),
    # `Thời gian thực hiện: Năm 2024`: a year the label makes the time of the item's tasks.
    (r"\b(?:thời\s+gian(?:\s+thực\s+hiện|\s+hoàn\s+thành)?|thời\s+hạn|tiến\s+độ)\s*:\s*(?P<t>năm\s+(?P<y>\d{4}))\b",
     _year),
    (r"\b(?:" + RECURRING_WORDS + r")|\btrong\s+từng\s+năm", _recurring),
    (r"\bthường\s+xuyên\b", _continuous),
)
# A form opening with a word is searched for by its first letter (grammar.word_led).
PATTERNS: tuple[tuple[re.Pattern[str], Builder], ...] = tuple((re.compile(word_led(p), re.IGNORECASE), b) for p, b in FORMS)


def _accept(text: str, m: re.Match, kind: str) -> bool:
    """SPEC §4's exclusions, read from the words around the match."""
    before = text[max(0, m.start() - 160):m.start()]
    after = text[m.end():m.end() + 30]
    if REFERENCE_BEFORE.search(before):
        return False
    if kind == "continuous" and m.group(0).lower().strip() == "thường xuyên":
        if TIME_LABEL.search(before):
            return True  # `Thời gian thực hiện: Thực hiện thường xuyên.`: the label says it is the task's time
        cell_alone = not after.strip() or after.startswith("\t")
        if cell_alone and (not before.strip() or before.endswith(("\t", "\n"))):
            return True  # a time cell of a task table
        if MANNER_AFTER.match(after) or not after.strip():
            return False
        lead = before.rstrip()
        opens_clause = not lead or lead[-1] in ".;:-–•+)\t" or re.search(r"\n\s*$", before)
        after_unit = re.search(UNIT_TAIL + r"\s*$", before) and not re.search(r"(?:chi|và|,)\s*$", lead)
        return bool(opens_clause or after_unit or re.search(r"(?:cần|phải|luôn|tiếp\s+tục)\s*$", lead)
                    or TASK_AFTER.match(after))
    if kind == "recurring":
        return not BUDGET_BEFORE.search(before)
    if kind == "within" and "6 tháng" in m.group(0).lower():
        return not REPORT_BEFORE.search(before)
    return True


# Words each pattern above cannot match without (in its order): a pattern is searched for in a line only when
# every group of its gate has a word there. Most lines hold one or two of these words at most. A word is
# looked for in the line's lower case: none holds an `i` or an `s`, which IGNORECASE also matches in `ı`,
# `İ`, `ſ` that lower case keeps apart (tests/test_speedups.py checks every letter).
GATES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("hằng", "hàng"), ("trước", "chậm")),
    (("hằng", "hàng"), ("trước", "chậm"), ("(",)),
    (("từ",), ("ngày",)),
    (("từ",), ("tháng",)),
    (("từ",), ("ngày",)),
    (("từ",), ("đến", "-", "–")),
    (("từ",), ("tháng",)),
    (("từ",), ("năm",)),
    (("trước", "chậm", "hết", "chót", "quá", "hoàn"),),  # `đến hết`, `hạn chót`, `không quá`, `hoàn thành trong`
    (("ngày",), ("vào", "trong")),
    (("xuyên",), ("trong",)),
    (("tháng",),),
    (("quý",),),
    (("tháng",), ("6",), ("năm",)),
    (("ngay",), ("từ",), ("đầu",), ("năm",)),
    (("trong",), ("năm",)),
    ((":",), ("năm",)),
    (("hằng", "hàng", "kỳ", "từng"),),  # `định kỳ`
    (("xuyên",),),
)
assert len(GATES) == len(PATTERNS)


@lru_cache(maxsize=4)
def _gate_words(gates: tuple[tuple[tuple[str, ...], ...], ...]) -> tuple[str, ...]:
    return tuple(sorted({word for gate in gates for group in gate for word in group}))


def _tried(lower: str) -> tuple[tuple[re.Pattern[str], Builder], ...]:
    """The patterns whose gate is open in a line: each gate word is looked for once per line, not
    once per pattern that names it (a generator step per word and pattern cost more than the search)."""
    return _open_gates(frozenset({word for word in _gate_words(GATES) if word in lower}), GATES)


@lru_cache(maxsize=1024)
def _open_gates(present: frozenset[str], gates: tuple[tuple[tuple[str, ...], ...], ...]
                ) -> tuple[tuple[re.Pattern[str], Builder], ...]:
    """Lines hold few combinations of gate words (about 500 over the development set): each is judged once."""
    return tuple(entry for entry, gate in zip(PATTERNS, gates) if all(not present.isdisjoint(group) for group in gate))


def find(text: str, year: str | None, skip: list[tuple[int, int]] = ()) -> Iterator[Match]:
    taken: list[tuple[int, int]] = list(skip)
    found: list[Match] = []
    for pattern, build in _tried(text.lower()):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            built = build(m, year)
            if built is None:
                continue
            kind, start, end = built
            if not _accept(text, m, kind):
                continue
            taken.append((m.start(), m.end()))
            # A pattern may need words before the deadline (`áp dụng … từ ngày`) that are not part of it.
            g = "t" if "t" in pattern.groupindex else 0
            found.append(Match(m.group(g).strip(), kind, start, end, (m.start(g), m.end(g))))
    yield from _periodic_dates(text, sorted(found, key=lambda x: x.span))


def _periodic_dates(text: str, found: list[Match]) -> list[Match]:
    """`Hằng năm, … trong Quý I`, `định kỳ hàng năm báo cáo … chậm nhất ngày 17 tháng 12`: a day,
    month or quarter without its year, in a sentence that says the task comes back every year, is
    the date of each year's round: one recurring deadline, its interval left open (gold/README.md)."""
    out: list[Match] = []
    periodic: Match | None = None
    for m in found:
        if periodic and re.search(r"[.;]", text[periodic.span[1]:m.span[0]]):
            periodic = None  # the sentence ended
        if m.kind in ("by", "on", "within") and periodic and not re.search(r"\d{4}", m.text):
            if periodic in out:
                out.remove(periodic)
            m = Match(m.text, "recurring", None, None, m.span)
        elif m.kind == "recurring" and re.fullmatch(RECURRING_WORDS, m.text, re.IGNORECASE) and "năm" in m.text.lower():
            periodic = m
        out.append(m)
    return out


def document_year(record: dict) -> str | None:
    """The year a deadline leaves implicit: the issue year, else the title's."""
    if record.get("date"):
        return record["date"][:4]
    years = re.findall(r"\b(20\d{2})\b", record.get("title") or "")
    return years[-1] if years else None


def _task_of(line: Line, at: int) -> str:
    """The clause or table row the deadline governs."""
    if "\t" in line.text:
        return re.sub(r"\s+", " ", " ".join(c for c in line.text.split("\t") if c.strip()))[:300]
    for base, clause in line.clauses():
        if base <= at <= base + len(clause):
            return clause.strip()[:300]
    return line.stripped[:300]


def _units_in(task: str, record: dict) -> list[str]:
    names = [u["name"] for u in record.get("responsible_units") or []]
    # Ties (one name a prefix of another) are broken by the name: set order varies between processes.
    return sorted({n for n in names if n and n in task}, key=lambda n: (task.find(n), n))


# `1. Về việc ban hành Bảng giá … (quý 3, quý 4/2025)`: an item heading names a topic, not a task.
TOPIC_HEADING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\))\s*Về\s[^:.;]{0,200}$")
# What every deadline pattern needs somewhere in its line: a digit, or one of the time words
# (`\d|qu[ýy]|thường\s+xuyên|h[ằà]ng\s|định\s+kỳ|từng\s+năm`, IGNORECASE). Written as letter_led does, so
# that re scans for the first character: a digit or a word's first letter, read case-sensitively from a set
# holding every case of those letters; the look-behind picks the words that character opens.
TRIGGER_LETTERS = "QqTtHhĐđ"
TRIGGER = re.compile(r"(?-i:[\d" + TRIGGER_LETTERS + r"])(?:(?<=\d)|(?<=[Qq])u[ýy]|(?<=[Tt])hường\s+xuyên|(?<=[Hh])[ằà]ng\s|"
                     r"(?<=[Đđ])ịnh\s+kỳ|(?<=[Tt])ừng\s+năm)", re.IGNORECASE)
QUOTED_PROVISION = re.compile(r"^\s*[-+]?\s*(?:Tại|Theo)\s+(?:điểm|khoản|Điều)\b")
YEAR_CELL = re.compile(r"^(?P<y1>20\d{2})(?:\s*[-–]\s*(?P<y2>20\d{2}))?$")


def _before_issue(match: Match, issued: str | None) -> bool:
    """A time that ended before the document was issued is background; a `by`
    deadline is an order even when its date has passed (a meeting's conclusions
    are issued days after the meeting set them)."""
    last = match.end or match.start
    if not issued or not last or len(last) < 10 or match.kind in ("recurring", "continuous", "by"):
        return False  # a month or year may still be running when the plan is issued
    return last < issued[:len(last)]


def _year_cells(line: Line) -> Iterator[Match]:
    """Cells of a task table's time column that hold only a year or years."""
    pos = 0
    for cell in line.text.split("\t"):
        m = YEAR_CELL.match(cell.strip())
        if m and pos > 0:
            a = pos + cell.index(cell.strip())
            y2 = m.group("y2") or m.group("y1")
            yield Match(cell.strip(), "range" if m.group("y2") else "within", m.group("y1"), y2,
                        (a, a + len(cell.strip())))
        pos += len(cell) + 1


def extract(doc: Document, record: dict | None = None) -> dict:
    record = record or {}
    year = document_year(record)
    issued = record.get("date")
    cited = [tuple(s) for c in record.get("citations") or [] for s in c.get("mentions", [])]
    headings = {tuple(s["span"])[0] for s in record.get("sections") or [] if s.get("span")}
    out = []
    for zone in ("body", "annex"):
        for line in doc.zone(zone):
            if not line.stripped or line.content_span[0] in headings:
                continue  # a section heading names a theme, not a task
            if QUOTED_PROVISION.match(line.text) or TOPIC_HEADING.match(line.text):
                continue
            if not TRIGGER.search(line.text):
                continue  # no digit and no time word: no pattern below can match, skip them all
            skip = [(a - line.start, b - line.start) for a, b in cited if a < line.end and line.start < b]
            matches = list(find(line.text, year, skip))
            if "\t" in line.text:
                matches += list(_year_cells(line))
            for m in matches:
                if _before_issue(m, issued):
                    continue
                span = (line.start + m.span[0], line.start + m.span[1])
                task = _task_of(line, span[0])
                out.append({"text": m.text, "kind": m.kind, "start": m.start, "end": m.end, "task": task,
                            "units": _units_in(task, record), "span": span})
    return {"deadlines": out}
