"""Shared helpers: documents are written for the tests, in the genre's forms."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.run import extract_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def extract(text: str, context: dict | None = None) -> dict:
    """Fields of one already-clean document text."""
    return extract_document(text, dict(context or {}))


@pytest.fixture
def root() -> Path:
    return ROOT
