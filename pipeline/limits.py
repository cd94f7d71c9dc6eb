"""What one input file may cost, in one place: every bound is on by default and
set from the command line (`vanban run --help`).

A batch runs unattended over folders nobody has checked, so each reader is
given the bound that stops its own way of blowing up: bytes read, pages laid
out, bytes a Word package inflates to (and how far past its own size),
levels of HTML nesting walked. Time is bounded per file by the batch.
"""
from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
# Seconds one file may take (`--timeout`); here rather than in run.py so that the
# CLI can show the default without importing the pipeline.
SECONDS_PER_FILE = 60.0


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * MB        # a file's size on disk → `too_large`
    max_pages: int = 300            # pages of a PDF → `too_many_pages` (a cut would lose the closing block)
    max_inflated: int = 200 * MB    # bytes a DOCX package inflates to → `too_large`
    max_ratio: int = 100            # inflated / compressed size of a DOCX; real ones stay far below it
    max_html_depth: int = 512       # nesting levels of HTML walked; deeper text is kept, its structure is not


DEFAULT = Limits()
