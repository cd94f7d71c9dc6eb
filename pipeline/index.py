"""The embedded search index: records (JSONL) → one SQLite file, upserted by `id`.

Why SQLite: a clerk's machine has no search server; one file with FTS5 answers
text, facet and structured questions. The relational tables hold what the
structured questions ask (who cites what, who must do what by when); the FTS5
table holds words, not syllables (pipeline/wordseg.py), twice: as written and
accent-free (pipeline/textnorm.strip_diacritics), so `thi đua` and `thi dua`
both find `Thi đua`. Citations are stored by canonical key
(extractors.grammar.number_key, the same key the citation extractor writes)
and resolved to the cited document when it is in the index and unambiguous.
"""
from __future__ import annotations

import calendar
import itertools
import multiprocessing
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from extractors.grammar import number_key
from .records import iter_records
from .textnorm import search_key, strip_diacritics
from .wordseg import segmented

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  doc_type TEXT, type_key TEXT,
  number TEXT, number_key TEXT,
  issuer TEXT, issuer_key TEXT, issuer_parent TEXT, issuer_inferred INTEGER,
  place TEXT, date TEXT, year INTEGER,
  title TEXT, archive TEXT,
  signer_name TEXT, signer_title TEXT,
  source_path TEXT, source_format TEXT, source_sha256 TEXT, part INTEGER
);
-- The text apart, so that the rows facets and filters read stay small and cached.
CREATE TABLE IF NOT EXISTS texts (rowid INTEGER PRIMARY KEY REFERENCES documents(rowid), text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number_key);
CREATE INDEX IF NOT EXISTS documents_issuer ON documents(issuer_key);
CREATE INDEX IF NOT EXISTS documents_type ON documents(type_key, year);
CREATE TABLE IF NOT EXISTS citations (
  doc_rowid INTEGER NOT NULL REFERENCES documents(rowid),
  cited_key TEXT, cited_number TEXT, cited_type TEXT, cited_name TEXT,
  cited_date TEXT, cited_issuer TEXT, role TEXT,
  cited_id TEXT
);
CREATE INDEX IF NOT EXISTS citations_key ON citations(cited_key);
CREATE INDEX IF NOT EXISTS citations_doc ON citations(doc_rowid);
CREATE TABLE IF NOT EXISTS deadlines (
  rowid INTEGER PRIMARY KEY,
  doc_rowid INTEGER NOT NULL REFERENCES documents(rowid),
  text TEXT, kind TEXT, start TEXT, "end" TEXT,
  start_date TEXT, end_date TEXT, task TEXT
);
CREATE INDEX IF NOT EXISTS deadlines_doc ON deadlines(doc_rowid);
CREATE INDEX IF NOT EXISTS deadlines_end ON deadlines(end_date);
CREATE TABLE IF NOT EXISTS deadline_units (
  deadline_rowid INTEGER NOT NULL REFERENCES deadlines(rowid),
  doc_rowid INTEGER NOT NULL,
  name TEXT, name_key TEXT
);
CREATE INDEX IF NOT EXISTS deadline_units_deadline ON deadline_units(deadline_rowid);
CREATE INDEX IF NOT EXISTS deadline_units_doc ON deadline_units(doc_rowid);
CREATE TABLE IF NOT EXISTS units (
  doc_rowid INTEGER NOT NULL REFERENCES documents(rowid),
  name TEXT, name_key TEXT, role TEXT
);
CREATE INDEX IF NOT EXISTS units_doc ON units(doc_rowid);
CREATE TABLE IF NOT EXISTS recipients (
  doc_rowid INTEGER NOT NULL REFERENCES documents(rowid),
  name TEXT, purpose TEXT
);
CREATE INDEX IF NOT EXISTS recipients_doc ON recipients(doc_rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
  title_w, text_w, title_f, text_f,
  tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE TABLE IF NOT EXISTS words (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""
# `words`: every multi-syllable word of the index, as written and accent-free,
# for segmenting queries by the index's vocabulary (pipeline.search.parse). A
# table of its own because FTS5's vocabulary table reads a term's whole
# posting list to answer "is it there?". Words of replaced documents stay: a
# stale word can only add a segmentation alternative that finds nothing.
_MULTI = re.compile(r"[^\W_]+(?:_[^\W_]+)+")
CHILD_TABLES = ("citations", "deadline_units", "deadlines", "units", "recipients")
BATCH = 500
INDEX_VERSION = 1  # PRAGMA user_version of an index with this SCHEMA
POOL_SLICE = 2000


@dataclass
class ReadStats:
    """What reading a JSONL file of records passed over: error records and unreadable lines."""
    skipped_errors: int = 0
    bad_lines: list[str] = field(default_factory=list)


@dataclass
class IndexSummary(ReadStats):
    indexed: int = 0
    updated: int = 0
    resolved_citations: int = 0

    def line(self, db: Path) -> str:
        bad = f", {len(self.bad_lines)} unreadable lines" if self.bad_lines else ""
        return (f"{self.indexed} documents indexed ({self.updated} replaced), "
                f"{self.skipped_errors} error records skipped{bad}; "
                f"{self.resolved_citations} citations resolved to indexed documents; written to {db}")


class NotAnIndex(ValueError):
    """The file given as --db is not a vanban index of this schema."""


def check_schema(conn: sqlite3.Connection, db: Path) -> None:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:  # not SQLite at all
        version = None
    if version != INDEX_VERSION:
        raise NotAnIndex(f"{db} is not a vanban search index (schema {version}, expected {INDEX_VERSION}): "
                         f"build one with `vanban index FILE.jsonl --db NEW.sqlite`")


def connect(db: Path) -> sqlite3.Connection:
    """The index at `db` for writing, created with the current schema when the file is new or empty."""
    conn = sqlite3.connect(db)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
            conn.executescript(SCHEMA)
            conn.execute(f"PRAGMA user_version = {INDEX_VERSION}")
        check_schema(conn, db)
    except sqlite3.DatabaseError:
        conn.close()
        raise NotAnIndex(f"{db} is not a SQLite file: give --db a new file name or an index built by vanban")
    except NotAnIndex:
        conn.close()
        raise
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def date_bound(value: str | None, upper: bool) -> str | None:
    """A full day bounding a reduced-precision date: `2023-12` ends on `2023-12-31`."""
    if not value:
        return None
    parts = value.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else (12 if upper else 1)
        d = int(parts[2]) if len(parts) > 2 else (calendar.monthrange(y, m)[1] if upper else 1)
    except (ValueError, IndexError, calendar.IllegalMonthError):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _name(value) -> str | None:
    return value.get("name") if isinstance(value, dict) else value


def document_row(r: dict) -> dict:
    """The documents-table columns of one record (SPEC scalar fields and their keys)."""
    issuer = r.get("issuer") or {}
    signer = r.get("signer") or {}
    source = r.get("source") or {}
    date = r.get("date")
    year = int(date[:4]) if date and date[:4].isdigit() else None
    return {
        "id": r["id"], "doc_type": r.get("doc_type"), "type_key": search_key(r.get("doc_type")) or None,
        "number": r.get("number"), "number_key": number_key(r["number"]) if r.get("number") else None,
        "issuer": issuer.get("name"), "issuer_key": search_key(issuer.get("name")) or None,
        "issuer_parent": issuer.get("parent"), "issuer_inferred": int(bool(issuer.get("inferred"))),
        "place": r.get("place"), "date": date, "year": year, "title": r.get("title"),
        "archive": r.get("archive"), "signer_name": signer.get("name"), "signer_title": signer.get("title"),
        "source_path": source.get("path"), "source_format": source.get("format"),
        "source_sha256": source.get("sha256"), "part": source.get("part"),
    }


def citation_key(c: dict) -> str | None:
    """The citation's canonical key: the extractor's `key`, else the number's key."""
    if c.get("key"):
        return c["key"]
    return number_key(c["number"]) if c.get("number") else None


def fts_row(r: dict) -> tuple[str, str, str, str]:
    """Title and text as words (as written, then accent-free)."""
    title = segmented(r.get("title") or "")
    text = segmented(r.get("text") or "")
    return title, text, strip_diacritics(title), strip_diacritics(text)


def _delete_children(conn: sqlite3.Connection, rowid: int) -> None:
    for table in CHILD_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE doc_rowid = ?", (rowid,))
    conn.execute("DELETE FROM docs_fts WHERE rowid = ?", (rowid,))


def upsert(conn: sqlite3.Connection, r: dict, known: set[str], columns: tuple[str, ...] | None = None) -> bool:
    """Insert or replace one document record; True when it replaced one.
    `known` is the `words` table as read so far; new words are added to both.
    `columns` are the record's FTS columns when they were segmented elsewhere."""
    row = document_row(r)
    old = conn.execute("SELECT rowid FROM documents WHERE id = ?", (row["id"],)).fetchone()
    cols = ", ".join(row)
    if old:
        rowid = old[0]
        _delete_children(conn, rowid)
        conn.execute(f"UPDATE documents SET ({cols}) = ({', '.join('?' * len(row))}) WHERE rowid = ?",
                     (*row.values(), rowid))
    else:
        rowid = conn.execute(f"INSERT INTO documents ({cols}) VALUES ({', '.join('?' * len(row))})",
                             tuple(row.values())).lastrowid
    conn.execute("INSERT OR REPLACE INTO texts (rowid, text) VALUES (?, ?)", (rowid, r.get("text") or ""))
    conn.executemany(
        "INSERT INTO citations (doc_rowid, cited_key, cited_number, cited_type, cited_name, cited_date,"
        " cited_issuer, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(rowid, citation_key(c), c.get("number"), c.get("doc_type"), c.get("name"), c.get("date"),
          c.get("issuer"), c.get("role")) for c in r.get("citations") or []])
    for d in r.get("deadlines") or []:
        did = conn.execute(
            'INSERT INTO deadlines (doc_rowid, text, kind, start, "end", start_date, end_date, task)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (rowid, d.get("text"), d.get("kind"), d.get("start"), d.get("end"),
             date_bound(d.get("start"), upper=False), date_bound(d.get("end"), upper=True), d.get("task"))).lastrowid
        conn.executemany("INSERT INTO deadline_units (deadline_rowid, doc_rowid, name, name_key) VALUES (?, ?, ?, ?)",
                         [(did, rowid, u, search_key(u)) for u in map(_name, d.get("units") or []) if u])
    conn.executemany("INSERT INTO units (doc_rowid, name, name_key, role) VALUES (?, ?, ?, ?)",
                     [(rowid, u["name"], search_key(u["name"]), u.get("role"))
                      for u in r.get("responsible_units") or [] if u.get("name")])
    conn.executemany("INSERT INTO recipients (doc_rowid, name, purpose) VALUES (?, ?, ?)",
                     [(rowid, p["name"], p.get("purpose")) for p in r.get("recipients") or [] if p.get("name")])
    columns = columns or fts_row(r)
    conn.execute("INSERT INTO docs_fts (rowid, title_w, text_w, title_f, text_f) VALUES (?, ?, ?, ?, ?)",
                 (rowid, *columns))
    new = set(_MULTI.findall(" ".join(columns))) - known
    conn.executemany("INSERT OR IGNORE INTO words (term) VALUES (?)", ((w,) for w in new))
    known |= new
    return bool(old)


# A cited number resolves to the one indexed document with that number whose
# date agrees with the citation's date at their common precision; numbers such
# as 18/KH-UBND recur across provinces, so an ambiguous number stays unresolved.
RESOLVE = """
UPDATE citations SET cited_id = (
  SELECT CASE WHEN COUNT(*) = 1 THEN MIN(d.id) END FROM documents d
  WHERE d.number_key = citations.cited_key AND d.rowid != citations.doc_rowid
    AND (citations.cited_date IS NULL OR d.date IS NULL
         OR substr(d.date, 1, min(length(d.date), length(citations.cited_date)))
          = substr(citations.cited_date, 1, min(length(d.date), length(citations.cited_date)))))
"""


def resolve_citations(conn: sqlite3.Connection) -> int:
    conn.execute(RESOLVE)
    return conn.execute("SELECT COUNT(*) FROM citations WHERE cited_id IS NOT NULL").fetchone()[0]


def read_records(path: Path, summary: ReadStats) -> Iterator[dict]:
    """Document records of a JSONL file; error records and unreadable lines are counted, not fatal."""
    for record in iter_records(path, on_bad=lambda n, problem: summary.bad_lines.append(f"line {n}: {problem}")):
        if "error" in record:
            summary.skipped_errors += 1
        elif not isinstance(record.get("id"), str):
            summary.bad_lines.append("a document record without an `id`")
        else:
            yield record


def _with_columns(r: dict) -> tuple[dict, tuple[str, ...]]:
    return r, fts_row(r)


def segmented_records(records: Iterable[dict], jobs: int) -> Iterator[tuple[dict, tuple[str, ...]]]:
    """Records with their FTS columns, segmented in `jobs` processes when jobs > 1.

    Segmentation is nearly all the cost of indexing real text and is pure, so
    it spreads over cores while one process writes; records go to the pool a
    slice at a time so that a large file is never held in memory whole.
    """
    if jobs <= 1:
        yield from map(_with_columns, records)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        it = iter(records)
        while piece := list(itertools.islice(it, POOL_SLICE)):
            yield from pool.imap(_with_columns, piece, chunksize=8)


def index_records(records: Iterable[dict], db: Path, summary: IndexSummary | None = None,
                  jobs: int = 1) -> IndexSummary:
    """Upsert `records` into the database at `db` (created when missing)."""
    summary = summary or IndexSummary()
    conn = connect(db)
    try:
        known = {term for (term,) in conn.execute("SELECT term FROM words")}
        for i, (r, columns) in enumerate(segmented_records(records, jobs), 1):
            summary.updated += upsert(conn, r, known, columns)
            summary.indexed += 1
            if i % BATCH == 0:
                conn.commit()
        summary.resolved_citations = resolve_citations(conn)
        conn.commit()
        conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file again, readable read-only
    finally:
        conn.close()
    return summary


def index_file(path: Path, db: Path, jobs: int = 1) -> IndexSummary:
    summary = IndexSummary()
    return index_records(read_records(path, summary), db, summary, jobs)
