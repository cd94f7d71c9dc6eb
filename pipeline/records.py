"""Reading a JSONL file of records one line at a time.

The review site and the exports must handle runs of tens of thousands of
documents, so nothing here ever holds more than one record.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator


def iter_records(path: Path) -> Iterator[dict]:
    """Each record of a `vanban run` output; a line that is not a JSON object raises with its number."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc})") from exc
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{lineno}: not a JSON object")
            yield record


def is_error(record: dict) -> bool:
    return "error" in record
