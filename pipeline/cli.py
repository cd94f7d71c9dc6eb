"""The `vanban` command: run, extract, schema, eval, export, index, search."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .evaluate import evaluate
from .models import DocumentRecord, ErrorRecord
from .run import process_file, run as run_batch, walk

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured data from Vietnamese administrative documents.")
err = Console(stderr=True)


@app.command()
def run(inputs: List[Path] = typer.Argument(..., exists=True, help="Files or folders (walked recursively)."),
        out: Path = typer.Option(Path("out/records.jsonl"), "--out", "-o", help="JSONL file to write."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar.")) -> None:
    """Extract every document of every input file into one JSONL file."""
    files = walk(inputs)
    started = time.perf_counter()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet or not err.is_terminal) as progress:
        task = progress.add_task("extracting", total=len(files))
        summary = run_batch(files, out, on_file=lambda p: progress.advance(task))
    elapsed = time.perf_counter() - started
    errors = ", ".join(f"{k}: {v}" for k, v in sorted(summary.errors.items())) or "none"
    typer.echo(f"{summary.files} files, {summary.documents} documents, errors: {errors}; "
               f"{elapsed:.1f} s; written to {out}")


@app.command()
def extract(file: Path = typer.Argument(..., exists=True, dir_okay=False)) -> None:
    """Print the records of one file as JSON."""
    typer.echo(json.dumps(process_file(file), ensure_ascii=False, indent=2))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document record and the error record."""
    typer.echo(json.dumps({"document": DocumentRecord.model_json_schema(),
                           "error": ErrorRecord.model_json_schema()}, ensure_ascii=False, indent=2))


@app.command("eval")
def eval_(gold: Path = typer.Option(..., "--gold", exists=True, file_okay=False, help="Gold folder."),
          pred: Path = typer.Option(..., "--pred", exists=True, dir_okay=False, help="Predictions (JSONL)."),
          json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the scores here.")) -> None:
    """Score predictions against gold (SPEC §3): precision, recall, F1 per field."""
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
