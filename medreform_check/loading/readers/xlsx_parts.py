"""What a workbook reader does not say, read from an .xlsx's own parts before it is opened:
the real extent of each sheet (a stale ``<dimension>`` is ignored: the cells themselves are
counted), which cells hold formulas (never evaluated: their rows are rejected), which show a
percentage (0.825 formatted as 82.5 % is the figure people see), and whether the workbook is
built to make a reader work without end — a DOCTYPE (entity expansion, external entities), a
sheet spanning billions of cells, a huge shared-strings table, a zip bomb.

The XML is scanned as a stream with regular expressions over decompressed blocks: no entity
is ever expanded, and memory stays at one block.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from medreform_check.limits import MAX_CELLS_PER_SHEET, MAX_SHARED_STRINGS, size_problem
from medreform_check.vocabulary import Message

_BLOCK = 1 << 20
_ATTRS = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb"([A-Z]{1,3})(\d{1,7})")
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)
# Excel's built-in percentage formats: 9 is 0%, 10 is 0.00%.
_BUILTIN_PERCENT = {9, 10}


class WorkbookRefused(Exception):
    """The workbook is refused before any reader touches it: why, and the finding code."""

    def __init__(self, reason: Message | str, code: str) -> None:
        super().__init__(str(reason))
        self.reason, self.code = reason, code


@dataclass
class SheetFacts:
    """One sheet as its XML has it (rows and columns 1-based)."""

    rows: int = 0
    cols: int = 0
    cells: int = 0
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    percent: set[tuple[int, int]] = field(default_factory=set)
    too_large: Message | None = None  # why the sheet is not read


def column_number(letters: bytes | str) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384."""
    number = 0
    for char in letters.encode() if isinstance(letters, str) else letters:
        number = number * 26 + (char - 64)
    return number


def column_letters(number: int) -> str:
    """1 → A, 27 → AA."""
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def _blocks(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    with archive.open(member) as handle:
        yield from iter(lambda: handle.read(_BLOCK), b"")


def _read_small(archive: zipfile.ZipFile, member: str, limit: int = 16 * _BLOCK) -> bytes:
    """A small part (workbook, relationships, styles) whole; a part larger than ``limit`` is
    not small and is cut there (what is needed sits at its start)."""
    with archive.open(member) as handle:
        return handle.read(limit)


def refuse_entities(archive: zipfile.ZipFile, member: str) -> None:
    with archive.open(member) as handle:
        head = handle.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        part = {"part": member}
        raise WorkbookRefused(Message("xlsx.doctype", part), "xlsx-unreadable")


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the part holding it, from workbook.xml and its relationships."""
    book = _read_small(archive, "xl/workbook.xml")
    rels = _read_small(archive, "xl/_rels/workbook.xml.rels")
    targets = {}
    for tag in re.findall(rb"<Relationship\b[^>]*>", rels):
        attrs = dict(_ATTRS.findall(tag))
        target = attrs.get(b"Target", b"").decode()
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attrs.get(b"Id", b"")] = str(PurePosixPath(path))
    parts = {}
    for tag in re.findall(rb"<sheet\b[^>]*>", book):
        attrs = dict(_ATTRS.findall(tag))
        name = _unescape(attrs.get(b"name", b"")).decode("utf-8", errors="replace")
        rid = attrs.get(b"r:id") or next((v for k, v in attrs.items() if k.endswith(b":id")), b"")
        if rid in targets:
            parts[name] = targets[rid]
    return parts


def _unescape(text: bytes) -> bytes:
    for entity, char in ((b"&lt;", b"<"), (b"&gt;", b">"), (b"&quot;", b'"'), (b"&apos;", b"'")):
        text = text.replace(entity, char)
    return text.replace(b"&amp;", b"&")


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """The indexes of the cell styles whose number format shows a percentage."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    styles = _read_small(archive, "xl/styles.xml")
    percent_formats = set(_BUILTIN_PERCENT)
    for tag in re.findall(rb"<numFmt\b[^>]*>", styles):
        attrs = dict(_ATTRS.findall(tag))
        # A % in quotes or after a backslash is a literal sign, not a percentage.
        code = _unescape(attrs.get(b"formatCode", b"")).replace(b'"%"', b"").replace(b"\\%", b"")
        if b"%" in code:
            percent_formats.add(int(attrs.get(b"numFmtId", b"0")))
    xfs = re.search(rb"<cellXfs\b.*?</cellXfs>", styles, re.S)
    found = set()
    for index, tag in enumerate(re.findall(rb"<xf\b[^>]*>", xfs.group(0) if xfs else b"")):
        number_format = dict(_ATTRS.findall(tag)).get(b"numFmtId", b"0")
        if number_format.isdigit() and int(number_format) in percent_formats:
            found.add(index)
    return found


def _count_shared_strings(archive: zipfile.ZipFile) -> None:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return
    count, tail = 0, b""
    for block in _blocks(archive, "xl/sharedStrings.xml"):
        text = tail + block
        count += text.count(b"<si>") + text.count(b"<si ")
        tail = text[-3:]  # too short to hold a whole "<si>": nothing is counted twice
        if count > MAX_SHARED_STRINGS:
            limit = {"limit": f"{MAX_SHARED_STRINGS:,}"}
            raise WorkbookRefused(Message("limit.shared_strings", limit), "too-many-cells")


def _scan_sheet(archive: zipfile.ZipFile, member: str, percent_styles: set[int]) -> SheetFacts:
    facts = SheetFacts()
    at = (0, 0)  # the last cell's row and column
    tail = b""
    for block in _blocks(archive, member):
        text = tail + block
        cut = text.rfind(b"</row>")  # whole rows only: a cell never spans two rows
        cut = cut + 6 if cut >= 0 else 0
        at = _scan_cells(text[:cut], facts, percent_styles, at)
        tail = text[cut:]
        if facts.rows * facts.cols > MAX_CELLS_PER_SHEET:
            break
    else:
        _scan_cells(tail, facts, percent_styles, at)
    if facts.rows * facts.cols > MAX_CELLS_PER_SHEET:
        facts.too_large = Message(
            "limit.cells",
            {
                "span": f"A1:{column_letters(facts.cols)}{facts.rows}",
                "cells": f"{facts.rows * facts.cols:,}",
                "limit": f"{MAX_CELLS_PER_SHEET:,}",
            },
        )
    return facts


def _scan_cells(
    body: bytes, facts: SheetFacts, percent_styles: set[int], at: tuple[int, int]
) -> tuple[int, int]:
    row, col = at
    for match in _CELL.finditer(body):
        attrs = dict(_ATTRS.findall(match.group(1)))
        ref = _REF.fullmatch(attrs.get(b"r", b""))
        if ref:
            col, row = column_number(ref.group(1)), int(ref.group(2))
        else:
            col += 1  # a cell without a reference follows the one before it
        facts.cells += 1
        facts.rows, facts.cols = max(facts.rows, row), max(facts.cols, col)
        formula = _FORMULA.search(match.group(2) or b"")
        if formula:
            text = _unescape(formula.group(1) or b"").decode("utf-8", errors="replace")
            facts.formulas[row, col] = text
        style = attrs.get(b"s", b"")
        if style.isdigit() and int(style) in percent_styles:
            facts.percent.add((row, col))
    return row, col


def scan_xlsx(path: str, max_unpacked: int) -> dict[str, SheetFacts]:
    """Each sheet's facts by name; raises WorkbookRefused for a workbook not to be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            too_large = size_problem(
                Path(path), unpacked, max_unpacked, "send it as CSV", "unpacks to"
            )
            if too_large:
                raise WorkbookRefused(too_large, "file-too-large")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    refuse_entities(archive, info.filename)
            _count_shared_strings(archive)
            percent = _percent_styles(archive)
            return {
                name: _scan_sheet(archive, part, percent)
                for name, part in _sheet_parts(archive).items()
                if part in archive.namelist()
            }
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError) as exc:
        if isinstance(exc, FileNotFoundError | PermissionError):
            raise
        reason = Message("xlsx.not_workbook", {"detail": type(exc).__name__ + f": {exc}"})
        raise WorkbookRefused(reason, "xlsx-unreadable") from None
