"""Syllable and syllable-bigram counts of clean Vietnamese text.

The repair stage chooses between candidate spellings by how often each
occurs, alone and next to its neighbours, in text known to be clean. Counts
come in layers: a table bundled with vanban (built by
`scripts/build_syllable_freq.py` from our own texts), the batch being run and
the document itself; a layer counts only tokens that are valid syllables, so
damaged words never teach the model their damage.

Keys are lower case in the new tone style (`textnorm.new_style_tones`), so
`hoà` and `hòa` count as one syllable whatever style the author used.
"""
from __future__ import annotations

import importlib.util
import re
from collections import Counter
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from . import data, syllables, textnorm
from .startcache import derived_lines
from .syllables import is_syllable
from .textnorm import new_style_tones

TABLE = "syllable_freq.tsv"
# The word list underthesea (a declared dependency) installs with itself:
# Viet74K, about 74 000 Vietnamese words and phrases, one a line. It is read in
# place, never copied into vanban; only which syllables stand side by side in
# one word is used.
WORD_LIST = ("corpus", "data", "Viet74K.txt")
# Letters, and runs of them separated by one space: a bigram never spans
# punctuation, a line break or a number.
_RUN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


@lru_cache(maxsize=100_000)
def key(word: str) -> str:
    """Comparable form of one syllable: lower case, new tone style."""
    return new_style_tones(word.lower())


@lru_cache(maxsize=200_000)
def syllable_key(word: str) -> str | None:
    """`key(word)` for a valid syllable, None for anything else."""
    return key(word) if is_syllable(word) else None


def syllable_runs(text: str) -> Iterator[list[str]]:
    """Keys of maximal runs of valid syllables, each run free of punctuation."""
    for m in _RUN.finditer(text):
        run: list[str] = []
        for word in m.group().split(" "):
            k = syllable_key(word)
            if k is not None:
                run.append(k)
            else:
                if run:
                    yield run
                run = []
        if run:
            yield run


def run_words(text: str) -> list[str]:
    """The text's words (letter runs) in order, with a line break between two
    `_RUN`s: one regex pass over the runs, no Python step per word. Repair
    counts the document's words from this same list."""
    return "\n".join(_RUN.findall(text)).replace("\n", " \n ").split(" ")


def count(texts: Iterable[str]) -> tuple[Counter, Counter]:
    """Unigram and bigram counters of the valid syllables of `texts` (as `syllable_runs` cuts them)."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    for text in texts:
        count_words(run_words(text), uni, bi)
    return uni, bi


def count_words(words: list[str], uni: Counter, bi: Counter) -> None:
    """Add the valid syllables of `run_words`' list and their neighbouring pairs.

    Done without a Python step per word or per run, which made counting a
    tenth of the whole extraction: the words are keyed in one go, a line break
    or an invalid word keying to None. Every neighbouring pair is counted, and
    those holding None (they span no run) are dropped after: a few hundred
    kinds, where filtering each of thousands of pairs cost more.
    """
    keys = list(map(syllable_key, words))
    uni.update(filter(None, keys))
    pairs = Counter(zip(keys, islice(keys, 1, None)))
    for pair in [p for p in pairs if None in p]:
        del pairs[pair]
    bi.update(pairs)


class Lexicon:
    """Layered counts: every lookup sums the layers (bundled, batch, document)."""

    def __init__(self, layers: list[tuple[Counter, Counter]] | None = None):
        self.layers = layers or []
        self._total: int | None = None

    def with_layer(self, layer: tuple[Counter, Counter]) -> "Lexicon":
        """This lexicon plus one more layer (the document itself)."""
        return Lexicon(self.layers + [layer])

    def absorb(self, text: str) -> None:
        """Add `text` to this lexicon's last layer (the batch layer)."""
        self.absorb_counts(*count([text]))

    def absorb_counts(self, uni: Counter, bi: Counter) -> None:
        if not self.layers:
            self.layers.append((Counter(), Counter()))
        self.layers[-1][0].update(uni)
        self.layers[-1][1].update(bi)
        self._total = None

    # A plain loop: these run a hundred thousand times a batch, and sum() over a
    # generator cost twice as much for two or three layers.
    def unigram(self, k: str) -> int:
        n = 0
        for uni, _ in self.layers:
            n += uni.get(k, 0)
        return n

    def bigram(self, a: str, b: str) -> int:
        n, pair = 0, (a, b)
        for _, bi in self.layers:
            n += bi.get(pair, 0)
        return n

    def keys(self) -> set[str]:
        return set().union(*(layer[0].keys() for layer in self.layers))

    def total(self) -> int:
        """All syllables counted; kept until this lexicon absorbs more."""
        if self._total is None:
            self._total = sum(sum(layer[0].values()) for layer in self.layers) or 1
        return self._total


def dump(uni: Counter, bi: Counter, min_count: int = 2) -> str:
    """The bundled table as text: `syllable<TAB>n` and `syllable syllable<TAB>n` lines."""
    lines = ["# Syllable and bigram counts of clean text; built by scripts/build_syllable_freq.py."]
    lines += [f"{k}\t{n}" for k, n in sorted(uni.items(), key=lambda x: (-x[1], x[0])) if n >= min_count]
    lines += [f"{a} {b}\t{n}" for (a, b), n in sorted(bi.items(), key=lambda x: (-x[1], x[0])) if n >= min_count]
    return "\n".join(lines) + "\n"


def parse(raw: str) -> tuple[Counter, Counter]:
    uni: Counter = Counter()
    bi: Counter = Counter()
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        k, n = line.rsplit("\t", 1)
        if " " in k:
            a, b = k.split(" ", 1)
            bi[(a, b)] = int(n)
        else:
            uni[k] = int(n)
    return uni, bi


@lru_cache(maxsize=1)
def bundled() -> tuple[Counter, Counter]:
    """The table shipped in pipeline/data (empty if it was never built)."""
    res = data.path(TABLE)
    if not res.is_file():
        return Counter(), Counter()
    return parse(res.read_text("utf-8"))


def word_pairs_of(word_list: str) -> frozenset[tuple[str, str]]:
    """Keys of the neighbouring syllables inside the multi-syllable words of a word
    list, one word a line (loans are written with hyphens there: `ca-nô`)."""
    return frozenset(tuple(pair.split(" ")) for pair in joined_pairs(word_list))


_ODD_SPACE = re.compile(r"[^\S \n]")  # a tab, another line break: str.split's words are wanted
_SPACES = re.compile(r" {2,}")
_EDGE_SPACES = re.compile(r"^ +| +$", re.MULTILINE)
_LONG_LINE = re.compile(r"^\S+ \S+ .*$", re.MULTILINE)  # three words or more
_PAIR = re.compile(r"(?<![^ \n])(?=([^ \n]+ [^ \n]+))")  # each word and the next, overlapping


def joined_pairs(word_list: str) -> frozenset[str]:
    """`word_pairs_of` as `a b` strings.

    Tokens are not checked as syllables (that would triple the time to load the
    list): a pair holding a non-syllable is never looked up. Once spaces are
    single, a two-word line is its own pair, so the set is made of the lines,
    and the pairs of longer lines by one regex pass: no Python loop over the
    74,000 lines, and no tuples (building 100,000 of them cost every
    `vanban extract FILE` a quarter of a second).
    """
    text = new_style_tones(word_list.lower()).replace("-", " ")
    if _ODD_SPACE.search(text):
        text = "\n".join(" ".join(line.split()) for line in text.splitlines())
    else:
        text = _EDGE_SPACES.sub("", _SPACES.sub(" ", text))
    lines = text.split("\n")
    pairs = set(lines)
    pairs.update(_PAIR.findall("\n".join(_LONG_LINE.findall(text))))
    pairs.difference_update([line for line in lines if line.count(" ") != 1])
    return frozenset(pairs)


class WordPairs:
    """Dictionary pairs, looked up as (a, b) but kept as `a b` strings (see `joined_pairs`)."""

    __slots__ = ("joined",)

    def __init__(self, joined: frozenset[str]):
        self.joined = joined

    def __contains__(self, pair: tuple[str, str]) -> bool:
        return f"{pair[0]} {pair[1]}" in self.joined

    def __len__(self) -> int:
        return len(self.joined)

    def syllables(self) -> frozenset[str]:
        """Every syllable of the pairs (split in one C pass over the joined strings)."""
        return frozenset(" ".join(self.joined).split())


def _word_list() -> Path | None:
    spec = importlib.util.find_spec("underthesea")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder).joinpath(*WORD_LIST)
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def word_pairs() -> WordPairs:
    """Syllable pairs that make up a dictionary word (`kịp thời`, `thi đua`).

    Frequency tables learnt from a few hundred documents miss many words; a
    word list says which neighbours belong together whatever the documents.
    Empty when underthesea or its list is not installed.
    """
    path = _word_list()
    if path is None:
        return WordPairs(frozenset())
    code = [Path(__file__), Path(textnorm.__file__)]  # what shapes the pairs
    return WordPairs(frozenset(derived_lines("word-pairs", path, code,
                                             lambda: sorted(joined_pairs(path.read_text("utf-8"))))))


@lru_cache(maxsize=1)
def dictionary_syllables() -> frozenset[str]:
    """The valid syllables of the dictionary's words, kept in the start-up cache
    like the pairs: checking eight thousand tokens cost a damaged file's first
    repair a tenth of a second."""
    path = _word_list()
    if path is None:
        return frozenset()
    code = [Path(__file__), Path(textnorm.__file__), Path(syllables.__file__)]
    return frozenset(derived_lines("dictionary-syllables", path, code,
                                   lambda: sorted(s for s in word_pairs().syllables() if is_syllable(s))))


def base_lexicon() -> Lexicon:
    """The bundled table plus a fresh, empty batch layer."""
    return Lexicon([bundled(), (Counter(), Counter())])
