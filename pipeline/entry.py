"""The `vanban` executable: `vanban extract FILE` answered before typer is imported.

`vanban extract FILE` is run once per file by scripts and editors, so its
start-up is paid again and again; typer alone, which coerces every argument
through pydantic, and rich cost about a third of a second before the file is
read. The plain form (`extract` and one readable file) is answered here, with
the typer command's output; every other command line, `--help`, an option, a
missing file, goes to the typer app of pipeline/cli.py untouched, so that its
messages and exit codes stay typer's.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def extract_json(file: Path) -> str:
    """What `vanban extract FILE` prints: the file's records as indented JSON."""
    from .run import process_file

    return json.dumps(process_file(file), ensure_ascii=False, indent=2)


def plain_extract(args: list[str]) -> Path | None:
    """The file of `extract FILE` when typer would accept it as it is (an existing,
    readable file, not a directory, no option), else None."""
    if len(args) != 2 or args[0] != "extract" or args[1].startswith("-"):
        return None
    file = Path(args[1])
    return file if file.is_file() and os.access(file, os.R_OK) else None


def answer(args: list[str]) -> bool:
    """Print what `vanban ARGS` prints when it is the plain `extract FILE`; False for any other command line."""
    file = plain_extract(args)
    if file is None:
        return False
    sys.stdout.write(extract_json(file) + "\n")
    return True


def main() -> None:
    if answer(sys.argv[1:]):
        # The process ends without tearing the interpreter down: freeing the
        # tables one object at a time (96,000 word pairs, the syllable counts,
        # the caches) cost a tenth of the start. Nothing on this path registers
        # an exit handler, and the output is flushed first.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    from .cli import app

    sys.exit(app())
