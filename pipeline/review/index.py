"""The index of a review site: one row per record, sorted, filtered and paged
in the browser from the data file written beside it."""
from __future__ import annotations

from typing import Any

from pipeline.evaluate import source_name
from pipeline.evidence import FAMILIES

PAGE_SIZE = 200
COUNTED = ("addressees", "sections", "citations", "deadlines", "units", "recipients")


def _count(value: Any) -> int:
    return len(value) if isinstance(value, list) else 0


def index_row(n: int, record: dict, page: str | None, f1: float | None) -> dict:
    """What the index shows of one record (document or error)."""
    source = record.get("source") or {}
    row: dict[str, Any] = {
        "n": n, "page": page,
        "file": source_name(source.get("path")),
        "part": source.get("part", 0), "f1": None if f1 is None else round(f1, 4),
    }
    error = record.get("error")
    if isinstance(error, dict):
        row.update(error=str(error.get("code")), message=str(error.get("message")))
        return row
    issuer = record.get("issuer")
    row.update(type=record.get("doc_type"), number=record.get("number"),
               issuer=issuer.get("name") if isinstance(issuer, dict) else None, date=record.get("date"))
    row.update({family: _count(record.get(FAMILIES[family])) for family in COUNTED})
    return row


def index_page(with_gold: bool) -> str:
    columns = [("n", "#"), ("file", "file"), ("type", "type"), ("number", "number"), ("issuer", "issuer"),
               ("date", "date")] + [(f, f) for f in COUNTED] + ([("f1", "F1")] if with_gold else []) + \
              [("error", "error")]
    heads = "".join(f'<th data-col="{c}" tabindex="0">{label}</th>' for c, label in columns)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>vanban review</title><link rel="stylesheet" href="assets/review.css"></head>
<body class="index-page" data-page-size="{PAGE_SIZE}">
<header class="top"><h1>vanban review</h1>
<p id="summary"></p>
<div class="controls">
<input id="filter" type="search" placeholder="filter: any text in a row" aria-label="filter">
<select id="kind" aria-label="records"><option value="all">all records</option>
<option value="documents">documents</option><option value="errors">errors</option></select>
<span class="pager"><button id="prev" type="button">‹ prev</button> <span id="pageinfo"></span>
<button id="next" type="button">next ›</button></span></div></header>
<noscript><p>The index needs JavaScript to list the records; each page under docs/ opens without it.</p></noscript>
<table id="records"><thead><tr>{heads}</tr></thead><tbody></tbody></table>
<script src="index-data.js"></script>
<script src="assets/review.js"></script>
</body></html>
"""
