"""Word documents (``--format docx``) as an office prints them: A4, portrait, or landscape for
wide tables; Chinese text in 仿宋 (headings 黑体, the title 宋体) with a Latin fallback, set on
every run as Word needs it (the ``w:eastAsia`` font, not only the Latin name); headings as
Word's own heading styles, so the navigation pane and a table of contents find them; tables
whose header row repeats on every page and whose rows never break across pages.

Nothing but text and tables: no macro, no field, no image, no hyperlink. python-docx is
imported only when a Word document is asked for.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "宋体"
A4_MM = (210, 297)
MARGIN_MM = 25
BODY_PT, TABLE_PT, TITLE_PT = 12, 10.5, 20
HEADING_PT = {1: 15, 2: 13}
HEADER_FILL = "D9D9D9"
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell's text (``\\n`` breaks the line), with a colour for its text, a tint
    behind it, and bold, for marks such as the 三色督办 level."""

    text: str
    ink: str | None = None  # RRGGBB
    tint: str | None = None  # RRGGBB
    bold: bool = False


CellLike = Cell | str


def set_fonts(owner: Any, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Give a run or a style its fonts: ``latin`` for Latin text, ``east_asian`` for Chinese
    (``w:eastAsia``); theme fonts, which Word would prefer, are removed."""
    from docx.oxml.ns import qn

    fonts = owner.element.get_or_add_rPr().get_or_add_rFonts()
    for name in _THEME_FONTS:
        fonts.attrib.pop(qn(name), None)
    for name in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(name), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made


class WordDocument:
    """A document being laid out, part by part, in reading order."""

    def __init__(self, lang: str, title: str, as_of: date, landscape: bool = False) -> None:
        from docx import Document

        self.lang = lang
        self.doc = Document()
        self._style()
        self.landscape = landscape
        self._layout(self.doc.sections[0], landscape)
        props = self.doc.core_properties
        # Dated by the audit, not the clock: the same audit gives the same document.
        stamp = datetime(as_of.year, as_of.month, as_of.day)
        props.title, props.author, props.last_modified_by = title, "medreform-check", ""
        props.comments, props.created, props.modified = "", stamp, stamp
        props.language = "zh-CN" if lang == "zh" else "en-US"

    # --- styles and pages ----------------------------------------------------------------

    def _style(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        styles = self.doc.styles
        normal = styles["Normal"]
        set_fonts(normal, BODY_FONT)
        normal.font.size = Pt(BODY_PT)
        lang = normal.element.get_or_add_rPr()
        lang.append(_element("w:lang", val="en-US", eastAsia="zh-CN"))
        for level, size in HEADING_PT.items():
            heading = styles[f"Heading {level}"]
            set_fonts(heading, HEADING_FONT)
            heading.font.size, heading.font.bold = Pt(size), True
            heading.font.color.rgb = RGBColor(0, 0, 0)
        title = styles["Title"]
        set_fonts(title, TITLE_FONT)
        title.font.size, title.font.bold = Pt(TITLE_PT), True
        title.font.color.rgb = RGBColor(0, 0, 0)
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        from docx.oxml.ns import qn

        spacing = title.element.pPr
        borders = spacing.find(qn("w:pBdr")) if spacing is not None else None
        if borders is not None:  # the template's blue rule under the title
            spacing.remove(borders)

    def _layout(self, section: Any, landscape: bool) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        short, long = Mm(A4_MM[0]), Mm(A4_MM[1])
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Mm(MARGIN_MM))

    def orient(self, landscape: bool) -> None:
        """Continue on a new page in this orientation (a new section), if it changes."""
        if landscape == self.landscape:
            return
        from docx.enum.section import WD_SECTION

        self.landscape = landscape
        self._layout(self.doc.add_section(WD_SECTION.NEW_PAGE), landscape)

    @property
    def _text_width(self) -> int:
        section: Any = self.doc.sections[-1]  # its sizes are set by _layout, never None
        return int(section.page_width - section.left_margin - section.right_margin)

    # --- text ---------------------------------------------------------------------------

    def title(self, text: str) -> None:
        paragraph = self.doc.add_paragraph(style="Title")
        set_fonts(paragraph.add_run(text), TITLE_FONT)

    def heading(self, text: str, level: int = 1) -> None:
        paragraph = self.doc.add_paragraph(style=f"Heading {level}")
        set_fonts(paragraph.add_run(text), HEADING_FONT)

    def paragraph(self, text: str, bold: bool = False, centred: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self.doc.add_paragraph()
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold or None
        set_fonts(run, BODY_FONT)

    # --- tables -------------------------------------------------------------------------

    def table(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[CellLike]],
        widths: Sequence[float] | None = None,
    ) -> None:
        """A table with a bold, shaded header row that repeats on every page; ``widths``
        are the columns' shares of the text width."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headings))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        shares = widths or [1 / len(headings)] * len(headings)
        total = sum(shares)
        columns = [int(self._text_width * share / total) for share in shares]
        for k, row in enumerate(table.rows):
            row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
            header = [Cell(h, bold=True, tint=HEADER_FILL) for h in headings]
            cells = header if k == 0 else rows[k - 1]
            for cell, content, width in zip(row.cells, cells, columns, strict=True):
                cell.width = width
                _fill(cell, content if isinstance(content, Cell) else Cell(content))
        table.rows[0]._tr.get_or_add_trPr().append(_element("w:tblHeader"))
        for column, width in zip(table.columns, columns, strict=True):
            column.width = width
        self.doc.add_paragraph()  # Word joins two tables that touch

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _fill(cell: Any, content: Cell) -> None:
    from docx.shared import Pt, RGBColor

    paragraph = cell.paragraphs[0]
    lines = content.text.split("\n")
    for k, line in enumerate(lines, 1):
        run = paragraph.add_run(line)
        if k < len(lines):
            run.add_break()
        set_fonts(run, BODY_FONT)
        run.font.size = Pt(TABLE_PT)
        run.bold = content.bold or None
        if content.ink:
            run.font.color.rgb = RGBColor.from_string(content.ink)
    if content.tint:
        shading = _element("w:shd", val="clear", color="auto", fill=content.tint)
        cell._tc.get_or_add_tcPr().append(shading)
