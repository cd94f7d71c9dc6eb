"""Is a token a possible Vietnamese syllable?

Vietnamese syllables are (onset) + (glide) + nucleus + (coda) with one of six
tones (Đoàn Thiện Thuật, *Ngữ âm tiếng Việt*, 1977, ch. 3–5; Cao Xuân Hạo,
*Tiếng Việt: mấy vấn đề ngữ âm, ngữ pháp, ngữ nghĩa*, 1998). The orthographic
inventory below is the standard Quốc ngữ spelling of those phonemes, with the
spelling rules of the Bộ GD&ĐT orthography (QĐ 1989/QĐ-BGDĐT, 2018):

- `k`, `gh`, `ngh` are written before front vowels (e ê i y, iê), `c`, `g`,
  `ng` elsewhere; `q` only as `qu` (the glide is then written `u`);
- `gi` before a rhyme that opens with `i` shares that `i` (gì, gìn, giếng);
- a checked syllable (coda p, t, c, ch) carries only the sắc or nặng tone;
- `ă` and `â` never end a syllable.

The cleaner uses this to tell a word cut by a line break or by lost letters
from a real word; the repair stage to find the damaged tokens and to filter
its candidates.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
# Rhymes (glide + nucleus + coda) without tone, orthographic.
_RHYMES = frozenset("""
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong oong op ot
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u uc ui um un ung up ut ua uôc uôi uôm uôn uông uôt uân uât uây uâng uy uya uyên uyêt uych
uynh uyt uyu uê uêch uênh uơ uên uêt uêu uơi uăp uau uit
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
""".split())

# Combining marks of the five marked tones: huyền, sắc, ngã, hỏi, nặng.
GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_TONE_MARKS = frozenset((GRAVE, ACUTE, TILDE, HOOK, DOT))
_CHECKED_TONES = frozenset((ACUTE, DOT))
_STOP_CODAS = ("p", "t", "c", "ch")
_FRONT = ("e", "ê", "i", "y")


# The letters a font without the Vietnamese glyphs loses: the precomposed
# letters of Unicode's Latin Extended Additional block, U+1EA0–U+1EF9 (ạ ả ấ …
# ỹ; lower case at the odd code points). Letters of Latin-1 (à á â ã è é ê ì í
# ò ó ô õ ù ú ý) and Latin Extended-A (ă đ ĩ ũ ơ ư) are in every font and
# survive: seed 000 prints `MC ĐÍCH, YÊU CU` (ụ, ầ lost; Đ, Í, Ê kept),
# `tng`, `khen thưng`, `nhm`, `tcáo` (ừ, ở, ằ, ố lost).
DROPPED_LETTERS = frozenset(chr(c) for c in range(0x1EA1, 0x1EFA, 2))


def split_tone(syllable: str) -> tuple[str, str]:
    """The syllable without its tone mark, and the mark ('' for thanh ngang)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    marks = [c for c in decomposed if c in _TONE_MARKS]
    kept = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", kept), "".join(marks)


@lru_cache(maxsize=200_000)
def is_syllable(token: str) -> bool:
    """Whether `token` (any case, NFC or not) spells one Vietnamese syllable."""
    word = unicodedata.normalize("NFC", token).lower()
    if not word or not word.isalpha():
        return False
    bare, tone = split_tone(word)
    if len(tone) > 1:
        return False
    return any(_tone_fits(rhyme, tone) for rhyme in _rhymes_of(bare))


def _rhymes_of(bare: str) -> list[str]:
    """Every reading of `bare` as onset + rhyme that the spelling rules allow."""
    out = []
    for onset in _ONSETS:
        if not bare.startswith(onset):
            continue
        rhyme = bare[len(onset):]
        if onset == "gi":
            if rhyme == "":
                out.append("i")
            elif "i" + rhyme in _RHYMES:
                out.append("i" + rhyme)
        if onset == "qu":  # the glide: `u` before â ê y ơ (quân, quê, quy), `o` elsewhere (quan, quen)
            out.extend(g + rhyme for g in "uo" if rhyme and g + rhyme in _RHYMES)
            continue
        if onset == "gi" and rhyme.startswith("i"):
            continue
        if rhyme in _RHYMES and _spelling_fits(onset, rhyme):
            out.append(rhyme)
    return out


def _tone_fits(rhyme: str, tone: str) -> bool:
    return tone in _CHECKED_TONES if rhyme.endswith(_STOP_CODAS) else True


def _spelling_fits(onset: str, rhyme: str) -> bool:
    front = rhyme.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "g", "ng"):
        return not front
    return True


@lru_cache(maxsize=20_000)
def one_letter_short(token: str) -> bool:
    """Whether one lost letter put back somewhere makes `token` a syllable
    (`tnh` → tỉnh): what a word that lost a letter can be, and two words cannot."""
    word = unicodedata.normalize("NFC", token).lower()
    if not word.isalpha() or len(word) > 7:
        return False
    return any(is_syllable(word[:at] + letter + word[at:])
               for at in range(len(word) + 1) for letter in DROPPED_LETTERS)
