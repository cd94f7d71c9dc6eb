"""Stage 2b: words that lost a letter get it back, when the evidence is clear.

Documents printed to PDF and scraped back lose single precomposed letters
(`MC ĐÍCH` for MỤC ĐÍCH, `tng` for từng, `tcáo` for tố cáo, where the space
after the lost letter went with it). A token is a suspect when it cannot be a
Vietnamese syllable (`syllables.is_syllable`), or when it is a valid but
unheard-of syllable (`YÊU CU`). Its candidates insert one letter with a
diacritic (and at most one space); they are ranked by a syllable-bigram model
of clean text (`lexicon.Lexicon`: the bundled table, the batch, the document
itself) and by a dictionary's word list (`lexicon.word_pairs`: `kịp thời` is
a word, `kịp thi` is not). A repair is made only when one candidate beats
every other, and the unrepaired token, by a wide margin and is attested next
to a neighbour or makes a word with it.
Abbreviations and codes (`UBND`, `KH-UBND`, `TCHCTTTL`) are left alone.

Repairs are insertions, so the offset map keeps every original character
where it was (`offsets.apply_edits`).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, NamedTuple

from .lexicon import Lexicon, bundled, count, count_words, dictionary_syllables, key, run_words, word_pairs
from .offsets import Edit, Mapped, Repair, apply_edits
from .syllables import DROPPED_LETTERS, is_syllable
from .textnorm import is_abbreviation

LETTERS = DROPPED_LETTERS  # the letters a font without the Vietnamese glyphs loses

RARE = 6            # a valid syllable seen fewer times than this may be a damaged one
SELF_EVIDENCE = 6   # a document repeating an unknown syllable this often vouches for it
STRONG_PAIR = 5     # a pair seen this often vouches for a repair on its own
MIN_ATTESTED = 2    # each syllable of a repair must have been seen this often
MARGIN = math.log(15)  # the best reading must be this much likelier than any other
MAX_SUSPECT_SHARE = 0.3  # above this share of suspect words a text is not repaired at all
_SMOOTH_V = 8000    # syllable types assumed for add-half smoothing of unigrams
_BACKOFF = 2.0      # weight of the unigram in a bigram estimate
PHRASE_BONUS = math.log(100)  # a reading the document has elsewhere between the same neighbours gains this
CASE_BONUS = math.log(50)  # a capitalised word inside a sentence gains this for a reading the document capitalises
COMMON_MARGIN = math.log(200)  # the margin a repair of a common syllable needs
COMMONER = 1       # ... and in place of a common word, only for a repair this much commoner than it
SURE_MARGIN = math.log(1000)  # a reading this much likelier than any other needs less context
WORD_BONUS = math.log(20)  # a reading that makes a dictionary word with a neighbour gains this, per word
KEPT_DWARF = 10     # a kept word is weighed when one letter more makes a pair this much commoner
DWARF = 50          # a table pair this much rarer than its repaired form is the table's own damage
HEADING_SEEN = 3    # a capitalised word with no neighbour is read as one the document writes this often
PASSES = 2          # a word whose neighbours were damaged too is judged again once they are put right
GUESS_RATIO = 10    # a damaged neighbour is read as its commonest spelling when it is this much commoner

_ROMAN = re.compile(r"[IVXL]{2,}")  # khóa XVI, Chương IV (a lone capital may be a word's)
# Symbols of units of measure (SI and the units Vietnamese documents print after
# numbers: ha for hecta, kWh ...): after a number they are units, not damage.
_UNITS = frozenset("km m cm mm dm kg g mg ha l ml kw kwh mw mwh gw w v kv mva".split())
_NUMBER_BEFORE = re.compile(r"(?<![\w.,])\d[\d.,]* $")  # `3.000 km`, not `UBTVQH15 v việc`
_CODE_BEFORE = frozenset("-–/&@._:\\#")
_CODE_AFTER = frozenset("-–/&@_\\#")


class Candidate(NamedTuple):  # a tuple: thousands are made per document, a frozen dataclass cost 1 µs each
    at: int        # where in the word the letter goes
    inserted: str  # the letter, with a space before or after when it splits the word
    key: tuple[str, ...]

    def after(self, word: str) -> str:
        return word[:self.at] + self.inserted + word[self.at:]


def deletion_index(syllables: frozenset[str]) -> dict[str, tuple[tuple[int, str, str], ...]]:
    """Each syllable without one of its diacritic letters → (where, letter, syllable).

    Looking a damaged word up here replaces trying every letter at every
    position: only insertions that give a known syllable are ever scored.
    """
    index: dict[str, list[tuple[int, str, str]]] = {}
    for syl in syllables:
        for at, ch in enumerate(syl):
            if ch in LETTERS:
                index.setdefault(syl[:at] + syl[at + 1:], []).append((at, ch, syl))
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _bundled_known() -> tuple[frozenset[str], dict]:
    uni = bundled()[0]
    known = frozenset(k for k, n in uni.items() if n >= MIN_ATTESTED)
    return known, deletion_index(known)


@lru_cache(maxsize=1)
def _dictionary_known() -> tuple[frozenset[str], dict]:
    """The syllables of the dictionary's words and their deletion index: a word
    with no candidate among the syllables of our texts (`ngặt`, `giếng`) may
    still be repaired into one of them, if its neighbours make a word with it."""
    known = dictionary_syllables()
    return known, deletion_index(known)


def _dictionary_candidates(word: str, prev: str | None, nxt: str | None) -> list[Candidate]:
    """Candidates among the dictionary's syllables: only those that make a word of
    the dictionary with a neighbour (the only support they can have)."""
    if prev is None and nxt is None:
        return []
    pairs = word_pairs()
    return [c for c in _dictionary_options(word.lower()) if any(p in pairs for p in _pairs(c.key, prev, nxt))]


@lru_cache(maxsize=20_000)
def _dictionary_options(word: str) -> tuple[Candidate, ...]:
    return tuple(candidates(word, *reversed(_dictionary_known())))


def _known_syllables(lex: Lexicon) -> tuple[frozenset[str], dict]:
    """Syllables attested often enough to be a repair, and their deletion index.

    The bundled table's part is built once; only syllables the batch and the
    document add are indexed per document.
    """
    if lex.layers and lex.layers[0] is bundled():
        # A syllable of the table alone that is not in its known part is seen too
        # rarely to be one, and only the other layers can add to its count.
        base, base_index = _bundled_known()
        layers = lex.layers[1:]
    else:
        base, base_index, layers = frozenset(), {}, lex.layers
    extra = {k for layer in layers for k in layer[0] if k not in base}
    extra = frozenset(k for k in extra if lex.unigram(k) >= MIN_ATTESTED)
    if not extra:
        return base, base_index
    index = dict(base_index)
    for k, v in deletion_index(extra).items():
        index[k] = index.get(k, ()) + v
    return base | extra, index


def candidates(word: str, index: dict, known: frozenset[str]) -> list[Candidate]:
    """Every spelling one letter (and at most one space) away that is known syllables."""
    lower = word.lower()
    out: dict[tuple[str, ...], Candidate] = {}
    for at, letter, syl in index.get(lower, ()):
        out.setdefault((syl,), Candidate(at, letter, (syl,)))
    for cut in range(1, len(lower)):
        head, tail = lower[:cut], lower[cut:]
        if tail in known:  # the letter ended the first syllable: `t|cáo` → `tố cáo`
            for at, letter, syl in index.get(head, ()):
                if at == len(head):
                    out.setdefault((syl, tail), Candidate(at, letter + " ", (syl, tail)))
        if head in known:  # the letter began the second: `khen|ng` → `khen ưng`
            for at, letter, syl in index.get(tail, ()):
                if at == 0:
                    out.setdefault((head, syl), Candidate(cut, " " + letter, (head, syl)))
    return list(out.values())


def _log_p1(lex: Lexicon, w: str, total: int) -> float:
    return math.log((lex.unigram(w) + 0.5) / (total + 0.5 * _SMOOTH_V))


def sequence_score(lex: Lexicon, words: tuple[str, ...], prev: str | None, nxt: str | None,
                   total: int) -> float:
    """log P(words, nxt | prev) under an interpolated bigram model."""
    score, p = 0.0, prev
    for w in words + ((nxt,) if nxt else ()):
        if p is None:
            score += _log_p1(lex, w, total)
        else:
            p1 = math.exp(_log_p1(lex, w, total))
            score += math.log((lex.bigram(p, w) + _BACKOFF * p1) / (lex.unigram(p) + _BACKOFF))
        p = w
    return score


def _pairs(words: tuple[str, ...], prev: str | None, nxt: str | None) -> list[tuple[str, str]]:
    """The neighbouring pairs a reading makes: (prev, first), inside, (last, next)."""
    seq = ((prev,) if prev else ()) + words + ((nxt,) if nxt else ())
    return list(zip(seq, seq[1:]))


def reading_score(lex: Lexicon, words: tuple[str, ...], prev: str | None, nxt: str | None,
                  total: int) -> float:
    """The bigram model's score plus a bonus for each dictionary word the reading makes."""
    pairs = word_pairs()
    linked = sum(1 for p in _pairs(words, prev, nxt) if p in pairs)
    return sequence_score(lex, words, prev, nxt, total) + WORD_BONUS * linked


def choose(word: str, prev: str | None, nxt: str | None, lex: Lexicon, background: Lexicon,
           index: dict, readings: list[Candidate], phrase: Callable[[Candidate | None], bool] | None = None,
           cased: Callable[[Candidate], bool] | None = None) -> Candidate | None:
    """The one clearly best repair of `word` between its neighbours, or None.

    A valid syllable is kept wherever it makes a known pair with a neighbour
    (`thi đua`, `ca nô`). A common one (`thi`, `ca`) is by far the likelier
    reading elsewhere too: its repair must win by a far wider margin, and must
    be one syllable that the table or the dictionary pairs with every
    neighbour it has. The word's own reading is
    judged by the background alone, since a word damaged again and again
    would otherwise vouch for itself in its own document.
    """
    own = key(word)
    valid = is_syllable(word)
    common = valid and background.unigram(own) >= RARE
    kept = valid and (common and len(word) == 1 or any(p in word_pairs() for p in _pairs((own,), prev, nxt)))
    if kept and not _dwarfed(own, prev, nxt, lex, index):
        return None
    options = readings or _dictionary_candidates(word, prev, nxt)
    if not options:
        return None
    total = lex.total()
    def in_doc(c: Candidate | None) -> float:
        return PHRASE_BONUS if phrase and phrase(c) else 0.0

    def capital(c: Candidate) -> float:
        return CASE_BONUS if cased and cased(c) else 0.0

    margin = COMMON_MARGIN if common else MARGIN
    base = [reading_score(lex, c.key, prev, nxt, total) for c in options]
    own_base = reading_score(background, (own,), prev, nxt, background.total()) if valid else None
    if _lead_bound(base, own_base, (PHRASE_BONUS if phrase else 0.0) + (CASE_BONUS if cased else 0.0)) < margin:
        return None  # no bonus could give any reading the lead: the document's phrases need not be looked up
    scored = sorted(((b + in_doc(c) + capital(c), i) for i, (b, c) in enumerate(zip(base, options))), reverse=True)
    best_score, best_i = scored[0]
    best = options[best_i]
    rivals = [s for s, _ in scored[1:]]
    if own_base is not None:
        rivals.append(own_base + in_doc(None))
    lead = best_score - max(rivals) if rivals else math.inf
    if lead < margin:
        return None
    if in_doc(best) and len(best.key) == 1:  # the document has it between the same neighbours
        return best
    if valid and not _out_of_place(own, prev, nxt, lex, best.key):
        return None
    in_word = any(p in word_pairs() for p in _pairs(best.key, prev, nxt))
    if _shape(word) == "title" and valid and not in_word:
        return None
    if len(best.key) == 1 and in_word and (len(word) == 1 and not valid or valid and not common and len(word) > 2):
        return best  # a lone letter, or a rare syllable not short, that makes a dictionary word with a neighbour
    if prev is None and nxt is None and not valid and len(word) > 2 and not word.isupper() \
            and len(best.key) == 1 and lead >= SURE_MARGIN:
        return best  # a word on its own (`Tnh`, `Bưc`) with one likely spelling; `KT` and `TCHC` are codes
    evidence = Lexicon(lex.layers[:1]) if common else lex  # the table only: not what the batch misspelt
    # In place of a common word, a lead is sure only for a repair far commoner than the word
    # (`tác bo vệ` → bảo; not `số thu cao` → thuế, where the table just never saw `số thu`).
    sure = lead >= SURE_MARGIN and (not common or background.unigram(best.key[0]) >= COMMONER * background.unigram(own))
    return best if _supported(best.key, prev, nxt, evidence, strict=valid,
                              lone=len(word) == 1, every=common, sure=sure) else None


def _lead_bound(base: list[float], own: float | None, bonus: float) -> float:
    """The most any reading could lead by once the bonuses are added: the best
    score with every bonus, over the next best (or the word's own reading)
    with none. Looking up the bonuses (the document's phrases) cost a sixth of
    repair; below the margin their answer cannot matter. A hair is added to
    the bound so that rounding never prunes a lead the full sum would give."""
    rivals = sorted(base, reverse=True)[1:2] + ([own] if own is not None else [])
    if not rivals:
        return math.inf
    return max(base) + bonus - max(rivals) + 1e-9


def _out_of_place(own: str, prev: str | None, nxt: str | None, lex: Lexicon,
                  repair: tuple[str, ...] | None = None) -> bool:
    """A syllable that makes no pair the table or the dictionary knows with any neighbour.

    Given the `repair` in view, a pair the table knows only as a rare variant
    of the repaired one's (`khen thưng` 2 times, `khen thưởng` 270: damage in
    the table's own sources) does not count.
    """
    if prev is None and nxt is None:
        return False
    table = lex.layers[0][1] if lex.layers else {}
    pairs = word_pairs()
    sides = [((prev, own), (prev, repair[0]) if repair else None)] if prev else []
    sides += [((own, nxt), (repair[-1], nxt) if repair else None)] if nxt else []
    for pair, fixed in sides:
        n = table.get(pair, 0)
        if (pair in pairs or n) and not (fixed and table.get(fixed, 0) >= DWARF * max(n, 1)):
            return False
    return True


def _dwarfed(own: str, prev: str | None, nxt: str | None, lex: Lexicon, index: dict) -> bool:
    """Whether one letter more makes a pair with a neighbour that the table and the
    document hold far more often than the table holds the word's own pair (`y ban`
    / `ủy ban`, `các đa phương` / `các địa phương`): a word kept for its own pair
    or for being a common letter is then judged like any other. (The document's
    own count of the word's pair is left out: its damage would vouch for itself.)"""
    table = lex.layers[0][1] if lex.layers else {}
    for _, _, syl in index.get(own, ()):
        for pair, fixed in (((prev, own), (prev, syl)) if prev else (None, None),
                            ((own, nxt), (syl, nxt)) if nxt else (None, None)):
            if fixed and lex.bigram(*fixed) >= KEPT_DWARF * max(table.get(pair, 0), 1):
                return True
    return False


def _supported(words: tuple[str, ...], prev: str | None, nxt: str | None, lex: Lexicon,
               strict: bool, lone: bool, every: bool = False, sure: bool = False) -> bool:
    """Context evidence a repair needs beyond its score.

    Some neighbour must be Vietnamese (an English or garbled passage is no place
    to guess), and the repaired word must have been seen beside it, or make a
    dictionary word with it. Replacing a valid syllable, or a lone letter (`đ`
    for để, đã, đó …), claims more: one syllable only, seen beside every
    neighbour, and a lone letter needs both (or one it is often seen beside:
    `Nghị quyết s 48`); with `every` (a common syllable) no single strong
    pair makes up for an unseen one.
    """
    pairs = word_pairs()
    # Two syllables that make a word of their own (`Chtịch` → Chủ tịch, `dán` → dự án).
    one_word = len(words) == 2 and (words in pairs or lex.bigram(*words) >= STRONG_PAIR)
    if prev is None and nxt is None:
        return sure and one_word and not strict

    def evidence(a: str, b: str) -> int:
        return max(lex.bigram(a, b), 1 if (a, b) in pairs else 0)

    outer = [evidence(prev, words[0]) if prev else None, evidence(words[-1], nxt) if nxt else None]
    present = [n for n in outer if n is not None]
    if sure and not lone and _enough_when_sure(words, prev, nxt, lex, present, strict, every, one_word):
        return True
    if sure and lone and len(words) == 1 and max(present, default=0) >= STRONG_PAIR:
        return True  # a lone letter far likelier one way, often seen beside a neighbour
    if strict or lone:
        enough = len(present) == 2 or bool(present) and (not lone or max(present) >= STRONG_PAIR)
        seen = all(n >= 1 for n in present) or strict and not every and max(present, default=0) >= STRONG_PAIR
        return len(words) == 1 and enough and seen
    inner = [lex.bigram(a, b) for a, b in zip(words, words[1:])]
    return any(n >= 1 for n in present) or any(n >= MIN_ATTESTED for n in inner) or \
        any(p in pairs for p in zip(words, words[1:]))


def _enough_when_sure(words: tuple[str, ...], prev: str | None, nxt: str | None, lex: Lexicon,
                      present: list[int], strict: bool, every: bool, one_word: bool) -> bool:
    """A reading far likelier than any other needs one neighbour seen beside it; in
    place of a common word, seen there often (not just a word of the dictionary)."""
    if every:
        counts = [lex.bigram(prev, words[0]) if prev else 0, lex.bigram(words[-1], nxt) if nxt else 0]
        return len(words) == 1 and max(counts) >= STRONG_PAIR
    return (len(words) == 1 or one_word) and (any(n >= 1 for n in present) or not strict)


def _is_code_context(text: str, start: int, end: int) -> bool:
    """Inside a ký hiệu, a URL, an e-mail address or a number (`KH-UBND`, `12h00`), a
    unit after a number (`3.000 km`) or a numeral (`V.`)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _CODE_BEFORE or before.isdigit() or after in _CODE_AFTER or after.isdigit():
        return True
    word = text[start:end]
    if word.lower() in _UNITS and _NUMBER_BEFORE.search(text, max(0, start - 20), start):
        return True
    if word in ("I", "V", "X", "L") and after in ".)":
        return True  # a heading's numeral (`V. KINH PHÍ`)
    return after == "." and end + 1 < len(text) and text[end + 1].isalnum()


def _shape(word: str) -> str | None:
    """'upper', 'lower' or 'title'; None for mixed case (`iGate`, `MobiFone`)."""
    if word.isupper():
        return "upper"
    if word.islower():
        return "lower"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return None


def _neighbour(word: str | None, upper: bool) -> str | None:
    """A neighbour usable as context: a valid syllable, in capitals when the word is."""
    if word is None or not is_syllable(word) or is_abbreviation(word):
        return None
    if upper and not word.isupper():
        return None
    return key(word)


def _context(word: str | None, upper: bool, judge: "_Judge", side: int, damaged: bool) -> str | None:
    """The neighbour as context; a damaged one by the spelling it all but surely
    had (`hin` → hiện), so that `khai thc hin` reads `thực`, not `thác`. A rare
    syllable counts as damaged only beside a word that is surely damaged
    itself: a valid word is judged beside its real neighbours (`ca nô`)."""
    doubtful = word is not None and (_suspicion(word) == ALWAYS or damaged and is_suspect(word, judge.background))
    if doubtful and (word.isupper() or not upper):
        guess = judge.guess(word)
        return guess[side] if guess else None
    return _neighbour(word, upper)


_NEXT_WORD = re.compile(r" ([^\W\d_]+)")
# A neighbouring word with what separates it on the same line (`các `, `, ngành`).
_RIGHT = re.compile(r"[^\w\n]{1,3}[^\W\d_]+")
# The same before a word, read in the text reversed: `match` at the word, where
# searching the thirty characters before it for a pattern anchored at its end
# tried every one of them (a tenth of repair). What is found is what
# `([^\W\d_]+) $` (the end may also be a line break after the space) and
# `[^\W\d_]+[^\w\n]{1,3}\Z` find searched in those thirty characters.
_PREV_WORD_REVERSED = re.compile(r"\n? ([^\W\d_]+)")
_LEFT_REVERSED = re.compile(r"[^\w\n]{1,3}[^\W\d_]+")
_WINDOW = 30  # characters on either side a word's context is read from


def word_before(reversed_text: str, start: int) -> tuple[str, int] | None:
    """The word a space before `start` (within the window), and where it begins."""
    r = len(reversed_text) - start
    m = _PREV_WORD_REVERSED.match(reversed_text, r, r + _WINDOW)
    return (m.group(1)[::-1], len(reversed_text) - m.end(1)) if m else None


def left_of(reversed_text: str, start: int) -> str:
    """The word before `start` with the one to three marks between (`, `), or ''."""
    r = len(reversed_text) - start
    m = _LEFT_REVERSED.match(reversed_text, r, r + _WINDOW)
    return m.group()[::-1] if m else ""


@dataclass(frozen=True)
class Fix:
    start: int   # of the damaged word in the input text
    end: int
    at: int
    inserted: str
    replaces: int = 0  # characters the letter stands in for: the space of a word broken at a line's end

    def after(self, word: str) -> str:
        return word[:self.at] + self.inserted + word[self.at + self.replaces:]


def clean_counts(uni: Counter, bi: Counter, background: Lexicon) -> tuple[Counter, Counter]:
    """Counts of the document's clean parts: a syllable the background has (almost)
    never seen counts only if the document repeats it, so a damaged word does not
    vouch for itself."""
    common = bundled()[0]
    doubtful = {k for k, n in uni.items()
                if n < SELF_EVIDENCE and common.get(k, 0) < RARE and background.unigram(k) < RARE}
    if not doubtful:
        return uni, bi
    return (Counter({k: n for k, n in uni.items() if k not in doubtful}),
            Counter({p: n for p, n in bi.items() if p[0] not in doubtful and p[1] not in doubtful}))


NEVER, ALWAYS, IF_RARE = 0, 1, 2


@lru_cache(maxsize=100_000)
def _suspicion(word: str) -> int:
    """What the word alone says: never a repair, always a suspect, or one if rare."""
    shape = _shape(word)
    if shape is None:
        return ALWAYS if _run_into_capital(word) else NEVER  # `SNông` is damage, `MobiFone` a name
    if is_abbreviation(word) or _ROMAN.fullmatch(word):
        return NEVER  # `UBND`, `XVI`
    if not is_syllable(word):
        return ALWAYS
    # A rare capitalised syllable is a name far more often than damage (`Hưng Lộc`):
    # `choose` repairs one only into a dictionary word (`Bộ Ni vụ`).
    return IF_RARE


def _run_into_capital(word: str) -> bool:
    """`SNông`, `cThông`: a short word that lost its last letter and the space
    after it, run into a capitalised syllable."""
    for cut in range(1, min(4, len(word))):
        head, tail = word[:cut], word[cut:]
        if _shape(tail) == "title" and _shape(head) in ("lower", "title", "upper") and is_syllable(tail):
            return len(head) == 1 or _shape(head) != "upper"
    return False


def is_suspect(word: str, background: Lexicon) -> bool:
    """Cannot be a syllable, or is a syllable hardly ever seen."""
    kind = _suspicion(word)
    return kind == ALWAYS or kind == IF_RARE and background.unigram(key(word)) < RARE


def find_fixes(text: str, background: Lexicon, own: tuple[Counter, Counter] | None = None,
               words: list[str] | None = None) -> list[Fix]:
    """The repairs of `text`, judged against `background` plus the text's own clean
    counts (`own`: `_own_counts` of `words`, which are `run_words(text)`; made
    here when the caller has not made them already).

    A text where suspects are common (beyond a short passage) is not
    Vietnamese, or too damaged to guess at: it is left as it is. Common
    syllables that one letter more would turn into another are looked at too
    (`thi` for thời); `choose` keeps them unless their context rejects them.
    """
    words = run_words(text) if words is None else words
    seen = _words_seen(words)
    suspect, common = _suspects(seen, background)
    occurrences = sum(seen[w] for w in suspect)
    if occurrences > MAX_SUSPECT_SHARE * sum(seen.values()) and occurrences > 100:
        return []
    lex = background.with_layer(own or _own_counts(words, background))
    judge = _Judge(lex, background, *_known_syllables(lex), text.lower(), seen, reversed=text[::-1])
    suspect |= {w for w in common if w.lower() in judge.index or len(w) == 1}
    if not suspect:
        return []
    fixes: list[Fix] = []
    where = re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, sorted(suspect, key=len, reverse=True)))
                       + r")(?![^\W\d_])")
    for m in where.finditer(text):
        if not _is_code_context(text, m.start(), m.end()):
            fix = _join_fix(text, m.start(), m.group(), judge) or _fix_word(text, m.start(), m.group(), judge)
            if fix and (not fixes or fixes[-1].end <= fix.start):
                fixes.append(fix)
    return fixes


def _suspects(seen: Counter, background: Lexicon) -> tuple[set[str], list[str]]:
    """The words `is_suspect` names, and the valid syllables too common to be
    suspects on their own, each word's kind looked up once."""
    suspect, common = set(), []
    for w in seen:
        kind = _suspicion(w)
        if kind == ALWAYS or kind == IF_RARE and background.unigram(key(w)) < RARE:
            suspect.add(w)
        elif kind == IF_RARE:
            common.append(w)
    return suspect, common


def _words_seen(words: list[str]) -> Counter:
    """The text's words as written, and how often: `run_words`' list without its line breaks."""
    seen = Counter(words)
    seen.pop("\n", None)
    seen.pop("", None)  # a text without words
    return seen


def _own_counts(words: list[str], background: Lexicon) -> tuple[Counter, Counter]:
    """The document's clean counts (`clean_counts`), made from the words already read."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    count_words(words, uni, bi)
    return clean_counts(uni, bi, background)


@dataclass
class _Judge:
    """What one document's repairs are judged by; a word between the same
    neighbours is judged once."""
    lex: Lexicon
    background: Lexicon
    known: frozenset[str]
    index: dict
    folded: str = ""  # the text in lower case, where phrases are looked up
    words: Counter = field(default_factory=Counter)  # the text's words as written, capitals kept
    reversed: str = ""  # the text back to front, where the words before a word are read
    memo: dict = field(default_factory=dict)

    def guess(self, word: str) -> tuple[str, ...] | None:
        """The one spelling of a damaged word that is far commoner than any other."""
        if word not in self.memo:
            counts = sorted(((self.lex.unigram(c.key[0]) if len(c.key) == 1 else 0, c.key)
                             for c in self.readings(word)), reverse=True)
            sure = counts and counts[0][0] >= GUESS_RATIO * (counts[1][0] if len(counts) > 1 else 0) + 1
            self.memo[word] = counts[0][1] if sure else None
        return self.memo[word]

    def readings(self, word: str) -> list[Candidate]:
        """`candidates` of the word among the known syllables, found once per document."""
        k = ("readings", word)
        if k not in self.memo:
            self.memo[k] = candidates(word, self.index, self.known)
        return self.memo[k]

    def hopeless(self, word: str) -> bool:
        """No known syllable, nor a dictionary's, is one letter away (`CP`, `logistics`):
        a fifth of the suspects of clean text."""
        return not self.readings(word) and not _dictionary_options(word.lower())

    def capitalised(self, text: str, word: str, prev: str | None, nxt: str | None) -> bool:
        """Whether `text` writes `word` with a capital more often than without: between
        the same neighbours if it has them there (`ủy viên ủy ban`, `của Ủy ban`), else
        before the same word, else anywhere."""
        k = ("capital", word, prev, nxt)
        if k not in self.memo:
            contexts = ([(f"{prev} ", f" {nxt}")] if prev and nxt else []) + ([("", f" {nxt}")] if nxt else [])
            found = None
            for before, after in contexts + [("", "")]:
                found = _more_capitals(text, before, word, after)
                if found is not None:
                    break
            self.memo[k] = bool(found)
        return self.memo[k]

    def join(self, head: str, tail: str, prev: str | None, nxt: str | None, options: list[tuple[str, str]]
             ) -> str | None:
        k = ("join", head, tail, prev, nxt)
        if k not in self.memo:
            self.memo[k] = choose_join(head, tail, prev, nxt, self.lex, self.background, options)
        return self.memo[k]

    def best(self, word: str, prev: str | None, nxt: str | None, left: str = "", right: str = "",
             title: bool = False) -> Candidate | None:
        """The repair of `word` between `prev` and `nxt`; `left` and `right` are the text
        around it (a word and what separates it), for the document's own phrases;
        `title`: the word is capitalised inside a sentence, as names of bodies are."""
        k = (word, prev, nxt, left, right, title)
        if k not in self.memo:
            def phrase(c: Candidate | None) -> bool:
                reading = word if c is None else c.after(word)
                return self.folded.count(f"{left}{reading}{right}".lower()) > (c is None)

            def heading(c: Candidate | None) -> bool:  # a capitalised word with no neighbour (`Điu 5.`)
                reading = word if c is None else c.after(word)
                return self.words[reading.upper() if word.isupper() else reading] >= HEADING_SEEN + (c is None)
            alone = not (left or right or prev or nxt) and word[:1].isupper()
            def cased(c: Candidate) -> bool:  # the document writes it capitalised (`các S` → Sở, not số)
                reading = c.after(word).split(" ")[0].lower()
                return self.words[reading[:1].upper() + reading[1:]] > self.words[reading]
            self.memo[k] = choose(word, prev, nxt, self.lex, self.background, self.index, self.readings(word),
                                  phrase if left or right else heading if alone else None, cased if title else None)
        return self.memo[k]


def _more_capitals(text: str, before: str, word: str, after: str) -> bool | None:
    """`word` between `before` and `after` is written capitalised more often than
    not; None if it is not written there at all."""
    def n(form: str) -> int:
        return len(re.findall(r"(?<![^\W\d_])" + re.escape(before + form + after) + r"(?![^\W\d_])", text))
    cap, low = n(word[:1].upper() + word[1:]), n(word)
    return cap > low if cap or low else None


def _join_fix(text: str, start: int, word: str, judge: _Judge) -> Fix | None:
    """`bi u` for biểu: a word broken at a line's end lost the letter at the break,
    and unwrapping the line put a space where it was. The two fragments are one
    word only if a known syllable has them on either side of one lost letter, and
    that syllable reads far better than the fragments as they stand."""
    if start < 2 or text[start - 1] != " ":
        return None
    left = word_before(judge.reversed, start)
    if not left or not left[0].isalpha():
        return None
    head, begin = left
    upper = head.isupper() and word.isupper()
    if _shape(head) is None or is_abbreviation(head) or not (upper or word.islower()):
        return None
    fused = (head + word).lower()
    options = [(ch, syl) for at, ch, syl in judge.index.get(fused, ()) if at == len(head)]
    if not options:
        return None
    end = start + len(word)
    before = word_before(judge.reversed, begin)
    after = _NEXT_WORD.match(text, end, end + _WINDOW)
    prev = _neighbour(before[0] if before else None, upper)
    nxt = _neighbour(after.group(1) if after else None, upper)
    letter = judge.join(head, word, prev, nxt, options)
    if letter is None:
        return None
    return Fix(begin, end, len(head), letter.upper() if upper else letter, replaces=1)


def choose_join(head: str, tail: str, prev: str | None, nxt: str | None, lex: Lexicon, background: Lexicon,
                options: list[tuple[str, str]]) -> str | None:
    """The letter that makes `head` and `tail` one syllable, when that reading is
    clearly the best; both fragments valid syllables (`gi i`, `đi u`) claim the
    support a valid word's repair needs."""
    total = lex.total()
    scored = sorted(((reading_score(lex, (syl,), prev, nxt, total), ch, syl) for ch, syl in options), reverse=True)
    best_score, letter, syl = scored[0]
    rivals = [s for s, _, _ in scored[1:]]
    valid = is_syllable(head) and is_syllable(tail)
    if valid:
        rivals.append(reading_score(background, (key(head), key(tail)), prev, nxt, background.total()))
    lead = best_score - max(rivals) if rivals else math.inf
    if lead < MARGIN or lex.unigram(syl) < STRONG_PAIR:
        return None
    return letter if _supported((syl,), prev, nxt, lex, strict=valid, lone=False,
                                sure=lead >= SURE_MARGIN) else None


def _after(text: str, start: int, marks: str) -> bool:
    """Whether the word at `start` opens the text or follows one of `marks` (and spaces)."""
    i = start
    while i > 0 and text[i - 1] == " ":
        i -= 1
    return i == 0 or text[i - 1] in marks


def _fix_word(text: str, start: int, word: str, judge: _Judge) -> Fix | None:
    if judge.hopeless(word):
        return None  # `choose` would find no reading to weigh, whatever the context
    end = start + len(word)
    shape = _shape(word)
    upper = shape == "upper"
    found = word_before(judge.reversed, start)
    before = found[0] if found else None
    after = _NEXT_WORD.match(text, end, end + _WINDOW)
    if len(word) == 1 and upper and (after or before and before.islower()) and \
            not any(w and w.isupper() and len(w) > 1 for w in (before, after and after.group(1))):
        # `T chức`, `B Y tế`, `các S, ngành`: a word's capital, not a heading (nor `Bộ X`, a placeholder)
        shape, upper = "title", False
    damaged = _suspicion(word) == ALWAYS
    prev = _context(before, upper, judge, -1, damaged)
    nxt = _context(after.group(1) if after else None, upper, judge, 0, damaged)
    right = _RIGHT.match(text, end, end + _WINDOW)
    title = shape == "title" and not _after(text, start, "\n.:")
    best = judge.best(word, prev, nxt, left_of(judge.reversed, start), right.group() if right else "", title)
    if best is None or (shape == "title" and best.at == 0) or title and len(best.key) > 1 and \
            not judge.capitalised(text, best.after(word).split(" ")[0].lower(), None, None):
        return None  # capitalised in a sentence: two words only if the document capitalises the first (Kế hoạch, not Clo)
    opens = best.at == 0 and _after(text, start, "\n.")
    # A word that opened a sentence lost its capital with its letter (`n định` for Ổn định), and
    # so did a word the document writes with a capital (`của y ban` for của Ủy ban).
    capital = best.at == 0 and judge.capitalised(text, (best.inserted + word).split(" ")[0],
                                                  before, after.group(1) if after else None)
    inserted = best.inserted.upper() if upper or opens or capital else best.inserted
    return Fix(start, end, best.at, inserted)


def repair(doc: Mapped, background: Lexicon, learn: bool = False) -> tuple[Mapped, list[Repair]]:
    """`doc` with its lost letters put back, and one `Repair` (span in the new text) each.

    A second pass looks again at what the first left alone: a word whose
    neighbour was damaged too had little context until that neighbour was put
    right. With `learn`, the document's counts join the background's last
    (batch) layer afterwards, so later documents of the batch are judged with
    its help.
    """
    words = run_words(doc.text)
    own = _own_counts(words, background)
    fixes = find_fixes(doc.text, background, own, words)
    if learn:
        background.absorb_counts(*own)
    if not fixes:
        return doc, []
    doc, repairs = _apply(doc, fixes)
    for _ in range(PASSES - 1):
        done = [r.span for r in repairs]
        again = [f for f in find_fixes(doc.text, background)
                 if not any(a < f.end and f.start < b for a, b in done)]
        if not again:
            break
        doc, more = _apply(doc, again)
        repairs = sorted([_shifted(r, again) for r in repairs] + more, key=lambda r: r.span)
    return doc, repairs


def _apply(doc: Mapped, fixes: list[Fix]) -> tuple[Mapped, list[Repair]]:
    """Insert the letters (the offset map keeps every old character) and report each repair."""
    repaired = apply_edits(doc, [Edit(f.start + f.at, f.start + f.at + f.replaces, f.inserted) for f in fixes])
    out, shift = [], 0
    for f in fixes:
        before = doc.text[f.start:f.end]
        grown = len(f.inserted) - f.replaces
        out.append(Repair(before=before, after=f.after(before), span=(f.start + shift, f.end + shift + grown)))
        shift += grown
    return repaired, out


def _shifted(r: Repair, later: list[Fix]) -> Repair:
    """A repair's span after later insertions in front of it."""
    shift = sum(len(f.inserted) - f.replaces for f in later if f.start + f.at <= r.span[0])
    return Repair(before=r.before, after=r.after, span=(r.span[0] + shift, r.span[1] + shift))


def learn_table(texts: list[str]) -> tuple[Counter, Counter]:
    """Counts of clean text from texts that may carry damage themselves: a first
    table repairs the texts' own lost letters, so the counts hold `khen
    thưởng`, not the `khen thưng` a damaged seed prints."""
    first = Lexicon([count(texts)])
    return count(repair_text(t, first) for t in texts)


def repair_text(text: str, background: Lexicon) -> str:
    """Plain-text form of `repair`, for scripts and tests."""
    return repair(Mapped.identity(text), background)[0].text
