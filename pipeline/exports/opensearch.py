"""Records → OpenSearch / Elasticsearch: an index mapping and bulk NDJSON files.

For users whose collection outgrows one SQLite file. The mapping is strict
(an unknown field is rejected, not guessed), text is analysed twice, as
written and accent-free (ICU folding, with `đ` → `d` made explicit), facet
fields are keywords, and citations and deadlines are nested so that "cites
91/2017/NĐ-CP as its basis" or "Sở Nội vụ, due before 31/12/2023" match
within one citation or one deadline. Spans are left out: they only mean
something next to the full record, which `vanban run` wrote.

The bulk files carry no index name, so the user picks it in the URL
(`POST /vanban/_bulk`); they are cut every DOCS_PER_FILE documents to stay
well under the bulk API's usual request size limits.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from extractors.grammar import number_key
from ..index import ReadStats, date_bound, read_records

DOCS_PER_FILE = 1000
DATE_FORMAT = "yyyy-MM-dd||yyyy-MM||yyyy"
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

SETTINGS = {
    "analysis": {
        "char_filter": {"vi_d": {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}},
        "analyzer": {
            "vi_text": {"type": "custom", "tokenizer": "icu_tokenizer", "filter": ["icu_normalizer"]},
            "vi_folded": {"type": "custom", "tokenizer": "icu_tokenizer", "char_filter": ["vi_d"],
                          "filter": ["icu_folding"]},
        },
        "normalizer": {"folded": {"type": "custom", "char_filter": ["vi_d"], "filter": ["lowercase", "asciifolding"]}},
    }
}

KEYWORD = {"type": "keyword"}
DATE = {"type": "date", "format": DATE_FORMAT}
TEXT = {"type": "text", "analyzer": "vi_text", "fields": {"folded": {"type": "text", "analyzer": "vi_folded"}}}
NAME = {"type": "keyword", "fields": {"text": TEXT, "folded": {"type": "keyword", "normalizer": "folded"}}}


def _obj(**props) -> dict:
    return {"properties": props}


def _nested(**props) -> dict:
    return {"type": "nested", "properties": props}


MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "schema_version": {"type": "integer"},
        "id": KEYWORD,
        "source": _obj(path=KEYWORD, format=KEYWORD, sha256=KEYWORD, part={"type": "integer"},
                       parts={"type": "integer"}, encoding=KEYWORD),
        "doc_type": KEYWORD, "number": KEYWORD, "number_key": KEYWORD,
        "issuer": _obj(name=NAME, parent=NAME, inferred={"type": "boolean"}),
        "place": KEYWORD, "date": DATE, "year": {"type": "integer"},
        "title": {**TEXT, "fields": {**TEXT["fields"], "keyword": {"type": "keyword", "ignore_above": 1024}}},
        "text": TEXT,
        "addressees": _obj(name=NAME),
        "sections": _obj(label=KEYWORD, heading=TEXT, kind=KEYWORD),
        "citations": _nested(key=KEYWORD, doc_type=KEYWORD, number=KEYWORD, name=NAME, date=DATE,
                          issuer=NAME, role=KEYWORD),
        "deadlines": _nested(text=TEXT, kind=KEYWORD, start=DATE, end=DATE, start_day=DATE, end_day=DATE,
                          task=TEXT, units=NAME),
        "responsible_units": _nested(name=NAME, role=KEYWORD),
        "recipients": _obj(name=NAME, purpose=KEYWORD),
        "archive": KEYWORD,
        "signer": _obj(name=NAME, title=KEYWORD, authority=KEYWORD, on_behalf_of=NAME),
        "warnings": KEYWORD,
    },
}


def _date(value) -> str | None:
    """A SPEC date the mapping accepts, else None (a bad date must not reject the whole document)."""
    return value if isinstance(value, str) and _DATE.fullmatch(value) else None


def _pick(item: dict | None, *keys: str) -> dict | None:
    return {k: item.get(k) for k in keys} if isinstance(item, dict) else None


def document(r: dict) -> dict:
    """The OpenSearch document of one record: SPEC fields without spans, plus the keys facets need."""
    date = _date(r.get("date"))
    return {
        "schema_version": r.get("schema_version"), "id": r["id"],
        "source": _pick(r.get("source"), "path", "format", "sha256", "part", "parts", "encoding"),
        "doc_type": r.get("doc_type"), "number": r.get("number"),
        "number_key": number_key(r["number"]) if r.get("number") else None,
        "issuer": _pick(r.get("issuer"), "name", "parent", "inferred"),
        "place": r.get("place"), "date": date, "year": int(date[:4]) if date else None,
        "title": r.get("title"), "text": r.get("text"),
        "addressees": [_pick(a, "name") for a in r.get("addressees") or []],
        "sections": [_pick(s, "label", "heading", "kind") for s in r.get("sections") or []],
        "citations": [{**_pick(c, "key", "doc_type", "number", "name", "issuer", "role"), "date": _date(c.get("date"))}
                      for c in r.get("citations") or []],
        "deadlines": [{**_pick(d, "text", "kind", "task", "units"), "start": _date(d.get("start")),
                       "end": _date(d.get("end")), "start_day": date_bound(_date(d.get("start")), upper=False),
                       "end_day": date_bound(_date(d.get("end")), upper=True)} for d in r.get("deadlines") or []],
        "responsible_units": [_pick(u, "name", "role") for u in r.get("responsible_units") or []],
        "recipients": [_pick(p, "name", "purpose") for p in r.get("recipients") or []],
        "archive": r.get("archive"),
        "signer": _pick(r.get("signer"), "name", "title", "authority", "on_behalf_of"),
        "warnings": list(r.get("warnings") or []),
    }


def export(records_path: Path, out: Path) -> str:
    out.mkdir(parents=True, exist_ok=True)
    (out / "mapping.json").write_text(json.dumps({"settings": SETTINGS, "mappings": MAPPINGS}, ensure_ascii=False,
                                                 indent=2), encoding="utf-8")
    for old in out.glob("bulk-*.ndjson"):
        old.unlink()
    stats = ReadStats()
    docs = files = 0
    fh = None
    try:
        for r in read_records(records_path, stats):
            if docs % DOCS_PER_FILE == 0:
                if fh:
                    fh.close()
                files += 1
                fh = (out / f"bulk-{files:05d}.ndjson").open("w", encoding="utf-8")
            fh.write(json.dumps({"index": {"_id": r["id"]}}) + "\n")
            fh.write(json.dumps(document(r), ensure_ascii=False) + "\n")
            docs += 1
    finally:
        if fh:
            fh.close()
    bad = f", {len(stats.bad_lines)} unreadable lines skipped" if stats.bad_lines else ""
    return (f"{docs} documents in {files} bulk files and mapping.json written to {out}; "
            f"{stats.skipped_errors} error records skipped{bad}")
