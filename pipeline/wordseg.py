"""Vietnamese word segmentation for the search index, at index and at query time.

Vietnamese writes a word as several space-separated syllables (`thi đua`,
`khen thưởng`); an index of syllables lets `thi đua` match `thi` and `đua` in
any two places. The index therefore stores words, their syllables joined by
`_` (`thi_đua`), as underthesea's CRF segments them.

The CRF is the cost of indexing: about 70 µs a syllable on one core. Word
boundaries never cross punctuation or digits, so a line is cut into runs of
letter-only syllables and each run is segmented on its own; on corpus/ and
../shared/dev that agrees with segmenting whole lines on 98.5 % of words.
Runs such as `căn cứ luật`, `thi đua`, `khen thưởng`, `sở nội vụ chủ trì`
recur across documents, so each distinct run is segmented once per process
(a bounded cache) and one-syllable runs skip the CRF altogether.

Text is lower-cased (and old-style tone marks moved, `hoà` → `hòa`) before
segmentation, so a heading in capitals segments like the same words in a
sentence, and a query segments like the text it should find.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from .textnorm import new_style_tones

# A run of letter-only syllables separated by blanks.
_RUN = re.compile(r"[^\W\d_]+(?:[ \t\u00a0]+[^\W\d_]+)*")
_SYLLABLE = re.compile(r"[^\W_]+")
CACHE_SIZE = 500_000


@lru_cache(maxsize=CACHE_SIZE)
def segment_run(run: str) -> tuple[str, ...]:
    """The words of one letter-only run, syllables joined by `_`."""
    syllables = run.split()
    if len(syllables) == 1:
        return (syllables[0],)
    from underthesea import word_tokenize  # imported on first use: 2 s of start-up

    return tuple(w.replace(" ", "_") for w in word_tokenize(" ".join(syllables)))


def segmented(text: str) -> str:
    """`text` lower-cased with every multi-syllable word joined by `_`; digits,
    codes and punctuation are left for the FTS tokenizer to split."""
    return _RUN.sub(lambda m: " ".join(segment_run(m.group())), new_style_tones(text).lower())


def lexicon_words(text: str, known: Callable[[str], bool], longest: int = 5) -> list[str]:
    """Words of `text` by the index's own vocabulary: syllables joined greedily
    into the longest sequence `known` as a word (`thi dua khen thuong` →
    `thi_dua`, `khen_thuong`). The CRF cannot segment accent-free text (it
    reads accents), and on a two-word query it lacks the context that made it
    join `giải_đua` in the document; the index's vocabulary has both."""
    syllables = _SYLLABLE.findall(new_style_tones(text).lower())
    out: list[str] = []
    i = 0
    while i < len(syllables):
        for n in range(min(longest, len(syllables) - i), 1, -1):
            candidate = "_".join(syllables[i:i + n])
            if known(candidate):
                out.append(candidate)
                i += n
                break
        else:
            out.append(syllables[i])
            i += 1
    return out


def cache_stats() -> tuple[int, int]:
    """(hits, misses) of the run cache since start: how much CRF work repetition saved."""
    info = segment_run.cache_info()
    return info.hits, info.misses
