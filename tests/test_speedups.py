"""Each speed-up of the pipeline against the plain code it replaced, kept here
as the oracle: the fast code must give the same answer on any input, not only
on the documents the benchmark happens to read."""
from __future__ import annotations

import os
import re
from array import array
from collections import Counter

from hypothesis import given, strategies as st

from pipeline import clean, encodings, layout, lexicon, offsets, segment, startcache, textnorm
from pipeline.document import split_lines
from pipeline.offsets import Edit, Mapped
from pipeline.syllables import is_syllable

# --- textnorm.new_style_tones: one class-led pattern instead of a look-behind-led alternation

_OLD_STYLE = re.compile(r"(?<![qQ])(" + "|".join(sorted(textnorm._OLD_TO_NEW, key=len, reverse=True)) + r")(?!\w)")


def old_new_style_tones(text: str) -> str:
    return _OLD_STYLE.sub(lambda m: textnorm._OLD_TO_NEW[m.group(1)], textnorm.nfc(text))


TONE_TEXT = st.text(alphabet=st.sampled_from("oOuUqQaAeEyYàÀáÁạẠèÈéÉẹỳỲýÝỹòóọùúx 1.\n"), max_size=40)


@given(TONE_TEXT)
def test_new_style_tones_is_the_old_alternation(text):
    assert textnorm.new_style_tones(text) == old_new_style_tones(text)


def test_new_style_tones_moves_the_marks():
    assert textnorm.new_style_tones("Hoà bình, khoẻ, thuỷ lợi, quà, Hoá") == "Hòa bình, khỏe, thủy lợi, quà, Hóa"


# --- lexicon.joined_pairs: the set made of whole lines, no tuple per pair

def old_word_pairs_of(word_list: str) -> frozenset[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for line in old_new_style_tones(word_list.lower()).replace("-", " ").splitlines():
        words = line.split()
        pairs.update(zip(words, words[1:]))
    return frozenset(pairs)


WORD_LIST = st.lists(st.sampled_from(["kịp", "thời", "Hoà", "bình", "ca-nô", " ", "  ", "\t", "\n", "\n", "\r\n",
                                      "\u2028", "-", "x y z", "a"]), max_size=20).map("".join)


@given(WORD_LIST)
def test_word_pairs_are_the_old_pairs(word_list):
    assert lexicon.word_pairs_of(word_list) == old_word_pairs_of(word_list)
    looked_up = lexicon.WordPairs(lexicon.joined_pairs(word_list))
    assert all(p in looked_up for p in old_word_pairs_of(word_list)) and ("kịp", "bình") not in looked_up


# --- startcache: a derived table is derived once and read back until its source changes

def test_a_derived_table_is_kept_and_derived_again_when_its_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_CACHE_HOME", str(tmp_path / "cache"))
    source, code = tmp_path / "list.txt", tmp_path / "code.py"
    source.write_text("a b\n", "utf-8")
    code.write_text("# v1\n", "utf-8")
    calls = []

    def derive():
        calls.append(1)
        return sorted(lexicon.joined_pairs(source.read_text("utf-8")))

    assert startcache.derived_lines("pairs", source, [code], derive) == ["a b"]
    assert startcache.derived_lines("pairs", source, [code], derive) == ["a b"] and len(calls) == 1
    source.write_text("a b\nc d e\n", "utf-8")
    assert startcache.derived_lines("pairs", source, [code], derive) == ["a b", "c d", "d e"] and len(calls) == 2
    code.write_text("# v2\n", "utf-8")
    startcache.derived_lines("pairs", source, [code], derive)
    assert len(calls) == 3 and len(list((tmp_path / "cache").glob("pairs-*.txt"))) == 3
    for kept in (tmp_path / "cache").glob("pairs-*.txt"):
        kept.write_text("a b\nc", "utf-8")  # cut short: not trusted
    assert startcache.derived_lines("pairs", source, [code], derive) == ["a b", "c d", "d e"] and len(calls) == 4


def test_an_unwritable_cache_only_means_deriving_again(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", "utf-8")
    monkeypatch.setenv("VANBAN_CACHE_HOME", str(blocked / "cache"))
    source = tmp_path / "list.txt"
    source.write_text("a b\n", "utf-8")
    assert startcache.derived_lines("pairs", source, [], lambda: ["a b"]) == ["a b"]
    assert not [p for p in tmp_path.rglob("*") if p.suffix == ".tmp"] and os.path.isfile(blocked)


# --- clean.whitespace: edge runs found by character-led patterns

def old_whitespace(text: str) -> list[Edit]:
    return ([Edit(m.start(), m.end(), " ") for m in re.finditer(r"[ ]{2,}", text)]
            + [Edit(m.start(), m.end(), "") for m in re.finditer(r"[ ]+(?=\n|\t|$)|(?<=\n|\t)[ ]+|^[ ]+", text)])


SPACED = st.lists(st.sampled_from([" ", "  ", "   ", "a", "bc", "\n", "\t", "\n\n"]), max_size=25).map("".join)


@given(SPACED)
def test_whitespace_edits_are_the_old_ones(text):
    assert list(clean.whitespace(text)) == old_whitespace(text)


# --- clean.split_words: breaks found by a pattern led by the break, the word before read backwards

_OLD_SPLIT_WORD = re.compile(r"(\w+)\n(?=(\w+))")
BROKEN = st.lists(st.sampled_from(["t", "nh", "ương", "th", "1", "_", " ", "\n", "\n\n", ".", "é", "Ⅻ", "²"]),
                  max_size=25).map("".join)


@given(BROKEN)
def test_split_word_matches_are_the_old_ones(text):
    old = [(m.end(1), m.group(1), m.group(2)) for m in _OLD_SPLIT_WORD.finditer(text)]
    assert list(clean._broken_words(text)) == old


# --- layout._mostly_upper: letters filtered and counted in C

def old_mostly_upper(text: str, share: float) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) > share


@given(st.text(alphabet=st.sampled_from("aAđĐỦủ1 .Ⅻⓐ²\u0301"), max_size=20), st.sampled_from([0.5, 0.85]))
def test_mostly_upper_is_the_old_count(text, share):
    assert layout._mostly_upper(text, share) == old_mostly_upper(text, share)


# The gate on lower-case ASCII letters: lines near the share, where it must not say no too soon.
@given(st.lists(st.sampled_from(["KẾ HOẠCH ", "UBND", "a", "b", "z", "ư", "Ư", "1", " ", ".", "ⓐ"]), max_size=40)
       .map("".join), st.sampled_from([0.5, 0.85]))
def test_mostly_upper_with_its_gate_is_the_old_count(text, share):
    assert layout._mostly_upper(text, share) == old_mostly_upper(text, share)


# --- encodings.syllable_score: each distinct word judged once

def old_syllable_score(text: str) -> tuple[int, int]:
    valid = total = 0
    for m in encodings._WORD.finditer(text):
        if not m.group().isascii():
            total += 1
            valid += is_syllable(m.group())
    return valid, total


@given(st.lists(st.sampled_from(["Kế", "hoạch", "KÕ", "HO¹CH", "the", "xyzộ", " ", "\n", "1"]), max_size=30)
       .map("".join))
def test_syllable_score_is_the_old_count(text):
    assert encodings.syllable_score(text) == old_syllable_score(text)


# --- offsets.counting: identity maps copied from one kept run

def test_counting_is_range_at_every_size(monkeypatch):
    monkeypatch.setattr(offsets, "_COUNTED", array("l"))
    monkeypatch.setattr(offsets, "_KEPT_MAX", 200_000)
    for n in (0, 1, 5, 70_000, 10, 150_000, 300_000, 3):
        assert offsets.counting(n) == array("l", range(n))
    run = offsets.counting(4)
    run[0] = 99  # a copy: changing it changes no later map
    assert offsets.counting(4)[0] == 0 and Mapped.identity("abc").origin == array("l", range(4))


# --- lexicon: counts without a Python step per word or per run

PROSE = st.lists(st.sampled_from(["Hoà", "bình", "xyzq", "UBND", "kịp", "thời", " ", "  ", ", ", "\n", "2"]),
                 max_size=30).map("".join)


@given(st.lists(PROSE, max_size=3))
def test_counts_are_the_old_counts_in_the_old_order(texts):
    uni, bi = Counter(), Counter()
    for text in texts:
        for run in lexicon.syllable_runs(text):  # what a run is, counted run by run as before
            uni.update(run)
            bi.update(zip(run, run[1:]))
    new_uni, new_bi = lexicon.count(texts)
    assert list(new_uni.items()) == list(uni.items()) and list(new_bi.items()) == list(bi.items())


@given(PROSE)
def test_lexicon_lookups_sum_the_layers(text):
    lex = lexicon.Lexicon([lexicon.count([text]), lexicon.count([text + " bình"]), (Counter(), Counter())])
    for k in ("bình", "hòa", "nope"):
        assert lex.unigram(k) == sum(layer[0].get(k, 0) for layer in lex.layers)
        assert lex.bigram("hòa", k) == sum(layer[1].get(("hòa", k), 0) for layer in lex.layers)


def test_without_a_home_folder_the_table_is_derived(tmp_path, monkeypatch):
    for name in ("VANBAN_CACHE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(startcache.Path, "home", staticmethod(no_home))
    source = tmp_path / "list.txt"
    source.write_text("a b\n", "utf-8")
    assert startcache.derived_lines("pairs", source, [], lambda: ["a b"]) == ["a b"]


def test_dictionary_syllables_are_the_valid_syllables_of_the_pairs_read_back_from_the_cache(tmp_path, monkeypatch):
    from pipeline.syllables import is_syllable

    monkeypatch.setenv("VANBAN_CACHE_HOME", str(tmp_path / "cache"))
    lexicon.dictionary_syllables.cache_clear()
    try:
        first = lexicon.dictionary_syllables()
        lexicon.dictionary_syllables.cache_clear()
        assert lexicon.dictionary_syllables() == first  # read back
        assert first == frozenset(s for s in lexicon.word_pairs().syllables() if is_syllable(s))
        assert not lexicon.word_pairs() or list((tmp_path / "cache").glob("dictionary-syllables-*.txt"))
    finally:
        lexicon.dictionary_syllables.cache_clear()


# --- encodings.recover_mojibake: the cp1252 bytes tried before the words are scored

def old_recover_mojibake(text: str) -> tuple[str, str] | None:
    valid, total = encodings.syllable_score(text)
    if total < encodings.MIN_WORDS or valid / total >= encodings.MOJIBAKE_BELOW:
        return None
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    try:
        fixed, name = encodings.decode_legacy(data)
    except encodings.InputError:
        return None
    return fixed, f"{name} via utf-8"


# Synthetic sentence written for this test; its legacy bytes shown as cp1252 are the mojibake.
_SENTENCE = "Ủy ban nhân dân xã tổ chức hội nghị triển khai kế hoạch phòng chống thiên tai năm 2024. "
MOJIBAKE = [encodings.ENCODERS[name](_SENTENCE * 3).decode("cp1252", errors="replace")
            for name in ("tcvn3", "vni-windows")]
PIECES = st.sampled_from(MOJIBAKE + [_SENTENCE, "KÕ HO¹CH ", "café où ", "Hà Nội ", "ñ ", "€ ", "\u0103 ", "x "])


@given(st.lists(PIECES, max_size=6).map("".join))
def test_recover_mojibake_is_the_old_order(text):
    assert encodings.recover_mojibake(text) == old_recover_mojibake(text)


def test_recover_mojibake_still_reads_back_the_legacy_fonts():
    assert all(encodings.recover_mojibake(m) == old_recover_mojibake(m) is not None for m in MOJIBAKE)


# --- layout.is_flattened_header: the substring `Số` before either search

def old_is_flattened_header(line: str) -> bool:
    return (len(line) > 80 and bool(layout.NATIONAL_MOTTO.search(line))
            and bool(re.search(r"\bSố\s*:?\s*\d*\s*[/-]", line)))


HEADER_PIECES = st.sampled_from(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CNG HÒA XÃ HI CH NGHĨA VIT NAM",
                                 "ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 12/KH-UBND", "Số 5-", "Số:", "SỐ: 3/QĐ", "xSố /",
                                 "Độc lập - Tự do - Hạnh phúc", " ", "ỦY BAN NHÂN DÂN TỈNH ", "Hà Nội, ngày 2 tháng 3 năm 2024"])


@given(st.lists(HEADER_PIECES, max_size=8).map(" ".join))
def test_is_flattened_header_is_the_old_test(line):
    assert layout.is_flattened_header(line) == old_is_flattened_header(line)


# --- layout.is_signature_name: at most seven pieces split, the words' shape looked at first

def old_is_signature_name(line: str) -> bool:
    words = line.strip().split()
    if not 2 <= len(words) <= 6 or any(map(str.isdigit, line)):
        return False
    if line.strip().endswith((":", ";", ",")):
        return False
    return all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)


NAME_PIECES = st.sampled_from(["Nguyễn", "Văn", "An", "ĐỖ", "thị", "B2", "²", "Lê:", ",", ";", " ", "  ", "\t", "\n",
                               "\u3000", "Ǆ", "ǅ", "Ⅻ"])


@given(st.lists(NAME_PIECES, max_size=12).map("".join))
def test_is_signature_name_is_the_old_test(line):
    assert layout.is_signature_name(line) == old_is_signature_name(line)


@given(st.lists(st.sampled_from(["Nguyễn", "Văn", "An", "Hà", " ", "1"]), min_size=1, max_size=16).map(" ".join))
def test_is_signature_name_is_the_old_test_around_six_words(line):
    assert layout.is_signature_name(line) == old_is_signature_name(line)


# --- clean.footnote_refs: the bracket first, the character before it looked back at

_OLD_FOOTNOTE_REF = re.compile(r"(?<=[^\s\[])\[(\d{1,2})\](?!\()")


@given(st.lists(st.sampled_from(["phương", "[", "]", "[1]", "[12]", "[123]", "1", "(", " ", "\n", "[[2]"]),
                max_size=15).map("".join))
def test_footnote_refs_are_the_old_matches(text):
    assert list(clean.footnote_refs(text)) == [Edit(m.start(), m.end(), "") for m in _OLD_FOOTNOTE_REF.finditer(text)]


# --- clean.controls: the line-break pattern run only when one of its characters is there

def old_controls(text: str) -> list[Edit]:
    return ([Edit(m.start(), m.end(), "") for m in clean._CONTROL.finditer(text)]
            + [Edit(m.start(), m.end(), "\n") for m in re.finditer(r"\r\n?|\u2028|\u2029", text)])


@given(st.lists(st.sampled_from(["a", "\r", "\n", "\r\n", "\u2028", "\u2029", "\x00", "\ufeff", "\u00ad", " "]),
                max_size=15).map("".join))
def test_controls_are_the_old_edits(text):
    assert list(clean.controls(text)) == old_controls(text)


# --- layout.is_layout_line: its six line openings tried by one pattern

def old_is_layout_line(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if (layout.AUTHORITY.match(s) or layout.is_national_motto(s) or layout.MOTTO_LINE.match(s)
            or layout.NUMBER_LINE.match(s)):
        return True
    if layout.RECIPIENTS_LINE.match(s) or layout.ADDRESSEE_LINE.match(s) or layout.ARCHIVE_LINE.match(s):
        return True
    if len(s) < 70 and layout.is_upper_line(s):
        return True
    return layout.is_signature_name(s) or s == "*"


OPENINGS = st.sampled_from(["KT. ", "TM ", "T/M ", "Q.", "Số: 12/KH-UBND", "Số 3", "nơi nhận:", "Nơi  nhận", "KÍNH GỬI",
                            "Kính gửi:", "- Lưu: VT", "lưu", "Độc lập - Tự do - Hạnh phúc", "độc lập – tự do – hạnh phúc",
                            "---", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nguyễn Văn An", "*", " ", "\t", "x", "GIÁM ĐỐC",
                            "các đơn vị thực hiện"])


@given(st.lists(OPENINGS, max_size=4).map("".join))
def test_is_layout_line_is_the_old_test(line):
    assert layout.is_layout_line(line) == old_is_layout_line(line)


# --- clean.emphasis: each branch of the marks' pattern opens with its mark

_OLD_EMPHASIS = re.compile(r"\*{1,3}(?=[^\s*])|(?<=\S)\*{1,3}|(?<![\w])__(?=\S)|(?<=\S)__(?![\w])")


@given(st.lists(st.sampled_from(["*", "**", "***", "_", "__", "a", "Về", "1.", " ", "\t", ":", "\n"]), max_size=20)
       .map("".join))
def test_emphasis_marks_are_the_old_matches(line):
    assert [m.span() for m in clean._EMPHASIS.finditer(line)] == [m.span() for m in _OLD_EMPHASIS.finditer(line)]


# --- clean._lines: the last text's lines kept, as a tuple no caller can change

def old_lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


@given(st.lists(st.sampled_from(["a", "bc", "\n", "\n\n", " ", "**x**", "|"]), max_size=20).map("".join))
def test_kept_lines_are_the_lines_of_the_text_asked_for(text):
    other = text + "\nz"
    assert list(clean._lines(text)) == old_lines(text) and list(clean._lines(other)) == old_lines(other)
    assert list(clean._lines(text)) == old_lines(text) and isinstance(clean._lines(text), tuple)


# --- segment.lines_of: the last text's lines kept for the splitter and the segmenter

@given(st.lists(st.sampled_from(["KẾ HOẠCH", "a", "\n", "\n\n", " ", "Nơi nhận:"]), max_size=15).map("".join))
def test_kept_document_lines_are_the_lines_of_the_text_asked_for(text):
    for asked in (text, text + "\nx", text):
        assert segment.lines_of(asked) == split_lines(asked)


# --- layout.has_place_date: the word `ngày` looked for before the pattern is searched

DATE_LINES = st.tuples(*(st.sampled_from(choices) for choices in (
    ["", "Số 5. ", "x "], ["Hà Nội", "Kim Bảng", "hà nội", ""], [", ", ",", " ", ",\n"], ["ngày", "Ngày", "NGÀY", ""],
    [" 5 ", "", " 123 "], ["tháng 3", "tháng", "THÁNG 3"], [" năm 2024", "năm 24", ""]))).map("".join)


@given(DATE_LINES)
def test_has_place_date_is_the_search(line):
    assert layout.has_place_date(line) == bool(layout.PLACE_DATE.search(line))


def test_has_place_date_finds_the_date_line():
    assert layout.has_place_date("Hà Nội, ngày 5 tháng 3 năm 2024") and not layout.has_place_date("Hà Nội, NGÀY 5")


# --- layout.is_national_motto: `nam` looked for in the lower-cased line before the search

def test_only_the_ascii_letters_match_n_a_m_when_case_is_ignored():
    every_character = "".join(map(chr, range(0x110000)))
    for letter in "nam":
        assert sorted(re.findall(letter, every_character, re.IGNORECASE)) == sorted({letter, letter.upper()})


@given(st.lists(st.sampled_from(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Việt Nam", "ĐẢNG CỘNG SẢN VIỆT ", "NAM", "nAm",
                                 "VIT NAM", "CNG HÒA XÃ HI CH NGHĨA ", " ", "x", "\n"]), max_size=4).map("".join))
def test_is_national_motto_is_the_old_search(line):
    assert layout.is_national_motto(line) == (len(line) < 60 and bool(layout.NATIONAL_MOTTO.search(line)))
