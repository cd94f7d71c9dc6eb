"""The `vanban` command: run, extract, schema, eval, export, review, gold import."""
from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

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


@contextmanager
def _clear_errors() -> Iterator[None]:
    """Bad input files (broken JSON, a foreign export) end with one plain line, not a traceback."""
    try:
        yield
    except (ValueError, KeyError, TypeError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
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


def main() -> None:  # pragma: no cover
    sys.exit(app())
