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
    tm_body: list[str] = []  # `TM. ỦY BAN` / `NHÂN DÂN`: the collective wrapped over lines
    for line in block:
        s = line.stripped
        m = layout.AUTHORITY.match(s)
        if m:
            word = m.group("auth").upper()
            if tm_body and titles:
                # lines between `TM.` and the next authority (`KT.`) continue the collective's name
                tm_body += titles
                titles = []
                on_behalf_of = ordinary_case(" ".join(tm_body))
            authority = AUTHORITY_WORD.get(word, word)
            rest = s[m.end():].strip()
            if authority == "TM":
                tm_body = [rest]
                on_behalf_of = ordinary_case(rest)
            continue
        if layout.is_signature_name(s) and name is None:
            name = s
            span_end = line.content_span[1]
            break
        titles.append(s)
    if authority == "TM" and tm_body and len(titles) > 1 and layout.UNFINISHED_NAME.search(tm_body[-1].lower()):
        tm_body.append(titles.pop(0))  # `TM. ỦY BAN` / `NHÂN DÂN` / `CHỦ TỊCH`: the name was cut, not the title
        on_behalf_of = ordinary_case(" ".join(tm_body))
    if titles:
        title = ordinary_case(titles[-1])
    if not (name or title or authority):
        return {"signer": None}
    return {"signer": {"name": name, "title": title, "authority": authority, "on_behalf_of": on_behalf_of,
                       "span": (span_start, span_end)}}
