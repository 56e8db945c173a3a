"""Word (.docx) plans: paragraphs and tables in body order, merged cells expanded.

The body XML is walked directly rather than through python-docx's paragraph and
table objects because those skip content wrapped in content controls (w:sdt) and
tracked insertions (w:ins), and `row.cells` ignores rows that start late (gridBefore).
Text boxes and one-column tables are page layout around ordinary text (a boxed 专栏), so
their content is read as body blocks where they are anchored.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import ClassVar, cast

import docx
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from minsheng.errors import UnreadableDocument
from minsheng.ingest.document import Block, Document, Paragraph, Table
from minsheng.ingest.readers.base import Reader, check_archive, clean_line, read_bytes

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
# Visible runs only: not deleted revisions, not the text boxes a paragraph anchors (they are
# read as blocks of their own), though a paragraph inside a text box keeps its own runs.
_VISIBLE_RUNS = (
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)"
    " and count(ancestor::w:txbxContent) = {depth}]"
)
_P, _TBL, _SDT, _SDT_CONTENT, _CUSTOM_XML = (
    qn("w:p"),
    qn("w:tbl"),
    qn("w:sdt"),
    qn("w:sdtContent"),
    qn("w:customXml"),
)
_TEXT_BOX, _FALLBACK = qn("w:txbxContent"), f"{{{_MC}}}Fallback"
_LOAD_ERRORS = (zipfile.BadZipFile, KeyError, ValueError, OpcError, etree.LxmlError)


class DocxReader(Reader):
    """Reads .docx files; headings come from the built-in heading styles."""

    suffixes: ClassVar[tuple[str, ...]] = (".docx",)

    def read(self, path: Path) -> Document:
        """Read `path` into paragraphs and tables; `line` is the block ordinal."""
        data = read_bytes(path)
        check_archive(data, path)
        try:
            word = docx.Document(io.BytesIO(data))
        except _LOAD_ERRORS as error:
            raise UnreadableDocument(
                "not a readable Word .docx file (corrupt, password-protected, "
                f"or an old .doc renamed): {error}",
                file=str(path),
            ) from error
        styles = {style.style_id: style.name or "" for style in word.styles}
        blocks: list[Block] = []
        _walk_body(word.element.body, styles, blocks)
        return Document(source=str(path), blocks=tuple(blocks))


def _walk_body(parent: etree._Element, styles: dict[str, str], blocks: list[Block]) -> None:
    """Append a block for each paragraph line and table under `parent`, in order."""
    for child in parent.iterchildren():
        if child.tag == _P:
            paragraph = _as_paragraph(child)
            level = _heading_level(paragraph, styles)
            for text in _paragraph_lines(paragraph):
                blocks.append(Paragraph(text=text, line=len(blocks) + 1, heading_level=level))
            for box in _text_boxes(child):
                _walk_body(box, styles, blocks)
        elif child.tag == _TBL:
            _add_table(_as_table(child), styles, blocks)
        else:
            _walk_body(_wrapped_content(child), styles, blocks)


def _add_table(tbl: CT_Tbl, styles: dict[str, str], blocks: list[Block]) -> None:
    """A data table as a grid; a one-column table is a box around body text."""
    rows, continued = _table_grid(tbl)
    if rows and len(rows[0]) > 1:
        blocks.append(Table(rows=rows, line=len(blocks) + 1, continued=continued))
        return
    for tr in tbl.tr_lst:
        for tc in tr.tc_lst:
            _walk_body(tc, styles, blocks)


def _text_boxes(paragraph: etree._Element) -> list[etree._Element]:
    """Text boxes anchored in a paragraph, each once: not the legacy copy, not nested ones."""
    return [box for box in paragraph.iter(_TEXT_BOX) if _outermost_box(box, paragraph)]


def _outermost_box(box: etree._Element, paragraph: etree._Element) -> bool:
    """True unless the box sits in a compatibility fallback or inside another box."""
    ancestor = box.getparent()
    while ancestor is not None and ancestor is not paragraph:
        if ancestor.tag in (_TEXT_BOX, _FALLBACK):
            return False
        ancestor = ancestor.getparent()
    return True


def _wrapped_content(element: etree._Element) -> etree._Element:
    """The element whose children are the real content of a wrapper like w:sdt.

    Anything that is not a known wrapper yields an empty element, so it is skipped.
    """
    if element.tag == _SDT:
        content = element.find(_SDT_CONTENT)
        return content if content is not None else etree.Element("empty")
    if element.tag == _CUSTOM_XML:
        return element
    return etree.Element("empty")


def _as_paragraph(element: etree._Element) -> CT_P:
    """A w:p element; python-docx's parser makes every one a CT_P, lxml's types cannot say so."""
    return cast(CT_P, element)


def _as_table(element: etree._Element) -> CT_Tbl:
    """A w:tbl element, which python-docx's parser makes a CT_Tbl."""
    return cast(CT_Tbl, element)


def _paragraph_lines(p: CT_P) -> list[str]:
    """The non-blank lines of a paragraph; a soft line break starts a new line."""
    depth = len(p.xpath("ancestor::w:txbxContent"))
    text = "".join(run.text for run in p.xpath(_VISIBLE_RUNS.format(depth=depth)))
    lines = (clean_line(line) for line in text.split("\n"))
    return [line for line in lines if line.strip()]


def _heading_level(p: CT_P, styles: dict[str, str]) -> int | None:
    """1 for "Heading 1" / "标题 1" and so on; None for any other style."""
    match = _HEADING_STYLE.match(styles.get(p.style or "", "").strip())
    return int(match.group(1)) if match else None


def _table_grid(
    tbl: CT_Tbl,
) -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[int, int]]]:
    """Expand a table into a rectangular grid, recording non-origin merged positions."""
    grid: list[list[str]] = []
    continued: set[tuple[int, int]] = set()
    widest = _grid_width(tbl)
    for r, tr in enumerate(tbl.tr_lst):
        row = [""] * min(tr.grid_before, widest)
        for tc in tr.tc_lst:
            col, span = len(row), min(max(tc.grid_span, 1), max(widest - len(row), 1))
            above = grid[r - 1] if r else []
            if tc.vMerge == "continue" and col < len(above):
                row.extend([above[col]] * span)
                continued.update((r, c) for c in range(col, col + span))
            else:
                row.extend([_cell_text(tc)] * span)
                continued.update((r, c) for c in range(col + 1, col + span))
        grid.append(row)
    width = max((len(row) for row in grid), default=0)
    rows = tuple(tuple(row + [""] * (width - len(row))) for row in grid)
    return (rows if width else ()), frozenset(continued)


def _grid_width(tbl: CT_Tbl) -> int:
    """The columns a row may span: the table's declared grid, or its most cells in a row
    (a damaged or hostile gridSpan of 10⁹ is clipped to it, not expanded)."""
    declared = len(tbl.tblGrid.gridCol_lst) if tbl.tblGrid is not None else 0
    return max(declared, max((len(tr.tc_lst) for tr in tbl.tr_lst), default=1), 1)


def _cell_text(tc: CT_Tc) -> str:
    """A cell's paragraphs joined by newlines; nested tables are flattened into them."""
    return "\n".join(_cell_lines(tc))


def _cell_lines(container: etree._Element) -> list[str]:
    """Text lines of a cell in order, descending into nested tables and wrappers."""
    lines: list[str] = []
    for child in container.iterchildren():
        if child.tag == _P:
            lines.extend(line.strip() for line in _paragraph_lines(_as_paragraph(child)))
        elif child.tag == _TBL:
            for tr in _as_table(child).tr_lst:
                for tc in tr.tc_lst:
                    lines.extend(_cell_lines(tc))
        else:
            lines.extend(_cell_lines(_wrapped_content(child)))
    return lines
