"""From a policy document on disk to plain paragraphs and tables, whatever its format.

Plain text, Markdown, HTML and Word (.docx) are read; nothing in them is run or fetched.
Every paragraph comes out in one canonical form (``canonical``) so that later steps match
one spelling: NFKC folding, Chinese punctuation in full width, no stray spaces.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from medreform_check.draft.core import MIB, Location, MedreformError, cannot_read, size_problem

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")
# Far above any plan (the 2023–2025 Alxa notice is 47 kB, 15,000 characters), low enough to
# keep a mistaken argument (a database dump, a video) from running for minutes.
MAX_TEXT_BYTES = 8 * MIB
MAX_DOCX_BYTES = 32 * MIB
MAX_DOCX_UNPACKED_BYTES = 64 * MIB
MAX_CHARACTERS = 2_000_000


@dataclass(frozen=True, slots=True)
class Table:
    """A table's cells as text, row by row; a cell may hold several lines."""

    rows: tuple[tuple[str, ...], ...]


Block = str | Table  # a paragraph is its canonical text


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()  # what the reader could not take in (for the draft's header)


# --- one spelling for every paragraph ----------------------------------------------------

# Circled numbers (①) are a numbering level; NFKC would fold them to plain digits.
_CIRCLED = re.compile(r"([\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf])")
_TO_FULL_WIDTH = str.maketrans({";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK_PUNCT = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018-\u201f\u2026"
)
_SPACE_NEAR_PUNCT = re.compile(rf" (?=[{_CJK_PUNCT}])|(?<=[{_CJK_PUNCT}]) ")
_SPACE_CJK_LATIN = re.compile(rf"(?<=[{_CJK}]) (?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) (?=[{_CJK}])")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


def canonical(text: str) -> str:
    """NFKC (circled numbers kept), ``, ; : ( )`` in full width (a comma or colon between
    digits stays: 1,000 and 5:3:2), runs of white space as one space, and no space next to
    Chinese punctuation or between Chinese and Latin text (``到 2025年`` is ``到2025年``)."""
    pieces = _CIRCLED.split(_INVISIBLE.sub("", text))
    text = "".join(p if k % 2 else unicodedata.normalize("NFKC", p) for k, p in enumerate(pieces))
    text = text.translate(_TO_FULL_WIDTH)
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = _SPACE_NEAR_PUNCT.sub("", text)
    return _SPACE_CJK_LATIN.sub("", text)


def _paragraphs(lines: str) -> list[str]:
    return [p for p in (canonical(line) for line in lines.splitlines()) if p]


# --- reading ---------------------------------------------------------------------------------


def _where(path: Path) -> Location:
    return Location(str(path))


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        if not path.exists():
            raise MedreformError("no such file", _where(path))
        if not path.is_file():
            raise MedreformError("not a regular file", _where(path))
        problem = size_problem(path, path.stat().st_size, limit, "is this the plan document?")
        if problem:
            raise MedreformError(problem, _where(path))
        return path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 — tried strictly, in that
    order: Chinese UTF-8 text often also decodes as GB18030 (garbled), never the reverse."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MedreformError("not text in UTF-8 or GB18030 (save it as UTF-8)", _where(path))


def _read_text(path: Path) -> list[Block]:
    return list(_paragraphs(_decode(_read_bytes(path, MAX_TEXT_BYTES), path)))


_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_MD_MARKUP = (
    (re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\*\*|__|`"), ""),
)


def _read_markdown(path: Path) -> list[Block]:
    """Headings, quotes and bullets lose their markers (``1.`` stays: it is a numbering
    level); pipe tables become tables; code fences are dropped."""
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    for line in _decode(_read_bytes(path, MAX_TEXT_BYTES), path).splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if not _MD_TABLE_RULE.match(stripped):
                rows.append(tuple(canonical(c) for c in stripped[1:-1].split("|")))
            continue
        if rows:
            blocks.append(Table(tuple(rows)))
            rows = []
        if stripped.startswith(("```", "~~~")):
            continue
        for pattern, replacement in _MD_MARKUP:
            line = pattern.sub(replacement, line)
        blocks += _paragraphs(line)
    if rows:
        blocks.append(Table(tuple(rows)))
    return blocks


class _HtmlText(HTMLParser):
    """The visible text of a page as paragraphs and tables; scripts, styles and the head
    are dropped, links and images never followed."""

    _SKIP = frozenset(
        {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
    )
    _BLOCK = frozenset(
        (
            *("p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4"),
            *("h5", "h6", "section", "article", "header", "footer", "main", "nav", "aside"),
            *("blockquote", "pre", "hr", "figure", "figcaption", "center", "address", "caption"),
            "form",
        )
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._skipping = 0
        self._tables: list[list[list[str]]] = []  # open tables: rows of cell texts

    def _flush(self) -> None:
        if self._text:
            self.blocks += _paragraphs("".join(self._text))
            self._text = []

    def _row(self) -> list[str] | None:
        """The cells of the open table's current row, if a table is open."""
        table = self._tables[-1] if self._tables else None
        return table[-1] if table else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif self._skipping:
            return
        elif tag == "table":
            self._flush()
            self._tables.append([])
        elif tag == "tr" and self._tables:
            self._tables[-1].append([])
        elif tag in ("td", "th") and self._tables:
            if not self._tables[-1]:
                self._tables[-1].append([])
            self._tables[-1][-1].append("")
        elif tag in self._BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCK and not self._skipping:
            self._break()

    def _break(self) -> None:
        cell = self._row()
        if cell:
            cell[-1] += "\n"
        elif not self._tables:
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif self._skipping:
            return
        elif tag == "table" and self._tables:
            rows = self._tables.pop()
            table = Table(tuple(tuple(canonical_cell(c) for c in row) for row in rows if row))
            cell = self._row()
            if cell:  # a table inside a cell: its text joins the cell
                cell[-1] += "\n" + "\n".join(" | ".join(r) for r in table.rows)
            elif table.rows:
                self.blocks.append(table)
        elif tag in self._BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._tables:
            cell = self._row()
            if cell:
                cell[-1] += data
        else:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        while self._tables:
            self.handle_endtag("table")
        self._flush()


def canonical_cell(text: str) -> str:
    """A table cell: each of its lines canonical, empty lines dropped."""
    return "\n".join(_paragraphs(text))


def _read_html(path: Path) -> list[Block]:
    parser = _HtmlText()
    parser.feed(_decode(_read_bytes(path, MAX_TEXT_BYTES), path))
    parser.close()
    return parser.blocks


def _check_docx(path: Path) -> None:
    """A .docx is a zip: refuse anything else, and an archive that unpacks to too much."""
    _read_bytes(path, MAX_DOCX_BYTES)  # existence, type and size
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise MedreformError(
            "not a Word .docx document (not a zip archive; an old .doc must be saved as .docx)",
            _where(path),
        ) from None
    problem = size_problem(path, unpacked, MAX_DOCX_UNPACKED_BYTES, "a zip bomb?", "unpacks to")
    if problem:
        raise MedreformError(problem, _where(path))


def _docx_blocks(body: Any, document: Any) -> Iterator[Block | None]:
    """Paragraphs and tables in document order; None marks automatic numbering."""
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            if child.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
                yield None
            yield from _paragraphs(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = DocxTable(child, document)
            yield Table(tuple(tuple(canonical_cell(c.text) for c in r.cells) for r in table.rows))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, document)


def _read_docx(path: Path) -> tuple[list[Block], list[str]]:
    _check_docx(path)
    try:
        import docx
    except ImportError:
        raise MedreformError(
            "reading .docx needs python-docx (pip install python-docx)", _where(path)
        ) from None
    try:
        document = docx.Document(str(path))
        found = list(_docx_blocks(document.element.body, document))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise MedreformError(
            f"not a readable Word .docx document ({type(exc).__name__})", _where(path)
        ) from None
    notes = []
    if any(block is None for block in found):
        notes.append(
            "some paragraphs use Word's automatic numbering, which is not part of the text: "
            "their clause numbers are missing"
        )
    return [b for b in found if b is not None], notes


def read_document(path: Path) -> Document:
    """Read ``path`` by its suffix; a clear ``MedreformError`` for anything unusable."""
    suffix = path.suffix.lower()
    notes: list[str] = []
    if suffix == ".txt":
        blocks = _read_text(path)
    elif suffix in (".md", ".markdown"):
        blocks = _read_markdown(path)
    elif suffix in (".html", ".htm"):
        blocks = _read_html(path)
    elif suffix == ".docx":
        blocks, notes = _read_docx(path)
    else:
        expected = ", ".join(SUFFIXES)
        raise MedreformError(
            f"cannot draft from a '{suffix or path.name}' file (expected {expected})",
            _where(path),
        )
    size = sum(
        len(b) if isinstance(b, str) else sum(len(c) for row in b.rows for c in row) for b in blocks
    )
    if size > MAX_CHARACTERS:
        raise MedreformError(
            f"the document has {size:,} characters; the limit is {MAX_CHARACTERS:,}", _where(path)
        )
    if not blocks:
        raise MedreformError("the document has no text to draft from", _where(path))
    return Document(path, tuple(blocks), tuple(notes))
