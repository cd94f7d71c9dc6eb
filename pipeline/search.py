"""The query side of the embedded index (pipeline/index.py).

A text query is cut into words the same way the index was: a query with any
diacritic is segmented by the CRF and matched against the words as written;
an accent-free query (`thi dua khen thuong`) is matched against the
accent-free columns, its syllables joined into the longest words the index
knows. Structured filters (issuer, type, year, cited number, unit, deadline
window) narrow the documents with or without a text query; facets count the
whole result set, not only the page shown.
"""
from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from extractors.citations import CITED_TYPES, LAW_TYPES
from extractors.grammar import find_dates, find_numbers, number_key
from .index import check_schema
from .textnorm import compare_key, fold_aligned, new_style_tones, search_key, strip_diacritics
from .wordseg import lexicon_words, segmented

# Title words weigh more than body words (bm25 column weights, in column order).
WEIGHTS = (4.0, 1.0, 4.0, 1.0)
FACETS = ("issuer", "type", "year")
SNIPPET_CHARS = 220
MARK = ("<b>", "</b>")


@dataclass
class Query:
    text: str | None = None
    issuer: str | None = None
    doc_type: str | None = None
    year: int | None = None
    cites: str | None = None
    unit: str | None = None
    due_before: str | None = None
    due_after: str | None = None
    limit: int = 10


def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


def parse_date(value: str | None) -> str | None:
    """`2023-12-31` or `31/12/2023` → ISO day; anything else is a usage error."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    found = find_dates(value)
    if not found:
        raise ValueError(f"not a date: {value!r} (write 2023-12-31 or 31/12/2023)")
    return found[0][0]


def cited_condition(value: str) -> tuple[str, str]:
    """SQL condition on `c.cited_key` and its argument for a cited document given as
    a number (`Nghị định số 91/2017/NĐ-CP`) or as a law-like type and name
    (`Luật Thi đua, Khen thưởng`: any year), keyed as extractors/citations.py keys them."""
    found = find_numbers(value)
    if found:
        return "c.cited_key = ?", number_key(found[0][0])
    key = compare_key(value)
    for dtype in sorted({*CITED_TYPES, *LAW_TYPES}, key=len, reverse=True):
        prefix = compare_key(dtype) + " "
        if key.startswith(prefix):
            like = f"{compare_key(dtype)}:{key[len(prefix):]}:".replace("%", r"\%").replace("_", r"\_")
            return r"c.cited_key LIKE ? || '%' ESCAPE '\'", like
    return "c.cited_key = ?", number_key(value.strip())


@dataclass
class Parsed:
    """A text query as FTS5 terms: each part of the query (a quoted phrase or the
    free words between) has one or two segmentations, any of which may match."""
    parts: list[list[list[list[str]]]]  # part → alternatives → phrases → words
    accented: bool

    @property
    def phrases(self) -> list[list[str]]:
        return [p for part in self.parts for alt in part for p in alt]

    def expression(self) -> str:
        """FTS5 MATCH text, in the as-written or the accent-free columns."""
        cols = "{title_w text_w}" if self.accented else "{title_f text_f}"

        def phrase(words: list[str]) -> str:
            return '"' + " ".join(words).replace('"', "") + '"'

        body = " AND ".join("(" + " OR ".join("(" + " AND ".join(map(phrase, alt)) + ")" for alt in part) + ")"
                            for part in self.parts)
        return f"{cols} : ({body})"


def known_word(conn: sqlite3.Connection):
    """Whether a multi-syllable word (`thi_đua`, `thi_dua`) occurs in the index."""
    def known(word: str) -> bool:
        return conn.execute("SELECT 1 FROM words WHERE term = ?", (word,)).fetchone() is not None
    return known


def parse(conn: sqlite3.Connection, text: str) -> Parsed:
    """Words of a query, segmented the ways its words may have been segmented in the index.

    With accents: the CRF (as at index time) and, when it differs, the
    index's vocabulary (pipeline.wordseg.lexicon_words), since a two-word query
    gives the CRF less context than the document did. Without accents: the
    accent-free vocabulary alone.
    """
    accented = has_diacritics(text)
    known = known_word(conn)
    parts = []
    for quoted, free in re.findall(r'"([^"]*)"|([^"]+)', text):
        piece = quoted or free
        ways = [lexicon_words(piece if accented else strip_diacritics(piece), known)]
        if accented:
            ways.insert(0, [t.strip(".") for t in re.split(r"[\s,;:!?()]+", segmented(piece))
                            if re.search(r"[^\W_]", t)])
        alternatives = []
        for words in ways:
            alt = [words] if quoted else [[w] for w in words]
            if words and alt not in alternatives:
                alternatives.append(alt)
        if alternatives:
            parts.append(alternatives)
    return Parsed(parts, accented)


def _unit_clause(alias: str) -> str:
    # Word-bounded containment: `Sở Nội vụ` finds `Ban Thi đua - Khen thưởng thuộc Sở Nội vụ`.
    return f"(' ' || {alias}.name_key || ' ') LIKE ?"


def _filters(q: Query) -> tuple[list[str], list]:
    where, args = [], []
    for value, column, key in ((q.issuer, "d.issuer_key", search_key), (q.doc_type, "d.type_key", search_key),
                               (q.year, "d.year", int)):
        if value:
            where.append(f"{column} = ?")
            args.append(key(value))
    if q.cites:
        cond, arg = cited_condition(q.cites)
        where.append(f"d.rowid IN (SELECT c.doc_rowid FROM citations c WHERE {cond})")
        args.append(arg)
    unit_like = f"% {search_key(q.unit)} %" if q.unit else None
    if q.due_before or q.due_after:
        cond, cargs = _deadline_condition(q, unit_like)
        where.append(f"d.rowid IN (SELECT dl.doc_rowid FROM deadlines dl WHERE {cond})")
        args.extend(cargs)
    elif unit_like:
        where.append("d.rowid IN (SELECT u.doc_rowid FROM units u WHERE " + _unit_clause("u") + " UNION"
                     " SELECT du.doc_rowid FROM deadline_units du WHERE " + _unit_clause("du") + ")")
        args.extend([unit_like, unit_like])
    return where, args


def _deadline_condition(q: Query, unit_like: str | None) -> tuple[str, list]:
    """Deadlines ending inside the window (bounds inclusive), assigned to the unit when one is asked."""
    cond, args = ["1"], []
    if q.due_before:
        cond.append("dl.end_date <= ?")
        args.append(parse_date(q.due_before))
    if q.due_after:
        cond.append("dl.end_date >= ?")
        args.append(parse_date(q.due_after))
    if unit_like:
        cond.append("EXISTS (SELECT 1 FROM deadline_units du WHERE du.deadline_rowid = dl.rowid AND "
                    + _unit_clause("du") + ")")
        args.append(unit_like)
    return " AND ".join(cond), args


def _inside_word(hay: str, a: int, b: int, known) -> bool:
    """Whether the syllable hay[a:b] is part of a two-syllable word with a neighbour
    (`sở` in `cơ sở`): the index did not match it there, so it is not marked."""
    syllable = hay[a:b]
    before = re.search(r"([^\W_]+)[ \t]+$", hay[max(0, a - 20):a])
    after = re.match(r"[ \t]+([^\W_]+)", hay[b:b + 20])
    return bool(before and known(f"{before.group(1)}_{syllable}") or after and known(f"{syllable}_{after.group(1)}"))


def _highlight(text: str, phrases: list[list[str]], accented: bool, known=lambda w: False) -> str | None:
    """A window of `text` around the densest matches, each match marked; None when nothing matches."""
    if not phrases or not text:
        return None
    hay = new_style_tones(text).lower() if accented else fold_aligned(text)
    if len(hay) != len(text):
        hay = fold_aligned(text)
    spans = []
    for phrase in phrases:
        syllables = [s for w in phrase for s in re.findall(r"[^\W_]+", w)]
        if syllables:
            pattern = r"(?<!\w)" + r"[\W_]+".join(map(re.escape, syllables)) + r"(?!\w)"
            spans.extend(m.span() for m in re.finditer(pattern, hay)
                         if len(syllables) > 1 or not _inside_word(hay, *m.span(), known))
    if not spans:
        return None
    spans.sort()
    best = max(spans, key=lambda s: sum(1 for t in spans if s[0] <= t[0] < s[0] + SNIPPET_CHARS))
    start = max(0, best[0] - SNIPPET_CHARS // 4)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = max(text.rfind(" ", start, end), best[1])
    out, pos = [], start
    for a, b in spans:
        if a < pos or b > end:
            continue
        out += [text[pos:a], MARK[0], text[a:b], MARK[1]]
        pos = b
    out.append(text[pos:end])
    snippet = " ".join("".join(out).split()).replace(f"{MARK[1]} {MARK[0]}", " ")  # adjacent words, one mark
    return ("… " if start else "") + snippet + (" …" if end < len(text) else "")


def _hit_details(conn: sqlite3.Connection, rowid: int, q: Query, unit_like: str | None) -> dict:
    d = conn.execute("SELECT id, number, doc_type, issuer, date, title, text FROM documents"
                     " JOIN texts USING (rowid) WHERE rowid = ?", (rowid,)).fetchone()
    hit = dict(zip(("id", "number", "doc_type", "issuer", "date", "title", "text"), d))
    if q.cites:
        cond, arg = cited_condition(q.cites)
        rows = conn.execute("SELECT cited_number, cited_type, role, cited_id FROM citations c"
                            f" WHERE doc_rowid = ? AND {cond}", (rowid, arg)).fetchall()
        hit["citations"] = [dict(zip(("number", "doc_type", "role", "cited_id"), r)) for r in rows]
    if q.due_before or q.due_after or q.unit:
        cond, args = _deadline_condition(q, unit_like)
        rows = conn.execute(f'SELECT dl.rowid, dl.text, dl.kind, dl.start, dl."end", dl.task FROM deadlines dl'
                            f" WHERE dl.doc_rowid = ? AND {cond} ORDER BY dl.end_date, dl.rowid",
                            (rowid, *args)).fetchall()
        hit["deadlines"] = [
            {"text": t, "kind": k, "start": s, "end": e, "task": task,
             "units": [u for (u,) in conn.execute("SELECT name FROM deadline_units WHERE deadline_rowid = ?",
                                                  (did,))]}
            for did, t, k, s, e, task in rows]
    if q.unit:
        rows = conn.execute("SELECT name, role FROM units u WHERE u.doc_rowid = ? AND " + _unit_clause("u"),
                            (rowid, unit_like)).fetchall()
        hit["units"] = [{"name": n, "role": r} for n, r in rows]
    return hit


def search(db: Path, q: Query) -> dict:
    """Ranked hits (BM25 with a text query, newest first without), snippets and facet counts."""
    if not Path(db).exists():
        raise FileNotFoundError(f"no index at {db}: build one with `vanban index FILE.jsonl --db {db}`")
    conn = sqlite3.connect(Path(db).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        check_schema(conn, db)
        return _search(conn, q)
    finally:
        conn.close()


def _search(conn: sqlite3.Connection, q: Query) -> dict:
    where, args = _filters(q)
    parsed = parse(conn, q.text) if q.text and q.text.strip() else Parsed([], False)
    phrases, accented = parsed.phrases, parsed.accented
    if phrases:
        # CROSS JOIN keeps the full-text match as the outer loop: the other order
        # would run the MATCH once per document that passes the filters.
        source = "docs_fts CROSS JOIN documents d ON d.rowid = docs_fts.rowid WHERE docs_fts MATCH ?"
        args = [parsed.expression(), *args]
        score = f"bm25(docs_fts, {', '.join(map(str, WEIGHTS))})"
        order = f"{score}, d.rowid"
    else:
        source, score, order = "documents d WHERE 1", "NULL", "d.date DESC, d.rowid"
    source += "".join(f" AND {w}" for w in where)
    groups = conn.execute(f"SELECT d.issuer_key, MIN(d.issuer), d.doc_type, d.year, COUNT(*) FROM {source}"
                          " GROUP BY d.issuer_key, d.doc_type, d.year", args).fetchall()
    top = conn.execute(f"SELECT d.rowid, {score} FROM {source} ORDER BY {order} LIMIT ?", [*args, q.limit])
    unit_like = f"% {search_key(q.unit)} %" if q.unit else None
    hits = []
    for rowid, rank in top.fetchall():
        hit = _hit_details(conn, rowid, q, unit_like)
        text = hit.pop("text")
        hit["score"] = round(-rank, 4) if phrases else None
        hit["snippet"] = (_highlight(text, phrases, accented, known_word(conn))
                          or _highlight(hit["title"] or "", phrases, accented, known_word(conn)))
        hits.append(hit)
    return {"query": asdict(q), "words": [" ".join(p) for p in phrases], "accent_free": bool(phrases) and not accented,
            "total": sum(g[4] for g in groups), "facets": facets(groups), "hits": hits}


def facets(groups: list[tuple]) -> dict[str, list[dict]]:
    """Counts by issuer (spellings of one body counted together), type and year, largest first,
    from (issuer key, issuer label, type, year, count) groups."""
    labels: dict[str, str] = {}
    issuers: Counter = Counter()
    types: Counter = Counter()
    years: Counter = Counter()
    for ikey, issuer, dtype, year, n in groups:
        if ikey:
            labels.setdefault(ikey, issuer)
            issuers[ikey] += n
        if dtype:
            types[dtype] += n
        if year:
            years[year] += n
    return {
        "issuer": [{"value": labels[k], "count": n} for k, n in issuers.most_common()],
        "type": [{"value": k, "count": n} for k, n in types.most_common()],
        "year": [{"value": k, "count": n} for k, n in sorted(years.items(), reverse=True)],
    }


def format_text(result: dict, mark=("**", "**")) -> str:
    """The result for a terminal: one block per hit, then the facets."""
    lines = [f"{result['total']} documents" + (f" (words: {', '.join(result['words'])}"
                                               f"{', accent-free' if result['accent_free'] else ''})"
                                               if result["words"] else "")]
    for i, h in enumerate(result["hits"], 1):
        head = " · ".join(str(x) for x in (h["number"], h["doc_type"], h["issuer"], h["date"]) if x)
        lines.append(f"{i:>3}. {head}" + (f"  [{h['score']}]" if h["score"] is not None else ""))
        if h["title"]:
            lines.append(f"     {h['title']}")
        if h["snippet"]:
            lines.append("     " + h["snippet"].replace(MARK[0], mark[0]).replace(MARK[1], mark[1]))
        for c in h.get("citations", []):
            lines.append(f"     cites {c['doc_type'] or ''} {c['number'] or ''} ({c['role']})".replace("  ", " "))
        for dl in h.get("deadlines", []):
            units = "; ".join(dl["units"])
            lines.append(f"     due {dl['end'] or dl['start'] or '-'}: {dl['text']} — {dl['task'] or ''}"
                         + (f" [{units}]" if units else ""))
    for name in FACETS:
        values = ", ".join(f"{f['value']} ({f['count']})" for f in result["facets"][name][:8])
        if values:
            lines.append(f"{name}: {values}")
    return "\n".join(lines)
