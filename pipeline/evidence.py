"""The spans of a record that are evidence for its values, by field family.

The review pages highlight them, the spaCy and Label Studio exports turn them
into span groups and labelled regions, and the gold import maps labelled
regions back to fields: all through this one list, so a family means the
same thing everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

# Family name -> record key. `issuer` is the only header value SPEC gives a span.
FAMILIES: dict[str, str] = {
    "issuer": "issuer",
    "addressees": "addressees",
    "sections": "sections",
    "citations": "citations",
    "deadlines": "deadlines",
    "units": "responsible_units",
    "recipients": "recipients",
    "signer": "signer",
}


@dataclass(frozen=True)
class Evidence:
    family: str
    item: str          # the value it supports: `citations-3`, `sections-0.1`, `issuer`
    index: int         # index of the entry in the record's list (top-level for sections)
    start: int
    end: int


def _span(value: Any, text_len: int) -> tuple[int, int] | None:
    """A well-formed span clipped to the text; anything else is no evidence."""
    if not (isinstance(value, (list, tuple)) and len(value) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in value)):
        return None
    start, end = max(0, value[0]), min(text_len, value[1])
    return (start, end) if start <= end else None


def _heading_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A section's span covers its whole body; its heading line is the evidence."""
    newline = text.find("\n", span[0], span[1])
    return (span[0], newline) if newline >= 0 else span


def _sections(text: str, sections: Any, top: int | None = None, path: str = "") -> Iterator[Evidence]:
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, dict):
            continue
        here = f"{path}.{i}" if path else str(i)
        span = _span(section.get("span"), len(text))
        if span:
            start, end = _heading_span(text, span)
            yield Evidence("sections", f"sections-{here}", i if top is None else top, start, end)
        yield from _sections(text, section.get("children"), i if top is None else top, here)


def _entries(text: str, family: str, entries: Any, span_key: str) -> Iterator[Evidence]:
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        spans = entry.get("mentions", []) if span_key == "mentions" else [entry.get("span")]
        for raw in spans if isinstance(spans, list) else []:
            span = _span(raw, len(text))
            if span:
                yield Evidence(family, f"{family}-{i}", i, *span)


def evidence(record: dict) -> list[Evidence]:
    """Every evidence span of a document record, in family order then entry order."""
    text = record.get("text") or ""
    out: list[Evidence] = []
    for family in ("issuer", "signer"):
        value = record.get(FAMILIES[family])
        span = _span(value.get("span"), len(text)) if isinstance(value, dict) else None
        if span:
            out.append(Evidence(family, family, 0, *span))
    out.extend(_entries(text, "addressees", record.get("addressees"), "span"))
    out.extend(_sections(text, record.get("sections")))
    out.extend(_entries(text, "citations", record.get("citations"), "mentions"))
    out.extend(_entries(text, "deadlines", record.get("deadlines"), "span"))
    out.extend(_entries(text, "units", record.get("responsible_units"), "mentions"))
    out.extend(_entries(text, "recipients", record.get("recipients"), "span"))
    return out
