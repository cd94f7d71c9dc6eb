"""`vanban export --format spacy`: records as a spaCy DocBin.

Each document record becomes a Doc whose text is the record's text, with one
span group per field (`doc.spans["citations"]` …), so the extractions can be
inspected with displaCy's span view or used as training data.

The tokenizer is our own (no language model is downloaded): words,
punctuation marks and whitespace, cut additionally at every span edge, so
every span lands on token boundaries and reads back exactly.
"""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.evidence import FAMILIES, Evidence, evidence
from pipeline.records import is_error, iter_records

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _label(record: dict, e: Evidence) -> str:
    """A span's label: its entry's role or kind where it has one, else the family."""
    entry = record.get(FAMILIES[e.family])
    if isinstance(entry, list) and e.index < len(entry) and isinstance(entry[e.index], dict):
        item = entry[e.index]
        return str(item.get("role") or item.get("kind") or e.family)
    return e.family


def tokenize(text: str, cuts: set[int]) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags whose concatenation is `text`.

    A single space is folded into the word before it (as spaCy prints it)
    unless a span starts or ends at that space; every other run of
    whitespace stays a token of its own.
    """
    edges = sorted({0, len(text), *(c for c in cuts if 0 < c < len(text))})
    pieces = [m.group(0) for a, b in zip(edges, edges[1:]) for m in TOKEN.finditer(text, a, b)]
    words: list[str] = []
    spaces: list[bool] = []
    at = 0
    for piece in pieces:
        foldable = piece == " " and words and not spaces[-1] and not words[-1].isspace() \
            and at not in cuts and at + 1 not in cuts
        if foldable:
            spaces[-1] = True
        else:
            words.append(piece)
            spaces.append(False)
        at += len(piece)
    return words, spaces


def record_doc(vocab, record: dict):
    """The Doc of one document record, its evidence in span groups keyed by record field."""
    from spacy.tokens import Doc

    text = record.get("text") or ""
    spans = [e for e in evidence(record) if e.end > e.start]
    words, spaces = tokenize(text, {x for e in spans for x in (e.start, e.end)})
    doc = Doc(vocab, words=words, spaces=spaces)
    if doc.text != text:
        raise ValueError(f"tokenizer lost text of record {record.get('id')}")
    groups: dict[str, list] = {key: [] for key in FAMILIES.values()}
    for e in spans:
        span = doc.char_span(e.start, e.end, label=_label(record, e), alignment_mode="strict")
        if span is None:  # cannot happen while the tokenizer cuts at every edge
            raise ValueError(f"span {e.start}-{e.end} not on token boundaries in {record.get('id')}")
        groups[FAMILIES[e.family]].append(span)
    for key, group in groups.items():
        doc.spans[key] = group
    source = record.get("source") or {}
    doc.user_data.update({"vanban_id": record.get("id"), "source": source.get("path"), "part": source.get("part")})
    return doc


def export(records_path: Path, out: Path) -> str:
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("xx").vocab
    docbin = DocBin(store_user_data=True)
    docs = spans = skipped = 0
    for record in iter_records(records_path):
        if is_error(record):
            skipped += 1
            continue
        doc = record_doc(vocab, record)
        docbin.add(doc)
        docs += 1
        spans += sum(len(group) for group in doc.spans.values())
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(out)
    return f"{docs} documents, {spans} spans in {len(FAMILIES)} span groups; {skipped} error records skipped; written to {out}"
