"""Orchestration: file → ingest → clean → split → segment → extract → records.

Every input file yields at least one line of output (SPEC §1): a document
record per document, or an error record that says what went wrong. A fault
in one file never stops the batch, and no file may run longer than its time
budget.
"""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extractors import citations, deadlines, header, recipients, sections, signer, units
from .clean import clean
from .errors import InputError
from .ingest import ingest
from .lexicon import Lexicon, base_lexicon
from .limits import DEFAULT, SECONDS_PER_FILE, Limits
from .offsets import Repair
from .repair import repair
from .shapes import DOCUMENT, ERROR
from .segment import segment
from .sourcemap import record_fields
from .split import split
from .walk import walk  # noqa: F401  (re-exported: callers import it from here)

Extractor = Callable[..., dict]
EXTRACTORS: tuple[Extractor, ...] = (
    header.extract, sections.extract, citations.extract, recipients.extract, signer.extract, units.extract,
    deadlines.extract)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError after `seconds` (main thread of a POSIX process only)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def _expire(signum, frame):
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def error_record(path: Path, code: str, message: str, sha: str = "", fmt: str = "") -> dict:
    fmt = fmt or path.suffix.lstrip(".").lower() or "unknown"
    return ERROR.build({"source": {"path": str(path), "format": fmt, "sha256": sha},
                        "error": {"code": code, "message": message}})


def extract_document(text: str, context: dict) -> dict:
    doc = segment(text, context)
    fields: dict = {}
    for extractor in EXTRACTORS:
        # Each extractor sees what the ones before it found and adds its own fields.
        fields.update(extractor(doc, dict(fields)))
    return fields


def timeout_record(path: Path, seconds: float) -> dict:
    return error_record(path, "timeout", f"Processing took longer than {seconds:g} s and was stopped; "
                                         "split the file or raise --timeout.")


def process_file(path: Path, seconds: float = SECONDS_PER_FILE, limits: Limits = DEFAULT,
                 lexicon: Lexicon | None = None) -> list[dict]:
    """The records of one file; never raises, whatever the file holds.

    The time limit here is the cooperative one (SIGALRM); a batch worker is
    also killed from outside if even that does not stop it (pipeline/pool.py).
    Repairs are judged by the bundled syllable counts and the file's own clean
    words, never by other files of the batch: a file's record must not depend
    on which files a worker happened to read before it (the cache and the
    output order of parallel runs rely on that).
    """
    try:
        with time_limit(seconds):
            return _process(path, limits, lexicon if lexicon is not None else base_lexicon())
    except InputError as e:
        return [error_record(path, e.code, e.message)]
    except TimeoutError:
        return [timeout_record(path, seconds)]
    except MemoryError:
        return [error_record(path, "too_large", "The file needed more memory than is available.")]
    except Exception as e:  # a bug must cost one file, not the batch
        import traceback  # here only: its import is a cost on every start of `vanban extract`

        where = traceback.extract_tb(e.__traceback__)[-1]
        return [error_record(path, "internal_error",
                             f"vanban failed on this file ({type(e).__name__}: {e} at "
                             f"{os.path.basename(where.filename)}:{where.lineno}); please report it.")]


def _process(path: Path, limits: Limits, lexicon: Lexicon) -> list[dict]:
    ing = ingest(path, limits)
    mapped, repairs = repair(clean(ing.text, ing.format), lexicon, learn=True)
    ranges = split(mapped.text) or [(0, len(mapped.text))]
    records = []
    context: dict = {}
    for part, (a, b) in enumerate(ranges):
        text = mapped.text[a:b]
        fields = extract_document(text, context)
        if fields.get("place"):
            context["place"] = fields["place"]
        records.append(DOCUMENT.build(dict(
            id=f"{ing.sha256[:16]}-{part}",
            source=dict(path=str(path), format=ing.format, sha256=ing.sha256, part=part,
                        parts=len(ranges), encoding=ing.encoding),
            text=text,
            warnings=list(ing.warnings),
            repairs=_repairs_within(repairs, a, b),
            **fields,
            **record_fields(ing.boxes, mapped, a, b),
        )))
    return records


def _repairs_within(repairs: list[Repair], a: int, b: int) -> list[dict]:
    """The repairs of one part, their spans made relative to its text."""
    return [{"before": r.before, "after": r.after, "span": (r.span[0] - a, r.span[1] - a)}
            for r in repairs if a <= r.span[0] and r.span[1] <= b]


def run(inputs: Iterable[Path], out: Path, on_file: Callable[[Path], None] | None = None, **options):
    """Every file under the inputs into one JSONL file; see pipeline/batch.py for the options."""
    from .batch import BatchOptions, run_batch

    return run_batch(inputs, out, BatchOptions(**options),
                     on_result=(lambda path, records: on_file(path)) if on_file else None)
