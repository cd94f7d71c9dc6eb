"""The tables bundled with vanban, read by name from this folder.

Not through importlib.resources: its import (tempfile, shutil, bz2, lzma,
random …) cost every `vanban extract FILE` a few hundredths of a second
before the file was read, and the package is always installed unpacked.
"""
from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def path(name: str) -> Path:
    return FOLDER / name


def read(name: str) -> str:
    return path(name).read_text("utf-8")
