"""The one place where Vietnamese text is put into comparable form.

Every matcher, the scorer and the search index call these functions, so that
`hoà`/`hòa`, `uỷ`/`ủy`, `UBND`/`Ủy ban nhân dân` and the many dash and quote
glyphs compare equal everywhere (SPEC §3) while the stored text keeps the
author's own spelling.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import data

# Old-style tone placement puts the mark on the second vowel of the open
# diphthongs oa, oe, uy (hoà, khoẻ, thuỷ); the new style (Bộ GD&ĐT spelling
# rules, QĐ 1989/QĐ-BGDĐT 2018) puts it on the first (hòa, khỏe, thủy).
_TONED = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ",
    "o": "òóỏõọ", "u": "ùúủũụ",
}
_OLD_TO_NEW: dict[str, str] = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _i, _marked in enumerate(_TONED[_second]):
        _new = _TONED[_first][_i] + _second
        _OLD_TO_NEW[_first + _marked] = _new
        _OLD_TO_NEW[_first.upper() + _marked.upper()] = _new.upper()
        _OLD_TO_NEW[_first.upper() + _marked] = _new[0].upper() + _new[1:]
# Any o/u and a toned a/e/y after it (a pair of no other key is given back as it
# was): a pattern that opens with a class of letters is scanned for at C speed,
# where one that opens with a look-behind is tried at every character, which
# made normalising a 750,000-character word list cost a tenth of a second.
_OLD_STYLE = re.compile(r"[oOuU](?<![qQ].)[" + "".join(sorted({k[1] for k in _OLD_TO_NEW})) + r"](?!\w)")

_NEW_TO_OLD = {new: old for old, new in _OLD_TO_NEW.items() if old[0].isupper() == new[0].isupper()
               and old[1:].isupper() == new[1:].isupper()}
# An open oa/oe/uy syllable end in either style, in a regex source (`\s`, `|`, `)` follow it).
_EITHER = re.compile(r"(?<![qQ])(" + "|".join(sorted({*_OLD_TO_NEW, *_NEW_TO_OLD})) + r")(?![^\W\d_])")

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_QUOTES = {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"}
_QUOTES.update({ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032"})
# Punctuation that carries no meaning for equality; `/` and `-` survive only
# inside codes such as `18/kh-ubnd`.
_LOOSE_PUNCT = re.compile(r"[.,;:!?\"'()\[\]{}…*_|]+")
_LONE_JOINER = re.compile(r"(?<![\w])[-/&]+|[-/&]+(?![\w])")
_SPACE = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def new_style_tones(text: str) -> str:
    """Move tone marks of open oa/oe/uy to the first vowel (hoà → hòa)."""
    return _OLD_STYLE.sub(lambda m: _OLD_TO_NEW.get(m.group(), m.group()), nfc(text))


def either_style(pattern: str) -> str:
    """A regex source that matches its open oa/oe/uy syllables in both tone styles.

    Matchers written with one spelling (`Tòa\\s+án`, `Ủy\\s+ban`) then find the
    other (`Toà án`, `Uỷ ban`) while the text keeps the author's style; closed
    syllables (`hoàn`, `hoạch`) are spelled the same in both and are left as they are.
    """
    def both(m: re.Match[str]) -> str:
        s = m.group()
        other = _OLD_TO_NEW.get(s) or _NEW_TO_OLD.get(s)
        return f"(?:{s}|{other})" if other and other != s else s
    return _EITHER.sub(both, pattern)


def unify_marks(text: str) -> str:
    """One dash glyph and one glyph per quote kind."""
    return _DASHES.sub("-", text).translate(_QUOTES)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    raw = data.read("abbreviations.tsv")
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        abbr, expansion = line.split("\t", 1)
        table[nfc(abbr)] = expansion.strip()
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w&/-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w&/-])")
    return pattern, table


def expand_abbreviations(text: str) -> str:
    """Expand abbreviations written in capitals, before any casefolding.

    Matching is case-sensitive on purpose: `TƯ` is trung ương, but `tư` in
    `Sở Kế hoạch và Đầu tư` or `Sở Tư pháp` is an ordinary word.
    """
    pattern, table = _abbreviations()
    return pattern.sub(lambda m: table[m.group(1)], text)


def is_abbreviation(word: str) -> bool:
    """Whether `word`, as printed, is one of the abbreviations SPEC §3 expands."""
    return nfc(word) in _abbreviations()[1]


@lru_cache(maxsize=65536)
def compare_key(text: str | None) -> str:
    """The comparable form of a value: what SPEC §3 calls 'after normalisation'."""
    if text is None:
        return ""
    s = expand_abbreviations(new_style_tones(unify_marks(nfc(text)))).casefold()
    s = _LOOSE_PUNCT.sub(" ", s)
    s = _LONE_JOINER.sub(" ", s)
    return _SPACE.sub(" ", s).strip()


class _FoldTable(dict):
    """A `str.translate` table filled on first sight of each character: the
    character without its combining marks (`ệ` → `e`; `đ` has none, so it is
    set by hand). Translating in C is what makes folding 100,000 documents cheap."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        self[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return self[code]


_FOLD = _FoldTable({ord("đ"): "d", ord("Đ"): "D"})


def strip_diacritics(text: str) -> str:
    """Accent-free form for search (`thi dua khen thuong`)."""
    return nfc(text.translate(_FOLD))


def tokens(text: str | None) -> list[str]:
    """Comparable tokens of a value, for overlap and token-sort measures."""
    key = compare_key(text)
    return key.split() if key else []


def search_key(text: str | None) -> str:
    """Accent-free comparable form: what facet and name filters of the search index compare."""
    return strip_diacritics(compare_key(text))


def fold_aligned(text: str) -> str:
    """Accent-free lower-case `text` of the same length, so that a match found in
    it is at the same offsets in `text` (snippet highlighting)."""
    folded = strip_diacritics(text).lower()
    if len(folded) == len(text):
        return folded
    return "".join((strip_diacritics(c).lower() + c)[0] for c in text)
