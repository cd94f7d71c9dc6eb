"""Stage 1: a file on disk becomes decoded text, or an InputError.

Ingestion only decodes and linearises; it never interprets the document.
Text formats are decoded strictly (a wrong guess would put mojibake into
`text`, which SPEC forbids), HTML is reduced to lines in reading order.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .encodings import decode_legacy, recover_mojibake
from .errors import InputError
from .limits import DEFAULT, Limits

TEXT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
# Laid-out formats, read by their own modules (pipeline/pdf.py, pipeline/docx_reader.py).
DOCUMENT_FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}
MAX_HTML_DEPTH = DEFAULT.max_html_depth


@dataclass
class Ingested:
    path: str
    format: str
    sha256: str
    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    boxes: list = field(default_factory=list)  # pipeline.sourcemap.Box: page and box of raw text pieces


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return TEXT_FORMATS.get(suffix) or DOCUMENT_FORMATS.get(suffix)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode by BOM or as strict UTF-8; other bytes only when a legacy Vietnamese
    encoding reads them as Vietnamese beyond doubt (`encodings.decode_legacy`),
    and UTF-8 that is such an encoding shown as Latin letters is read the same way."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError("undecodable", f"the file starts with a {name} byte-order mark "
                                 f"but is not valid {name} ({exc.reason} at byte {exc.start})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_legacy(data)
    return recover_mojibake(text) or (text, "utf-8")


_BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol table tbody thead tfoot tr section article header "
    "footer blockquote pre address dl dt dd hr center main nav aside form fieldset caption".split())
_DROPPED_TAGS = frozenset("script style noscript template head iframe object svg math".split())


def html_to_text(html: str, max_depth: int = MAX_HTML_DEPTH) -> str:
    """Block elements become lines, cells of a row are joined by tabs."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    root = tree.body
    if root is None:
        return ""
    out: list[str] = []
    stack: list[tuple[object, bool, int]] = [(root, True, 0)]
    while stack:
        node, entering, depth = stack.pop()
        tag = node.tag
        if not entering:
            if tag in ("td", "th"):
                out.append("\t")
            elif tag in _BLOCK_TAGS and depth < max_depth:
                out.append("\n")
            continue
        if tag == "-text":
            out.append(node.text_content or "")
            continue
        if tag in _DROPPED_TAGS or tag.startswith("-"):
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag in _BLOCK_TAGS and depth < max_depth:
            out.append("\n")
        # Past `max_depth` the walk goes on (it keeps its own stack, so no
        # nesting can exhaust Python's), but wrappers no longer break lines:
        # only `<br>` and the words themselves are kept.
        stack.append((node, False, depth))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for child in reversed(children):
            stack.append((child, True, depth + 1))
    text = "".join(out)
    lines = [" ".join(line.replace("\xa0", " ").split(" ")).strip(" ") for line in text.split("\n")]
    lines = ["\t".join(c.strip() for c in line.strip("\t").split("\t")) for line in lines]
    return "\n".join(lines)


def ingest(path: Path, limits: Limits = DEFAULT) -> Ingested:
    fmt = detect_format(path)
    if fmt is None:
        raise InputError("unsupported_format",
                         f"'{path.suffix or path.name}' files are not read; "
                         "give .txt, .md, .html, .pdf, .docx or .doc files")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise InputError("too_large", f"the file has {size} bytes, over the limit of {limits.max_bytes}; "
                             "raise --max-bytes if it is a real document")
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError("unreadable", "the file cannot be read (permission denied); "
                         "give vanban's user read access to it") from exc
    except (IsADirectoryError, FileNotFoundError, OSError) as exc:
        raise InputError("unreadable", f"the file cannot be read ({exc.strerror or type(exc).__name__}); "
                         "it may be a broken link or was removed during the run") from exc
    digest = sha256_of(data)
    if not data.strip():
        raise InputError("empty", "the file is empty or holds only white space")
    warnings: list[str] = []
    sniffed = sniff_format(data)
    if sniffed and sniffed != fmt:
        warnings.append(f"the file is named {path.suffix} but holds a {sniffed.upper()} file; read as one")
        fmt = sniffed
    elif not sniffed and fmt in DOCUMENT_FORMATS.values() and _looks_like_text(data):
        shown = "html" if re.match(rb"\s*<(?:!doctype\s+html|html)", data[:200], re.IGNORECASE) else "txt"
        warnings.append(f"the file is named {path.suffix} but holds plain text; read as {shown}")
        fmt = shown
    if fmt in DOCUMENT_FORMATS.values():
        got = read_document(path, fmt, data, digest, limits)
        got.warnings[:0] = warnings
        return got
    text, encoding = decode_text(data)
    if "\x00" in text:
        nuls = text.count("\x00")
        if nuls > len(text) // 100:
            raise InputError("corrupt_file", f"the file holds {nuls} NUL bytes: it is binary, not text")
        text = text.replace("\x00", "")  # a few stray NULs (a bad copy): the words around them are whole
        warnings.append(f"{nuls} NUL bytes were removed from the text")
    if fmt == "html":
        text = html_to_text(text, limits.max_html_depth)
    if not text.strip():
        raise InputError("empty", "the file holds no text")
    return Ingested(path=str(path), format=fmt, sha256=digest, text=text, encoding=encoding, warnings=warnings)


# Signatures of the containers we read (PDF 1.7 §7.5.2; ZIP local file header;
# OLE2 compound file of legacy .doc), so a wrongly named file is still read right.
_MAGIC = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "docx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"))


def sniff_format(data: bytes) -> str | None:
    head = data[:1024].lstrip()
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    return None


def _looks_like_text(data: bytes) -> bool:
    try:
        decode_text(data[:65536] if len(data) <= 65536 else data)
    except InputError:
        return False
    return b"\x00" not in data[:65536]


def read_document(path: Path, fmt: str, data: bytes, digest: str, limits: Limits = DEFAULT) -> Ingested:
    """PDF and Word files: their readers lay the pages out as lines, in reading order."""
    if fmt == "pdf":
        from .pdf import read_pdf

        got = read_pdf(data, limits.max_pages)
        return Ingested(path=str(path), format=fmt, sha256=digest, text=got.text, warnings=got.warnings,
                        boxes=got.boxes)
    from .docx_reader import read_doc, read_docx

    doc = read_docx(data, limits.max_inflated, limits.max_ratio) if fmt == "docx" else read_doc(data)
    return Ingested(path=str(path), format=fmt, sha256=digest, text=doc.text, warnings=doc.warnings)
