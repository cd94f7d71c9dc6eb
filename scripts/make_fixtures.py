"""Lay our synthetic plain-text documents out as PDF and DOCX, the way offices print them.

The PDF and DOCX readers must give the same fields as the text route, so their
test inputs are made from the very text the text route reads
(`corpus/synthetic/*.txt`): the header in two columns (issuing body and Số on
the left, quốc hiệu and place/date on the right), body paragraphs wrapped by
the layout engine, the task table with or without rules, the signature block
beside Nơi nhận, page numbers at the top from page 2 and a running footer.
Scanned pages are simulated by rasterising text with Pillow.

Nothing here is committed as a binary: tests call `build(outdir)` once per
session, and `python scripts/make_fixtures.py OUTDIR` writes the same files
for a look by hand. Needs the dev extra (reportlab) and the DejaVu fonts
(Debian `fonts-dejavu-core`); `.doc` copies are made only when LibreOffice's
`soffice` is installed.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "corpus" / "synthetic" / "synthetic_ke_hoach_chuyen_doi_so.txt"
LETTER = ROOT / "corpus" / "synthetic" / "synthetic_cong_van_ra_soat.txt"
PARTY = ROOT / "corpus" / "synthetic" / "synthetic_ke_hoach_dang_uy.txt"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FOOTER = "Tài liệu tổng hợp (synthetic) dùng cho kiểm thử vanban"

_RIGHT_HEADER = re.compile(r"^(CỘNG HÒA|ĐẢNG CỘNG SẢN|Độc lập)|, ngày ")
_DATE = re.compile(r", ngày ")
_ROMAN = re.compile(r"^([IVX]+)\.\s+(.*)$")
_ARABIC = re.compile(r"^(\d+)\.\s+(.*)$")


@dataclass
class Source:
    """A synthetic document cut into the parts a printed page lays out differently."""

    note: str
    header_left: list[str]
    header_right: list[str]
    title: list[str]  # tên loại and trích yếu, or a letter's Kính gửi block
    body: list[tuple[str, object]] = field(default_factory=list)  # ("p", str) | ("table", rows)
    closing_left: list[str] = field(default_factory=list)
    closing_right: list[str] = field(default_factory=list)


def parse_source(text: str) -> Source:
    """Blocks are separated by blank lines: note, header, title, body…, closing."""
    blocks = [b.split("\n") for b in re.split(r"\n\s*\n", text.strip())]
    note, header, title, *body, closing = blocks
    src = Source(note=" ".join(note),
                 header_left=[l for l in header if not _RIGHT_HEADER.search(l)],
                 header_right=[l for l in header if _RIGHT_HEADER.search(l)], title=title)
    for block in body:
        for line in block:
            if "\t" in line:
                if src.body and src.body[-1][0] == "table":
                    src.body[-1][1].append(line.split("\t"))
                else:
                    src.body.append(("table", [line.split("\t")]))
            else:
                src.body.append(("p", line))
    archive = next(i for i, l in enumerate(closing) if l.startswith("- Lưu"))
    src.closing_left, src.closing_right = closing[:archive + 1], closing[archive + 1:]
    return src


def header_rows(src: Source) -> list[tuple[list[str], list[str]]]:
    """The header as its two rows of cells: body | quốc hiệu, then Số (and V/v) | place and date."""
    number = next(i for i, l in enumerate(src.header_left) if l.startswith("Số"))
    return [(src.header_left[:number], [l for l in src.header_right if not _DATE.search(l)]),
            (src.header_left[number:], [l for l in src.header_right if _DATE.search(l)])]


def is_addressees(src: Source) -> bool:
    return src.title[0].startswith("Kính gửi")


# --- PDF (reportlab) ---------------------------------------------------------


def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Serif" in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont("Serif", str(FONT_DIR / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))


def _styles():
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName="Serif", fontSize=13.5, leading=19, alignment=TA_JUSTIFY,
                          firstLineIndent=28, spaceAfter=6)
    return {
        "body": base,
        "heading": ParagraphStyle("heading", parent=base, fontName="Serif-Bold", firstLineIndent=28),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0),
        "center_bold": ParagraphStyle("center_bold", parent=base, fontName="Serif-Bold", alignment=TA_CENTER,
                                      firstLineIndent=0, spaceAfter=0),
        "head": ParagraphStyle("head", parent=base, fontName="Serif-Bold", fontSize=11, leading=14,
                               alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0),
        "head_plain": ParagraphStyle("head_plain", parent=base, fontSize=11.5, leading=14, alignment=TA_CENTER,
                                     firstLineIndent=0, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10.5, leading=13, alignment=TA_LEFT,
                               firstLineIndent=0, spaceAfter=0),
        "addressee": ParagraphStyle("addressee", parent=base, alignment=TA_LEFT, leftIndent=60,
                                    firstLineIndent=0, spaceAfter=0),
        "small": ParagraphStyle("small", parent=base, fontSize=10.5, leading=13, alignment=TA_LEFT,
                                firstLineIndent=0, spaceAfter=0),
    }


def _p(text: str, style):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


def _layout_table(rows, widths):
    """A borderless table: how the header and the closing block are printed."""
    from reportlab.platypus import Table

    t = Table(rows, colWidths=widths)
    t.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2)])
    return t


def _story(src: Source, ruled: bool, width: float, table_drop: float = 0, closing_drop: float = 0) -> list:
    from reportlab.platypus import Spacer, Table

    st = _styles()
    (body, motto), (number, date) = header_rows(src)
    story = [_layout_table(
        [[[_p(l, st["head"]) for l in body], [_p(l, st["head"]) for l in motto]],
         [[_p(l, st["head_plain"]) for l in number], [_p(l, st["head_plain"]) for l in date]]],
        [width * 0.4, width * 0.6]), Spacer(1, 14)]
    title_style = st["addressee"] if is_addressees(src) else st["center_bold"]
    story += [_p(l, title_style) for l in src.title] + [Spacer(1, 12)]
    for kind, value in src.body:
        if kind == "table":
            cols = len(value[0])
            widths = [width * 0.09] + [width * 0.91 * w for w in (0.45, 0.33, 0.22)][: cols - 1]
            data = [[_p(c, st["cell"]) for c in row] for row in value]
            table = Table(data, colWidths=widths, repeatRows=1)
            style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
            if ruled:
                style.append(("GRID", (0, 0), (-1, -1), 0.6, (0, 0, 0)))
            table.setStyle(style)
            story += [Spacer(1, table_drop), table, Spacer(1, 8)]
        elif _ROMAN.match(value) or _ARABIC.match(value) and len(value) < 60:
            story.append(_p(value, st["heading"]))
        else:
            story.append(_p(value, st["body"]))
    story.append(Spacer(1, 10 + closing_drop))
    if closing_drop:
        # One table row a line, so the page break can fall inside the closing block.
        right = src.closing_right[:-1] + ["", "", src.closing_right[-1]]
        rows = [[_p(a, st["small"]), _p(b, st["center_bold"])] for a, b in
                zip_longest(src.closing_left, right, fillvalue="")]
        story.append(_layout_table(rows, [width * 0.5, width * 0.5]))
        return story
    sign = [_p(l, st["center_bold"]) for l in src.closing_right[:-1]] + [Spacer(1, 50)] + \
           [_p(src.closing_right[-1], st["center_bold"])]
    story.append(_layout_table([[[_p(l, st["small"]) for l in src.closing_left], sign]],
                               [width * 0.5, width * 0.5]))
    return story


def _decorate(canvas, doc) -> None:
    """Page number at the top centre from page 2 (NĐ 30 Phụ lục I) and a running footer."""
    from reportlab.lib.pagesizes import A4

    canvas.saveState()
    canvas.setFont("Serif", 9)
    canvas.drawCentredString(A4[0] / 2, 28, FOOTER)
    if doc.page > 1:
        canvas.setFont("Serif", 11)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 36, str(doc.page))
    canvas.restoreState()


def _template(path: Path, note: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    _fonts()
    return SimpleDocTemplate(str(path), pagesize=A4, leftMargin=30 * mm, rightMargin=18 * mm,
                             topMargin=22 * mm, bottomMargin=22 * mm, title="Văn bản (synthetic)", subject=note)


def make_bundle(sources: list[Source], path: Path) -> Path:
    """Several documents in one PDF, each from a new page (a letter and the plan it forwards)."""
    from reportlab.platypus import PageBreak

    doc = _template(path, sources[0].note)
    story: list = []
    for k, src in enumerate(sources):
        story += ([PageBreak()] if k else []) + _story(src, True, doc.width)
    doc.build(story, onFirstPage=_decorate, onLaterPages=_decorate)
    return path


def make_pdf(src: Source, path: Path, ruled: bool = True, image_page: list[str] | None = None,
             table_drop: float = 0, closing_drop: float = 0) -> Path:
    """The document as a born-digital PDF; `image_page` appends a scanned page of those lines;
    `table_drop` and `closing_drop` (points of white space above the task table or the closing
    block) push them across a page break."""
    from reportlab.platypus import Image, PageBreak

    doc = _template(path, src.note)
    story = _story(src, ruled, doc.width, table_drop, closing_drop)
    if image_page:
        png = path.with_suffix(".page.png")
        text_image(image_page).save(png)
        story += [PageBreak(), Image(str(png), width=doc.width, height=doc.width * 0.6)]
    doc.build(story, onFirstPage=_decorate, onLaterPages=_decorate)
    return path


def text_image(lines: list[str], width: int = 1700, size: int = 40):
    """Lines of text rasterised at about 200 dpi, as a scanner would deliver them."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), size)
    height = int(width * 0.6)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    y = 60
    for line in lines:
        draw.text((80, y), line, font=font, fill=0)
        y += int(size * 1.6)
    return img


def rasterise(pdf_path: Path, path: Path, dpi: int = 200) -> Path:
    """Every page of a PDF as a grey image, as a scanner would return the printed document."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        images = [p.to_image(resolution=dpi).original.convert("L").convert("RGB") for p in pdf.pages]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return path


def unmap(pdf_path: Path, path: Path) -> Path:
    """The PDF with its fonts' Unicode maps renamed away (same length, so offsets hold): glyphs
    that no longer say which letters they are, as in PDFs from some old printer drivers."""
    path.write_bytes(pdf_path.read_bytes().replace(b"/ToUnicode", b"/NoUnicode"))
    return path


def make_scanned_pdf(lines: list[str], path: Path) -> Path:
    """A PDF whose only page is an image: no text layer at all."""
    text_image(lines).convert("RGB").save(path, "PDF", resolution=200.0)
    return path


# --- DOCX (python-docx) ------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(document) -> int:
    """A list definition I. / 1. / a) as Word keeps it, returning its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    abstract_id, num_id = 90, 90
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate((("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"))))
    abstract = parse_xml(f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>')
    num = parse_xml(f'<w:num xmlns:w="{_W}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    first_num = numbering.find(f"{{{_W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def _numbered(paragraph, num_id: int, level: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{_W}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _tracked_change(paragraph, old: str, new: str) -> None:
    """Replace `new` in the paragraph's text by a tracked deletion of `old` and insertion of `new`."""
    from docx.oxml import parse_xml

    text = paragraph.text
    before, after = text.split(new, 1)
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.add_run(before)
    stamp = 'w:author="vanban" w:date="2024-03-10T00:00:00Z"'
    paragraph._p.append(parse_xml(
        f'<w:del xmlns:w="{_W}" w:id="901" {stamp}><w:r><w:delText>{escape(old)}</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:ins xmlns:w="{_W}" w:id="902" {stamp}><w:r><w:t>{escape(new)}</w:t></w:r></w:ins>'))
    paragraph.add_run(after)


def _cell_lines(cell, lines: list[str], bold: bool = False, centred: bool = True) -> None:
    """Lines of a layout cell, single-spaced as offices set the header and the closing block."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cell.paragraphs[0].text = ""
    for k, line in enumerate(lines):
        par = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        par.add_run(line).bold = bold
        par.paragraph_format.space_after = Pt(0)
        if centred:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER


def make_docx(src: Source, path: Path, edits: bool = True) -> Path:
    """The document as Word keeps it: header table, list numbering, and with `edits` a comment and a
    tracked change."""
    import docx
    from docx.oxml import parse_xml

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.core_properties.comments = src.note
    document.styles["Normal"].paragraph_format.space_after = Pt(6)
    num_id = _numbering(document)
    header = document.add_table(rows=2, cols=2)
    for r, (left, right) in enumerate(header_rows(src)):
        _cell_lines(header.cell(r, 0), left, bold=r == 0)
        _cell_lines(header.cell(r, 1), right, bold=r == 0)
    for k, line in enumerate(src.title):
        par = document.add_paragraph()
        par.add_run(line).bold = not is_addressees(src)
        if is_addressees(src):
            par.paragraph_format.left_indent = Cm(3)  # Kính gửi, set in from the margin
        else:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if k == 0:
            par.paragraph_format.space_before = Pt(18)
    tracked = commented = not edits
    for kind, value in src.body:
        if kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            table.style = "Table Grid"
            for r, row in enumerate(value):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            continue
        roman, arabic = _ROMAN.match(value), _ARABIC.match(value)
        if roman or arabic and len(value) < 60:
            par = document.add_paragraph()
            par.add_run((roman or arabic).group(2)).bold = True
            _numbered(par, num_id, 0 if roman else 1)
            continue
        par = document.add_paragraph(value)
        dates = re.findall(r"\d{1,2}/\d{1,2}/\d{4}", value)
        if not tracked and dates and not value.startswith("Căn cứ"):
            _tracked_change(par, "31/5/2024", dates[0])
            tracked = True
        elif not commented and value.startswith("Đẩy mạnh"):
            document.add_comment(par.runs, text="Cần thống nhất chỉ tiêu với Sở.", author="vanban")
            commented = True
    closing = document.add_table(rows=1, cols=2)
    _cell_lines(closing.cell(0, 0), src.closing_left, centred=False)
    _cell_lines(closing.cell(0, 1), src.closing_right[:-1] + ["", "", src.closing_right[-1]], bold=True)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = FOOTER + " - trang "
    footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{_W}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    document.save(str(path))
    return path


def convert(docx_path: Path, outdir: Path, fmt: str) -> Path | None:
    """A copy in `fmt` (legacy `doc`, or `pdf` as Word would print it) through LibreOffice, when installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(outdir), str(docx_path)], check=True, capture_output=True, timeout=180)
    out = outdir / f"{docx_path.stem}.{fmt}"
    return out if out.exists() else None


# --- all fixtures -------------------------------------------------------------

SCANNED_LINES = ["ỦY BAN NHÂN DÂN HUYỆN AN LẠC", "Số: 25/KH-UBND", "KẾ HOẠCH",
                 "Triển khai công tác chuyển đổi số năm 2024"]
ANNEX_LINES = ["PHỤ LỤC", "DANH MỤC HỆ THỐNG DÙNG CHUNG CỦA HUYỆN",
               "1. Hệ thống quản lý văn bản và điều hành", "2. Cổng dịch vụ công trực tuyến của huyện"]


def build(outdir: Path) -> dict[str, Path]:
    """Every fixture, by role: the plan as text, pdf_ruled, pdf_unruled, pdf_split_table, pdf_mixed,
    pdf_scanned, pdf_rasterised (every page an image), docx (and doc, pdf_office with LibreOffice); the letter as letter_text, letter_pdf,
    letter_split_closing and letter_split_closing_early (Nơi nhận and signature broken by a page break
    after some lines or after the first), letter_docx, letter_unmapped
    (a text layer without Unicode maps); the party plan as party_text, party_pdf, party_docx; and
    bundle_pdf, the letter and the plan in one file."""
    outdir.mkdir(parents=True, exist_ok=True)
    letter = parse_source(LETTER.read_text("utf-8"))
    src = parse_source(SOURCE.read_text("utf-8"))
    out = {"text": SOURCE,
           "pdf_ruled": make_pdf(src, outdir / "plan_ruled.pdf", ruled=True),
           "pdf_unruled": make_pdf(src, outdir / "plan_unruled.pdf", ruled=False),
           "pdf_split_table": make_pdf(src, outdir / "plan_split_table.pdf", ruled=True, table_drop=480),
           "pdf_mixed": make_pdf(src, outdir / "plan_mixed.pdf", ruled=True, image_page=ANNEX_LINES),
           "pdf_scanned": make_scanned_pdf(SCANNED_LINES, outdir / "scanned.pdf"),
           "pdf_rasterised": rasterise(outdir / "plan_ruled.pdf", outdir / "plan_rasterised.pdf"),
           "docx": make_docx(src, outdir / "plan.docx"),
           "letter_text": LETTER,
           "letter_pdf": make_pdf(letter, outdir / "letter.pdf", ruled=False),
           "letter_split_closing": make_pdf(letter, outdir / "letter_split_closing.pdf", closing_drop=80),
           "letter_split_closing_early": make_pdf(letter, outdir / "letter_split_early.pdf", closing_drop=95),
           "letter_docx": make_docx(letter, outdir / "letter.docx")}
    out["letter_unmapped"] = unmap(out["letter_pdf"], outdir / "letter_unmapped.pdf")
    party = parse_source(PARTY.read_text("utf-8"))
    out.update(party_text=PARTY, party_pdf=make_pdf(party, outdir / "party.pdf"),
               party_docx=make_docx(party, outdir / "party.docx"),
               bundle_pdf=make_bundle([letter, src], outdir / "letter_and_plan.pdf"))
    doc = convert(out["docx"], outdir, "doc")
    if doc:
        out["doc"] = doc
        # Printed by a word processor: list labels set apart by tabs, paragraph spacing, table widths of its own.
        out["pdf_office"] = convert(make_docx(src, outdir / "plan_office.docx", edits=False), outdir, "pdf")
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/fixtures")
    for role, p in build(target).items():
        print(f"{role:12} {p}")
