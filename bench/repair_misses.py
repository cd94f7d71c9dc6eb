"""Where the damaged words that repair misses get lost (a diagnostic, not a score).

Damages the development documents as `bench_corruption.py` does (same seed,
same folds, same damage) and sorts every damaged word by what became of it:

- repaired: a repair with the right before and after;
- removed: the word was in text the cleaner removes from the clean copy too;
- dropped: the damage made the cleaner remove the word;
- not intact: the cleaner did not hand the damaged word over as one token
  (`bi u` from `bi` / `u` across a break);
- not suspect: the token looks like a common, valid syllable;
- no candidate: no candidate is the original word;
- declined: the original word is a candidate, the judge chose none;
- wrong: the judge chose another candidate, or a repair changed it wrongly.

    python bench/repair_misses.py [--rate 0.03] [--seed 4] [--show 30]
"""
from __future__ import annotations

import argparse
import bisect
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corruption import DEV, Damage, _squeeze, drop_letters, fold_lexicon, in_output  # noqa: E402
from pipeline.clean import clean  # noqa: E402
from pipeline.lexicon import Lexicon, count, key  # noqa: E402
from pipeline.repair import IF_RARE, _fix_word, _Judge, _known_syllables, _suspicion, candidates, \
    clean_counts, is_suspect, repair  # noqa: E402

_TOKEN = re.compile(r"[^\W\d_]+")


def token_at(text: str, at: int) -> tuple[int, str]:
    """The word of `text` that holds offset `at` (or starts right after it)."""
    for m in _TOKEN.finditer(text, max(0, at - 40), at + 60):
        if m.start() <= at < m.end() or m.start() >= at:
            return m.start(), m.group()
    return at, ""


def bucket(damage: Damage, cleaned: str, origin, judge: _Judge, background: Lexicon,
           repaired: set[tuple[int, str, str]], kept: bool) -> tuple[str, str]:
    pair = (_squeeze(damage.before), damage.after)
    if any((at, *pair) in repaired for at in range(damage.start, damage.start + len(damage.before))):
        return "repaired", ""
    if not kept:
        return "removed", ""  # in furniture the cleaner drops from the clean copy too
    at = bisect.bisect_left(origin, damage.start)
    if at >= len(cleaned) or origin[at] >= damage.start + len(damage.before):
        return "dropped", damage.before  # the damage made the cleaner drop the word
    start, token = token_at(cleaned, at)
    if token != _squeeze(damage.before):
        around = cleaned[max(0, start - 8):start + len(damage.before) + 8]
        return "not intact", f"{damage.before!r} -> {damage.after}: {around!r}"
    if not is_suspect(token, background) and not (
            _suspicion(token) == IF_RARE and (token.lower() in judge.index or len(token) == 1)):
        return "not suspect", token
    wanted = tuple(key(w) for w in unicodedata.normalize("NFC", damage.after.lower()).split())
    options = candidates(token, judge.index, judge.known)
    if not any(c.key == wanted for c in options):
        return "no candidate", f"{token} -> {damage.after} (have {[' '.join(c.key) for c in options][:5]})"
    fix = _fix_word(cleaned, start, token, judge)
    if fix is None:
        ctx = cleaned[max(0, start - 25):start + len(token) + 25].replace("\n", "/")
        return "declined", f"{token} -> {damage.after} | {ctx}"
    return "wrong", f"{token} -> {fix.after(token)} not {damage.after}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=0.03)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--show", type=int, default=30)
    args = ap.parse_args()
    label = {0.01: "drop 1%", 0.03: "drop 3%", 0.1: "drop 10%"}[args.rate]
    docs = sorted(DEV.glob("dev-*.md"))
    half = len(docs) // 2
    buckets: Counter = Counter()
    examples: dict[str, list[str]] = {}
    made = [0]
    for test, train in [(docs[:half], docs[half:]), (docs[half:], docs[:half])]:
        lexicon = fold_lexicon(train)
        for path in test:
            rng = random.Random(f"{args.seed}:{label}:{path.name}")
            original = unicodedata.normalize("NFC", path.read_text("utf-8"))
            text, damages = drop_letters(original, args.rate, rng)
            kept = set(in_output(original, damages))
            mapped = clean(text, "md")
            background = Lexicon([(a.copy(), b.copy()) for a, b in lexicon.layers])
            fixed, repairs = repair(mapped, lexicon, learn=True)
            done = {(fixed.origin[r.span[0]], _squeeze(r.before), r.after) for r in repairs}
            wanted = Counter((_squeeze(d.before), d.after) for d in damages)
            for r in repairs:
                pair = (_squeeze(r.before), r.after)
                made[0] += 1
                if wanted[pair] > 0:
                    wanted[pair] -= 1
                else:
                    examples.setdefault("wrong repairs", []).append(f"{r.before} -> {r.after}")
            uni, bi = count([mapped.text])
            lex = background.with_layer(clean_counts(uni, bi, background))
            judge = _Judge(lex, background, *_known_syllables(lex), mapped.text.lower(),
                           Counter(_TOKEN.findall(mapped.text)))
            for d in damages:
                name, detail = bucket(d, mapped.text, mapped.origin, judge, background, done, d in kept)
                buckets[name] += 1
                examples.setdefault(name, []).append(detail)
    total = sum(buckets.values())
    bad = len(examples.get("wrong repairs", []))
    print(f"repairs {made[0]}, wrong {bad}, precision {1 - bad / max(made[0], 1):.3f}")
    for name, n in buckets.most_common():
        print(f"{name:<14} {n:>5} {n / total:>6.1%}")
    for name, shown in examples.items():
        if name == "repaired":
            continue
        print(f"\n== {name}")
        for line in Counter(shown).most_common(args.show):
            print(f"  {line[1]:>3}  {line[0]}")


if __name__ == "__main__":
    main()
