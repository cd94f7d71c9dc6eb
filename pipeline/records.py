"""Reading a JSONL file of records one line at a time.

The review site and the exports must handle runs of tens of thousands of
documents, so nothing here ever holds more than one record.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterator


def iter_records(path: Path, on_bad: Callable[[int, str], None] | None = None) -> Iterator[dict]:
    """Each record of a `vanban run` output. A line that is not a JSON object raises with its
    number, or, given `on_bad(line number, reason)`, is reported there and skipped."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problem = f"not valid JSON ({exc.msg})"
            else:
                if isinstance(record, dict):
                    yield record
                    continue
                problem = "not a JSON object"
            if on_bad is None:
                raise ValueError(f"{path}:{lineno}: {problem}")
            on_bad(lineno, problem)


def is_error(record: dict) -> bool:
    return "error" in record
