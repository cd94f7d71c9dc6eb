"""Where a piece of text was on the page: boxes from the readers to the record.

The PDF reader knows, for every line fragment it writes, the page and the
box it was read from; those boxes are kept in raw-text offsets while the text
is built, carried through cleaning by the cleaner's offset map
(`Mapped.origin`, which never decreases), and cut to each document part, so
that any span of a record leads back to a page and a rectangle (`locate`).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

from .offsets import Mapped

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top left


@dataclass(frozen=True)
class Box:
    start: int
    end: int
    page: int  # 1-based
    bbox: Optional[BBox] = None


@dataclass
class TextBuilder:
    """Text written piece by piece, each piece remembering its page and box."""

    parts: list[str] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    pos: int = 0

    def write(self, text: str, page: int | None = None, bbox: BBox | None = None) -> None:
        if page is not None and text:
            self.boxes.append(Box(self.pos, self.pos + len(text), page, bbox))
        self.parts.append(text)
        self.pos += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def union(boxes: list[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def to_clean(mapped: Mapped, start: int, end: int) -> tuple[int, int]:
    """Clean-text span of the characters that came from raw [start, end)."""
    n = len(mapped.text)
    return min(bisect_left(mapped.origin, start), n), min(bisect_left(mapped.origin, end), n)


def part_boxes(boxes: list[Box], mapped: Mapped, a: int, b: int) -> list[Box]:
    """The boxes of clean part [a, b), in that part's own offsets; emptied boxes dropped."""
    out = []
    for box in boxes:
        s, e = to_clean(mapped, box.start, box.end)
        s, e = max(s, a), min(e, b)
        if s < e:
            out.append(Box(s - a, e - a, box.page, box.bbox))
    return out


def page_spans(boxes: list[Box], length: int) -> list[dict]:
    """One span per page, from its first box to the next page's first box."""
    firsts: list[tuple[int, int]] = []
    for box in boxes:
        if not firsts or box.page != firsts[-1][0]:
            firsts.append((box.page, box.start))
    out = []
    for k, (page, start) in enumerate(firsts):
        end = firsts[k + 1][1] if k + 1 < len(firsts) else length
        out.append({"page": page, "span": (0 if k == 0 else start, end)})
    return out


def record_fields(boxes: list[Box], mapped: Mapped, a: int, b: int) -> dict:
    """`pages` and `boxes` of a document record cut from clean text [a, b)."""
    if not boxes:
        return {}
    own = part_boxes(boxes, mapped, a, b)
    return {"pages": page_spans(own, b - a),
            "boxes": [{"page": x.page, "span": (x.start, x.end), "bbox": x.bbox} for x in own]}


def locate(record: dict, span: tuple[int, int]) -> list[dict]:
    """Pages and boxes a span of a record was read from (PDF records; [] otherwise)."""
    a, b = span
    hits = [{"page": x["page"], "bbox": x["bbox"]} for x in record.get("boxes") or []
            if x["span"][0] < max(b, a + 1) and a < x["span"][1]]
    if hits:
        return hits
    return [{"page": p["page"], "bbox": None} for p in record.get("pages") or []
            if p["span"][0] <= a < p["span"][1]]
