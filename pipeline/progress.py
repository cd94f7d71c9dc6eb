"""The progress bar of `vanban run`: files done of all, documents per second, time left.

Kept out of the batch so the batch stays a function of files to records; the
bar only listens to results as they are written. Counting the files first
costs one extra listing of the folders, which is what makes "time left"
possible; it is skipped when the bar is off.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from .walk import count_files


class DocsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.fields.get("docs", 0) / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.1f} docs/s", style="progress.data.speed")


@contextmanager
def batch_progress(inputs: Iterable[Path], console: Console, enabled: bool) -> Iterator:
    """Yields the `on_result` callback for `run_batch`."""
    if not enabled:
        yield None
        return
    inputs = list(inputs)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), DocsPerSecond(),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("extracting", total=count_files(inputs), docs=0)
        docs = 0

        def on_result(path: Path, records: list[dict]) -> None:
            nonlocal docs
            docs += sum("error" not in r for r in records)
            progress.update(task, advance=1, docs=docs)

        yield on_result
