"""Orchestration: file → ingest → clean → split → segment → extract → records.

Every input file yields at least one line of output (SPEC §1): a document
record per document, or an error record that says what went wrong. A fault
in one file never stops the batch, and no file may run longer than its time
budget.
"""
from __future__ import annotations

import json
import os
import signal
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extractors import citations, deadlines, header, recipients, sections, signer, units
from .clean import clean
from .errors import InputError
from .ingest import ingest
from .models import DocumentRecord, ErrorInfo, ErrorRecord, SourceInfo
from .segment import segment
from .sourcemap import record_fields
from .split import split

Extractor = Callable[..., dict]
EXTRACTORS: tuple[Extractor, ...] = (
    header.extract, sections.extract, citations.extract, recipients.extract, signer.extract, units.extract,
    deadlines.extract)
SECONDS_PER_FILE = 60.0


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


def walk(inputs: Iterable[Path]) -> list[Path]:
    """Files under the inputs, sorted, so runs are reproducible."""
    out: list[Path] = []
    for p in inputs:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith(".")))
        else:
            out.append(p)
    return out


def error_record(path: Path, code: str, message: str, sha: str = "", fmt: str = "") -> dict:
    fmt = fmt or path.suffix.lstrip(".").lower() or "unknown"
    rec = ErrorRecord(source=SourceInfo(path=str(path), format=fmt, sha256=sha), error=ErrorInfo(code=code, message=message))
    return rec.model_dump(mode="json")


def extract_document(text: str, context: dict) -> dict:
    doc = segment(text, context)
    fields: dict = {}
    for extractor in EXTRACTORS:
        # Each extractor sees what the ones before it found and adds its own fields.
        fields.update(extractor(doc, dict(fields)))
    return fields


def process_file(path: Path, seconds: float = SECONDS_PER_FILE) -> list[dict]:
    try:
        with time_limit(seconds):
            return _process(path)
    except InputError as e:
        return [error_record(path, e.code, e.message)]
    except TimeoutError:
        return [error_record(path, "timeout", f"Processing took longer than {seconds:g} s and was stopped; "
                                               "split the file or raise --timeout.")]
    except MemoryError:
        return [error_record(path, "too_large", "The file needed more memory than is available.")]
    except Exception as e:  # a bug must cost one file, not the batch
        where = traceback.extract_tb(e.__traceback__)[-1]
        return [error_record(path, "internal_error",
                             f"vanban failed on this file ({type(e).__name__}: {e} at "
                             f"{os.path.basename(where.filename)}:{where.lineno}); please report it.")]


def _process(path: Path) -> list[dict]:
    ing = ingest(path)
    mapped = clean(ing.text, ing.format)
    ranges = split(mapped.text) or [(0, len(mapped.text))]
    records = []
    context: dict = {}
    for part, (a, b) in enumerate(ranges):
        text = mapped.text[a:b]
        fields = extract_document(text, context)
        if fields.get("place"):
            context["place"] = fields["place"]
        record = DocumentRecord(
            id=f"{ing.sha256[:16]}-{part}",
            source=SourceInfo(path=str(path), format=ing.format, sha256=ing.sha256, part=part,
                              parts=len(ranges), encoding=ing.encoding),
            text=text,
            warnings=list(ing.warnings),
            **fields,
            **record_fields(ing.boxes, mapped, a, b),
        )
        records.append(record.model_dump(mode="json"))
    return records


@dataclass
class Summary:
    files: int = 0
    documents: int = 0
    errors: dict[str, int] = field(default_factory=dict)


def run(inputs: Iterable[Path], out: Path, on_file: Callable[[Path], None] | None = None) -> Summary:
    summary = Summary()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for path in walk(inputs):
            records = process_file(path)
            summary.files += 1
            for rec in records:
                if "error" in rec:
                    code = rec["error"]["code"]
                    summary.errors[code] = summary.errors.get(code, 0) + 1
                else:
                    summary.documents += 1
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if on_file:
                on_file(path)
    return summary
