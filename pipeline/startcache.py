"""Tables derived from installed files, kept between starts of vanban.

`vanban extract FILE` is a new process every time. A table that takes a
tenth of a second to derive from a file that does not change between runs
(the dictionary pairs of underthesea's word list) is derived once and kept as
plain text, one entry a line, in the user's cache folder. Its name holds a
hash of the source file's path, size and modification time and of the source
code that derives it, so a new word list or a change to that code derives it
again. Nothing is downloaded; a folder that cannot be written only means the
table is derived on every start.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable


def cache_folder() -> Path:
    """$VANBAN_CACHE_HOME, else $XDG_CACHE_HOME/vanban, else ~/.cache/vanban."""
    if os.environ.get("VANBAN_CACHE_HOME"):
        return Path(os.environ["VANBAN_CACHE_HOME"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vanban"


def derived_lines(name: str, source: Path, code: Iterable[Path], derive: Callable[[], Iterable[str]]) -> list[str]:
    """The lines `derive()` gives for `source`, read back from the cache when
    neither the source nor the deriving `code` changed since they were kept."""
    h = hashlib.blake2b(digest_size=12)
    stat = source.stat()
    h.update(f"{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for f in code:
        h.update(f.read_bytes() + b"\0")
    try:
        kept = cache_folder() / f"{name}-{h.hexdigest()}.txt"
    except (RuntimeError, KeyError):  # no home folder to be found: nothing is kept
        return list(derive())
    try:
        text = kept.read_text("utf-8")
        if text.endswith("\n"):  # else cut short by hand: derived again
            return text.split("\n")[:-1]
    except (OSError, UnicodeDecodeError):
        pass
    lines = list(derive())
    _write(kept, lines)
    return lines


def _write(path: Path, lines: list[str]) -> None:
    """Whole or not at all (a temporary file renamed), so a reader never sees half a table."""
    import tempfile  # only on the first start: its import costs more than reading the table

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("".join(line + "\n" for line in lines))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only home: derived again next time
