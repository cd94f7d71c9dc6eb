"""Stage 1: a file on disk becomes decoded text, or an InputError.

Ingestion only decodes and linearises; it never interprets the document.
Text formats are decoded strictly (a wrong guess would put mojibake into
`text`, which SPEC forbids), HTML is reduced to lines in reading order.
"""
from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .encodings import decode_legacy, recover_mojibake
from .errors import InputError
from .limits import DEFAULT, Limits

TEXT_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
# Laid-out formats, read by their own modules (pipeline/pdf.py, pipeline/docx_reader.py).
DOCUMENT_FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}
MAX_BYTES = DEFAULT.max_bytes
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
            elif tag in _BLOCK_TAGS:
                out.append("\n")
            continue
        if tag == "-text":
            out.append(node.text_content or "")
            continue
        if tag in _DROPPED_TAGS or tag.startswith("-"):
            continue
        if tag in _BLOCK_TAGS and tag != "br":
            out.append("\n")
        if tag == "br":
            out.append("\n")
            continue
        if depth >= max_depth:
            # Past any sane nesting: keep the words, give up the structure.
            out.append("\n" + (node.text(separator=" ") or "") + "\n")
            continue
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
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise InputError("too_large", f"the file has {size} bytes, over the limit of {limits.max_bytes}; "
                         "raise --max-bytes if it is a real document")
    data = path.read_bytes()
    digest = sha256_of(data)
    if not data.strip():
        raise InputError("empty", "the file is empty or holds only white space")
    if fmt in DOCUMENT_FORMATS.values():
        return read_document(path, fmt, data, digest, limits)
    text, encoding = decode_text(data)
    if "\x00" in text:
        raise InputError("corrupt_file", "the file holds NUL bytes: it is binary, not text")
    if fmt == "html":
        text = html_to_text(text, limits.max_html_depth)
    if not text.strip():
        raise InputError("empty", "the file holds no text")
    return Ingested(path=str(path), format=fmt, sha256=digest, text=text, encoding=encoding)


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
