"""Boxes in raw offsets survive cleaning and splitting into parts."""
from __future__ import annotations

from hypothesis import given, strategies as st

from pipeline.clean import clean
from pipeline.offsets import Edit, Mapped, apply_edits
from pipeline.sourcemap import Box, TextBuilder, locate, record_fields, to_clean


@st.composite
def edited(draw):
    text = draw(st.text(alphabet="ab \n\t", min_size=1, max_size=60))
    edits = []
    for _ in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 5)))
        edits.append(Edit(a, b, draw(st.sampled_from(["", " ", "xy"]))))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, edits, start, end


@given(edited())
def test_a_raw_range_maps_to_exactly_the_clean_characters_that_came_from_it(case):
    text, edits, start, end = case
    mapped = apply_edits(Mapped.identity(text), edits)
    s, e = to_clean(mapped, start, end)
    assert 0 <= s <= e <= len(mapped.text)
    assert all(start <= mapped.origin[i] < end for i in range(s, e))
    assert not any(start <= mapped.origin[i] < end for i in range(len(mapped.text)) if not s <= i < e)


def test_pages_and_boxes_follow_cleaning_and_parts():
    built = TextBuilder()
    built.write("Số:  25/KH-UBND", 1, (10.0, 10.0, 90.0, 20.0))
    built.write("\n\n\n")
    built.write("Nơi   nhận:", 2, (10.0, 700.0, 60.0, 712.0))
    built.write("\n")
    mapped = clean(built.text, "txt")
    assert mapped.text == "Số: 25/KH-UBND\n\nNơi nhận:\n"
    fields = record_fields(built.boxes, mapped, 0, len(mapped.text))
    assert [p["page"] for p in fields["pages"]] == [1, 2]
    at = mapped.text.index("nhận")
    assert locate(fields, (at, at + 4)) == [{"page": 2, "bbox": (10.0, 700.0, 60.0, 712.0)}]
    second = record_fields(built.boxes, mapped, mapped.text.index("Nơi"), len(mapped.text))
    assert second["boxes"][0]["span"][0] == 0 and second["pages"][0]["page"] == 2


def test_records_without_boxes_get_no_source_map():
    assert record_fields([], Mapped.identity("abc"), 0, 3) == {}
    assert locate({"boxes": [], "pages": []}, (0, 1)) == []
    assert Box(0, 1, 1).bbox is None
