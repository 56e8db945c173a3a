"""A DOCX in the conventions of a Chinese government document (公文, GB/T 9704 in spirit).

A4 with 公文 margins; the title in 二号 bold serif; level-1 headings (一、) in a 黑体-like
sans, level-2 headings (（一）) in a 楷体-like serif; body in a 仿宋-like serif at 三号;
tables at 四号 or smaller with their header row repeated on every page; the page number
in the footer as a PAGE field. The fonts are the Noto CJK families, which exist offline
on Debian (fonts-noto-cjk), so LibreOffice renders the PDF without substitution.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

SERIF = "Noto Serif CJK SC"  # stands for 仿宋 / 楷体 / 宋体
SANS = "Noto Sans CJK SC"  # stands for 黑体
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(14)  # 四号
SMALL_TABLE_SIZE = Pt(10.5)  # 五号, for wide tables of many columns
LINE = Pt(28)  # fixed line pitch: 22 lines a page at 三号
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH_MM = 210 - 28 - 26


def _set_font(run: Run, family: str, size: Pt, *, bold: bool = False) -> None:
    """Name the font for Latin and East Asian text alike, which python-docx does not."""
    run.font.name = family
    run.font.size = size
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), family)


def _field(paragraph: Paragraph, instruction: str, size: Pt) -> None:
    """A field (PAGE, NUMPAGES) the word processor fills in when it lays the page out."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        _set_font(run, SERIF, size)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._element.append(element)


class GovDocument:
    """Build a report top to bottom: title, headings, paragraphs, tables and figures."""

    def __init__(self) -> None:
        self.document = Document()
        self._set_up_page()
        self._set_up_footer()

    def _set_up_page(self) -> None:
        section = self.document.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side, size in MARGINS.items():
            setattr(section, f"{side}_margin", size)
        normal = self.document.styles["Normal"]
        normal.font.name, normal.font.size = SERIF, BODY_SIZE
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), SERIF)

    def _set_up_footer(self) -> None:
        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text, field in (("— ", None), (None, "PAGE"), (" —", None)):
            if field:
                _field(paragraph, field, Pt(14))
            else:
                _set_font(paragraph.add_run(text), SERIF, Pt(14))

    def _paragraph(self, *, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        # python-docx documents assigning None (inherit the style's alignment) but types
        # the setter without it.
        paragraph.alignment = align  # type: ignore[assignment]
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = LINE
        paragraph.paragraph_format.space_after = Pt(0)
        return paragraph

    def title(self, text: str) -> None:
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.line_spacing = Pt(36)
        paragraph.paragraph_format.space_after = Pt(18)
        _set_font(paragraph.add_run(text), SERIF, TITLE_SIZE, bold=True)

    def centered(self, text: str) -> None:
        """A line under the title: the issuer and the date."""
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.space_after = Pt(12)
        _set_font(paragraph.add_run(text), SERIF, BODY_SIZE)

    def heading(self, text: str, level: int = 1) -> None:
        """一、 headings in 黑体 (sans), （一） headings in bold 楷体 (serif), both 三号."""
        paragraph = self.document.add_paragraph(style=f"Heading {level}")
        paragraph.paragraph_format.first_line_indent = Pt(32)
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run(text)
        _set_font(run, SANS if level == 1 else SERIF, BODY_SIZE, bold=level > 1)
        run.font.color.rgb = RGBColor(0, 0, 0)  # the style's blue is not 公文

    def paragraph(self, text: str) -> None:
        """Body text in 仿宋 (serif) 三号, first line indented by two characters."""
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Pt(32)
        _set_font(paragraph.add_run(text), SERIF, BODY_SIZE)

    def caption(self, text: str, *, above: bool = True) -> None:
        """A table's caption sits above it and stays on its page; a figure's sits below."""
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.keep_with_next = above
        _set_font(paragraph.add_run(text), SANS, Pt(12))

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
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _fixed_layout(table)
        scale = TEXT_WIDTH_MM / sum(widths_mm)
        widths = [Mm(width * scale) for width in widths_mm]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid widths LibreOffice lays out by
        _fill_row(table.rows[0].cells, header, widths, size, bold=True)
        _repeat_header(table)
        for values in rows:
            _fill_row(table.add_row().cells, values, widths, size)
        return table

    def figure(self, png: bytes, caption: str, *, width_mm: float = TEXT_WIDTH_MM) -> None:
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
        paragraph.paragraph_format.keep_with_next = True
        self.caption(caption, above=False)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _fill_row(cells, values: Sequence[str], widths: Sequence[Mm], size: Pt, *, bold=False) -> None:  # noqa: ANN001
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if bold else None
        _set_font(paragraph.add_run(value), SANS if bold else SERIF, size, bold=False)


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
