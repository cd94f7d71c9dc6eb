"""The `vanban` command: run, extract, schema, eval, export, index, search, review, gold import.

Each command imports what it needs inside its own body: `vanban extract FILE`
is run once per file by scripts and editors, so its start-up must not pay for
the scorer, the batch engine, rich's console or the search index (checked by
tests/test_cold_start.py; measured by bench/bench_peers.py).
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, List, Optional

import typer

from .limits import DEFAULT as LIMITS, SECONDS_PER_FILE, Limits

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured data from Vietnamese administrative documents.")


@lru_cache(maxsize=1)
def _err() -> "Console":
    """The stderr console (progress bar, plain error lines), made on first use."""
    from rich.console import Console

    return Console(stderr=True)


# `vanban run` exit status: 0 every file gave documents; 3 the run finished but some
# files are error records (the output holds them); 1 or 2 the run itself failed.
EXIT_FINISHED_WITH_ERRORS = 3


@app.command()
def run(inputs: List[Path] = typer.Argument(..., exists=True, help="Files or folders (walked recursively)."),
        out: Path = typer.Option(Path("out/records.jsonl"), "--out", "-o", help="JSONL file to write."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        workers: int = typer.Option(0, "--workers", "-w", min=0, help="Worker processes (0: one per core)."),
        timeout: float = typer.Option(SECONDS_PER_FILE, "--timeout", min=0.1, help="Seconds per file."),
        max_bytes: int = typer.Option(LIMITS.max_bytes, "--max-bytes", min=1, help="Larger files become too_large."),
        max_pages: int = typer.Option(LIMITS.max_pages, "--max-pages", min=1,
                                      help="PDFs with more pages become too_many_pages."),
        max_inflated: int = typer.Option(LIMITS.max_inflated, "--max-inflated", min=1,
                                         help="Bytes a DOCX may inflate to; more is too_large (zip bomb)."),
        max_ratio: int = typer.Option(LIMITS.max_ratio, "--max-ratio", min=1,
                                      help="Inflated / compressed size a DOCX may reach; more is too_large."),
        max_html_depth: int = typer.Option(LIMITS.max_html_depth, "--max-html-depth", min=1,
                                           help="HTML nesting walked; deeper text is kept without its structure."),
        cache: Optional[Path] = typer.Option(None, "--cache", file_okay=False,
                                             help="Result cache folder (default: .vanban-cache beside --out)."),
        no_cache: bool = typer.Option(False, "--no-cache", help="Process every file, keep no results."),
        engine: str = typer.Option("local", "--engine", help="local (worker processes) or dask."),
        dask_address: Optional[str] = typer.Option(None, "--dask-address",
                                                   help="Scheduler of a running Dask cluster (default: a local one)."),
        summary_out: Optional[Path] = typer.Option(None, "--summary", dir_okay=False,
                                                   help="Also write the summary here (JSON).")) -> None:
    """Extract every document of every input file into one JSONL file."""
    import importlib.util

    from .batch import BatchOptions, run_batch
    from .cache import DEFAULT_DIR_NAME as DEFAULT_CACHE_DIR
    from .progress import batch_progress

    if engine not in ("local", "dask"):
        raise typer.BadParameter("use 'local' or 'dask'", param_hint="--engine")
    if engine == "dask" and importlib.util.find_spec("distributed") is None:
        raise typer.BadParameter("needs Dask: pip install 'vanban[dask]'", param_hint="--engine")
    limits = Limits(max_bytes=max_bytes, max_pages=max_pages, max_inflated=max_inflated, max_ratio=max_ratio,
                    max_html_depth=max_html_depth)
    options = BatchOptions(workers=workers, seconds=timeout, limits=limits, engine=engine,
                           address=dask_address,
                           cache_dir=None if no_cache else cache or out.parent / DEFAULT_CACHE_DIR)
    err = _err()
    with batch_progress(inputs, err, enabled=not quiet and err.is_terminal) as on_result:
        summary = run_batch(inputs, out, options, on_result=on_result)
    errors = ", ".join(f"{k}: {v}" for k, v in sorted(summary.errors.items())) or "none"
    typer.echo(f"{summary.files} files ({summary.cached} unchanged, from the cache), {summary.documents} documents, "
               f"errors: {errors}; {summary.seconds:.1f} s on {summary.workers} {engine} workers; written to {out}")
    if summary_out:
        summary_out.parent.mkdir(parents=True, exist_ok=True)
        summary_out.write_text(json.dumps(summary.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    if summary.errors:
        raise typer.Exit(EXIT_FINISHED_WITH_ERRORS)


@app.command()
def extract(file: Path = typer.Argument(..., exists=True, dir_okay=False)) -> None:
    """Print the records of one file as JSON."""
    from .entry import extract_json  # `vanban extract FILE` itself is answered there, before typer loads

    typer.echo(extract_json(file))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document record and the error record."""
    from .models import DocumentRecord, ErrorRecord

    typer.echo(json.dumps({"document": DocumentRecord.model_json_schema(),
                           "error": ErrorRecord.model_json_schema()}, ensure_ascii=False, indent=2))


@app.command("eval")
def eval_(gold: Path = typer.Option(..., "--gold", exists=True, file_okay=False, help="Gold folder."),
          pred: Path = typer.Option(..., "--pred", exists=True, dir_okay=False, help="Predictions (JSONL)."),
          json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the scores here.")) -> None:
    """Score predictions against gold (SPEC §3): precision, recall, F1 per field."""
    from .evaluate import evaluate

    report = evaluate(gold, pred)
    typer.echo(report.format_table())
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")


@app.command()
def export(records: Path = typer.Argument(..., exists=True, dir_okay=False, help="Records (JSONL) from `vanban run`."),
           fmt: str = typer.Option(..., "--format", "-f", help="Export format."),
           out: Path = typer.Option(..., "--out", "-o", help="File or folder to write.")) -> None:
    """Write the records in another tool's format."""
    from .exports import exporter

    try:
        write = exporter(fmt)
    except KeyError as e:
        raise typer.BadParameter(str(e.args[0]), param_hint="--format")
    typer.echo(write(records, out))


@contextmanager
def _clear_errors() -> Iterator[None]:
    """Bad input files (broken JSON, a foreign export) end with one plain line, not a traceback."""
    try:
        yield
    except (ValueError, KeyError, TypeError) as exc:
        _err().print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1)


@app.command()
def review(records: Path = typer.Argument(..., exists=True, dir_okay=False, help="Records (JSONL) from `vanban run`."),
           out: Path = typer.Option(..., "--out", "-o", file_okay=False, help="Folder to write the site to."),
           gold: Optional[Path] = typer.Option(None, "--gold", exists=True, file_okay=False,
                                               help="Gold folder: mark each value correct, missed or spurious.")) -> None:
    """Write a static review site: an index of every record and a page per document."""
    from .review import write_site

    with _clear_errors():
        typer.echo(write_site(records, out, gold).line(out))


gold_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Gold annotations.")
app.add_typer(gold_app, name="gold")


@gold_app.command("import")
def gold_import(export_file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                                   help="Label Studio JSON export of corrected tasks."),
                out: Path = typer.Option(..., "--out", "-o", file_okay=False, help="Gold folder to write.")) -> None:
    """Turn a corrected Label Studio export into SPEC §2 gold files."""
    from .gold_import import import_export

    with _clear_errors():
        typer.echo(import_export(export_file, out))


@app.command("index")
def index_(records: Path = typer.Argument(..., exists=True, dir_okay=False, help="Records (JSONL) from `vanban run`."),
           db: Path = typer.Option(Path("out/index.sqlite"), "--db", help="SQLite file, created or updated."),
           jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes segmenting words.")) -> None:
    """Build or update (upsert by record id) the SQLite search index."""
    from .index import NotAnIndex, index_file

    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        summary = index_file(records, db, jobs)
    except NotAnIndex as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2)
    for problem in summary.bad_lines:
        typer.echo(f"skipped {problem}", err=True)
    typer.echo(summary.line(db))


@app.command("search")
def search_(query: Optional[str] = typer.Argument(None, help="Words; \"quoted\" parts are phrases; accents optional."),
            db: Path = typer.Option(Path("out/index.sqlite"), "--db", help="Index built by `vanban index`."),
            issuer: Optional[str] = typer.Option(None, "--issuer", help="Issuing body, as in the issuer facet."),
            doc_type: Optional[str] = typer.Option(None, "--type", help="Document type, e.g. \"Kế hoạch\"."),
            year: Optional[int] = typer.Option(None, "--year"),
            cites: Optional[str] = typer.Option(
                None, "--cites", help="Cited number (91/2017/NĐ-CP) or law by name (Luật Thi đua, Khen thưởng)."),
            unit: Optional[str] = typer.Option(None, "--unit", help="Responsible unit (name or part of one)."),
            due_before: Optional[str] = typer.Option(None, "--due-before", help="Deadline ends on or before."),
            due_after: Optional[str] = typer.Option(None, "--due-after", help="Deadline ends on or after."),
            limit: int = typer.Option(10, "--limit", "-n", min=1, help="Hits shown (facets count all)."),
            as_json: bool = typer.Option(False, "--json", help="Print the result as JSON.")) -> None:
    """Search the index: BM25-ranked hits with snippets, facets, structured filters."""
    from .index import NotAnIndex
    from .search import Query, format_text, search

    q = Query(query, issuer, doc_type, year, cites, unit, due_before, due_after, limit)
    try:
        result = search(db, q)
    except (FileNotFoundError, NotAnIndex) as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2)
    except ValueError as e:
        raise typer.BadParameter(str(e))
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else format_text(result))


def main() -> None:  # pragma: no cover
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
