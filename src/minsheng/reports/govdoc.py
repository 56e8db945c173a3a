"""A DOCX in the layout of a Chinese government document (公文, GB/T 9704-2012).

A4, margins 37/35/28/26 mm, 22 lines × 28 characters of 三号 仿宋 in the 156 × 225 mm text
block; the title in 二号 小标宋, broken at a phrase boundary (`title_lines`); level-1 headings
in 黑体, level-2 in 楷体; "— N —" page numbers in 4 号 宋体, odd pages right, even pages left.
All formatting goes through the named styles of `styles.py`, so a house template (`house`)
that defines them wins; the report's content follows the template's own.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from minsheng.reports import styles
from minsheng.reports.styles import SMALL_TABLE_SIZE, TABLE_SIZE
from minsheng.reports.templates import open_template
from minsheng.reports.title_lines import title_lines

MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH_MM = 210 - 28 - 26
FOOTER_DISTANCE = Mm(28 - 7)  # the page number sits 7 mm below the text block
__all__ = ["SMALL_TABLE_SIZE", "TABLE_SIZE", "GovDocument", "HouseStyle", "house"]


@dataclass(frozen=True)
class HouseStyle:
    """Who issues the reports and in which Word template (None: minsheng's own layout)."""

    template: Path | None = None
    author: str = ""  # the issuing organisation, e.g. 合肥市发展和改革委员会
    subject: str = ""


_house: ContextVar[HouseStyle | None] = ContextVar("house_style", default=None)


@contextmanager
def house(style: HouseStyle) -> Iterator[None]:
    """Documents made inside use `style` (the reports build `GovDocument()` themselves)."""
    token = _house.set(style)
    try:
        yield
    finally:
        _house.reset(token)


class GovDocument:
    """Build a report top to bottom: title, headings, paragraphs, tables and figures."""

    def __init__(self, style: HouseStyle | None = None) -> None:
        self.style = style or _house.get() or HouseStyle()
        template = self.style.template
        self.document = docx.Document() if template is None else open_template(template)
        styles.ensure_styles(self.document)
        # style ids by name, looked up once: python-docx searches the styles on every use
        self._ids = {style.name: style.style_id for style in self.document.styles}
        if template is None:
            self._set_up_page()
        styles.set_language(self.document)
        self._set_properties("")
        self.tables = self.figures = 0  # numbered so far: 表N and 图N run on without gaps

    def _set_up_page(self) -> None:
        section = self.document.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side, size in MARGINS.items():
            setattr(section, f"{side}_margin", size)
        section.footer_distance = FOOTER_DISTANCE
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is not None:  # Word's 文档网格: 22 lines a page
            grid.set(qn("w:linePitch"), str(styles.LINE_PITCH.twips))
        self.document.settings.odd_and_even_pages_header_footer = True
        number_style = self._ids[styles.PAGE_NUMBER]
        _page_number(section.footer.paragraphs[0], number_style, right=True)
        _page_number(section.even_page_footer.paragraphs[0], number_style, right=False)

    def _set_properties(self, title: str) -> None:
        """True properties: never python-docx's author, comment or 2013 dates."""
        now = datetime.now(UTC).replace(microsecond=0)
        properties = self.document.core_properties
        properties.title, properties.subject = title, self.style.subject
        properties.author = properties.last_modified_by = self.style.author
        properties.comments = properties.keywords = properties.category = ""
        properties.created = properties.modified = now
        properties.last_printed = now
        properties.language, properties.revision = "zh-CN", 1

    def _paragraph(self, style: str) -> Paragraph:
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self._ids[style]
        return paragraph

    def title(self, text: str) -> None:
        """The title in 二号 小标宋, its lines broken where the words allow."""
        paragraph = self._paragraph(styles.TITLE)
        paragraph.paragraph_format.space_after = Pt(28)  # a blank line under the title
        for number, line in enumerate(title_lines(text)):
            if number:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(line)
        self._set_properties(text)

    def centered(self, text: str) -> None:
        """A line under the title: the issuer and the date."""
        self._paragraph(styles.CENTERED).add_run(text)

    def heading(self, text: str, level: int = 1) -> None:
        """一、 headings in 黑体, （一） headings in 楷体, both 三号."""
        self._paragraph(styles.HEADING1 if level == 1 else styles.HEADING2).add_run(text)

    def paragraph(self, text: str) -> None:
        """Body text in 仿宋 三号, the first line indented by two characters."""
        self._paragraph(styles.BODY).add_run(text)

    def caption(self, text: str, *, above: bool = True) -> None:
        """A table's caption sits above it and stays on its page; a figure's sits below."""
        paragraph = self._paragraph(styles.CAPTION)
        paragraph.paragraph_format.keep_with_next = above
        paragraph.add_run(text)

    def table_caption(self, name: str) -> int:
        """Caption the next table "表N　name" (N counts this document's tables); N returned."""
        self.tables += 1
        self.caption(f"表{self.tables}　{name}")
        return self.tables

    def numbered_figure(self, png: bytes, name: str) -> int:
        """The next figure, captioned "图N　name" below it; N returned."""
        self.figures += 1
        self.figure(png, f"图{self.figures}　{name}")
        return self.figures

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths_mm: Sequence[float],
        size: Pt = TABLE_SIZE,
    ) -> Table:
        """A bordered table of fixed column widths that fit the text block; header repeats."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = self._table_style()
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _fixed_layout(table)
        scale = TEXT_WIDTH_MM / sum(widths_mm)
        widths = [Mm(width * scale) for width in widths_mm]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid widths LibreOffice lays out by
        small = size if size != TABLE_SIZE else None  # a wide table's own size, else the style's
        _fill_row(table.rows[0].cells, header, widths, self._ids[styles.TABLE_HEADER], small)
        _repeat_header(table)
        for values in rows:
            row = table.add_row()
            _fill_row(row.cells, values, widths, self._ids[styles.TABLE], small)
            _keep_whole(row._tr)
        return table

    def _table_style(self) -> object:
        names = {style.name for style in self.document.styles}
        return self.document.styles["Table Grid"] if "Table Grid" in names else None

    def figure(self, png: bytes, caption: str, *, width_mm: float = TEXT_WIDTH_MM) -> None:
        paragraph = self._paragraph(styles.FIGURE)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
        paragraph.paragraph_format.keep_with_next = True
        self.caption(caption, above=False)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _page_number(paragraph: Paragraph, style_id: str, *, right: bool) -> None:
    """The page number as "— N —", one character in from the outer edge (GB/T 9704, 7.5)."""
    paragraph._p.style = style_id
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    indent = Pt(14)
    if right:
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    paragraph.add_run("— ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" —")


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field (PAGE) the word processor fills in when it lays the page out."""
    for kind in ("begin", "instruction", "separate", "end"):
        run = paragraph.add_run()
        if kind == "instruction":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._element.append(element)


def _fill_row(cells, values: Sequence[str], widths, style_id: str, size: Pt | None) -> None:  # noqa: ANN001
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        run = paragraph.add_run(value)
        if size is not None:
            run.font.size = size


def _fixed_layout(table: Table) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _repeat_header(table: Table) -> None:
    """Mark the first row as a header row, repeated at the top of every page it spans."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def _keep_whole(row: Any) -> None:
    """A row never splits across a page: a name cut in two reads as two names."""
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    row.get_or_add_trPr().append(keep)
