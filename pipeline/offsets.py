"""Edits and the offset map from cleaned text back to the raw source.

Every cleaning step is a pure function that proposes edits (start, end,
replacement) on its input; `apply_edits` is the one place that rewrites text
and composes the map, so no cleaner does offset bookkeeping of its own and a
span in the final text always leads back to the characters it came from.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str = ""


class Repair(NamedTuple):
    """An insertion as the record reports it: the word before and after, its span in the new text.

    A plain tuple, not the pydantic model of the record (`models.Repair`), so
    that cleaning and repairing a file never needs pydantic.
    """
    before: str
    after: str
    span: tuple[int, int]


@dataclass(frozen=True)
class Mapped:
    """Text plus, for each of its characters, the raw offset it came from."""

    text: str
    origin: array  # array('l'), len(origin) == len(text) + 1 (end sentinel)

    @classmethod
    def identity(cls, text: str) -> "Mapped":
        return cls(text, counting(len(text) + 1))

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of a span of this text."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def slice(self, start: int, end: int) -> "Mapped":
        origin = self.origin[start:end]
        origin.append(self.origin[end] if end < len(self.origin) else self.origin[-1])
        return Mapped(self.text[start:end], origin)


Cleaner = Callable[[str], Iterable[Edit]]

_COUNTED = array("l")
_KEPT_MAX = 1 << 21  # longer runs (a 16 MB array) are counted each time, not kept


def counting(n: int) -> array:
    """array('l') of 0 … n-1, copied from one run kept for the purpose: counting
    in Python cost more than any cleaner of a short document."""
    global _COUNTED
    if n > len(_COUNTED):
        if n > _KEPT_MAX:
            return array("l", range(n))
        _COUNTED = array("l", range(min(max(n, 2 * len(_COUNTED), 1 << 16), _KEPT_MAX)))
    return _COUNTED[:n]


def apply_edits(doc: Mapped, edits: Iterable[Edit]) -> Mapped:
    """Rewrite `doc` by non-overlapping edits; inserted text maps to its edit's start."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    if not ordered:
        return doc
    out: list[str] = []
    origin = array("l")
    pos = 0
    for edit in ordered:
        if edit.start < pos:  # overlapping proposal: the earlier edit wins
            continue
        out.append(doc.text[pos:edit.start])
        origin.extend(doc.origin[pos:edit.start])
        if edit.replacement:
            out.append(edit.replacement)
            anchor = doc.origin[edit.start]
            origin.extend([anchor] * len(edit.replacement))
        pos = edit.end
    out.append(doc.text[pos:])
    origin.extend(doc.origin[pos:])
    return Mapped("".join(out), origin)


def run_cleaners(doc: Mapped, cleaners: Iterable[Cleaner]) -> Mapped:
    for cleaner in cleaners:
        doc = apply_edits(doc, cleaner(doc.text))
    return doc
