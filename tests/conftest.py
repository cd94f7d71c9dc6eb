"""Shared helpers: documents are written for the tests, in the genre's forms."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (CI must not pass or fail by luck);
# run `pytest --hypothesis-seed=random`-style exploration by hand to look for new cases.
settings.register_profile("vanban", derandomize=True, deadline=None)
settings.load_profile("vanban")

# Tests keep out of the user's home: derived start-up tables go to a folder of this session
# (subprocesses the tests start inherit it).
os.environ.setdefault("VANBAN_CACHE_HOME", tempfile.mkdtemp(prefix="vanban-test-cache-"))

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


def _fixture_script():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "scripts" / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def make_fixtures():
    """scripts/make_fixtures.py as a module (its source parser and layout constants)."""
    return _fixture_script()


@pytest.fixture(scope="session")
def layouts(tmp_path_factory, make_fixtures) -> dict[str, Path]:
    """The synthetic plan as PDF (ruled, unruled, with a scanned page, scanned only) and DOCX, made once."""
    return make_fixtures.build(tmp_path_factory.mktemp("layouts"))
