"""HTML from untrusted document text: escaping and span highlighting.

Every string that comes from a document, a record or gold goes through
`esc` or `script_json` before it reaches a page; nothing here builds markup
from data any other way, so a document holding `<script>` or `</textarea>`
shows as text and runs nothing.
"""
from __future__ import annotations

import html
import json
from collections import defaultdict
from typing import Any, Iterable

from pipeline.evidence import Evidence


def esc(value: Any) -> str:
    """Text for an element's content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element or a .js file.

    `</script>`, `<!--` and `]]>` cannot appear once `<`, `>` and `&` are
    written as escapes; U+2028/9 would end a line in older JavaScript.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def highlight(text: str, spans: Iterable[Evidence]) -> str:
    """The text with each stretch covered by evidence wrapped in a <mark>.

    Spans overlap (a unit inside a deadline's line), so the text is cut at
    every span edge; each piece is marked with every item covering it and
    coloured by the narrowest. Each item's first span gets an anchor, so the
    page works as plain links without script; an empty span is an anchor only.
    """
    spans = sorted(spans, key=lambda e: (e.start, e.end))
    cuts = sorted({0, len(text), *(e.start for e in spans), *(e.end for e in spans)})
    starting: dict[int, list[Evidence]] = defaultdict(list)
    for e in spans:
        starting[e.start].append(e)
    anchored: set[str] = set()
    active: list[Evidence] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        active = [e for e in active if e.end > a]
        for e in starting.get(a, []):
            if e.item not in anchored:
                anchored.add(e.item)
                out.append(f'<span class="anchor" id="ev-{esc(e.item)}"></span>')
            if e.end > e.start:
                active.append(e)
        if b is None:
            break
        piece = esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        narrowest = min(active, key=lambda e: e.end - e.start)
        items = " ".join(dict.fromkeys(e.item for e in active))
        families = " ".join(dict.fromkeys(e.family for e in active))
        out.append(f'<mark class="f-{esc(narrowest.family)}" data-ev="{esc(items)}" '
                   f'title="{esc(families)}">{piece}</mark>')
    return "".join(out)
