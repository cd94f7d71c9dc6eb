"""Each speed-up of the pipeline against the plain code it replaced, kept here
as the oracle: the fast code must give the same answer on any input, not only
on the documents the benchmark happens to read."""
from __future__ import annotations

import os
import re

from hypothesis import given, strategies as st

from pipeline import lexicon, startcache, textnorm

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


def test_an_unwritable_cache_only_means_deriving_again(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", "utf-8")
    monkeypatch.setenv("VANBAN_CACHE_HOME", str(blocked / "cache"))
    source = tmp_path / "list.txt"
    source.write_text("a b\n", "utf-8")
    assert startcache.derived_lines("pairs", source, [], lambda: ["a b"]) == ["a b"]
    assert not [p for p in tmp_path.rglob("*") if p.suffix == ".tmp"] and os.path.isfile(blocked)
