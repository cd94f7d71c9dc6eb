"""Stage 2: decoded text becomes clean text with a map back to the source.

Each cleaner is a small pure function from text to edits, looked up by name,
so the cleaning of a format is a list of names (`CLEANING[fmt]`). Offsets are
composed by `pipeline.offsets.apply_edits` alone.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Iterator, Sequence

from . import data, layout
from .offsets import Cleaner, Edit, Mapped, run_cleaners
from .syllables import is_syllable, one_letter_short


@lru_cache(maxsize=1)
def _lines(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, line) for every line, end excluding the newline (offsets summed in C:
    most cleaners call this, on every document).

    The last text's lines are kept: a cleaner that changes nothing (most of them,
    on most texts) hands the next the same text, and the header and portal
    cleaners run one after another. A tuple, so that no caller can change them.
    """
    lines = text.split("\n")
    starts = accumulate(map(_PLUS_ONE, map(len, lines)), initial=0)
    return tuple([(start, start + len(line), line) for start, line in zip(starts, lines)])


_PLUS_ONE = (1).__add__


# --- character level -------------------------------------------------------


def nfc(text: str) -> Iterable[Edit]:
    """Compose characters (SPEC: text is NFC) word by word, so edits stay local."""
    if unicodedata.is_normalized("NFC", text):
        return
    for m in re.finditer(r"\w*[^\x00-\x7f]+\w*", text):
        composed = unicodedata.normalize("NFC", m.group())
        if composed != m.group():
            yield Edit(m.start(), m.end(), composed)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\ufeff\u00ad]")


def controls(text: str) -> Iterable[Edit]:
    """Invisible and control characters carry nothing for a reader."""
    for m in _CONTROL.finditer(text):
        yield Edit(m.start(), m.end(), "")
    if "\r" in text or "\u2028" in text or "\u2029" in text:  # a gate: three substring tests beat one scan
        for m in _LINE_BREAK.finditer(text):
            yield Edit(m.start(), m.end(), "\n")


_LINE_BREAK = re.compile(r"\r\n?|\u2028|\u2029")


_NBSP = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def spaces(text: str) -> Iterable[Edit]:
    for m in _NBSP.finditer(text):
        yield Edit(m.start(), m.end(), " ")


_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")


def html_tags(text: str) -> Iterable[Edit]:
    """Stray tags left by a careless export (`<p>`, `<ul style=…>`): words stay."""
    for m in _HTML_TAG.finditer(text):
        yield Edit(m.start(), m.end(), " ")


# Emphasis markers: runs of * or _ touching a word on at least one side. Each branch
# opens with its mark and looks back from there (`\*(?<=\S\*)` is a star after a
# non-space): branches that opened with a look-behind had every character tried.
_EMPHASIS = re.compile(r"\*{1,3}(?=[^\s*])|\*(?<=\S\*)\*{0,2}|__(?<!\w__)(?=\S)|__(?<=\S__)(?!\w)")
_ONLY_STARS = re.compile(r"^[\s*]+$")


def emphasis(text: str) -> Iterable[Edit]:
    """Markdown emphasis goes, its words stay; a line of stars (the party mark) stays.

    A bold run that fills its lines is a heading (`**1. Về việc …**`): where it
    closes at a line's end, the paragraph ends too, so the unwrapping below
    cannot glue the heading to the text under it.
    """
    if "*" not in text and "__" not in text:
        return  # nothing to look at: most texts have no emphasis at all
    lines = _lines(text)
    heading = False  # inside a bold run that opened at a line's start
    for k, (start, end, line) in enumerate(lines):
        if "*" not in line and "__" not in line:
            continue  # no mark: no edit, and `heading` stays as it is
        if _ONLY_STARS.match(line):
            if line.strip():
                yield Edit(start, end, "*")
            continue
        marks = list(_EMPHASIS.finditer(line))
        for m in marks:
            bold = m.group().startswith("**")
            opens = bold and m.start() == len(line) - len(line.lstrip())
            closes_line = bold and heading and m.end() == len(line.rstrip()) and m is marks[-1]
            following = lines[k + 1][2] if k + 1 < len(lines) else ""
            if opens and not heading:
                heading = True
            elif bold and heading:
                heading = False
            if closes_line and following.strip() and not following.lstrip().startswith("*"):
                yield Edit(start + m.start(), start + m.end(), "\n")
            else:
                yield Edit(start + m.start(), start + m.end(), "")


# The bracket comes first and the character before it is looked back at from
# there: a pattern that opened with that look-behind was tried at every character.
_FOOTNOTE_REF = re.compile(r"\[(?<=[^\s\[]\[)(\d{1,2})\](?!\()")


def footnote_refs(text: str) -> Iterable[Edit]:
    """`địa phương[1]`: the marker of a footnote interrupts the sentence."""
    if "[" not in text:
        return  # nothing to look at
    for m in _FOOTNOTE_REF.finditer(text):
        yield Edit(m.start(), m.end(), "")


# --- line level ------------------------------------------------------------


def pipe_tables(text: str) -> Iterable[Edit]:
    """Tables a crawler flattened into cell lines between lone `|` lines.

    A lone `|` ends a cell and two in a row end a row. Tables of three or more
    columns (task tables) become one line per row, cells joined by tabs, so a
    row's task, units and time stay together; two-column layout tables (the
    header, the closing block) keep their cells as separate lines.
    """
    if "|" not in text:
        return
    lines = _lines(text)
    pipes = [i for i, (_, _, line) in enumerate(lines) if line.strip() == "|"]
    for region in _pipe_regions(pipes):
        yield from _table_edits(lines, region)


def _pipe_regions(pipes: list[int], max_gap: int = 80) -> Iterator[list[int]]:
    region: list[int] = []
    for i in pipes:
        if region and i - region[-1] > max_gap:
            yield region
            region = []
        region.append(i)
    if region:
        yield region


def _table_edits(lines: Sequence[tuple[int, int, str]], pipes: list[int]) -> Iterator[Edit]:
    for opener, closer, cells in _rows(pipes):
        if _is_grid_row(lines, cells):
            yield from _grid_row_edits(lines, opener, closer, cells)
        else:
            for i in range(opener, closer + 1):
                if lines[i][2].strip() == "|":
                    yield Edit(lines[i][0], lines[i][1], "")


def _rows(pipes: list[int]) -> Iterator[tuple[int, int, list[list[int]]]]:
    """(opening pipe, closing pipe, cells as lists of line indices) per row."""
    opener, cells = pipes[0], []
    for a, b in zip(pipes, pipes[1:]):
        if b == a + 1:
            yield opener, a, cells
            opener, cells = b, []
        else:
            cells.append(list(range(a + 1, b)))
    yield opener, pipes[-1], cells


_CELL_LIMIT = 1500


def _is_grid_row(lines, cells: list[list[int]]) -> bool:
    """A row of a task table: three or more cells, none of them a whole block."""
    if len(cells) < 3:
        return False
    for cell in cells:
        text = " ".join(lines[i][2] for i in cell).strip()
        if len(text) > _CELL_LIMIT or any(layout.is_anchor_line(lines[i][2]) for i in cell):
            return False
    return True


def _grid_row_edits(lines, opener: int, closer: int, cells: list[list[int]]) -> Iterator[Edit]:
    """Row = one line: breaks inside a cell become spaces, between cells tabs."""
    pieces = [(k, i) for k, cell in enumerate(cells) for i in cell if lines[i][2].strip()]
    if not pieces:
        yield Edit(lines[opener][0], lines[closer][1], "")
        return
    yield Edit(lines[opener][0], lines[pieces[0][1]][0], "")
    for (ka, a), (kb, b) in zip(pieces, pieces[1:]):
        yield Edit(lines[a][1], lines[b][0], "\t" * (kb - ka) if kb != ka else " ")
    yield Edit(lines[pieces[-1][1]][1], lines[closer][1], "")


_BLOCK_START = re.compile(
    r"^\s*([-–—+•]\s*|\d{1,2}(\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[IVXLC]{1,6}\s*[.\-–:]\s|#|"
    r"(Điều|Chương|Phần|Mục)\s+[\dIVXLC]+|Nơi nhận|Kính gửi|Căn cứ|Lưu\b|\t)")


def unwrap(text: str) -> Iterable[Edit]:
    """Markdown paragraphs wrapped at a fixed width are one line each.

    Lines of layout cells (short, capitalised header and signature lines) and
    lines that open a list item, a numbered item or a heading keep their break.
    """
    return _join_wrapped(text, lowercase_only=False)


def broken_lines(text: str) -> Iterable[Edit]:
    """A sentence or list entry broken mid-line (`8. UBND` / `các xã, phường:`).

    For text and HTML, where line breaks usually mean something, only a line
    that goes on in lower case after a line without closing punctuation is
    joined to it.
    """
    return _join_wrapped(text, lowercase_only=True)


_CLOSING = (".", ":", ";", "!", "?")
_LIST_ITEM = re.compile(r"^\s*(?:[-–—+•]\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s)")


# `Chương` / `III`: a division's label broken from its numeral.
_LABEL_ALONE = re.compile(r"^\s*(?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s*$")
_NUMERAL_ALONE = re.compile(r"^\s*(?:[IVXLC]{1,6}|\d{1,2})\s*[.:]?\s*$")


def _join_wrapped(text: str, lowercase_only: bool) -> Iterator[Edit]:
    lines = _lines(text)
    # Each line is judged as the second of a pair and again as the first: once is enough
    # (a cache of this call only, so no document is judged by another's lines).
    is_layout_line, furniture = lru_cache(maxsize=None)(layout.is_layout_line), lru_cache(maxsize=None)(is_furniture)
    for (s1, e1, l1), (s2, e2, l2) in zip(lines, lines[1:]):
        if _LABEL_ALONE.match(l1) and _NUMERAL_ALONE.match(l2):
            yield Edit(e1, s2, " ")
            continue
        if not l1.strip() or not l2.strip() or "\t" in l1.rstrip() or "\t" in l2.rstrip():
            continue
        goes_on = l2.lstrip()[:1].islower() and not l1.rstrip().endswith(_CLOSING)
        if lowercase_only and not goes_on:
            continue
        if l1.rstrip().endswith(_CLOSING) and l2.lstrip()[:1].isupper() or _BLOCK_START.match(l2):
            continue
        entry = goes_on and bool(_LIST_ITEM.match(l1))  # `8. UBND` opens an entry, it is no header cell
        if is_layout_line(l2) or is_layout_line(l1) and not entry:
            continue
        if not goes_on and (furniture(l1) or furniture(l2)):
            continue  # a portal notice must stay a line of its own to be recognised
        yield Edit(e1, s2, " ")


def flattened_header(text: str) -> Iterable[Edit]:
    """A one-line copy of the header printed above the real one is kept once."""
    lines = _lines(text)
    flat = [i for i, (_, _, line) in enumerate(lines) if layout.is_flattened_header(line)]
    if not flat:
        return  # the usual case: no need to look for the real header's lines
    real = [i for i, (_, _, l) in enumerate(lines) if layout.is_national_motto(l.strip())]
    for i in flat:
        if any(j > i for j in real):
            start, end, _ = lines[i]
            yield Edit(start, min(end + 1, len(text)), "")


# Where a header run into one line breaks (NĐ 30/2020 Phụ lục I order: body,
# dash rule, quốc hiệu, tiêu ngữ, dash rule, số, place and date, type, title).
_HEADER_BREAKS = (
    re.compile(r"\s+(?=CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ|ĐẢNG\s+CỘNG\s+SẢN)"),
    re.compile(r"(?<=VIỆT\sNAM)\s+"),
    re.compile(r"\s+(?=Độc\s+lập)"),
    re.compile(r"(?<=Hạnh\sphúc)\s+"),
    re.compile(r"\s+(?=Số\s*:?\s*\d*\s*[/-])"),
    re.compile(r"\s+(?=(?:[A-ZĐÀ-Ỹ][^\W\d_]*\s+){0,3}[A-ZĐÀ-Ỹ][^\W\d_]*,\s*ngày\b)"),
)
_DASH_RULE = re.compile(r"(\s+)[-–—_=*]{3,}(\s+)")


def unflatten_header(text: str) -> Iterable[Edit]:
    """A header run into one line, with no real one below it, gets its lines back.

    Only the spaces at the header's landmarks become line breaks, so every
    character keeps its place in the offset map.
    """
    lines = _lines(text)
    if any(layout.is_national_motto(l.strip()) for _, _, l in lines):
        return
    for start, _, line in lines:
        if layout.is_flattened_header(line):
            yield from _header_break_edits(start, line)
            return


def _header_break_edits(start: int, line: str) -> Iterator[Edit]:
    cuts: dict[int, Edit] = {}
    for pattern in _HEADER_BREAKS:
        m = pattern.search(line)
        if m:
            cuts[m.start()] = Edit(start + m.start(), start + m.end(), "\n")
    for m in _DASH_RULE.finditer(line):  # the rule keeps a line of its own
        cuts[m.start(1)] = Edit(start + m.start(1), start + m.end(1), "\n")
        cuts[m.start(2)] = Edit(start + m.start(2), start + m.end(2), "\n")
    typed = _type_word(line)
    if typed:
        a, b = typed
        cuts.setdefault(a - 1, Edit(start + a - 1, start + a, "\n"))
        if b < len(line):
            cuts.setdefault(b, Edit(start + b, start + b + 1, "\n"))
    yield from cuts.values()


def _type_word(line: str) -> tuple[int, int] | None:
    """Span of the type name in capitals after the date (`… năm 2024 KẾ HOẠCH …`)."""
    date = re.search(r"ngày\s*\d{0,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}\s+", line)
    m = layout.TYPE_LINE.match(line[date.end():]) if date else None
    if not m or not layout.is_upper_line(m.group(1)):
        return None
    return date.end() + m.start(1), date.end() + m.end(1)


@lru_cache(maxsize=1)
def _furniture() -> re.Pattern[str]:
    """All furniture rules as one alternation: one scan a line instead of one per rule."""
    raw = data.read("portal_furniture.txt")
    rules = [l for l in raw.splitlines() if l.strip() and not l.startswith("#")]
    return re.compile("|".join(f"(?:{r})" for r in rules), re.IGNORECASE)


FURNITURE_MAX_CHARS = 100
_NUMBERED_ITEM = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))\s")


def is_furniture(line: str) -> bool:
    """Portal furniture is short (a label, a prompt, a notice's opening); a long
    line that says `tài khoản` or `mật khẩu` is a document's own sentence."""
    s = line.strip()
    if len(s) > FURNITURE_MAX_CHARS or _NUMBERED_ITEM.match(s):
        return False  # a numbered item (`2. Tài khoản thư điện tử là …`) is the document's
    if s[:1].islower() and not re.fullmatch(r"(?:https?://|www\.)\S+|\S+@\S+", s):
        return False  # a line in lower case continues a sentence of the document
    return bool(_furniture().search(s))


def portal(text: str) -> Iterable[Edit]:
    """Lines outside the span from the header to the closing block are the portal's."""
    lines = _lines(text)
    first = layout.document_start([l for _, _, l in lines])
    if first is None:
        return
    last = layout.document_end([l for _, _, l in lines], first, is_furniture)
    if first > 0:
        yield Edit(0, lines[first][0], "")
    if last < len(lines) - 1:
        yield Edit(lines[last][1], len(text), "\n")


# The word after a break is looked at, not consumed: chains join in one pass.
_BREAK_BEFORE_WORD = re.compile(r"\n(?=(\w+))")
_WORD = re.compile(r"\w+")


def _broken_words(text: str) -> Iterator[tuple[int, str, str]]:
    """(break, word before, word after) for each line break between two words.

    The pattern opens with the break, a literal the engine skips to, and the
    word before it is read in the reversed text: a pattern led by that word
    (a whole word, a break, a word looked at; it finds the same pairs) had
    every word of the text tried.
    """
    backwards = text[::-1]
    for m in _BREAK_BEFORE_WORD.finditer(text):
        i = m.start()
        before = _WORD.match(backwards, len(text) - i)
        if before:
            yield i, text[i - len(before.group()):i], m.group(1)


def split_words(text: str) -> Iterable[Edit]:
    """`t` / `nh` across a break: two fragments that are no syllable are one word,
    and so are `th` / `ương` when together they make one.

    A join can make a new pair joinable (`e` + `b`, then `A` + `eb`), so joins
    are repeated until none is left: a second cleaning finds nothing to do.
    """
    removed: list[int] = []  # positions of the line breaks joined, in `text`, sorted
    work = text
    for _ in range(8):
        # A position in `work` is its position in `text` less the breaks removed before it.
        found = [i for i, left, right in _broken_words(work) if _joinable(left, right)]
        if not found:
            break
        before = list(removed)  # the joins `work` was made without
        for w in found:
            i = w
            for r in before:  # few joins a document: a scan beats an index
                if r <= i:
                    i += 1
            removed.append(i)
        removed.sort()
        work = "".join(text[a + 1:b] for a, b in zip([-1] + removed, removed + [len(text)]))
    for i in removed:
        yield Edit(i, i + 1, "")


def _joinable(left: str, right: str) -> bool:
    """A word beside a fragment that is no syllable is joined to it only if the
    two could be one word that lost a letter: `ổn` / `đnh` are two words, the
    second damaged, and stay apart."""
    if right.isdigit() or left.isdigit():
        return False
    whole = is_syllable(left + right) and not (is_syllable(left) and is_syllable(right))
    if left.isupper() and right.isupper():  # a heading broken at a lost letter (`TRƯ` / `NG`), not `UBND` / `TP`
        return whole or not is_syllable(right) and one_letter_short(left + right)
    if not right[0].islower():
        return False
    return whole or not is_syllable(right) and (not is_syllable(left) or one_letter_short(left + right))


_SPACES = re.compile(r"  +")  # two spaces spelt out: a literal the engine skips to (` {2,}` tried every space)
_TRAILING_SPACES = re.compile(r" +(?=[\n\t]|\Z)")
_LEADING_SPACES = re.compile(r"[\n\t]( +)")


def whitespace(text: str) -> Iterable[Edit]:
    """Runs of spaces are one space; lines lose edge spaces; blank runs one blank line.

    Each pattern opens with a character (a look-behind first had every
    position of the text tried); a run at both edges of a line is removed once.
    Where a long run is also an edge one, its one-space edit comes first and wins.
    The edge patterns are gated by the pairs of characters their matches must
    hold: a substring test scans the text far faster than a pattern tried at
    every space, and most texts (every one cleaned a second time) have no edge run.
    """
    for m in _SPACES.finditer(text):
        yield Edit(m.start(), m.end(), " ")
    edges: dict[int, int] = {}
    if " \n" in text or " \t" in text or text.endswith(" "):
        edges.update((m.start(), m.end()) for m in _TRAILING_SPACES.finditer(text))
    if "\n " in text or "\t " in text:
        edges.update((m.start(1), m.end(1)) for m in _LEADING_SPACES.finditer(text))
    if text[:1] == " ":
        edges[0] = len(text) - len(text.lstrip(" "))
    for start, end in sorted(edges.items()):
        yield Edit(start, end, "")


_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def blank_lines(text: str) -> Iterable[Edit]:
    """No leading blanks, one final newline, at most one blank line between paragraphs."""
    body_start = len(text) - len(text.lstrip())
    body_end = len(text.rstrip())
    if body_end <= body_start:
        if text:
            yield Edit(0, len(text), "")  # nothing but blanks
        return
    if body_start:
        yield Edit(0, body_start, "")
    for m in _BLANK_RUN.finditer(text, body_start, body_end):
        yield Edit(m.start(), m.end(), "\n\n")
    if text[body_end:] != "\n":
        yield Edit(body_end, len(text), "\n")


CLEANERS: dict[str, Cleaner] = {
    "nfc": nfc, "controls": controls, "spaces": spaces, "html_tags": html_tags,
    "emphasis": emphasis, "footnote_refs": footnote_refs, "pipe_tables": pipe_tables,
    "unwrap": unwrap, "whitespace": whitespace, "flattened_header": flattened_header,
    "portal": portal, "split_words": split_words, "blank_lines": blank_lines, "broken_lines": broken_lines,
    "unflatten_header": unflatten_header,
}

_COMMON_HEAD = ["nfc", "controls", "spaces", "html_tags", "emphasis", "footnote_refs"]
_COMMON_TAIL = ["whitespace", "flattened_header", "unflatten_header", "portal", "split_words", "whitespace", "blank_lines"]
CLEANING: dict[str, list[str]] = {
    "txt": _COMMON_HEAD + _COMMON_TAIL + ["broken_lines"],
    "html": _COMMON_HEAD + _COMMON_TAIL + ["broken_lines"],
    # Words split across a break are joined before lines are unwrapped, so the
    # unwrapping sees the lines it will see on a second run (cleaning is idempotent).
    "md": _COMMON_HEAD + ["pipe_tables", "whitespace", "split_words", "unwrap"] + _COMMON_TAIL,
}


def clean(text: str, fmt: str) -> Mapped:
    names = CLEANING.get(fmt, CLEANING["txt"])
    return run_cleaners(Mapped.identity(text), (CLEANERS[n] for n in names))
