"""Pages per second of the PDF route, as a ratio to raw pdfplumber on the same files.

The baseline is what any pdfplumber user pays at least: open the file and
call `extract_text` on every page. The PDF route (`pipeline.pdf.read_pdf`:
words, ruled tables, column blocks, furniture, paragraphs) and the whole
pipeline on the same files are timed back to back with it, round after
round, and the ratio of medians is reported (goal for the route: ≤ 1.5×).
Other converters (docling, unstructured) are timed too when they are
importable; neither is a dependency of vanban.

    python bench/bench_pdf.py [PDF or FOLDER ...] [--rounds N]

Without inputs it makes the synthetic PDFs of scripts/make_fixtures.py in a
temporary folder (text-layer ones only: OCR would time Tesseract instead).
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
from pathlib import Path

import pdfplumber

from pipeline.pdf import read_pdf
from pipeline.run import process_file, walk
from timing import timed  # bench/timing.py, beside this script

ROOT = Path(__file__).resolve().parents[1]


def fixtures(outdir: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "scripts" / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    built = module.build(outdir)
    needs_ocr = {"pdf_mixed", "pdf_scanned", "pdf_rasterised", "letter_unmapped"}
    return [p for role, p in built.items() if p.suffix == ".pdf" and role not in needs_ocr]


def raw_pdfplumber(files: list[Path]) -> int:
    chars = 0
    for f in files:
        with pdfplumber.open(f) as pdf:
            chars += sum(len(p.extract_text() or "") for p in pdf.pages)
    return chars


def pdf_route(files: list[Path]) -> int:
    return sum(len(read_pdf(f.read_bytes()).text) for f in files)


def whole_pipeline(files: list[Path]) -> int:
    return sum(len(process_file(f)) for f in files)


def optional_converters() -> dict:
    out = {}
    if importlib.util.find_spec("docling"):
        from docling.document_converter import DocumentConverter

        conv = DocumentConverter()
        out["docling"] = lambda files: sum(len(conv.convert(str(f)).document.export_to_text()) for f in files)
    if importlib.util.find_spec("unstructured"):
        from unstructured.partition.pdf import partition_pdf

        out["unstructured (fast)"] = lambda files: sum(len(partition_pdf(str(f), strategy="fast")) for f in files)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = ([f for f in walk(args.inputs) if f.suffix.lower() == ".pdf"] if args.inputs
                 else fixtures(Path(tmp)))
        pages = 0
        for f in files:
            with pdfplumber.open(f) as pdf:
                pages += len(pdf.pages)
        contenders = {"pdf route": pdf_route, "whole pipeline": whole_pipeline, **optional_converters()}
        for fn in (raw_pdfplumber, *contenders.values()):
            fn(files)  # warm-up: imports, fonts, regexes
        times: dict[str, list[float]] = {"raw": [], **{k: [] for k in contenders}}
        for _ in range(args.rounds):
            times["raw"].append(timed(raw_pdfplumber, files))
            for name, fn in contenders.items():
                times[name].append(timed(fn, files))
    base = statistics.median(times["raw"])
    print(f"{len(files)} PDFs, {pages} pages, {args.rounds} rounds")
    print(f"pdfplumber extract_text  median {base * 1000:8.1f} ms  {pages / base:7.1f} pages/s")
    for name in contenders:
        t = statistics.median(times[name])
        print(f"{name:24} median {t * 1000:8.1f} ms  {pages / t:7.1f} pages/s  = {t / base:.2f} x pdfplumber")
    missing = [n for n in ("docling", "unstructured") if not importlib.util.find_spec(n)]
    if missing:
        print("not installed, not timed: " + ", ".join(missing))


if __name__ == "__main__":
    main()
