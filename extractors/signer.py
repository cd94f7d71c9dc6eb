"""The signature block: authority (TM/KT/Q/TL/TUQ and party T/M, K/T, T/L),
the body signed for, the signer's title and name.

NĐ 30/2020 Phụ lục I: `TM.` precedes the collective (`TM. ỦY BAN NHÂN DÂN`),
`KT.`/`Q.`/`TL.`/`TUQ.` precede the head's title (`KT. CHỦ TỊCH`), then the
signer's own title (`PHÓ CHỦ TỊCH`) and name. The authority that governs the
signer is the last one printed.
"""
from __future__ import annotations

from pipeline import layout
from pipeline.document import Document, Line

from .grammar import ordinary_case

AUTHORITY_WORD = {"T/M": "TM", "T.M": "TM", "K/T": "KT", "K.T": "KT", "T/L": "TL", "T.L": "TL"}


def _block(doc: Document) -> list[Line]:
    """Closing lines that are not part of the Nơi nhận list."""
    out = []
    in_list = False
    for line in doc.zone("closing"):
        s = line.stripped
        if not s:
            continue
        if layout.RECIPIENTS_LINE.match(s):
            in_list = True
            continue
        if in_list and not (layout.AUTHORITY.match(s) or layout.is_upper_line(s) or layout.is_signature_name(s)):
            continue
        if layout.AUTHORITY.match(s) or layout.is_upper_line(s) or layout.is_signature_name(s):
            in_list = False
            out.append(line)
    return out


def extract(doc: Document, record: dict | None = None) -> dict:
    block = _block(doc)
    if not block:
        return {"signer": None}
    authority = on_behalf_of = name = title = None
    span_start = block[0].content_span[0]
    span_end = block[-1].content_span[1]
    titles: list[str] = []
    for line in block:
        s = line.stripped
        m = layout.AUTHORITY.match(s)
        if m:
            word = m.group("auth").upper()
            authority = AUTHORITY_WORD.get(word, word)
            rest = s[m.end():].strip()
            if authority == "TM":
                on_behalf_of = ordinary_case(rest)
            continue
        if layout.is_signature_name(s) and name is None:
            name = s
            span_end = line.content_span[1]
            break
        titles.append(s)
    if titles:
        title = ordinary_case(titles[-1])
    if not (name or title or authority):
        return {"signer": None}
    return {"signer": {"name": name, "title": title, "authority": authority, "on_behalf_of": on_behalf_of,
                       "span": (span_start, span_end)}}
