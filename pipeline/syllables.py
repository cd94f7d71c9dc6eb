"""Is a token a possible Vietnamese syllable?

Vietnamese syllables are (onset) + (glide) + nucleus + (coda) with a tone
(Đoàn Thiện Thuật, *Ngữ âm tiếng Việt*, 1977; the orthographic inventory below
follows the standard Quốc ngữ spelling of those phonemes). The cleaner uses
this to tell a word cut by a line break or by lost letters from a real word.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
# Rhymes (glide + nucleus + coda) without tone, orthographic.
_RHYMES = set("""
a ai ao au ay ac ach am an ang anh ap at
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong oong op ot oo
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u uc ui um un ung up ut ua uôc uôi uôm uôn uông uôt uân uât uây uâng uy uya uyên uyêt uych uynh uyt uyu uê uênh uơ
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
oa oac oach oai oam oan oang oanh oao oap oat oay oă oăc oăm oăn oăng oăt oe oen oeo oet
""".split())

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def strip_tone(syllable: str) -> tuple[str, bool]:
    """The syllable without its tone mark, and whether it carried one."""
    decomposed = unicodedata.normalize("NFD", syllable)
    kept = [c for c in decomposed if c not in _TONE_MARKS]
    return unicodedata.normalize("NFC", "".join(kept)), len(kept) != len(decomposed)


@lru_cache(maxsize=100_000)
def is_syllable(token: str) -> bool:
    word = unicodedata.normalize("NFC", token).lower()
    if not word or not word.isalpha():
        return False
    bare, _ = strip_tone(word)
    for onset in _ONSETS:
        if not bare.startswith(onset):
            continue
        rhyme = bare[len(onset):]
        if onset == "gi" and rhyme == "":
            return True
        if onset in ("qu",) and rhyme and (rhyme in _RHYMES or "u" + rhyme in _RHYMES):
            return True
        if rhyme in _RHYMES and _spelling_fits(onset, rhyme):
            return True
    return False


def _spelling_fits(onset: str, rhyme: str) -> bool:
    front = rhyme[:1] in ("e", "ê", "i", "y")
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "g", "ng"):
        return not front
    return True
