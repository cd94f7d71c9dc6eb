"""PDF → lines of text in reading order, with the page and box of every piece.

A printed administrative document is not one text column: its header is two
columns side by side (issuing body and Số on the left, quốc hiệu and place and
date on the right, NĐ 30/2020 Phụ lục I), and so is its closing block (Nơi
nhận beside the signature); tasks sit in tables whose cells wrap over many
printed lines; every page from the second carries a page number and maybe a
running header or footer. Reading words top to bottom would interleave all
of this, so the reader works from word positions (pdfplumber):

* rows of words are grouped by height on the page;
* furniture (page numbers, lines repeated at the top or bottom of pages) goes;
* ruled tables are found from their rules, unruled layout from the white
  space that runs down between columns over consecutive rows: one such
  river is a two-column block, read column by column; two or more make a
  table, read row by row with cells joined by tabs (as `ingest.html_to_text`
  and `clean.pipe_tables` do), so a task, its units and its time stay on one
  line;
* the rest are body lines, joined back into paragraphs when a line was
  only wrapped (it ran to the right edge and the next is not indented),
  across page breaks too;
* pages without a text layer are OCR'd with Tesseract when it is installed.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

from .errors import InputError
from .limits import DEFAULT
from .sourcemap import BBox, Box, TextBuilder, union

MAX_PAGES = DEFAULT.max_pages  # more is refused (`too_many_pages`): a cut-off document would lose its closing block
OCR_DPI = 200  # scans are rarely finer; 300 doubles the time for the same words
OCR_SECONDS_PER_PAGE = 60


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Row:
    """Words printed on one line of the page, left to right."""

    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass
class Line:
    """One row of one page as a line of text, with the edges of the text block it sits in."""

    row: Row
    page: int
    left: float = 0.0  # edges of its column, or of the page's body text (set_body_edges)
    right: float = 0.0
    in_column: bool = False  # a line of a column block, whose paragraphs never run over a page break
    whole: Optional["Line"] = None  # for the first line of a tentative block: the row as one body line


Piece = tuple[str, int, Optional[BBox]]  # text, page, box
Cell = list[Piece]  # one piece, or two when a page break ran through the cell


@dataclass
class Block:
    """Table rows, one line each with cells joined by tabs; without rows, the end of a paragraph."""

    lines: list[list[Cell]]


@dataclass
class Columns:
    """A two-column block (header, closing): read the left column's lines, then the right's."""

    river: tuple[float, float]  # the white space between the columns where the block was found
    cols: list[list[Line]]
    tentative: bool = False  # one row at a page's foot, a block only if the next page goes on with it

    def extend(self, rows: list[Row], page: int) -> None:
        for k, col in enumerate(self.cols):
            part = [Row([w for seg in _runs(r) if self.column_of(seg) == k for w in seg]) for r in rows]
            part = [r for r in part if r.words]
            if part:
                left, right = min(r.x0 for r in part), max(r.x1 for r in part)
                col.extend(Line(r, page, left, right, in_column=True) for r in part)

    def column_of(self, run: list[Word]) -> int:
        """A run of words belongs to the column it starts in: a long line of the left column may
        reach into the river, and its last word must not be taken for the right column's."""
        return 0 if run[0].x0 < (self.river[0] + self.river[1]) / 2 else 1


def _runs(row: Row) -> list[list[Word]]:
    """The row cut where words stand further apart than a line is high."""
    runs: list[list[Word]] = []
    for w in row.words:
        if runs and w.x0 - runs[-1][-1].x1 < max(8.0, row.height * 0.9):
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


Item = Block | Line | Columns


@dataclass
class PdfText:
    text: str
    boxes: list[Box]
    warnings: list[str]


# --- words and rows ----------------------------------------------------------


def page_words(page) -> tuple[list[Word], int]:
    """The page's upright words, and how many ran sideways (a stamp, a rotated table) and were left
    out: read in page order their letters come out reversed, which would put false text into `text`.
    Glyphs without a Unicode mapping (`(cid:N)`) are no text either."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    upright = [Word(_UNMAPPED.sub("", w["text"]), w["x0"], w["top"], w["x1"], w["bottom"])
               for w in words if w.get("upright", True)]
    return [w for w in upright if w.text], len(words) - len(upright)


def rows_of(words: list[Word]) -> list[Row]:
    """Words whose vertical middles lie within half a line of each other share a row."""
    rows: list[Row] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        if rows:
            last = rows[-1]
            # The smaller height decides: an OCR box grows with the marks above a letter.
            if abs(mid - (last.top + last.bottom) / 2) <= min(last.height, w.bottom - w.top) * 0.5:
                last.words.append(w)
                continue
        rows.append(Row([w]))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    return rows


_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:Trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)


def drop_furniture(pages: list[list[Row]]) -> list[list[Row]]:
    """Page numbers and lines repeated at the top or bottom of most pages are not text."""
    edge = lambda rows: rows[:2] + rows[-2:]  # noqa: E731
    key = lambda row: re.sub(r"\d+", "#", row.text.strip().lower())  # noqa: E731
    counts: dict[str, int] = {}
    for rows in pages:
        for k in {key(r) for r in edge(rows)}:
            counts[k] = counts.get(k, 0) + 1
    repeated = {k for k, c in counts.items() if len(pages) >= 2 and c >= max(2, (len(pages) + 1) // 2)}
    out = []
    for rows in pages:
        edges = {id(r) for r in edge(rows)}
        out.append([r for r in rows if id(r) not in edges
                    or not (_PAGE_NUMBER.match(r.text) or key(r) in repeated)])
    return out


# --- column rivers -----------------------------------------------------------


def gaps(rows: list[Row], min_gap: float) -> list[tuple[float, float]]:
    """White space running down through all the rows, between their words."""
    spans = sorted((w.x0, w.x1) for r in rows for w in r.words)
    out = []
    end = spans[0][1]
    for a, b in spans[1:]:
        if a - end >= min_gap:
            out.append((end, a))
        end = max(end, b)
    return out


def _segments(row: Row, cuts: list[float]) -> set[int]:
    """The columns a row has words in."""
    return {_column(w, cuts) for w in row.words}


def _page_centred(row: Row, centre: float, width: float, min_gap: float) -> bool:
    """A title line set in the middle of the page: no column block runs through it."""
    return not gaps([row], min_gap) and abs((row.x0 + row.x1) / 2 - centre) < width * 0.03


def find_region(rows: list[Row], i: int, centre: float, width: float
                ) -> tuple[int, list[tuple[float, float]]] | None:
    """(end, rivers between columns) of a multi-column block starting at row i, if one starts there.

    Rows are added while the rivers between columns survive. A river is the
    white space the first rows leave; later rows may narrow it or split it
    (words of a line standing apart), and the block ends when one closes. A
    river that the second row already closes was only a wide word space. A
    block needs at least two rows that use every column it has, so that one
    loosely set line of a paragraph is never taken for a table.
    """
    min_gap = max(8.0, statistics.median(r.height for r in rows[i:i + 5]) * 0.9)
    found = gaps([rows[i]], min_gap)
    j = i + 1
    pitch = rows[i].height * 5  # the blank left for a signature is about four lines
    while found and j < len(rows) and rows[j].top - rows[j - 1].bottom < pitch:
        if _page_centred(rows[j], centre, width, min_gap):
            break
        more = _surviving(found, gaps(rows[i:j + 1], min_gap))
        if None in more:
            if j > i + 1:
                break
            more = [r for r in more if r is not None]  # spurious: gone after one row
        found = more
        j += 1
    if not found:
        return None
    cuts = [(a + b) / 2 for a, b in found]
    full = [k for k in range(i, j) if len(_segments(rows[k], cuts)) == len(cuts) + 1]
    if j - i < 2 or len(full) < 2 or len(cuts) == 1 and _labels_only(rows[i:j], cuts[0]):
        return None
    return _trailing_end(rows, i, full[-1], j, cuts), found


def _surviving(rivers: list[tuple[float, float]], holes: list[tuple[float, float]]
               ) -> list[tuple[float, float] | None]:
    """What is left of each river: the widest hole within it, or None where it closed."""
    out = []
    for a, b in rivers:
        inside = [h for h in holes if h[0] >= a - 0.5 and h[1] <= b + 0.5]
        out.append(max(inside, key=lambda h: h[1] - h[0]) if inside else None)
    return out


_LABEL = re.compile(r"^([IVXLC]{1,6}|\d{1,2}(\.\d{1,2})*|[a-zđ])[.)]?$|^[-–—+•]$")


def _labels_only(rows: list[Row], cut: float) -> bool:
    """Headings whose list label Word set apart by a tab (`I.` ⇥ `MỤC ĐÍCH`) are no two columns."""
    left = [" ".join(w.text for w in r.words if (w.x0 + w.x1) / 2 <= cut) for r in rows]
    return all(_LABEL.match(t) for t in left if t)


def _trailing_end(rows: list[Row], first: int, last_full: int, end: int, cuts: list[float]) -> int:
    """Rows in one column after the last row that fills every column stay while set as close as
    that column's lines.

    The V/v lines under Số belong to the header; a `Kính gửi:` or a tên loại
    set a paragraph's space lower, which leaves the river open too, does not.
    Spacing is measured per column because the two columns of a closing block
    are often set in different sizes, so their rows interleave.
    """
    k = last_full + 1
    while k < end:
        col = min(_segments(rows[k], cuts))
        tops = [t for t in (_column_top(r, cuts, col) for r in rows[first:k + 1]) if t is not None]
        pitches = [b - a for a, b in zip(tops, tops[1:])]
        if len(pitches) < 2 or pitches[-1] > statistics.median(pitches[:-1]) * 1.5:
            break
        k += 1
    return k


def _column_top(row: Row, cuts: list[float], col: int) -> float | None:
    tops = [w.top for w in row.words if _column(w, cuts) == col]
    return min(tops) if tops else None


def cell_of(words: list[Word], page: int) -> Cell:
    if not words:
        return []
    rows = rows_of(words)
    return [(" ".join(r.text for r in rows), page, union([r.bbox for r in rows]))]


def column_block(rows: list[Row], river: tuple[float, float], page: int) -> Columns:
    block = Columns(river, [[], []])
    block.extend(rows, page)
    return block


def foot_block(line: Line, floor: float) -> Line | Columns:
    """The last line of a page, when it is two cells apart at the foot of the page, may be the first
    row of a closing block that the page break cut; it is taken as one until the next page says
    otherwise (it then goes back to being `whole`)."""
    row = line.row
    rivers = gaps([row], max(8.0, row.height * 0.9))
    if len(rivers) != 1 or row.bottom < floor - 3 * row.height:
        return line
    block = column_block([row], rivers[0], line.page)
    block.tentative = True
    block.cols[0][0].whole = line
    return block


def _ran_out(block: Columns, floor: float) -> bool:
    """The block reached the foot of its page, so the page break may have cut it."""
    last = max((l.row for col in block.cols for l in col[-1:]), key=lambda r: r.bottom)
    return last.bottom >= floor - 3 * last.height


def carried_rows(rows: list[Row], block: Columns, slack: float = 10.0) -> int:
    """How many rows at the top of a page go on with the previous page's column block:
    those within its width, no word straddling its river."""
    lines = [l.row for col in block.cols for l in col]
    left, right = min(r.x0 for r in lines) - slack, max(r.x1 for r in lines) + slack

    def fits(run: list[Word]) -> bool:
        # A line may run into the river, as long as it does not reach the other column.
        inside = run[-1].x1 < block.river[1] if block.column_of(run) == 0 else run[0].x0 > block.river[0]
        return left <= run[0].x0 and run[-1].x1 <= right and inside

    k = 0
    while k < len(rows) and all(fits(run) for run in _runs(rows[k])):
        k += 1
    return k


def _column(w: Word, cuts: list[float]) -> int:
    return sum(((w.x0 + w.x1) / 2) > c for c in cuts)


def table_block(rows: list[Row], cuts: list[float], page: int) -> Block:
    """Rows of an unruled table: a new row where the first column has words, else after a wider gap."""
    first_col = [r for r in rows if any(_column(w, cuts) == 0 for w in r.words)]
    groups: list[list[Row]] = []
    pitch = statistics.median(b.top - a.top for a, b in zip(rows, rows[1:])) if len(rows) > 1 else 0
    for k, r in enumerate(rows):
        starts = (any(_column(w, cuts) == 0 for w in r.words) if len(first_col) > 1
                  else k > 0 and r.top - rows[k - 1].top > pitch * 1.3)
        if not groups or starts:
            groups.append([r])
        else:
            groups[-1].append(r)
    lines = []
    for g in groups:
        words = [w for r in g for w in r.words]
        lines.append([cell_of([w for w in words if _column(w, cuts) == k], page) for k in range(len(cuts) + 1)])
    return Block(lines)


def ruled_tables(page, words: list[Word], page_no: int) -> tuple[list[tuple[float, Block]], list[Word]]:
    """Tables drawn with rules, as (top, block), and the words outside them."""
    found = []
    taken: set[int] = set()
    for table in page.find_tables():
        width = max((len(row.cells) for row in table.rows), default=0)
        if width < 2:
            continue  # a framed paragraph: its words are read as text
        lines = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                mine = [k for k, w in enumerate(words) if cell and _inside(w, cell)]
                taken.update(mine)
                cells.append(cell_of([words[k] for k in mine], page_no))
            # Two columns are a layout (a boxed header or closing): each cell its own lines, as the
            # HTML and DOCX readers do; three or more are a task table, one row a line.
            lines.extend([cells] if width >= 3 and any(cells) else [[c] for c in cells if c])
        if lines:
            found.append((table.bbox[1], Block(lines)))
    return found, [w for k, w in enumerate(words) if k not in taken]


def _inside(w: Word, cell) -> bool:
    x, y = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]


def layout_page(rows: list[Row], tables: list[tuple[float, Block]], page_no: int) -> list[Item]:
    """A page's items in reading order: tables at their height, column blocks, body lines."""
    items: list[tuple[float, list[Item]]] = [(top, [block]) for top, block in tables]
    if rows:
        left, right = min(r.x0 for r in rows), max(r.x1 for r in rows)
        centre = (left + right) / 2
        i = 0
        while i < len(rows):
            region = find_region(rows, i, centre, right - left)
            if region is None:
                items.append((rows[i].top, [Line(rows[i], page_no)]))
                i += 1
                continue
            end, rivers = region
            block = rows[i:end]
            cuts = [(a + b) / 2 for a, b in rivers]
            laid = (column_block(block, rivers[0], page_no) if len(cuts) == 1
                    else table_block(block, cuts, page_no))
            items.append((rows[i].top, [laid]))
            i = end
    items.sort(key=lambda t: t[0])
    return [item for _, group in items for item in group]


def _margin(lines: list[Line]) -> float:
    """The left margin: the leftmost start shared by two lines, so one stray line cannot move it."""
    starts = sorted(round(l.row.x0) for l in lines)
    shared = [a for a, b in zip(starts, starts[1:]) if b - a <= 1]
    return float(shared[0]) - 0.5 if shared else float(starts[0])


def set_body_edges(items: list[Item]) -> None:
    """Left and right edges of the body text on each page, for lines outside column blocks.

    A page with only a few body lines (the end of the closing paragraph) takes
    the edges of the other pages.
    """
    body = [it for it in items if isinstance(it, Line) and not it.in_column]
    pages: dict[int, list[Line]] = {}
    for line in body:
        pages.setdefault(line.page, []).append(line)
    edges = {p: (_margin(ls), max(l.row.x1 for l in ls)) for p, ls in pages.items() if len(ls) >= 3}
    fallback = (min((e[0] for e in edges.values()), default=0.0), max((e[1] for e in edges.values()), default=0.0))
    for line in body:
        line.left, line.right = edges.get(line.page, fallback)
        if not edges:
            line.left, line.right = line.row.x0, line.row.x1


# --- paragraphs --------------------------------------------------------------

_ITEM_START = re.compile(r"^([-–—+•*]|\d{1,2}(\.\d{1,2})*[.)]|[a-zđ]\)|[IVXLC]{1,6}[.)]|Điều\s+\d)")


def continues(prev: Line, nxt: Line) -> bool:
    """`nxt` only carries on `prev`: prev ran to the right edge, nxt starts at the left edge.

    "Ran to the edge" means the first word of the next line would not have
    fitted after it, which holds for justified and ragged text alike.
    """
    if _ITEM_START.match(nxt.row.text):
        return False
    if abs(nxt.row.x0 - nxt.left) > 3 or _centred(prev) or _upper(prev.row.text) and _upper(nxt.row.text):
        return False
    first = nxt.row.words[0]
    space = max(3.0, nxt.row.height * 0.3)
    if prev.right - prev.row.x1 > (first.x1 - first.x0) + 2 * space:
        return False
    if prev.page == nxt.page:
        return nxt.row.top - prev.row.bottom < max(prev.row.height, nxt.row.height) * 1.2
    return not (prev.in_column or nxt.in_column)


def _centred(line: Line) -> bool:
    """Set in the middle of its column (a title, a signature line): never a wrapped line."""
    before, after = line.row.x0 - line.left, line.right - line.row.x1
    return before > 3 and abs(before - after) < 3


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def join_tables(items: list[Item]) -> list[Item]:
    """A table broken by a page break is one table again.

    The next page's part follows directly (furniture is gone by now) with as
    many cells a row: its repeated heading row goes, and a first row with an
    empty first cell (no STT) is the rest of the previous page's last row.
    """
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (isinstance(item, Block) and isinstance(prev, Block)
                and item.lines and prev.lines and len(item.lines[0]) == len(prev.lines[-1])
                and _page(item) > _page(prev)):
            lines = list(item.lines)
            if _cells(lines[0]) == _cells(prev.lines[0]):
                lines = lines[1:]
            if lines and not lines[0][0]:
                prev.lines[-1] = [a + b for a, b in zip(prev.lines[-1], lines[0])]
                lines = lines[1:]
            prev.lines.extend(lines)
            continue
        out.append(item)
    return out


def _page(block: Block) -> int:
    return min(piece[1] for cell in block.lines[0] for piece in cell)


def _cells(line: list[Cell]) -> list[str]:
    return [" ".join(text for text, _, _ in cell) for cell in line]


def write(items: list[Item]) -> TextBuilder:
    out = TextBuilder()
    prev: Optional[Line] = None
    for item in _flatten(items):
        if isinstance(item, Block):
            for line in item.lines:
                _newline(out)
                for k, cell in enumerate(line):
                    if k:
                        out.write("\t")
                    for j, (text, page, bbox) in enumerate(cell):
                        out.write(" " if j else "")
                        out.write(text, page, bbox)
            prev = None
            continue
        if prev is not None and continues(prev, item):
            out.write(" ")
        else:
            _newline(out)
        out.write(item.row.text, item.page, item.row.bbox)
        prev = item
    out.write("\n")
    return out


def _flatten(items: list[Item]) -> Iterator[Block | Line]:
    """Column blocks as their columns one after the other, each ending its paragraph."""
    for item in items:
        if isinstance(item, Columns):
            for col in item.cols:
                yield from col
                yield Block([])
        else:
            yield item


def _newline(out: TextBuilder) -> None:
    if out.pos:
        out.write("\n")


# --- OCR ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Tesseract with its Vietnamese data (Debian tesseract-ocr, tesseract-ocr-vie)."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "vie" in langs.split()


_RULE_GLYPHS = re.compile(r"^[|¦‖│┃]+$")


def ocr_words(page) -> list[Word]:
    """Words of a scanned page with boxes in PDF points, from Tesseract's TSV output."""
    image = page.to_image(resolution=OCR_DPI).original
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    # One thread: on a shared machine Tesseract's OpenMP threads slow it down about threefold.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "tsv"], input=buf.getvalue(),
                            capture_output=True, timeout=OCR_SECONDS_PER_PAGE, env=env)
    return tsv_words(result.stdout.decode("utf-8", "replace"), 72.0 / OCR_DPI)


def tsv_words(tsv: str, scale: float) -> list[Word]:
    """Words of Tesseract's TSV, each given the height of its text line.

    A word's own box grows with the tone marks above it, so words of one
    printed line would not share a row; the line's box (TSV level 4) is the
    same for all of them.
    """
    lines: dict[tuple[str, ...], tuple[int, int]] = {}
    words = []
    for raw in tsv.splitlines()[1:]:
        cols = raw.split("\t")
        if len(cols) < 12:
            continue
        key = tuple(cols[1:5])
        left, top, width, height = (int(c) for c in cols[6:10])
        if cols[0] == "4":
            lines[key] = (top, top + height)
            continue
        text = cols[11].strip()
        if cols[0] != "5" or not text or float(cols[10]) < 0 or _RULE_GLYPHS.match(text):
            continue  # not a word, or a table's rule read as a letter
        top, bottom = lines.get(key, (top, top + height))
        words.append(Word(text, left * scale, top * scale, (left + width) * scale, bottom * scale))
    return words


# --- the document ------------------------------------------------------------


def _open(data: bytes):
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types for broken or locked files
        name = f"{type(exc).__name__} {exc!r}".lower()
        if "password" in name or "encrypt" in name:
            raise InputError("encrypted_pdf", "the PDF is password-protected; save an unlocked copy") from exc
        raise InputError("corrupt_file", f"the PDF cannot be parsed ({type(exc).__name__}); "
                         "it may be damaged or not a PDF") from exc


_UNMAPPED = re.compile(r"\(cid:\d+\)")


def _garbled(page) -> bool:
    """A text layer whose font has no Unicode map: pdfminer writes `(cid:N)` for such glyphs."""
    chars = page.chars
    unmapped = sum(1 for c in chars if c.get("text", "").startswith("(cid:"))
    return unmapped >= max(5, len(chars) // 100)


def _scanned(page) -> bool:
    """No text layer where the page's content is: no text at all, or a large image with no text on it.

    A scanned page inside an assembled PDF may still carry a stamped footer or
    page number; a page OCR'd before has its text layer over the image.
    """
    chars = [c for c in page.chars if c.get("text", "").strip()]
    if not chars:
        return True
    area = float(page.width) * float(page.height)
    for im in page.images:
        box = (im["x0"], im["top"], im["x1"], im["bottom"])
        if (box[2] - box[0]) * (box[3] - box[1]) >= 0.25 * area and not any(
                box[0] <= c["x0"] and c["x1"] <= box[2] and box[1] <= c["top"] and c["bottom"] <= box[3]
                for c in chars):
            return True
    return False


def read_pdf(data: bytes, max_pages: int = MAX_PAGES) -> PdfText:
    pdf = _open(data)
    try:
        try:
            pages = list(pdf.pages)
        except Exception as exc:
            raise InputError("corrupt_file", f"the PDF's page tree cannot be read ({type(exc).__name__})") from exc
        if len(pages) > max_pages:
            raise InputError("too_many_pages", f"the PDF has {len(pages)} pages, over the limit of {max_pages}; "
                             "split it into its documents")
        return _read_pages(pages)
    finally:
        pdf.close()


def _read_pages(pages) -> PdfText:
    warnings: list[str] = []
    scanned = [k + 1 for k, p in enumerate(pages) if _scanned(p)]
    ocr = ocr_available()
    garbled = [k + 1 for k, p in enumerate(pages) if k + 1 not in scanned and _garbled(p)]
    if garbled and ocr:
        warnings.append(f"page(s) {_ranges(garbled)} have a text layer whose letters map to no character; "
                        "they were read by OCR (Tesseract); check their text")
    elif garbled:
        warnings.append(f"page(s) {_ranges(garbled)} have a text layer whose letters map to no character; those "
                        "letters were left out (install tesseract-ocr and tesseract-ocr-vie to read them by OCR)")
    if scanned and len(scanned) == len(pages) and not ocr:
        raise InputError("no_text_layer", "the PDF has no text layer (a scan); install Tesseract with its "
                         "Vietnamese data (Debian: tesseract-ocr tesseract-ocr-vie) to read it by OCR")
    if scanned and not ocr:
        warnings.append(f"page(s) {_ranges(scanned)} have no text layer and were skipped; install tesseract-ocr "
                        "and tesseract-ocr-vie to read them by OCR")
    elif scanned:
        warnings.append(f"page(s) {_ranges(scanned)} have no text layer and were read by OCR (Tesseract); "
                        "check their text")
    per_page: list[list[Row]] = []
    tables: list[list[tuple[float, Block]]] = []
    for k, page in enumerate(pages, 1):
        if k in scanned or ocr and k in garbled:
            words, found = (ocr_words(page) if ocr else []), []
        else:
            words, sideways = page_words(page)
            if sideways:
                warnings.append(f"page {k}: {sideways} words set sideways were left out")
            found, words = ruled_tables(page, words, k)
        per_page.append(rows_of(words))
        tables.append(found)
    items = assemble(drop_furniture(per_page), tables)
    set_body_edges(items)
    built = write(join_tables(items))
    if not built.text.strip():
        raise InputError("empty", "the PDF holds no text")
    return PdfText(built.text, built.boxes, warnings)


def assemble(per_page: list[list[Row]], tables: list[list[tuple[float, Block]]]) -> list[Item]:
    """The pages' items in reading order, column blocks carried over page breaks."""
    items: list[Item] = []
    floor = max((r.bottom for rows in per_page for r in rows), default=0.0)  # lowest text of any page
    for k, (rows, found) in enumerate(zip(per_page, tables), 1):
        if items and isinstance(items[-1], Line):
            items[-1] = foot_block(items[-1], floor)
        if items and isinstance(items[-1], Columns):
            carry = carried_rows(rows, items[-1]) if not found and _ran_out(items[-1], floor) else 0
            if carry:
                # A closing block broken by the page break goes on at the top of this page.
                items[-1].extend(rows[:carry], k)
                items[-1].tentative = False
                rows = rows[carry:]
            elif items[-1].tentative:
                items[-1] = items[-1].cols[0][0].whole
        items.extend(layout_page(rows, found, k))
    if items and isinstance(items[-1], Columns) and items[-1].tentative:
        items[-1] = items[-1].cols[0][0].whole
    return items


def _ranges(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages)
