"""The shared data type every extractor reads: one document's text, its
lines with offsets, and the zones the segmenter cut.

Extractors are pure functions of a `Document`; they never re-split lines or
re-find zones, so two extractors cannot disagree on where the preamble ends
or which lines belong to the closing block.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator


@dataclass(frozen=True)
class Line:
    index: int
    start: int
    end: int  # exclusive, before the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def clauses(self, stops: str = ".;") -> Iterator[tuple[int, str]]:
        """(document offset, text) of each sentence or `;` clause of the line:
        the unit a task, its deadline and its assignee are read from
        (`stops="."` gives whole sentences, for lists that run across `;`)."""
        text, pos, cut = self.text, 0, 0
        for m in _clause_break(stops).finditer(text):
            cut = m.start() + 1
            yield self.start + pos, text[pos:cut]
            pos = m.end()
        # An empty last clause (the line ends in a stop and blanks) sits where the one before it ends.
        yield self.start + (pos if pos < len(text) or not cut else cut), text[pos:]

    @property
    def content_span(self) -> tuple[int, int]:
        """Span of the line without its surrounding blanks."""
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text) - len(self.text.rstrip())
        return self.start + lead, self.end - trail


@lru_cache(maxsize=8)
def _clause_break(stops: str) -> re.Pattern[str]:
    """A stop and the blanks after it, led by the stop: re scans for it, where
    a pattern led by a look-behind tried every character of every line."""
    return re.compile("[" + re.escape(stops) + r"]\s+")


def walk_up(lines: "tuple[Line, ...] | list[Line]", i: int, floor: int, budget: int,
            accept: Callable[[str], bool]) -> int:
    """First line of the block of accepted lines that ends at line i.

    Blocks of a document (a header above its anchor, a signature above
    Nơi nhận) are found by walking up over lines of their kind; blank lines
    are skipped and at most `budget` lines are taken.
    """
    top = i
    j = i - 1
    while j > floor and budget:
        s = lines[j].stripped
        if not s:
            j -= 1
            continue
        if not accept(s):
            break
        top = j
        budget -= 1
        j -= 1
    return top


def split_lines(text: str) -> tuple[Line, ...]:
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        out.append(Line(i, pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return tuple(out)


@dataclass(frozen=True)
class Zones:
    """Line-index ranges [start, end) of the parts of a document.

    `annex` is what follows the closing block (a phụ lục or attached plan);
    SPEC §4 counts its sections, citations, deadlines and units as the
    document's own.
    """

    header: tuple[int, int]
    preamble: tuple[int, int]
    body: tuple[int, int]
    closing: tuple[int, int]
    annex: tuple[int, int]


@dataclass(frozen=True)
class Document:
    text: str
    lines: tuple[Line, ...]
    zones: Zones
    # File-level facts a document may borrow (the place of the cover letter
    # that forwards it), never its own fields.
    context: dict = field(default_factory=dict)

    def zone(self, name: str) -> tuple[Line, ...]:
        a, b = getattr(self.zones, name)
        return self.lines[a:b]

    def zone_span(self, name: str) -> tuple[int, int]:
        a, b = getattr(self.zones, name)
        if a >= b:
            return (0, 0)
        return self.lines[a].start, self.lines[b - 1].end
