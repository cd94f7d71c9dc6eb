"""Export formats for extracted records: each format lives in its own module.

The `vanban export` command looks a format up here and imports its module
only when asked, so a user who never exports to spaCy never pays for
importing it. A module provides `export(records_path: Path, out: Path) -> str`
returning a one-line summary of what it wrote.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

FORMATS: dict[str, str] = {
    # format name → module under pipeline.exports (added by the issues that build them)
    "spacy": "spacy_docbin",
    "label-studio": "label_studio",
    "opensearch": "opensearch",
}


def exporter(name: str) -> Callable[[Path, Path], str]:
    if name not in FORMATS:
        known = ", ".join(sorted(FORMATS)) or "none yet"
        raise KeyError(f"unknown export format {name!r} (known: {known})")
    return importlib.import_module(f"{__name__}.{FORMATS[name]}").export
