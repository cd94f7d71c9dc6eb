"""The Word route: numbering rebuilt, tables in place, edits and comments, unsafe packages refused."""
from __future__ import annotations

import io
import zipfile

import pytest

from pipeline import docx_reader
from pipeline.errors import InputError
from pipeline.ingest import ingest
from pipeline.run import process_file


def test_list_numbering_is_rebuilt_and_restarts_under_each_section(layouts, make_fixtures):
    lines = ingest(layouts["docx"]).text.split("\n")
    src = make_fixtures.parse_source(layouts["text"].read_text("utf-8"))
    headings = [v for k, v in src.body if k == "p" and (make_fixtures._ROMAN.match(v) or
                                                        make_fixtures._ARABIC.match(v) and len(v) < 60)]
    assert len(headings) >= 6
    assert [l for l in lines if l in headings] == headings


def test_tracked_changes_read_as_accepted_and_comments_ignored_with_warnings(layouts):
    got = ingest(layouts["docx"])
    assert "31/5/2024" not in got.text and "30/4/2024" in got.text
    assert "Cần thống nhất" not in got.text
    assert any("tracked changes" in w for w in got.warnings)
    assert any("comments" in w for w in got.warnings)


def test_task_table_rows_are_tab_joined_lines(layouts, make_fixtures):
    src = make_fixtures.parse_source(layouts["text"].read_text("utf-8"))
    rows = next(v for k, v in src.body if k == "table")
    lines = ingest(layouts["docx"]).text.split("\n")
    assert all("\t".join(r) in lines for r in rows)


@pytest.mark.parametrize("n, fmt, label", [(4, "upperRoman", "IV"), (9, "lowerRoman", "ix"),
                                           (2, "lowerLetter", "b"), (28, "upperLetter", "BB"),
                                           (3, "decimalZero", "03"), (14, "decimal", "14")])
def test_number_formats(n, fmt, label):
    assert docx_reader.format_number(n, fmt) == label


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_is_refused_before_inflating():
    bomb = _zip({"word/document.xml": b"<w:document/>", "word/media/pad.bin": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(InputError) as e:
        docx_reader.check_package(bomb)
    assert e.value.code == "too_large"


def test_package_with_a_dtd_is_refused(layouts):
    with zipfile.ZipFile(layouts["docx"]) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["word/document.xml"] = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "xx">]>'
                                    + members["word/document.xml"].split(b"?>", 1)[1])
    with pytest.raises(InputError) as e:
        docx_reader.read_docx(_zip(members))
    assert e.value.code == "corrupt_file" and "DTD" in e.value.message


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64])
def test_broken_docx_is_an_error_record(tmp_path, data):
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    (rec,) = process_file(path)
    # An OLE2 container named .docx is a legacy .doc: LibreOffice is asked for, or fails on the broken one.
    assert rec["error"]["code"] in ("corrupt_file", "needs_libreoffice") and rec["error"]["message"]


def test_plain_text_named_docx_is_read_as_text_with_a_warning(tmp_path):
    path = tmp_path / "letter.docx"
    path.write_text("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12/KH-UBND\nKẾ HOẠCH\nThi đua năm 2024\n", "utf-8")
    (rec,) = process_file(path)
    assert rec["number"] == "12/KH-UBND" and any("plain text" in w for w in rec["warnings"])


@pytest.mark.skipif(docx_reader.soffice() is not None, reason="LibreOffice is installed")
def test_doc_without_libreoffice_says_what_to_install(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (rec,) = process_file(path)
    assert rec["error"]["code"] == "needs_libreoffice" and "LibreOffice" in rec["error"]["message"]


@pytest.mark.skipif(docx_reader.soffice() is None, reason="LibreOffice (soffice) not installed")
def test_doc_through_libreoffice_gives_the_docx_fields(layouts):
    (doc,) = process_file(layouts["doc"])
    (docx,) = process_file(layouts["docx"])
    assert "error" not in doc
    for key in ("doc_type", "number", "place", "date", "title", "recipients"):
        assert doc[key] == docx[key]


def test_text_boxes_are_read_once_after_their_paragraph(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (f'<w:txbxContent xmlns:w="{w}"><w:p><w:r><w:t>Nơi nhận:</w:t></w:r></w:p>'
           f'<w:p><w:r><w:t>- Như trên;</w:t></w:r></w:p></w:txbxContent>')
    document = docx.Document()
    par = document.add_paragraph("Trên đây là Kế hoạch./.")
    par._p.append(parse_xml(f'<w:r xmlns:w="{w}" xmlns:mc="{mc}"><mc:AlternateContent><mc:Choice Requires="wps">'
                            f'{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r>'))
    document.add_paragraph("KT. CHỦ TỊCH")
    buf = io.BytesIO()
    document.save(buf)
    lines = docx_reader.read_docx(buf.getvalue()).text.split("\n")
    assert lines[:4] == ["Trên đây là Kế hoạch./.", "Nơi nhận:", "- Như trên;", "KT. CHỦ TỊCH"]


def _saved(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_numbering_held_by_list_styles_is_rebuilt():
    import docx

    document = docx.Document()
    for text, style in (("Rà soát hồ sơ", "List Number"), ("Báo cáo kết quả", "List Number"),
                        ("Phòng Nội vụ chủ trì", "List Bullet")):
        document.add_paragraph(text, style=style)
    assert docx_reader.read_docx(_saved(document)).text.split("\n")[:3] == [
        "1. Rà soát hồ sơ", "2. Báo cáo kết quả", "- Phòng Nội vụ chủ trì"]


def test_page_header_is_read_only_when_the_body_has_no_header_of_its_own():
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    document.add_paragraph("THÔNG BÁO")
    assert docx_reader.read_docx(_saved(document)).text.split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "THÔNG BÁO"]
    document.paragraphs[0].insert_paragraph_before("Số: 05/TB-UBND")
    assert "CỘNG HÒA" not in docx_reader.read_docx(_saved(document)).text


def test_merged_cells_keep_the_later_cells_in_their_columns():
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for c, text in enumerate(["STT", "Nội dung", "Chủ trì", "Thời gian"]):
        table.cell(0, c).text = text
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Tổ chức hội nghị"
    table.cell(1, 2).text = "Phòng Nội vụ chủ trì"
    table.cell(1, 3).text = "Quý II"
    lines = docx_reader.read_docx(_saved(document)).text.split("\n")
    assert "Tổ chức hội nghị\t\tPhòng Nội vụ chủ trì\tQuý II" in lines
