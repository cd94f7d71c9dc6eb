"""The one accent-free folding (pipeline.textnorm): the definition, and offsets kept for highlighting."""
import unicodedata

from hypothesis import given, strategies as st

from pipeline.textnorm import fold_aligned, strip_diacritics

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
TEXT = st.text(alphabet=st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " ,.-/0123456789\u0301\u0323Åﬁ한"))


def by_definition(text: str) -> str:
    """NFD, combining marks dropped, NFC again; đ → d (it has no combining mark to drop)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def test_examples():
    assert strip_diacritics("Thi đua, Khen thưởng ĐẮK LẮK") == "Thi dua, Khen thuong DAK LAK"


@given(TEXT)
def test_folding_is_the_definition(text):
    assert strip_diacritics(text) == by_definition(text)


@given(TEXT)
def test_aligned_folding_keeps_offsets(text):
    folded = fold_aligned(text)
    assert len(folded) == len(text)
    assert all(strip_diacritics(f) == f for f in folded if not unicodedata.combining(f))
