"""The syllable validator: onset, glide, nucleus, coda and tone rules."""
import pytest

from pipeline.syllables import is_syllable, split_tone


@pytest.mark.parametrize("word", [
    "mục", "đích", "yêu", "cầu", "từng", "thưởng", "nhằm", "tỉnh", "tố", "cáo",
    "nghiêng", "kẻ", "gìn", "giếng", "giữa", "gì", "quyết", "quốc", "quan", "quân", "quy",
    "khuếch", "huỳnh", "khuya", "thuở", "uỷ", "ủy", "hoà", "hòa", "khoẻ", "oách", "ngoằn",
    "MỤC", "ĐÍCH", "Thái", "Bình",
])
def test_real_syllables_pass(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word, why", [
    ("MC", "no vowel"), ("tng", "no vowel"), ("nhm", "no vowel"), ("tcáo", "two onsets"),
    ("UBND", "no vowel"), ("TCHCTTTL", "no vowel"),
    ("mảt", "a checked syllable (coda t) takes only sắc or nặng"),
    ("màc", "a checked syllable (coda c) takes only sắc or nặng"),
    ("mât", "a checked syllable has no level tone"),
    ("ce", "c is written k before e"), ("ka", "k only before e ê i y"),
    ("ghà", "gh only before e ê i"), ("nge", "ng is written ngh before e"),
    ("mă", "ă needs a coda"), ("qa", "q only as qu"), ("gìi", "gi shares its i"),
    ("mà\u0300", "two tone marks"), ("style", "not Vietnamese"), ("12h", "digits"),
])
def test_impossible_tokens_fail(word, why):
    assert not is_syllable(word), why


def test_split_tone_separates_the_mark():
    assert split_tone("thưởng") == ("thương", "\u0309")
    assert split_tone("thương") == ("thương", "")
