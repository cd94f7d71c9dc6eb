"""Split a file's cleaned text into the documents it holds.

SPEC §4: a file holds several documents when each has a header of its own
(a cover letter and the plan it forwards in full). A second document starts
either at a new `Số` header, or at a type heading (`KẾ HOẠCH`) that follows
a complete closing block (Nơi nhận and a signature name) and itself ends in
a closing block of its own. A phụ lục or a plan `ban hành kèm theo` the
document is attached material, never a new document.
"""
from __future__ import annotations

import re
from typing import Sequence

from . import layout
from .document import Line, walk_up
from .segment import lines_of

ATTACHED = re.compile(r"kèm\s+theo|ban\s+hành\s+theo", re.IGNORECASE)


def _closing_complete(lines: Sequence[Line], a: int, b: int) -> bool:
    """A Nơi nhận list followed (within the block) by a signature name."""
    recips = [i for i in range(a, b) if layout.RECIPIENTS_LINE.match(lines[i].stripped)]
    if not recips:
        return False
    return any(layout.is_signature_name(lines[i].stripped) for i in range(recips[-1], b))


def _attached(lines: Sequence[Line], i: int) -> bool:
    """Whether the heading at i announces an attachment of the previous document."""
    s = lines[i].stripped
    if layout.ANNEX_START.match(s) or ATTACHED.search(s):
        return True
    following = [l.stripped for l in lines[i + 1:i + 12] if l.stripped][:4]
    return any(ATTACHED.search(t) for t in following)


def _has_own_closing(lines: Sequence[Line], i: int, j: int) -> bool:
    return any(layout.RECIPIENTS_LINE.match(l.stripped) or layout.AUTHORITY.match(l.stripped) for l in lines[i:j])


def _header_top(lines: Sequence[Line], i: int, floor: int) -> int:
    """Walk back from an anchor over the issuing body and quốc hiệu lines."""
    def header_line(s: str) -> bool:
        if layout.is_signature_name(s) or layout.AUTHORITY.match(s):
            return False  # the closing block of the document before
        return bool(layout.is_upper_line(s) and len(s) < 70 or layout.MOTTO_LINE.match(s) or s == "*")
    return walk_up(lines, i, floor, 10, header_line)


def document_starts(lines: Sequence[Line]) -> list[int]:
    starts = [0]
    for line in lines:
        s = line.stripped
        i = line.index
        if i <= starts[-1] + 3:
            continue
        new_header = bool(layout.NUMBER_LINE.match(s)) and (
            any(layout.is_national_motto(l.stripped) for l in lines[max(0, i - 8):i + 3]))
        type_heading = len(s) < 60 and layout.type_of_line(s) is not None and not s.endswith(":")
        if not (new_header or type_heading):
            continue
        top = _header_top(lines, i, starts[-1])
        if not _closing_complete(lines, starts[-1], top):
            continue
        if type_heading and not new_header and (_attached(lines, i) or not _has_own_closing(lines, i, len(lines))):
            continue
        starts.append(top)
    return starts


def split(text: str) -> list[tuple[int, int]]:
    """Character ranges [start, end) of the documents in `text`, in order."""
    lines = lines_of(text)
    starts = document_starts(lines)
    bounds = [lines[s].start for s in starts] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:])]
