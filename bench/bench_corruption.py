"""How well vanban survives the damage real files carry, on documents with gold.

Clean documents are damaged with a fixed random seed, the way seed 000 and
old files are damaged: letters with diacritics dropped from 1 %, 3 % and 10 %
of syllables (sometimes taking the following space with them, sometimes
leaving a line break), lines broken mid-sentence, whole files re-encoded in
TCVN3 and VNI-Windows (and TCVN3 shown as Latin letters and saved as UTF-8,
as web pages typed in ABC fonts are). Each damaged copy goes through the pipeline and we
print repair precision and recall, repairs made to undamaged copies (must be
zero), and extraction F1 on damaged copies against F1 on the clean ones.
Recall counts the damaged words the cleaned text still holds: one in furniture
the cleaner removes (a portal's abstract, a flattened copy of the header) is
in no record; recall over all damaged words is printed beside it.

The syllable table is learnt by two-fold cross-validation: the development
documents are split in two halves, each half is damaged and run with counts
learnt from the seed corpus and the other half only, so no document is
repaired with counts of its own clean text.

    python bench/bench_corruption.py [--seed N]
"""
from __future__ import annotations

import argparse
import bisect
import random
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Callable, NamedTuple

from pipeline.clean import clean
from pipeline.encodings import ENCODERS
from pipeline.evaluate import Counts, _place_parts, load_gold, score
from pipeline.lexicon import Lexicon
from pipeline.repair import learn_table
from pipeline.run import process_file

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
GOLD = ROOT / "gold" / "dev"
# The letters seed 000 loses are precomposed letters of the Latin Extended
# Additional block (ụ ầ ừ ở ằ ố ỉ …), the Vietnamese letters a broken font maps.
DROPPABLE = frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))
_WORD = re.compile(r"[^\W\d_]+")



class Damage(NamedTuple):
    """One damaged word: what the damaged text holds (a line break included), what it
    was, where it is in the damaged text and where it was in the clean one."""
    before: str
    after: str
    start: int
    source: int


def _squeeze(text: str) -> str:
    """A token without its white space: a repair of `bi u` (joined across a break) is one of `bi\nu`."""
    return "".join(text.split())


def drop_letters(text: str, rate: float, rng: random.Random) -> tuple[str, list[Damage]]:
    """Drop one droppable letter from `rate` of all syllables (those that have one)."""
    words = list(_WORD.finditer(text))
    eligible = [m for m in words if any(c in DROPPABLE for c in m.group())]
    chosen = sorted(rng.sample(eligible, min(len(eligible), round(rate * len(words)))), key=lambda m: m.start())
    out: list[str] = []
    damages: list[Damage] = []
    pos = length = 0  # where the input and the damaged text have got to
    for m in chosen:
        if m.start() < pos:
            continue
        word = m.group()
        at = next(i for i, c in enumerate(word) if c in DROPPABLE)
        end = m.end()
        roll = rng.random()
        if at == len(word) - 1 and text[end:end + 1] == " " and roll < 0.25:
            nxt = _WORD.match(text, end + 1)  # the space goes too: `tố cáo` → `tcáo`
            if nxt:
                damaged = word[:at] + nxt.group()
                length += m.start() - pos
                out.append(text[pos:m.start()] + damaged)
                damages.append(Damage(damaged, word + " " + nxt.group(), length, m.start()))
                length += len(damaged)
                pos = nxt.end()
                continue
        gap = "\n" if 0 < at < len(word) - 1 and roll > 0.8 else ""  # `t\nnh`: a break where it was
        damaged = word[:at] + gap + word[at + 1:]
        length += m.start() - pos
        out.append(text[pos:m.start()] + damaged)
        damages.append(Damage(damaged, word, length, m.start()))
        length += len(damaged)
        pos = end
    out.append(text[pos:])
    return "".join(out), damages


def in_output(clean_text: str, damages: list[Damage], fmt: str = "md") -> list[Damage]:
    """The damages to words the cleaner keeps of the undamaged document: a word inside
    furniture it removes (a portal's abstract, a flattened copy of the header) is in
    no record, so no repair can show. (Judged on the undamaged copy, so that damage
    that makes the cleaner drop text counts against us.)
    """
    origin = clean(clean_text, fmt).origin
    kept = []
    for d in damages:
        at = bisect.bisect_left(origin, d.source)
        if at < len(origin) - 1 and origin[at] < d.source + len(d.after):
            kept.append(d)
    return kept


def split_lines(text: str, rng: random.Random, share: float = 0.3) -> str:
    """Break `share` of the long lines at a space near their middle."""
    lines = []
    for line in text.split("\n"):
        spaces = [i for i, c in enumerate(line) if c == " " and len(line) // 3 < i < 2 * len(line) // 3]
        if len(line) > 60 and spaces and rng.random() < share:
            i = rng.choice(spaces)
            line = line[:i] + "\n" + line[i + 1:]
        lines.append(line)
    return "\n".join(lines)


def run_copies(files: dict[str, bytes], lexicon: Lexicon) -> dict[str, list[dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = {}
        for name, data in files.items():
            path = Path(tmp) / name
            path.write_bytes(data)
            out[name] = process_file(path, lexicon=lexicon)
        return out


def micro_f1(records: dict[str, list[dict]], gold: dict[str, list[dict]]) -> float:
    pred = {name: _place_parts([r for r in recs if "error" not in r]) for name, recs in records.items()}
    report = score({n: g for n, g in gold.items() if n in records}, pred)
    total = sum(report.counts.values(), Counts())
    return total.f1


def repair_scores(records: dict[str, list[dict]], damages: dict[str, list[Damage]]) -> tuple[int, int, int]:
    """(right repairs, all repairs, damaged words) by matching (before, after) pairs."""
    right = made = wanted = 0
    for name, recs in records.items():
        open_damage = Counter((_squeeze(d.before), d.after) for d in damages.get(name, []))
        wanted += sum(open_damage.values())
        for rec in recs:
            for rep in rec.get("repairs", []):
                made += 1
                pair = (_squeeze(rep["before"]), rep["after"])
                if open_damage[pair] > 0:
                    open_damage[pair] -= 1
                    right += 1
    return right, made, wanted


def fold_lexicon(train: list[Path]) -> Lexicon:
    seeds = sorted((ROOT / "corpus").glob("*.txt"))
    texts = [unicodedata.normalize("NFC", p.read_text("utf-8")) for p in seeds + train]
    uni, bi = learn_table(texts)  # as scripts/build_syllable_freq.py builds the bundled table
    uni = Counter({k: n for k, n in uni.items() if n >= 2})
    bi = Counter({k: n for k, n in bi.items() if n >= 2})
    return Lexicon([(uni, bi), (Counter(), Counter())])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    docs = sorted(DEV.glob("dev-*.md"))
    gold = load_gold(GOLD)
    half = len(docs) // 2
    folds = [(docs[:half], docs[half:]), (docs[half:], docs[:half])]
    conditions: dict[str, Callable[[str, random.Random], tuple[bytes, list[Damage]]]] = {
        "clean": lambda t, r: (t.encode("utf-8"), []),
        "drop 1%": lambda t, r: _encoded(drop_letters(t, 0.01, r)),
        "drop 3%": lambda t, r: _encoded(drop_letters(t, 0.03, r)),
        "drop 10%": lambda t, r: _encoded(drop_letters(t, 0.10, r)),
        "split lines": lambda t, r: (split_lines(t, r).encode("utf-8"), []),
        "TCVN3": lambda t, r: (ENCODERS["tcvn3"](t), []),
        "VNI": lambda t, r: (ENCODERS["vni-windows"](t), []),
        "TCVN3 as UTF-8": lambda t, r: (ENCODERS["tcvn3"](t).decode("cp1252").encode("utf-8"), []),
    }
    rows = []
    clean_f1 = None
    for label, damage in conditions.items():
        records: dict[str, list[dict]] = {}
        damages: dict[str, list[Damage]] = {}
        kept: dict[str, list[Damage]] = {}
        for test, train in folds:
            lexicon = fold_lexicon(train)
            files = {}
            for path in test:
                rng = random.Random(f"{args.seed}:{label}:{path.name}")
                text = unicodedata.normalize("NFC", path.read_text("utf-8"))
                data, hurt = damage(text, rng)
                files[path.name], damages[path.name] = data, hurt
                kept[path.name] = in_output(text, hurt) if hurt else hurt
            records.update(run_copies(files, lexicon))
        # A repair is right if it undoes any damage (also in text the cleaner drops from the
        # undamaged copy but keeps from the damaged one); recall is of the damaged words it keeps.
        right, made, every = repair_scores(records, damages)
        found, _, wanted = repair_scores(records, kept)
        removed = every - wanted
        f1 = micro_f1(records, gold)
        clean_f1 = f1 if label == "clean" else clean_f1
        errors = sum(1 for recs in records.values() for r in recs if "error" in r)
        rows.append((label, wanted, removed, made, right, found, f1, errors))
    print(f"{len(docs)} development documents, two folds, seed {args.seed}")
    print(f"{'damage':<14} {'damaged':>7} {'removed':>7} {'repairs':>7} {'right':>6} {'precision':>9} "
          f"{'recall':>6} {'of all':>6} {'F1':>6} {'F1/clean':>8} {'errors':>6}")
    for label, wanted, removed, made, right, found, f1, errors in rows:
        precision = right / made if made else 1.0
        recall = found / wanted if wanted else float("nan")
        of_all = right / (wanted + removed) if wanted + removed else float("nan")
        print(f"{label:<14} {wanted:>7} {removed:>7} {made:>7} {right:>6} {precision:>9.3f} {recall:>6.3f} "
              f"{of_all:>6.3f} {f1:>6.3f} {f1 / clean_f1:>8.3f} {errors:>6}")
    print("damaged: damaged words the cleaner keeps; removed: damaged words in furniture it drops from the\n"
          "undamaged copy (in no record); right: repairs that undo a damage; recall: of the damaged words\n"
          "kept, 'of all': right repairs of all damaged words.\n"
          "repairs made to undamaged copies (clean, split lines and encoding rows): must be 0")


def _encoded(result: tuple[str, list[Damage]]) -> tuple[bytes, list[Damage]]:
    text, damages = result
    return text.encode("utf-8"), damages


if __name__ == "__main__":
    main()
