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

# Every Unicode character (surrogates aside): the gates and letter-led patterns are checked against it.
EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)

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


# --- repair._lead_bound: the document's phrases are looked up only when they could matter

SCORE = st.floats(min_value=-80, max_value=0, allow_nan=False)


@given(st.lists(st.tuples(SCORE, st.booleans(), st.booleans()), min_size=1, max_size=8),
       st.none() | st.tuples(SCORE, st.booleans()), st.booleans(), st.booleans())
def test_no_bonus_gives_a_lead_above_the_bound(options, own, phrases, cased):
    """The lead `choose` would compute, with any bonuses the options and the word's
    own reading might get, never exceeds the bound it prunes by."""
    from pipeline import repair

    totals = sorted(((s + (repair.PHRASE_BONUS if phrases and p else 0.0) + (repair.CASE_BONUS if cased and c else 0.0))
                     for s, p, c in options), reverse=True)
    rivals = totals[1:] + ([own[0] + (repair.PHRASE_BONUS if phrases and own[1] else 0.0)] if own else [])
    lead = totals[0] - max(rivals) if rivals else float("inf")
    bonus = (repair.PHRASE_BONUS if phrases else 0.0) + (repair.CASE_BONUS if cased else 0.0)
    assert lead <= repair._lead_bound([s for s, _, _ in options], own[0] if own else None, bonus)


# --- repair's shortcuts (no phrase lookup below the bound, no context read for a hopeless word)

def _drop_letters(text: str, rate: float, seed: int) -> str:
    """Our own synthetic text with some of the letters a font without the
    Vietnamese glyphs loses taken out, as damaged PDFs print it."""
    import random

    from pipeline.repair import LETTERS

    rng = random.Random(seed)
    return "".join(ch for ch in text if not (ch.lower() in LETTERS and rng.random() < rate))


def test_repairs_are_those_made_without_the_shortcuts(monkeypatch):
    from pathlib import Path

    from pipeline import repair
    from pipeline.lexicon import base_lexicon

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    texts = [p.read_text("utf-8") for p in sorted(corpus.glob("synthetic/*.txt")) + sorted(corpus.glob("*.txt"))]
    texts = [t for text in texts for t in (text, _drop_letters(text, 0.05, 1), _drop_letters(text, 0.2, 2))]
    texts.append("Trạm y tế xã có 10 giưng bệnh.")  # only the dictionary has `giường`
    fast = [repair.find_fixes(t, base_lexicon()) for t in texts]
    monkeypatch.setattr(repair._Judge, "hopeless", lambda self, word: False)
    monkeypatch.setattr(repair, "_lead_bound", lambda base, own, bonus: float("inf"))
    assert [repair.find_fixes(t, base_lexicon()) for t in texts] == fast
    assert sum(map(len, fast)) > 20  # the texts hold damage the repair puts right


# --- repair: the words of a text are read from the same list the counts are made of

@given(st.lists(st.sampled_from(["Hoà", "bình", "x²", "_", "a_b", " ", "  ", "\t", ", ", "\n", "2", "İ"]),
                max_size=30).map("".join))
def test_the_words_seen_are_the_letter_runs_of_the_text(text):
    from pipeline import repair

    assert list(repair._words_seen(lexicon.run_words(text)).items()) == \
        list(Counter(re.findall(r"[^\W\d_]+", text)).items())


@given(st.lists(st.sampled_from(["khuỷu", "quýt", "xoong", "ngoẹo", "thi", "bình", " ", ", "]), max_size=30).map("".join),
       st.booleans())
def test_known_syllables_are_those_seen_often_enough_in_all_layers(text, in_batch):
    from pipeline import repair

    counts, empty = lexicon.count([text]), (Counter(), Counter())
    lex = lexicon.Lexicon([lexicon.bundled()] + ([counts, empty] if in_batch else [empty, counts]))
    known, index = repair._known_syllables(lex)
    assert known == {k for k in lex.keys() if lex.unigram(k) >= repair.MIN_ATTESTED}
    assert {k: set(v) for k, v in index.items()} == {k: set(v) for k, v in repair.deletion_index(known).items()}


# --- repair: the word before a suspect read in the reversed text, not searched for

_OLD_PREV_WORD = re.compile(r"([^\W\d_]+) $")
_OLD_LEFT = re.compile(r"[^\W\d_]+[^\w\n]{1,3}\Z")
AROUND = st.lists(st.sampled_from(["Sở", "y", "ban", "Nộivụvàcácsởngànhthuộcủybannhândân", " ", "  ", "\n", " \n",
                                   ", ", ",", "(", "2", "_", "x²", "\t"]), max_size=25).map("".join)


@given(AROUND)
def test_the_word_before_is_what_the_old_search_found(text):
    from pipeline import repair

    backwards = text[::-1]
    for start in range(len(text) + 1):
        old = _OLD_PREV_WORD.search(text, max(0, start - 30), start)
        assert repair.word_before(backwards, start) == ((old.group(1), old.start(1)) if old else None)
        old_left = _OLD_LEFT.search(text, max(0, start - 30), start)
        assert repair.left_of(backwards, start) == (old_left.group() if old_left else "")


@given(st.lists(st.sampled_from(["thi", "Thi", "khuỷu", "tng", "UBND", "SNông", "XVI", "iGate", "bình", "đ"]),
                max_size=12))
def test_suspects_are_those_is_suspect_names(words):
    from pipeline import repair
    from pipeline.lexicon import base_lexicon

    background = base_lexicon()
    suspect, common = repair._suspects(Counter(words), background)
    assert suspect == {w for w in words if repair.is_suspect(w, background)}
    assert set(common) == {w for w in words if repair._suspicion(w) == repair.IF_RARE} - suspect
# --- deadlines._tried: each gate word looked for once per line

def old_tried(lower: str) -> list:
    from extractors import deadlines
    return [entry for entry, gate in zip(deadlines.PATTERNS, deadlines.GATES)
            if all(any(w in lower for w in group) for group in gate)]


GATE_TEXT = st.lists(st.sampled_from(["hằng", "hàng", "từ", "trước", "chậm", "đến", "hạn", "không", "hoàn", "ngày",
                                      "thường", "tháng", "quý", "đầu", "trong", ":", "định", "từng", "năm", "x",
                                      " ", "12/3", "kỳ", "xuyên", "vào", "ngay", "6", "(", "-", "thời"]), max_size=12).map("".join)


@given(GATE_TEXT)
def test_deadline_patterns_tried_are_those_of_the_old_gate_test(text):
    from extractors import deadlines
    assert list(deadlines._tried(text.lower())) == old_tried(text.lower())


# --- citations._type_before: the search starts after the last digit or stop

def old_type_before(text: str, start: int) -> str | None:
    from extractors import citations
    m = citations._TYPE_BEFORE.search(text[max(0, start - 160):start])
    return citations.canonical_cited_type(m.group("type")) if m else None


BEFORE_NUMBER = st.lists(st.sampled_from(["Quyết định", "quyết định", "Thông tư liên tịch", "Luật", "Kế hoạch",
                                          "số", ":", " ", "  ", "\n", ",", ".", ";", "7", "của", "UBND", "tỉnh",
                                          "ngày 12/3/2025", "Văn bản", "x"]), max_size=40).map("".join)


@given(BEFORE_NUMBER, st.integers(min_value=0, max_value=400))
def test_type_before_is_the_old_search(text, start):
    from extractors import citations
    start = min(start, len(text))
    assert citations._type_before(text, start) == old_type_before(text, start)


# --- look-behinds read after the first character, so that re scans for that character

_OLD_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9&]*)*"
OLD_STATE_NUMBER = re.compile(r"(?<![\w/.-])\d{1,5}\s*/\s*(?:\d{4}\s*/\s*)?" + _OLD_CODE + r"(?![\w&])")
OLD_PARTY_NUMBER = re.compile(r"(?<![\w/.-])\d{1,5}\s*-\s*[A-ZĐ][A-Za-zĐđ]{0,5}\s*/\s*" + _OLD_CODE + r"(?![\w&])")
OLD_LAW_NAME = re.compile(
    r"(?<![\w])(?<!pháp\s)(?P<type>[Bb]ộ\s+luật|[Ll]uật|Pháp\s+lệnh|Hiến\s+pháp)\s+(?=sửa\s+đổi|[A-ZĐÀ-Ỹ])")

CITING = st.lists(st.sampled_from(["12", "3", "123456", "2025", "/", "-", " / ", "NĐ-CP", "QH15", "HD", "VPTW", "TTLT",
                                   "Luật", "luật", "Bộ luật", "bộ  luật", "pháp luật", "pháp\nLuật", "Pháp lệnh",
                                   "Hiến pháp", "x", "Đất đai", "sửa đổi", ".", " ", "\n", "&", "đ", "Số"]),
                  max_size=25).map("".join)


def _matches(pattern, text):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@given(CITING)
def test_number_and_law_patterns_are_the_old_ones(text):
    from extractors import citations, grammar
    assert _matches(grammar.STATE_NUMBER, text) == _matches(OLD_STATE_NUMBER, text)
    assert _matches(grammar.PARTY_NUMBER, text) == _matches(OLD_PARTY_NUMBER, text)
    assert _matches(citations.LAW_NAME, text) == _matches(OLD_LAW_NAME, text)


def test_gate_words_are_found_in_lower_case_wherever_ignorecase_finds_them():
    """A gate looks for its words in `text.lower()` while the pattern matches with IGNORECASE: every
    character IGNORECASE takes for a letter of a gate word must lower-case to that letter."""
    from extractors import deadlines
    letters = {c for word in deadlines._gate_words(deadlines.GATES) for c in word}
    for letter in letters:
        same = re.findall(re.escape(letter), EVERY_CHARACTER, re.IGNORECASE)
        assert {c for c in same if c.lower() != letter} == set(), letter


# --- units: an item's text cut at the prefix match; patterns skipped where the mark they need is absent

ITEM_LINE = st.lists(st.sampled_from(["1.", "2.1.", " ", "-", "–", "a)", "đ)", "(3)", "+", "•", "Sở", "x", ":", ";",
                                      ".", "\n", "12", "Ủy ban", "chủ trì", "phối hợp", "Giao", "Đề nghị"]),
                     max_size=20).map("".join)


@given(ITEM_LINE)
def test_item_text_is_the_old_prefix_sub(line):
    from extractors import units
    assert units.item_text(line) == units.ITEM_PREFIX.sub("", line)


@given(ITEM_LINE)
def test_units_gates_name_a_mark_the_pattern_needs(line):
    from extractors import units
    if ":" not in line:
        assert units.ITEM_HEAD.match(line) is None
    if ";" not in line:
        assert units.SUBJECT_LIST.match(line) is None and units.ASSIGN_LIST.match(line) is None
        assert units.LIST_ENTRY.search(line) is None  # split_units tries it only after finding a `;`


def old_item_level(s: str) -> int:
    from extractors import units
    for pattern, level in units.ITEM_LEVELS:
        if pattern.match(s.strip()):
            return level
    return units.PLAIN


OLD_SUBJECT_MID_HEAD = r"(?<=,\s)(?P<units>"


@given(ITEM_LINE)
def test_item_level_is_the_first_level_pattern_that_matches(line):
    from extractors import units
    assert units.item_level(line) == old_item_level(line)
    assert units.item_level("I. " + line) == old_item_level("I. " + line)


MID_TEXT = st.lists(st.sampled_from([",", ", ", ",\n", " ", "Sở Y tế", "UBND", "Hội đồng", "Ban", "chủ trì", "phối hợp",
                                     "thực hiện", "các", "x", ";", ".", "Xây dựng", "tỉnh"]), max_size=20).map("".join)


@given(MID_TEXT)
def test_subject_mid_consuming_its_comma_finds_the_old_names(text):
    from extractors import units
    old = re.compile(OLD_SUBJECT_MID_HEAD + units.SUBJECT_MID.pattern.removeprefix(r",\s(?P<units>"))
    assert [(m.start("units"), m.groupdict()) for m in units.SUBJECT_MID.finditer(text)] == \
        [(m.start(), m.groupdict()) for m in old.finditer(text)]


# --- grammar.letter_led: `\b` and a first letter written so that re scans for the letter


def test_letter_led_sets_hold_every_case_of_their_letters():
    from extractors import deadlines, grammar, units  # noqa: F401  (their patterns register their sets)
    assert grammar.LETTER_LED_SETS
    for letters in grammar.LETTER_LED_SETS | {deadlines.TRIGGER_LETTERS}:
        assert set(re.findall(f"[{letters}]", EVERY_CHARACTER, re.IGNORECASE)) == set(letters), letters


def _old_led(pattern: re.Pattern, new_head: str, old_head: str) -> re.Pattern:
    assert pattern.pattern.startswith(new_head)
    return re.compile(old_head + pattern.pattern[len(new_head):], pattern.flags)


LED_TEXT = st.lists(st.sampled_from(["Giao", "GIAO", "giao cho", "xgiao", "Đề nghị", "ĐỀ NGHỊ", "yêu cầu", "Yêu Cầu",
                                     "phối hợp", "PHỐI HỢP", "_phối hợp", "với", "Sở Y tế", "UBND tỉnh", "chủ trì",
                                     "thực hiện", "1", ":", ";", ".", " ", "\n", "trước", "TRƯỚC", "chậm nhất là",
                                     "đến hết", "hạn chót", "Không quá", "\u212ahông quá", "hoàn thành trong", "ngày",
                                     "15/3", "/2025", "17h00,", "tháng", "THÁNG", "trong", "Trong  tháng", "5", "6, 7",
                                     "ngày ", "1 "]), max_size=16).map("".join)


@given(LED_TEXT)
def test_letter_led_patterns_find_what_the_old_ones_found(text):
    from extractors import deadlines, grammar, units
    by_pattern = deadlines.PATTERNS[8][0]
    pairs = [
        (units.ASSIGN, r"(?P<verb>" + grammar.letter_led("GgĐđYy") + r"(?:(?<=[Gg])iao(?:\s+cho)?|(?<=[Đđ])ề\s+nghị|"
         r"(?<=[Yy])êu\s+cầu))", r"\b(?P<verb>[Gg]iao(?:\s+cho)?|[Đđ]ề\s+nghị|[Yy]êu\s+cầu)"),
        (units.SUPPORT, grammar.letter_led("Pp") + "h", r"\b[Pp]h"),
        (by_pattern, grammar.letter_led("TtCcĐđHhKk\u212a") + r"(?:(?<=[Tt])rước|(?<=[Cc])hậm\s+nhất(?:\s+(?:là|vào|đến))?|"
         r"(?<=[Đđ])ến\s+hết|(?<=[Hh])ạn\s+chót|(?<=[Kk])hông\s+quá|(?<=[Hh])oàn\s+thành\s+trong)",
         r"\b(?:trước|chậm\s+nhất(?:\s+(?:là|vào|đến))?|đến\s+hết|hạn\s+chót|không\s+quá|hoàn\s+thành\s+trong)"),
    ]
    months = deadlines.PATTERNS[11][0]
    pairs.append((months, grammar.letter_led("Tt") + r"(?<!\d\s.)(?<!ngày\s.)(?:rong\s+\btháng|háng)",
                  r"(?<!\d\s)(?<!ngày\s)(?:\btrong\s+)?\btháng"))
    for pattern, new_head, old_head in pairs:
        old = _old_led(pattern, new_head, old_head)
        assert _matches(pattern, text) == _matches(old, text)


OLD_TRIGGER = re.compile(r"\d|qu[ýy]|thường\s+xuyên|h[ằà]ng\s|định\s+kỳ|từng\s+năm", re.IGNORECASE)
TRIGGER_TEXT = st.lists(st.sampled_from(["quý", "QUY", "qúy", "Thường xuyên", "THƯỜNG  XUYÊN", "hằng ", "HÀNG\n", "hàng",
                                         "định kỳ", "Định Kỳ", "từng năm", "TỪNG\tNĂM", "7", "٣", "x", " ", "t", "h", "đ"]),
                        max_size=8).map("".join)


@given(TRIGGER_TEXT)
def test_trigger_says_what_the_old_trigger_said(text):
    from extractors import deadlines
    assert bool(deadlines.TRIGGER.search(text)) == bool(OLD_TRIGGER.search(text))


# --- deadlines: every form searched for as written (grammar.word_led)

FORM_TEXT = st.lists(st.sampled_from(["từ ngày 01/4 đến ngày 30/4/2024", "TỪ THÁNG 3/2024 - tháng 6/2025", "từ năm 2025",
                                      "xtừ ngày 5/3", "_từ", "Thường xuyên trong năm 2025", "THƯỜNG XUYÊN", "6 tháng đầu năm",
                                      "16 tháng cuối năm 2025", "ngay từ đầu năm 2025", "NGAY", "trong năm 2026",
                                      "Trong Năm", "trước ngày 15/12", "thường xuyên.", "đến", "-", " ", "\n", "x", "1",
                                      "2025", "/", "tháng", "năm", "ngày"]), max_size=10).map(" ".join)


@given(FORM_TEXT)
def test_deadline_patterns_find_what_their_forms_find(text):
    from extractors import deadlines
    for (pattern, _), (form, _) in zip(deadlines.PATTERNS, deadlines.FORMS):
        assert _matches(pattern, text) == _matches(re.compile(form, re.IGNORECASE), text), form


# --- document.Line.clauses: breaks found by a stop-led pattern, offsets without a search

def old_clauses(line, stops):
    pos = 0
    for part in re.split(r"(?<=[" + re.escape(stops) + r"])\s+", line.text):
        idx = line.text.find(part, pos)
        yield line.start + idx, part
        pos = idx + len(part)


@given(st.lists(st.sampled_from(["Sở", " ", "  ", ".", ";", ". ", "; ", "\t", "\u00a0", ",", "x"]), max_size=20)
       .map("".join), st.sampled_from([".;", "."]), st.integers(0, 50))
def test_clauses_are_the_old_split(text, stops, start):
    from pipeline.document import Line

    line = Line(0, start, start + len(text), text)
    assert list(line.clauses(stops)) == list(old_clauses(line, stops))
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
    for letter in "nam":
        assert sorted(re.findall(letter, EVERY_CHARACTER, re.IGNORECASE)) == sorted({letter, letter.upper()})


@given(st.lists(st.sampled_from(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Việt Nam", "ĐẢNG CỘNG SẢN VIỆT ", "NAM", "nAm",
                                 "VIT NAM", "CNG HÒA XÃ HI CH NGHĨA ", " ", "x", "\n"]), max_size=4).map("".join))
def test_is_national_motto_is_the_old_search(line):
    assert layout.is_national_motto(line) == (len(line) < 60 and bool(layout.NATIONAL_MOTTO.search(line)))
