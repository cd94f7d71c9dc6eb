"""`vanban review`: a static site for checking extractions by eye.

The site is written while the records are read, one record at a time: each
document's page goes out at once and its index row is appended to a data
file the index page loads, so memory stays flat however long the run.
Nothing is fetched at view time: the style sheet and script are our own
files, copied beside the pages, and the data file is a script (browsers do
not let file:// pages fetch JSON).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TextIO

from pipeline.evaluate import Verdict, document_f1, judge_document, load_gold, source_name
from pipeline.records import iter_records, is_error

from .index import index_page, index_row
from .markup import script_json
from .page import document_page

ASSETS = ("review.css", "review.js")


@dataclass
class SiteSummary:
    documents: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    scored: int = 0

    def line(self, out: Path) -> str:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        scored = f", {self.scored} scored against gold" if self.scored else ""
        return f"{self.documents} documents, errors: {errors}{scored}; open {out / 'index.html'}"


class _GoldLookup:
    """Gold documents by (source file name, part); None when the file has no gold."""

    def __init__(self, gold_dir: Path | None):
        self.gold = load_gold(gold_dir) if gold_dir else None

    def verdicts(self, record: dict) -> list[Verdict] | None:
        if self.gold is None:
            return None
        source = record.get("source") or {}
        docs = self.gold.get(source_name(source.get("path")))
        if docs is None:
            return None
        if is_error(record):  # the file's gold is all missed, as in `vanban eval`
            return judge_document(docs[0], None) if docs else None
        part = int(source.get("part") or 0)
        # A part the annotators did not find is scored against empty gold, as `vanban eval` does.
        return judge_document(docs[part] if part < len(docs) else None, record)


def _copy_assets(out: Path) -> None:
    (out / "assets").mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        data = resources.files(__package__).joinpath("assets", name).read_bytes()
        (out / "assets" / name).write_bytes(data)


def _write_row(fh: TextIO, row: dict, first: bool) -> None:
    fh.write(("" if first else ",\n") + script_json(row))


def write_site(records_path: Path, out: Path, gold_dir: Path | None = None) -> SiteSummary:
    out = Path(out)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    _copy_assets(out)
    gold = _GoldLookup(gold_dir)
    summary = SiteSummary()
    with open(out / "index-data.js", "w", encoding="utf-8") as data:
        data.write("window.VANBAN_ROWS = [\n")
        for n, record in enumerate(iter_records(records_path), 1):
            verdicts = gold.verdicts(record)
            f1 = document_f1(verdicts) if verdicts is not None else None
            page = None
            if is_error(record):
                code = str((record.get("error") or {}).get("code"))
                summary.errors[code] = summary.errors.get(code, 0) + 1
            else:
                summary.documents += 1
                page = f"docs/{n:06d}.html"
                (out / page).write_text(document_page(record, verdicts, f1), encoding="utf-8")
            summary.scored += verdicts is not None
            _write_row(data, index_row(n, record, page, f1), first=n == 1)
        data.write("\n];\n")
    (out / "index.html").write_text(index_page(gold_dir is not None), encoding="utf-8")
    return summary
