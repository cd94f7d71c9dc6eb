"""One document's review page: highlighted text beside its structured fields.

Pure functions from a record (and its verdicts, when gold is given) to HTML;
every value passes through `markup.esc`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Sequence

from pipeline.evaluate import Body, Verdict
from pipeline.evidence import FAMILIES, Evidence, evidence

from .markup import esc, highlight

FAMILY_TITLES = {
    "issuer": "Issuer", "addressees": "Addressees", "sections": "Sections", "citations": "Citations",
    "deadlines": "Deadlines", "units": "Responsible units", "recipients": "Recipients", "signer": "Signer",
}
HEADER_KEYS = (("doc_type", "Type"), ("number", "Number"), ("issuer", "Issuer"), ("place", "Place"),
               ("date", "Date"), ("title", "Title"), ("archive", "Archive"))


class Verdicts:
    """The verdicts of one document, looked up by the record entry they judge."""

    def __init__(self, verdicts: Sequence[Verdict] | None):
        self._by_entry: dict[tuple[str, int | None], list[Verdict]] = defaultdict(list)
        self._missed: dict[str, list[Verdict]] = defaultdict(list)
        for v in verdicts or ():
            if v.outcome == "missed":
                self._missed[v.key].append(v)
            elif v.pred_items:
                for i in v.pred_items:
                    self._by_entry[(v.key, i)].append(v)
            else:
                self._by_entry[(v.key, None)].append(v)

    def of(self, key: str, index: int | None = None) -> list[Verdict]:
        return self._by_entry.get((key, index), [])

    def missed(self, key: str) -> list[Verdict]:
        return self._missed.get(key, [])


def _badges(verdicts: Iterable[Verdict]) -> str:
    return "".join(f'<span class="badge b-{esc(v.outcome)}" title="{esc(v.field)}">'
                   f'{esc(v.field.split(".")[-1])}: {esc(v.outcome)}</span>' for v in verdicts)


def _item(body: str, target: str | None, verdicts: Sequence[Verdict], family: str, children: str = "") -> str:
    """One value in the side panel: a link to its evidence when it has a span, and its verdicts."""
    link = (f'<a class="ev-link" href="#ev-{esc(target)}" data-target="{esc(target)}">{body}</a>'
            if target else f'<span class="no-ev" title="no span in the record">{body}</span>')
    outcome = " ".join(dict.fromkeys(f"v-{v.outcome}" for v in verdicts))
    nested = f"<ul>{children}</ul>" if children else ""
    return f'<li class="item fam-{esc(family)} {outcome}">{link}{_badges(verdicts)}{nested}</li>'


def describe(field: str, value: Any) -> str:
    """A gold value in a few words, for the list of values the pipeline missed."""
    if isinstance(value, Body):
        return f"{value.name} ({', '.join(sorted(value.roles))})" if field.endswith(".role") else str(value.name)
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    if field == "citations.date":
        return f"{value.get('number') or value.get('name')}: {value.get('date')}"
    if field == "deadlines.interval":
        return f"{value.get('text')}: {value.get('start')} → {value.get('end')}"
    if field == "sections":
        return f"{value.get('label')}. {value.get('heading') or ''} ({value.get('kind')})"
    if field == "citations":
        return " ".join(str(x) for x in (value.get("doc_type"), value.get("number") or value.get("name"),
                                         value.get("date")) if x)
    return str(value.get("name") or value.get("text") or value)


def _missed(verdicts: Verdicts, *keys: str) -> str:
    rows = [f'<li class="item v-missed"><span class="badge b-missed" title="{esc(v.field)}">'
            f'{esc(v.field.split(".")[-1])}: missed</span> {esc(describe(v.field, v.gold))}</li>'
            for key in keys for v in verdicts.missed(key)]
    return "".join(rows)


def _targets(spans: Iterable[Evidence]) -> set[str]:
    return {e.item for e in spans}


def _header(record: dict, verdicts: Verdicts, targets: set[str]) -> str:
    rows = []
    for key, label in HEADER_KEYS:
        value = record.get(key)
        shown = value.get("name") if key == "issuer" and isinstance(value, dict) else value
        if key == "issuer" and isinstance(value, dict):
            extra = [x for x in (value.get("parent") and f"parent: {value['parent']}",
                                 value.get("inferred") and "inferred") if x]
            shown = f"{shown} ({', '.join(extra)})" if extra else shown
        body = f'<span class="k">{esc(label)}</span> {esc(shown if shown is not None else "—")}'
        target = "issuer" if key == "issuer" and "issuer" in targets else None
        rows.append(_item(body, target, verdicts.of(key), "issuer"))
    return _block("header", "Header", "".join(rows) + _missed(verdicts, *(k for k, _ in HEADER_KEYS)))


def _block(family: str, title: str, items: str) -> str:
    inner = f"<ul>{items}</ul>" if items else '<p class="none">none</p>'
    return f'<section class="block fam-{esc(family)}" id="fields-{esc(family)}"><h2>{esc(title)}</h2>{inner}</section>'


def _section_items(sections: Any, targets: set[str], verdicts: Verdicts, path: str = "") -> str:
    out = []
    for i, s in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(s, dict):
            continue
        here = f"{path}.{i}" if path else str(i)
        item = f"sections-{here}"
        body = f'<span class="k">{esc(s.get("label"))}.</span> {esc(s.get("heading"))} <em>{esc(s.get("kind"))}</em>'
        judged = verdicts.of("sections", i) if not path else []
        children = _section_items(s.get("children"), targets, verdicts, here)
        out.append(_item(body, item if item in targets else None, judged, "sections", children))
    return "".join(out)


def _entry_text(family: str, e: dict) -> str:
    """How one entry of a list field reads in the side panel."""
    if family == "citations":
        head = " ".join(str(x) for x in (e.get("doc_type"), e.get("number")) if x)
        parts = [head or "—", e.get("name"), e.get("date") and f"ngày {e['date']}", e.get("issuer"), e.get("role")]
    elif family == "deadlines":
        parts = [e.get("text"), e.get("kind"), f"{e.get('start') or '…'} → {e.get('end') or '…'}", e.get("task")]
    elif family == "units":
        parts = [e.get("name"), e.get("role")]
    elif family == "recipients":
        parts = [e.get("name"), e.get("purpose") and f"({e['purpose']})"]
    else:
        parts = [e.get("name")]
    return " · ".join(esc(p) for p in parts if p)


def _list_block(record: dict, family: str, verdicts: Verdicts, targets: set[str]) -> str:
    key = FAMILIES[family]
    entries = record.get(key) if isinstance(record.get(key), list) else []
    items = "".join(
        _item(_entry_text(family, e), f"{family}-{i}" if f"{family}-{i}" in targets else None,
              verdicts.of(key, i), family)
        for i, e in enumerate(entries) if isinstance(e, dict))
    return _block(family, FAMILY_TITLES[family], items + _missed(verdicts, key))


def _signer_block(record: dict, verdicts: Verdicts, targets: set[str]) -> str:
    s = record.get("signer")
    items = ""
    if isinstance(s, dict):
        lines = [" ".join(str(x) for x in (s.get("authority"), s.get("on_behalf_of")) if x),
                 s.get("title"), s.get("name")]
        body = " · ".join(esc(x) for x in lines if x) or "—"
        items = _item(body, "signer" if "signer" in targets else None, verdicts.of("signer"), "signer")
    return _block("signer", "Signer", items + _missed(verdicts, "signer"))


def legend(spans: Sequence[Evidence]) -> str:
    counts = {family: 0 for family in FAMILIES}
    for e in spans:
        counts[e.family] += 1
    return "".join(f'<li><span class="swatch f-{esc(f)}"></span>{esc(FAMILY_TITLES[f])} ({n})</li>'
                   for f, n in counts.items())


def document_page(record: dict, verdicts: Sequence[Verdict] | None, f1: float | None) -> str:
    spans = evidence(record)
    targets = _targets(spans)
    judged = Verdicts(verdicts)
    source = record.get("source") or {}
    title = " ".join(str(x) for x in (record.get("doc_type"), record.get("number")) if x) or "Document"
    score = f'<p class="f1">F1 against gold: <strong>{f1:.3f}</strong></p>' if f1 is not None else ""
    blocks = [
        _header(record, judged, targets),
        _list_block(record, "addressees", judged, targets),
        _block("sections", "Sections", _section_items(record.get("sections"), targets, judged)
               + _missed(judged, "sections")),
        _list_block(record, "citations", judged, targets),
        _list_block(record, "deadlines", judged, targets),
        _list_block(record, "units", judged, targets),
        _list_block(record, "recipients", judged, targets),
        _signer_block(record, judged, targets),
    ]
    warnings = "".join(f"<li>{esc(w)}</li>" for w in record.get("warnings") or [])
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}: vanban review</title><link rel="stylesheet" href="../assets/review.css"></head>
<body class="doc-page">
<header class="top"><a href="../index.html">← all records</a>
<h1>{esc(title)}</h1>
<p class="source">{esc(source.get("path"))} · part {esc(source.get("part"))} of {esc(source.get("parts"))} · id {esc(record.get("id"))}</p>
{score}<ul class="legend">{legend(spans)}</ul></header>
<main class="split">
<article class="text" id="text">{highlight(record.get("text") or "", spans)}</article>
<aside class="fields">{"".join(blocks)}{f'<section class="block"><h2>Warnings</h2><ul>{warnings}</ul></section>' if warnings else ""}</aside>
</main>
<script src="../assets/review.js"></script>
</body></html>
"""
