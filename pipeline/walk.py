"""Which files a run reads, in the order their records are written.

The order is that of `sorted(paths)` (component by component), produced
lazily: each folder's entries are sorted and visited depth first, which is the
same order, so a folder of a million files is never held in memory as a list.
Symlinked folders are not entered (a link back to a parent would loop forever);
hidden files and folders (`.git`, the result cache) are skipped.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator


def _visible(name: str) -> bool:
    return not name.startswith(".")


def _walk_folder(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return  # unreadable folder: nothing in it can be listed, let alone read
    for entry in entries:
        if not _visible(entry.name):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk_folder(Path(entry.path))
            elif entry.is_file() or (entry.is_symlink() and not entry.is_dir()):
                yield Path(entry.path)  # a broken link is listed too: its record says it cannot be read
        except OSError:
            continue


def roots(inputs: Iterable[Path]) -> list[Path]:
    """The inputs sorted, without repeats or inputs that lie inside another input folder."""
    kept: list[Path] = []
    for p in sorted(set(map(Path, inputs))):
        if not any(k.is_dir() and k in p.parents for k in kept):
            kept.append(p)
    return kept


def iter_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """Every file under the inputs, once each, in path order."""
    for p in roots(inputs):
        if p.is_dir():
            yield from _walk_folder(p)
        else:
            yield p


def count_files(inputs: Iterable[Path]) -> int:
    return sum(1 for _ in iter_files(inputs))


def walk(inputs: Iterable[Path]) -> list[Path]:
    """`iter_files` as a list, for callers that want the whole list."""
    return list(iter_files(inputs))
