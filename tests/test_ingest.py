from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.limits import Limits
from pipeline.ingest import html_to_text, ingest

TEXT = "KẾ HOẠCH\nCông tác thi đua, khen thưởng năm 2023\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
])
def test_text_encodings_decode_to_the_same_text(tmp_path, data, encoding):
    got = ingest(write(tmp_path, "a.txt", data))
    assert got.text.lstrip("\ufeff") == TEXT
    assert got.encoding == encoding


def test_undecodable_bytes_are_an_error_not_mojibake(tmp_path):
    # cp1252 bytes of "Kế hoạch" written by a legacy editor: not UTF-8.
    with pytest.raises(InputError) as e:
        ingest(write(tmp_path, "a.txt", "Kế hoạch".encode("utf-16-le")[:-1] + b"\xff\xfe\xfd"))
    assert e.value.code == "undecodable"


@pytest.mark.parametrize("name, data, code", [
    ("a.txt", b"", "empty"),
    ("a.txt", b"   \n\t ", "empty"),
    ("a.pdfx", b"%PDF", "unsupported_format"),
    ("a.txt", b"abc\x00def", "corrupt_file"),
])
def test_bad_inputs_raise_stable_codes(tmp_path, name, data, code):
    with pytest.raises(InputError) as e:
        ingest(write(tmp_path, name, data))
    assert e.value.code == code
    assert e.value.message


def test_too_large_is_refused_before_reading(tmp_path):
    with pytest.raises(InputError) as e:
        ingest(write(tmp_path, "a.txt", b"x" * 2000), Limits(max_bytes=1000))
    assert e.value.code == "too_large"


def test_html_drops_scripts_and_keeps_blocks_and_cells():
    html = """<html><head><style>p{color:red}</style><script>var x = "Số: 9/KH";</script></head>
    <body><div>ỦY BAN NHÂN DÂN</div><p>TỈNH THÁI BÌNH</p>
    <table><tr><td>1</td><td>Sở Nội vụ</td><td>Quý II</td></tr></table></body></html>"""
    text = html_to_text(html)
    lines = [l for l in text.split("\n") if l.strip()]
    assert "var x" not in text and "color" not in text
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH THÁI BÌNH"]
    assert lines[2].split("\t") == ["1", "Sở Nội vụ", "Quý II"]


def test_deeply_nested_html_does_not_crash():
    html = "<div>" * 5000 + "Nội dung" + "</div>" * 5000
    assert "Nội dung" in html_to_text(html)
