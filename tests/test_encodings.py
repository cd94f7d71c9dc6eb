"""Legacy Vietnamese encodings: detected by syllable score, decoded with our own tables."""
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.encodings import ENCODERS, decode_legacy, encode_tcvn3, tcvn3_chars
from pipeline.errors import InputError
from pipeline.ingest import ingest
from pipeline.run import process_file

ROOT = Path(__file__).resolve().parents[1]
# Synthetic text written for these tests (not from any document).
TEXT = ("Tổ chức hội thi tìm hiểu pháp luật năm 2024; Uỷ ban nhân dân xã hoà giải ở cơ sở, "
        "thuỷ lợi và những người ứng cử; ý kiến của đoàn viên, “đẩy mạnh” phong trào – "
        "giữ gìn đường làng ngõ xóm, ươm mầm xanh, khuyến khích học tập suốt đời.\n")
HEADING = "ỦY BAN NHÂN DÂN HUYỆN KIM BẢNG\nKẾ HOẠCH\n"


@pytest.mark.parametrize("name", sorted(ENCODERS))
def test_round_trip_through_each_table(name):
    data = ENCODERS[name](HEADING + TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, found = decode_legacy(data)
    assert found == name
    assert text == HEADING + TEXT


@pytest.mark.parametrize("name", sorted(ENCODERS))
def test_ingest_names_the_encoding_and_html_works_too(tmp_path, name):
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><p>" + ENCODERS[name](TEXT.strip()) + b"</p></body></html>")
    got = ingest(page)
    assert got.encoding == name and got.text.strip() == TEXT.strip()


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 4,
    "Le café est très bon, où êtes-vous? L'élève français a réussi.".encode("cp1252"),
    "Привет, как дела? Всё хорошо, спасибо.".encode("cp1251"),
    ENCODERS["tcvn3"]("Tổ chức")  # too few words to prove anything
])
def test_garbage_and_other_languages_stay_undecodable(data):
    with pytest.raises(InputError) as e:
        decode_legacy(data)
    assert e.value.code == "undecodable"


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_tcvn3_table_agrees_with_glibc():
    # 0x80-0x9F: glibc reads TCVN 5712 VN1 capitals there, the ABC fonts kept cp1252 quotes.
    lower = (HEADING + TEXT).lower().replace("“", "").replace("”", "").replace("–", "-")
    data = encode_tcvn3(lower)
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True)
    if out.returncode != 0:
        pytest.skip("iconv lacks TCVN5712-1")
    assert out.stdout.decode("utf-8") == tcvn3_chars(data) == lower


@pytest.mark.parametrize("name", sorted(ENCODERS))
def test_a_seed_reencoded_gives_the_same_record(tmp_path, name):
    seed = next((ROOT / "corpus").glob("001_*.txt"))
    source = seed.read_text("utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(ENCODERS[name](source))
    [want] = process_file(seed)
    [got] = process_file(legacy)
    assert got["source"]["encoding"] == name
    for field in ("doc_type", "number", "date", "place"):
        assert got[field] == want[field]
    assert got["signer"]["name"] == want["signer"]["name"]
    assert len(got["citations"]) == len(want["citations"])


@pytest.mark.parametrize("name", ["tcvn3", "vni-windows"])
def test_legacy_text_saved_as_utf8_mojibake_is_read_back(tmp_path, name):
    mojibake = ENCODERS[name](HEADING + TEXT).decode("cp1252")  # a web page showing the font's bytes
    path = tmp_path / "page.txt"
    path.write_text(mojibake, "utf-8")
    got = ingest(path)
    assert got.encoding == f"{name} via utf-8" and got.text == HEADING + TEXT


def test_utf8_in_another_language_is_left_as_it_is(tmp_path):
    path = tmp_path / "fr.txt"
    text = "Le café est très bon, où êtes-vous? L'élève français a réussi à l'épreuve écrite.\n"
    path.write_text(text, "utf-8")
    got = ingest(path)
    assert (got.text, got.encoding) == (text, "utf-8")
