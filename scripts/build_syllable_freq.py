"""Build pipeline/data/syllable_freq.tsv: syllable and bigram counts of our own texts.

The repair stage needs to know which spellings are common; this counts the
valid syllables of the seed corpus and of the development documents, read in
place (their text is not copied: only counts of syllables and syllable pairs
that occur at least twice are written). Re-run after adding documents:

    python scripts/build_syllable_freq.py [FOLDER ...]
"""
from __future__ import annotations

import argparse
import unicodedata
from pathlib import Path

from pipeline.lexicon import TABLE, dump
from pipeline.repair import learn_table

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "corpus", ROOT.parent / "shared" / "dev"]


def texts(folders: list[Path]):
    for folder in folders:
        for path in sorted(folder.glob("*")):
            if path.suffix in (".txt", ".md") and path.name.lower() != "readme.md":
                yield unicodedata.normalize("NFC", path.read_text("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--out", type=Path, default=ROOT / "pipeline" / "data" / TABLE)
    args = ap.parse_args()
    sources = list(texts([f for f in args.folders if f.is_dir()]))
    uni, bi = learn_table(sources)
    args.out.write_text(dump(uni, bi), "utf-8")
    print(f"{sum(uni.values())} syllables, {len(uni)} distinct, {len(bi)} distinct bigrams -> {args.out}")


if __name__ == "__main__":
    main()
