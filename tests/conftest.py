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


@pytest.fixture(scope="session")
def seed_records(tmp_path_factory) -> Path:
    """The pipeline's records of the bundled seed corpus, run once per session."""
    from pipeline.run import run, walk

    out = tmp_path_factory.mktemp("seed") / "records.jsonl"
    run(walk([ROOT / "corpus"]), out)
    return out
