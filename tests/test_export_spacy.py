"""spaCy DocBin export: read back with every span unchanged, rendered by displaCy."""
from __future__ import annotations

from hypothesis import given, strategies as st
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evidence import FAMILIES, evidence
from pipeline.exports.spacy_docbin import tokenize
from review_helpers import error_record, hostile_record, read_jsonl, write_jsonl


def _read(path):
    import spacy
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab))


def test_docbin_reads_back_every_span_unchanged(seed_records, tmp_path):
    records = read_jsonl(seed_records) + [hostile_record()]
    source = write_jsonl(tmp_path / "r.jsonl", records + [error_record("x.pdf")])
    out = tmp_path / "records.spacy"
    result = CliRunner().invoke(app, ["export", str(source), "--format", "spacy", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 error records skipped" in result.output
    docs = _read(out)
    assert len(docs) == len(records)
    for doc, record in zip(docs, records):
        assert doc.text == record["text"]
        assert doc.user_data["vanban_id"] == record["id"]
        assert set(doc.spans) == set(FAMILIES.values())
        want = sorted((FAMILIES[e.family], e.start, e.end, record["text"][e.start:e.end])
                      for e in evidence(record) if e.end > e.start)
        got = sorted((key, s.start_char, s.end_char, s.text) for key, group in doc.spans.items() for s in group)
        assert got == want
    roles = {s.label_ for s in docs[0].spans["responsible_units"]}
    assert roles <= {"lead", "support", "executor"} and roles


def test_displacy_span_view_renders_a_group(seed_records, tmp_path):
    from spacy import displacy

    out = tmp_path / "r.spacy"
    CliRunner().invoke(app, ["export", str(seed_records), "--format", "spacy", "--out", str(out)])
    doc = _read(out)[0]
    citation = doc.spans["citations"][0]
    html = displacy.render(doc, style="span", options={"spans_key": "citations"}, page=False)
    assert citation.text.split()[0] in html and citation.label_ in html


@given(st.text(alphabet=" \n\tab,.-/đờ1", max_size=40), st.sets(st.integers(0, 40), max_size=6))
def test_tokenizer_keeps_text_and_cuts_at_every_edge(text, cuts):
    words, spaces = tokenize(text, cuts)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
    starts, at = set(), 0
    for w, s in zip(words, spaces):
        starts.add(at)
        at += len(w)
        starts.add(at)
        at += s
    assert {c for c in cuts if c <= len(text)} <= starts | {len(text)}
