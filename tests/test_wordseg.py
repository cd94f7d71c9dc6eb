"""Word segmentation for the search index: words joined by `_`, the same for headings and sentences."""
from pipeline.wordseg import lexicon_words, segmented


def test_words_are_joined_and_codes_kept():
    out = segmented("Căn cứ Nghị định số 91/2017/NĐ-CP; thi đua, khen thưởng")
    assert "căn_cứ" in out and "nghị_định" in out and "thi_đua" in out and "khen_thưởng" in out
    assert "91/2017/nđ-cp" in out


def test_capitals_and_old_tone_marks_segment_like_the_sentence():
    assert segmented("CÔNG TÁC THI ĐUA, KHEN THƯỞNG") == segmented("công tác thi đua, khen thưởng")
    assert segmented("Hoà Bình") == segmented("Hòa Bình")


def test_vocabulary_segmentation_takes_the_longest_known_word():
    known = {"thi_dua", "khen_thuong", "thi_dua_khen"}.__contains__
    assert lexicon_words("thi dua khen thuong", known) == ["thi_dua_khen", "thuong"]
    assert lexicon_words("Thi đua, khen thưởng", {"thi_đua", "khen_thưởng"}.__contains__) == [
        "thi_đua", "khen_thưởng"]
    assert lexicon_words("nam 2023", known) == ["nam", "2023"]
