"""Word files → lines of text in body order, tables in place.

Word keeps things a plain reading loses: the header is usually a borderless
two-cell table (issuing body and Số | quốc hiệu and place/date), task tables
are real tables, and the `I.`, `1.`, `a)` of headings are often list
formatting rather than typed text. The reader walks the body's elements in
order, rebuilds list labels from numbering.xml, writes tables of three or more
columns one row a line with cells joined by tabs (as `ingest.html_to_text`
does) and smaller layout tables cell by cell, puts text boxes after the
paragraph that anchors them, and reads tracked changes as accepted and
comments not at all, saying so in a warning.

The file is an untrusted zip of XML: its sizes are checked before anything
is inflated, and XML with a DTD is refused (python-docx's parser does not
resolve entities either).
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .limits import DEFAULT

MAX_UNCOMPRESSED = DEFAULT.max_inflated
MAX_RATIO = DEFAULT.max_ratio  # inflated / compressed size; real DOCX stay far below it
MAX_MEMBERS = 5000
SOFFICE_SECONDS = 120

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TRACKED = {W + "ins", W + "del", W + "moveFrom", W + "moveTo"}
SKIPPED = {W + "del", W + "moveFrom", MC_FALLBACK, W + "instrText", W + "delText", W + "pPr", W + "rPr"}


@dataclass
class DocxText:
    text: str
    warnings: list[str] = field(default_factory=list)


# --- safety ------------------------------------------------------------------


def check_package(data: bytes, max_uncompressed: int = MAX_UNCOMPRESSED, max_ratio: int = MAX_RATIO) -> None:
    """Refuse zip bombs, non-zip files and XML with a DTD before python-docx sees the file."""
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise InputError("corrupt_file", "the file is an OLE container, not a .docx: either a legacy .doc "
                         "renamed (rename it to .doc) or a password-protected document (remove the password)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError("corrupt_file", "the .docx is not a valid zip package; it may be damaged") from exc
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if len(infos) > MAX_MEMBERS:
            raise InputError("corrupt_file", f"the .docx package has {len(infos)} parts, more than any document")
        if total > max_uncompressed or total > max_ratio * max(len(data), 1):
            raise InputError("too_large", f"the .docx inflates to {total} bytes from {len(data)}: refused as a "
                             "possible zip bomb")
        if "word/document.xml" not in zf.namelist():
            raise InputError("corrupt_file", "the .docx has no word/document.xml: it is not a Word document")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                with zf.open(info) as part:
                    head = part.read(4096)  # a DTD can only stand in the prolog, before the root element
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise InputError("corrupt_file", f"{info.filename} declares a DTD, which Word never writes; "
                                     "refused for safety")


# --- numbering ---------------------------------------------------------------

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


class Numbering:
    """List labels as Word would print them, counted in body order."""

    def __init__(self, numbering_el) -> None:
        abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, dict[int, Level]] = {}
        self.counters: dict[str, list[int]] = {}
        if numbering_el is None:
            return
        for an in numbering_el.findall(W + "abstractNum"):
            abstract[an.get(W + "abstractNumId")] = {int(lvl.get(W + "ilvl", "0")): _level(lvl)
                                                      for lvl in an.findall(W + "lvl")}
        for num in numbering_el.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstract.get(ref.get(W + "val") if ref is not None else "", {}))
            for ov in num.findall(W + "lvlOverride"):
                start = ov.find(W + "startOverride")
                ilvl = int(ov.get(W + "ilvl", "0"))
                if start is not None and ilvl in levels:
                    levels[ilvl] = Level(levels[ilvl].fmt, levels[ilvl].text, int(start.get(W + "val", "1")))
            self.nums[num.get(W + "numId")] = levels

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.nums.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        count = self.counters.setdefault(num_id, [0] * 10)
        count[ilvl] = count[ilvl] + 1 if count[ilvl] else levels[ilvl].start
        for deeper in range(ilvl + 1, len(count)):
            count[deeper] = 0
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"
        text = level.text
        for k in range(ilvl + 1):
            lv = levels.get(k, Level())
            text = text.replace(f"%{k + 1}", format_number(count[k] or lv.start, lv.fmt))
        return text


def _level(lvl) -> Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(W + tag)
        return el.get(W + "val", default) if el is not None else default

    return Level(val("numFmt", "decimal"), val("lvlText", ""), int(val("start", "1") or 1))


def _num_pr(p, styles: dict[str, tuple[str | None, int, str | None]]) -> tuple[str, int] | None:
    """(numId, level) of a paragraph, from its own properties or its style chain."""
    ppr = p.find(W + "pPr")
    if ppr is not None:
        num = ppr.find(W + "numPr")
        if num is not None:
            nid, lvl = num.find(W + "numId"), num.find(W + "ilvl")
            if nid is not None:
                return nid.get(W + "val"), int(lvl.get(W + "val", "0")) if lvl is not None else 0
        style = ppr.find(W + "pStyle")
        seen = 0
        sid = style.get(W + "val") if style is not None else None
        while sid in styles and seen < 10:
            num_id, ilvl, based = styles[sid]
            if num_id:
                return num_id, ilvl
            sid, seen = based, seen + 1
    return None


def _styles(document) -> dict[str, tuple[str | None, int, str | None]]:
    out = {}
    for style in document.styles.element.findall(W + "style"):
        ppr = style.find(W + "pPr")
        num = ppr.find(W + "numPr") if ppr is not None else None
        nid = num.find(W + "numId") if num is not None else None
        lvl = num.find(W + "ilvl") if num is not None else None
        based = style.find(W + "basedOn")
        out[style.get(W + "styleId")] = (nid.get(W + "val") if nid is not None else None,
                                         int(lvl.get(W + "val", "0")) if lvl is not None else 0,
                                         based.get(W + "val") if based is not None else None)
    return out


# --- body walk ---------------------------------------------------------------


def paragraph_text(p) -> str:
    """The paragraph as printed, tracked changes accepted, field codes and text boxes left out."""
    out: list[str] = []
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag in SKIPPED or tag == W + "txbxContent" or tag == W + "p":
            continue
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        else:
            stack.extend(reversed(list(el)))
    return "".join(out)


def _text_boxes(p):
    """Text boxes anchored in a paragraph (some offices set the header or Nơi nhận in them),
    once each: the VML fallback copy of a drawing is skipped."""
    for box in p.iter(W + "txbxContent"):
        up = box.getparent()
        inner = False
        while up is not None and up is not p:
            if up.tag == MC_FALLBACK or up.tag == W + "txbxContent":
                inner = True
                break
            up = up.getparent()
        if not inner:
            yield box


class Walker:
    def __init__(self, numbering: Numbering, styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.lines: list[str] = []

    def block(self, el) -> None:
        tag = el.tag
        if tag == W + "p":
            self.lines.append(self.paragraph(el))
            for box in _text_boxes(el):
                for child in box:
                    self.block(child)
        elif tag == W + "tbl":
            self.table(el)
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
            for child in el:
                self.block(child)

    def paragraph(self, p) -> str:
        text = paragraph_text(p).strip(" ")
        num = _num_pr(p, self.styles)
        if num and text.strip():
            label = self.numbering.label(*num)
            if label:
                text = f"{label} {text}"
        return text

    def cell_lines(self, tc) -> list[str]:
        inner = Walker(self.numbering, self.styles)
        for child in tc:
            inner.block(child)
        return [l for l in inner.lines if l.strip()]

    def table(self, tbl) -> None:
        rows = [list(_cells(tr)) for tr in tbl.findall(W + "tr")]
        width = max((sum(_span(tc) for tc in r) for r in rows), default=0)
        for row in rows:
            cells = [lines for tc in row for lines in [self.cell_lines(tc)] + [[]] * (_span(tc) - 1)]
            if width >= 3:
                # A task table: one row, one line, so a task, its units and its time stay together.
                self.lines.append("\t".join(" ".join(" ".join(c).split()) for c in cells))
            else:
                for c in cells:
                    self.lines.extend(c)


def _span(tc) -> int:
    """Grid columns a cell covers: merged cells keep the columns of later cells in place."""
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    try:
        return max(1, min(int(span.get(W + "val", "1")), 64)) if span is not None else 1
    except ValueError:
        return 1


def _cells(tr):
    """Cells of a row, through the content controls that may wrap them."""
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from _cells(child)


def _header_lines(document, numbering: Numbering, styles) -> list[str]:
    walker = Walker(numbering, styles)
    for section in document.sections[:1]:
        for part in (section.first_page_header, section.header):
            if part.is_linked_to_previous:
                continue
            for child in part._element:
                walker.block(child)
    return walker.lines


def read_docx(data: bytes, max_uncompressed: int = MAX_UNCOMPRESSED, max_ratio: int = MAX_RATIO) -> DocxText:
    check_package(data, max_uncompressed, max_ratio)
    import docx
    from pipeline import layout

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors for broken parts
        raise InputError("corrupt_file", f"the .docx cannot be opened ({type(exc).__name__}); "
                         "it may be damaged") from exc
    body = document.element.body
    try:
        numbering = Numbering(document.part.numbering_part.element)
    except (KeyError, NotImplementedError):
        numbering = Numbering(None)
    styles = _styles(document)
    walker = Walker(numbering, styles)
    for child in body:
        walker.block(child)
    lines = walker.lines
    warnings = []
    if not any(layout.is_national_motto(l) or layout.NUMBER_LINE.match(l) for l in lines[:40]):
        # Some offices put the whole header block into the page header.
        lines = _header_lines(document, Numbering(None), styles) + lines
    if any(el.tag in TRACKED for el in body.iter()):
        warnings.append("the document has tracked changes; they were read as accepted")
    if any(el.tag == W + "commentReference" for el in body.iter()):
        warnings.append("the document has comments; they were ignored")
    text = "\n".join(lines) + "\n"
    if not text.strip():
        raise InputError("empty", "the Word document holds no text")
    return DocxText(text, warnings)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes) -> DocxText:
    """Legacy binary .doc, converted to .docx by LibreOffice headless when it is installed."""
    exe = soffice()
    if not exe:
        raise InputError("needs_libreoffice", "legacy Word .doc files are converted with LibreOffice, which is not "
                         "installed (Debian: libreoffice-writer-nogui); or save the file as .docx")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        try:
            subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                            "docx", "--outdir", tmp, str(src)], capture_output=True, timeout=SOFFICE_SECONDS,
                           check=True)
        except (subprocess.SubprocessError, OSError) as exc:
            raise InputError("corrupt_file", f"LibreOffice could not convert the .doc ({type(exc).__name__})") from exc
        out = Path(tmp) / "in.docx"
        if not out.exists():
            raise InputError("corrupt_file", "LibreOffice could not convert the .doc; it may be damaged")
        got = read_docx(out.read_bytes())
    got.warnings.insert(0, "converted from .doc by LibreOffice")
    return got
