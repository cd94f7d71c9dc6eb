"""Pre-Unicode Vietnamese encodings: TCVN3 (ABC), VNI-Windows and cp1258.

Older documents were typed with 8-bit Vietnamese fonts and arrive as bytes
that are not UTF-8. Such bytes decode under *every* 8-bit table, so the
choice is scored: each candidate decoding is read word by word and accepted
only when its accented words are overwhelmingly valid Vietnamese syllables
(`syllables.is_syllable`) and clearly better than every other reading.
Anything else stays an `undecodable` error: never silent mojibake.

The tables are facts of published standards, written out as data in
`pipeline/data/`: `tcvn3.tsv` (TCVN 5712:1993) and `vni.tsv` (VNI-Windows).
cp1258 is Microsoft's Windows-1258 code page, which Python ships as a codec;
it spells tones as combining marks, so its text is composed to NFC here.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable

from . import data
from .errors import InputError
from .syllables import is_syllable

MIN_WORDS = 5          # fewer accented words than this prove nothing
MIN_VALID = 0.9        # share of accented words that must be syllables
MIN_LEAD = 0.25        # lead of the best reading over the runner-up

_WORD = re.compile(r"[^\W\d_]+")


def _rows(name: str) -> list[tuple[str, str]]:
    raw = data.read(name)
    rows = []
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            code, char = line.split("\t")
            rows.append(("".join(chr(int(h, 16)) for h in code.split()), char))
    return rows


@lru_cache(maxsize=1)
def _tcvn3() -> dict[int, str]:
    return {ord(code): char for code, char in _rows("tcvn3.tsv")}


@lru_cache(maxsize=1)
def _vni() -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(_rows("vni.tsv"))
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    return pattern, table


def _cp1252_high() -> dict[int, str]:
    out = {}
    for i in range(0x80, 0xA0):
        try:
            out[i] = bytes([i]).decode("cp1252")
        except UnicodeDecodeError:
            pass  # the five holes of cp1252 stay Latin-1 controls
    return out


_CP1252_HIGH = _cp1252_high()


def _as_cp1252(data: bytes) -> str:
    """Bytes as a Windows font saw them: cp1252 (VNI fonts are Windows fonts)."""
    return data.decode("latin-1").translate(_CP1252_HIGH)


def tcvn3_chars(data: bytes) -> str:
    """The TCVN3 table alone, before capitals are restored."""
    return _as_cp1252(data).translate(_tcvn3())


def decode_tcvn3(data: bytes) -> str:
    return upper_lines(tcvn3_chars(data))


def decode_vni(data: bytes) -> str:
    pattern, table = _vni()
    return unicodedata.normalize("NFC", pattern.sub(lambda m: table[m.group()], _as_cp1252(data)))


def decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258"))


DECODERS: dict[str, Callable[[bytes], str]] = {
    "tcvn3": decode_tcvn3, "vni-windows": decode_vni, "cp1258": decode_cp1258,
}


def upper_lines(text: str) -> str:
    """Capitals typed in TCVN3's capital fonts (.VnTimeH) share the lower-case codes.

    A line without plain lower-case letters in which some word mixes plain
    capitals with a lower-case Vietnamese letter (`HOạCH`) was typed in a
    capital font: all of it is capitals. A Vietnamese letter opening a line or
    a sentence (`ủy ban` after `. `) is a capital the table could not hold.
    """
    return _SENTENCE_START.sub(lambda m: m.group().upper(), re.sub(r"[^\n]+", _upper_line, text))


_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))[^\x00-\x7f\W\d_]", re.MULTILINE)
_MIXED_CAPS = re.compile(r"[A-Z]*[^\x00-\x7f\W\d_A-Z][A-Z]*")


def _upper_line(m: re.Match[str]) -> str:
    line = m.group()
    if any(c.isascii() and c.islower() for c in line):
        return line
    caps = [w for w in _MIXED_CAPS.findall(line) if sum(c.isascii() for c in w) >= 2]
    return line.upper() if caps else line


def syllable_score(text: str) -> tuple[int, int]:
    """(valid, all) accented words: plain ASCII words read the same under every table.

    Each distinct word is judged once (a document repeats its words: a loop
    over every occurrence cost a twentieth of the whole extraction).
    """
    valid = total = 0
    for word, n in Counter(_WORD.findall(text)).items():
        if not word.isascii():
            total += n
            valid += n * is_syllable(word)
    return valid, total


def decode_legacy(data: bytes) -> tuple[str, str]:
    """Text and encoding name of non-UTF-8 bytes, or an `undecodable` InputError."""
    readings = []
    for name, decode in DECODERS.items():
        try:
            text = decode(data)
        except (UnicodeDecodeError, ValueError):
            continue
        valid, total = syllable_score(text)
        readings.append((valid / total if total else 0.0, total, name, text))
    readings.sort(key=lambda r: r[0], reverse=True)
    if readings:
        share, total, name, text = readings[0]
        runner_up = readings[1][0] if len(readings) > 1 else 0.0
        if total >= MIN_WORDS and share >= MIN_VALID and share - runner_up >= MIN_LEAD:
            return text, name
    tried = ", ".join(f"{n} {s:.0%} of {t} words" for s, t, n, _ in readings)
    raise InputError("undecodable",
                     "the file is not UTF-8 and no legacy Vietnamese encoding (TCVN3, VNI-Windows, "
                     f"cp1258) reads it as Vietnamese ({tried}); save it as UTF-8")


MOJIBAKE_BELOW = 0.5   # UTF-8 text whose accented words are valid less often than this is suspect


def recover_mojibake(text: str) -> tuple[str, str] | None:
    """UTF-8 text that is a legacy encoding read as Windows-1252 (`KÕ HO¹CH`), put right.

    Web pages typed in TCVN3 or VNI fonts are often served as UTF-8 with the
    font's bytes shown as Latin letters. When few accented words are valid
    syllables and the text goes back to cp1252 bytes that a legacy table reads
    as Vietnamese beyond doubt, that reading is the text.

    The bytes are tried before the words are scored: a character outside
    cp1252 (nearly every real Vietnamese UTF-8 text has one, and early) is
    already a no, and both tests are pure, so their order changes no answer.
    """
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    valid, total = syllable_score(text)
    if total < MIN_WORDS or valid / total >= MOJIBAKE_BELOW:
        return None
    try:
        fixed, name = decode_legacy(data)
    except InputError:
        return None
    return fixed, f"{name} via utf-8"


# --- encoding, for tests and the corruption benchmark -----------------------

def encode_tcvn3(text: str) -> bytes:
    """Unicode → TCVN3 bytes; capitals with tones take their lower-case code, as the
    capital fonts did."""
    inverse = {char: code for code, char in _tcvn3().items()}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = inverse.get(ch, inverse.get(ch.lower()))
        out += bytes([code]) if code is not None else ch.encode("cp1252", errors="replace")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    table = {char: code for code, char in _rows("vni.tsv")}
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode("cp1252", errors="replace")


def encode_cp1258(text: str) -> bytes:
    """Unicode → cp1258: letters the code page lacks go as base letter + combining tone."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, tone = _split_tone(ch)
            out += base.encode("cp1258", errors="replace") + tone.encode("cp1258", errors="replace")
    return bytes(out)


def _split_tone(ch: str) -> tuple[str, str]:
    """`ộ` → (`ô`, combining dot below): the tone mark off, the vowel's own mark kept."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)), tone


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


ENCODERS: dict[str, Callable[[str], bytes]] = {
    "tcvn3": encode_tcvn3, "vni-windows": encode_vni, "cp1258": encode_cp1258,
}
