"""Nơi nhận: one recipient per entry, its bracket as purpose; `Lưu` → archive.

NĐ 30/2020 Phụ lục I: `Nơi nhận:` then `- Như trên;`, one `- …;` line per
recipient, and a last line `- Lưu: VT, <unit>.` which is the archive, not a
recipient. Scraped copies break an entry over two lines (the second has no
dash) and glue a drafter's initials after the final period (`Lưu VT. phm`).
"""
from __future__ import annotations

import re
from typing import Iterable

from pipeline import layout
from pipeline.document import Document, Line

BULLET = re.compile(r"^[-–—+•]\s*")
TRAILING_BRACKET = re.compile(r"\s*\((?P<purpose>[^()]*)\)\s*$")


def _entry_lines(doc: Document) -> list[Line]:
    """Lines of the last Nơi nhận list, from its opener to the Lưu line."""
    closing = doc.zone("closing")
    openers = [k for k, l in enumerate(closing) if layout.RECIPIENTS_LINE.match(l.stripped)]
    if not openers:
        return []
    out = [closing[openers[-1]]]
    for line in closing[openers[-1] + 1:]:
        s = line.stripped
        if not s:
            continue
        if layout.AUTHORITY.match(s) or layout.is_signature_name(s) or (layout.is_upper_line(s) and not BULLET.match(s)):
            break
        out.append(line)
        if layout.ARCHIVE_LINE.match(s):
            break
    return out


def _entries(lines: list[Line]) -> Iterable[tuple[int, int]]:
    """Spans of entries: a dash opens one, a line without a dash continues it."""
    current: list[int] | None = None
    for k, line in enumerate(lines):
        a, b = line.content_span
        s = line.stripped
        if k == 0:
            rest = layout.RECIPIENTS_LINE.sub("", s).strip()
            if not rest:
                continue
            a = b - len(rest)
            s = rest
        if BULLET.match(s) or current is None:
            if current:
                yield tuple(current)
            current = [a, b]
        else:
            current[1] = b
    if current:
        yield tuple(current)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", BULLET.sub("", text)).strip()
    return text.rstrip(" ;,.:").strip()


def parse_entry(text: str) -> tuple[str, str | None]:
    """(name, purpose): a trailing bracket is the purpose (`Như trên (để thực hiện)`)."""
    name = _tidy(text)
    m = TRAILING_BRACKET.search(name)
    if m and m.start() > 0:
        return name[:m.start()].rstrip(" ;,"), m.group("purpose").strip() or None
    return name, None


def archive_value(text: str) -> str | None:
    """What follows `Lưu` up to the final period; initials after it are dropped."""
    m = layout.ARCHIVE_LINE.match(re.sub(r"\s+", " ", text).strip())
    if not m:
        return None
    rest = m.group("rest").strip()
    rest = re.split(r"\.\s", rest, maxsplit=1)[0]
    return rest.rstrip(" .;,") or None


def extract(doc: Document, record: dict | None = None) -> dict:
    recipients = []
    archive = None
    for a, b in _entries(_entry_lines(doc)):
        raw = doc.text[a:b]
        if layout.ARCHIVE_LINE.match(raw.strip()):
            archive = archive_value(raw)
            continue
        name, purpose = parse_entry(raw)
        if name:
            recipients.append({"name": name, "purpose": purpose, "span": (a, b)})
    return {"recipients": recipients, "archive": archive}
