"""Generates the hostile and broken inputs of the robustness tests into a folder.

Nothing here is committed as a binary: every file is made by this script
(`python tests/bad_inputs.py DIR` makes them by hand). Each case says which
outcomes are acceptable: error codes, or `None` for a normal document record
where the content can be recovered.
"""
from __future__ import annotations

import io
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

SAMPLE = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 25/KH-UBND\nHà Nam, ngày 03 tháng 3 năm 2024\n"
          "KẾ HOẠCH\nCông tác thi đua năm 2024 (văn bản tổng hợp, dùng cho kiểm thử)\n\n"
          "I. MỤC ĐÍCH, YÊU CẦU\n1. Sở Nội vụ chủ trì tổ chức thực hiện trước ngày 30/6/2024.\n")


@dataclass(frozen=True)
class Case:
    name: str  # path under the folder
    accepted: frozenset  # error codes, or None for a document record
    why: str


def _pdf(pages: int = 1, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 760, f"Trang {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx_package(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _zip_bomb(inflated: int = 60 * 1024 * 1024) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(inflated >> 20):
                f.write(chunk)
    return buf.getvalue()


ENTITY_EXPANSION = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
                    b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>'
                    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    b'<w:body><w:p><w:r><w:t>&e;&e;&e;&e;</w:t></w:r></w:p></w:body></w:document>')
EXTERNAL_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   b'<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')


def make(folder: Path) -> list[Case]:
    """Write every case into `folder`; return what each may yield."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def put(name: str, data: bytes, accepted, why: str) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases.append(Case(name, frozenset(accepted), why))

    rng = __import__("random").Random(7)
    put("empty.txt", b"", {"empty"}, "an empty file")
    put("blank.txt", b" \n\t\r\n   \n", {"empty"}, "white space only")
    put("garbage.txt", bytes(rng.randrange(256) for _ in range(4096)), {"corrupt_file", "undecodable"},
        "random bytes under a text name")
    put("nul_inside.txt", SAMPLE.encode("utf-8").replace(b"\n", b"\n\0", 2), {None}, "NUL bytes inside text")
    put("undecodable.txt", "Kế hoạch năm 2024 – công tác".encode("utf-8")[:-3] + b"\xff\xfe\xfa" * 40,
        {"undecodable"}, "bytes that no encoding vanban reads can decode")
    with open(folder / "big.txt", "wb") as f:  # 50 MB, written without holding it in memory
        line = ("Nội dung kiểm thử dung lượng lớn. " * 3 + "\n").encode("utf-8")
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    cases.append(Case("big.txt", frozenset({"too_large"}), "a 50 MB text"))
    put("truncated.pdf", _pdf(2)[:600], {"corrupt_file"}, "a PDF cut short")
    put("encrypted.pdf", _pdf(1, encrypt="mật-khẩu"), {"encrypted_pdf"}, "a password-protected PDF")
    put("many_pages.pdf", _pdf(400), {"too_many_pages"}, "a PDF with more pages than the limit")
    lying = _pdf(1).replace(b"/Count 1", b"/Count 90000")
    put("lying_count.pdf", lying, {None, "empty", "corrupt_file", "too_many_pages"},
        "a PDF whose page tree claims 90,000 pages")
    put("bomb.docx", _zip_bomb(), {"too_large"}, "a DOCX that inflates a thousand-fold (zip bomb)")
    put("entities.docx", _docx_package(ENTITY_EXPANSION), {"corrupt_file"}, "XML entity expansion")
    put("external_entity.docx", _docx_package(EXTERNAL_ENTITY), {"corrupt_file"}, "an external XML entity")
    put("not_a_zip.docx", SAMPLE.encode("utf-8"), {None}, "a text file named .docx")
    put("broken_zip.docx", b"PK\x03\x04" + bytes(200), {"corrupt_file"}, "a .docx that is a broken zip")
    nested = "<div>" * 10_000 + SAMPLE.replace("\n", "<br>") + "</div>" * 10_000
    page = ("<html><head><style>body{color:red}</style><script>alert('x')</script></head><body>"
            + nested + "<script>document.write('tiêm mã')</script></body></html>")
    put("hostile.html", page.encode("utf-8"), {None}, "scripts, styles and 10,000 levels of nesting")
    put("wrong_extension.pdf", SAMPLE.encode("utf-8"), {None}, "text under a .pdf name")
    put("really_a_pdf.txt", _pdf(1), {None, "empty"}, "a PDF under a .txt name")
    put("scan.xyz", b"\x89PNG\r\n\x1a\n" + bytes(64), {"unsupported_format"}, "an unknown extension")
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    (loop / "inside.txt").write_bytes(SAMPLE.encode("utf-8"))
    cases.append(Case("loop/inside.txt", frozenset({None}), "a file beside a symlink loop"))
    if not (loop / "again").exists():
        os.symlink("..", loop / "again")  # loop/again → folder: walking must not go round
    locked = folder / "locked.txt"
    locked.write_bytes(SAMPLE.encode("utf-8"))
    locked.chmod(0)
    readable_anyway = os.access(locked, os.R_OK)  # root reads everything
    cases.append(Case("locked.txt", frozenset({None} if readable_anyway else {"unreadable"}),
                      "a file without read permission"))
    os.symlink("nowhere.txt", folder / "dangling.txt")
    cases.append(Case("dangling.txt", frozenset({"unreadable"}), "a link to a file that does not exist"))
    return cases


if __name__ == "__main__":  # pragma: no cover
    for case in make(Path(sys.argv[1])):
        print(f"{case.name:24} {sorted(map(str, case.accepted))}  {case.why}")
