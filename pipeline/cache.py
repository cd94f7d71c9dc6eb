"""Results kept between runs, keyed by what the file holds and which code read it.

A re-run over a folder where little changed should cost little: a file whose
bytes (SHA-256), name suffix (it picks the reader) and pipeline version are
those of a stored result gets that result back instead of being processed.
The pipeline version is the package version plus a hash of every source and
data file of the package, so any change to the code invalidates old results
without anyone remembering to bump a number.

The store is one SQLite file: each result is committed as it arrives (WAL
journal), so a run killed at any moment keeps everything finished before the
kill, and the next run resumes from there. Results that depend on the run's
limits rather than on the file (`timeout`, `too_large`) or on luck
(`internal_error`) are not kept.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from functools import cache
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_PACKAGES = ("pipeline", "extractors")
SOURCE_SUFFIXES = {".py", ".tsv", ".txt", ".json"}
NOT_KEPT = frozenset({"timeout", "too_large", "internal_error"})
DEFAULT_DIR_NAME = ".vanban-cache"


def source_fingerprint(folders: list[Path]) -> str:
    """Hash of the names and bytes of the source and data files under the folders."""
    h = hashlib.sha256()
    for folder in folders:
        for f in sorted(folder.rglob("*")):
            if f.suffix in SOURCE_SUFFIXES and "__pycache__" not in f.parts and f.is_file():
                h.update(f.relative_to(folder.parent).as_posix().encode() + b"\0")
                h.update(f.read_bytes() + b"\0")
    return h.hexdigest()


@cache
def pipeline_version() -> str:
    """Computed once per process: hashing the sources costs a few milliseconds."""
    try:
        release = metadata.version("vanban")
    except metadata.PackageNotFoundError:  # running from a checkout that is not installed
        release = "0"
    return f"{release}+{source_fingerprint([ROOT / p for p in SOURCE_PACKAGES])[:16]}"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def reader_key(path: Path) -> str:
    """The part of the file name that decides how it is read (same bytes as .txt and .jpg differ)."""
    return path.suffix.lower()


def keepable(records: list[dict]) -> bool:
    return not any(r.get("error", {}).get("code") in NOT_KEPT for r in records)


def with_path(records: list[dict], path: Path) -> list[dict]:
    """Stored records carry the path they were made from; the same bytes may now live elsewhere."""
    for r in records:
        r["source"]["path"] = str(path)
    return records


class ResultCache:
    """One SQLite file of results; opened by the process that writes the output."""

    def __init__(self, folder: Path, version: str | None = None):
        folder.mkdir(parents=True, exist_ok=True)
        self.version = version or pipeline_version()
        self.db = sqlite3.connect(folder / "results.sqlite", timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # survives a killed process; an OS crash may lose the tail
        self.db.execute("CREATE TABLE IF NOT EXISTS results (sha256 TEXT, reader TEXT, version TEXT, "
                        "records BLOB, PRIMARY KEY (sha256, reader, version)) WITHOUT ROWID")

    def get(self, sha256: str, path: Path) -> list[dict] | None:
        row = self.db.execute("SELECT records FROM results WHERE sha256=? AND reader=? AND version=?",
                              (sha256, reader_key(path), self.version)).fetchone()
        return with_path(json.loads(zlib.decompress(row[0])), path) if row else None

    def put(self, sha256: str, path: Path, records: list[dict]) -> None:
        if not keepable(records):
            return
        blob = zlib.compress(json.dumps(records, ensure_ascii=False).encode("utf-8"), 1)
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                        (sha256, reader_key(path), self.version, blob))

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM results WHERE version=?", (self.version,)).fetchone()[0]

    def close(self) -> None:
        self.db.close()
