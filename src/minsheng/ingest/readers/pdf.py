"""PDF plans: ruled and three-line tables as tables, the other text as lines, in order.

PDFs carry positioned words and drawn rules, not paragraphs and tables. Tables are found
from their rules (see pdf_ruled, pdf_three_line), joined across page breaks (see
pdf_pieces), and the words outside them become one paragraph per visual line. Blocks are
numbered across pages in reading order, top to bottom on each page. The pages' chars and
rules come from pdfium where it reads them as pdfminer would (see pdf_objects): much faster.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import ClassVar

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from minsheng.errors import UnreadableDocument
from minsheng.ingest.document import Block, Document, Paragraph, ReadingNote, Table
from minsheng.ingest.readers.base import Reader, read_bytes
from minsheng.ingest.readers.pdf_objects import preload
from minsheng.ingest.readers.pdf_ocr import ocr_available, ocr_lines, ocr_notes
from minsheng.ingest.readers.pdf_pieces import Item, TablePiece, stitch
from minsheng.ingest.readers.pdf_ruled import ruled_pieces
from minsheng.ingest.readers.pdf_text import Line, Word, text_lines
from minsheng.ingest.readers.pdf_three_line import three_line_pieces
from minsheng.runtime import gc_paused

_PDF_ERRORS = (PdfminerException, MalformedPDFException, PSException)


class PdfReader(Reader):
    """Reads PDFs that have a text layer; scanned PDFs must go through OCR first."""

    suffixes: ClassVar[tuple[str, ...]] = (".pdf",)

    def read(self, path: Path) -> Document:
        """Read `path` into paragraphs and tables; `line` is the block ordinal. A PDF
        without a text layer is read by OCR where Tesseract is installed. No cyclic
        garbage collection while the pages' objects live (see `_items`)."""
        data = read_bytes(path)
        try:
            with gc_paused(), pdfplumber.open(io.BytesIO(data)) as pdf:
                preload(pdf, data)
                items = _items(pdf)
                return _document(path, items) if items else _scanned(path, pdf.pages)
        except _PDF_ERRORS as error:
            raise UnreadableDocument(_problem(error), file=str(path)) from error


def _items(pdf: pdfplumber.PDF) -> list[Item]:
    """Lines and table pieces of all pages in reading order; none when no page has text.
    Each page's objects are let go once read (closing the PDF leaves them to the garbage
    collector, which then walks them all)."""
    items: list[Item] = []
    for number, page in enumerate(pdf.pages):
        items += _page_items(page, number)
        page.close()
    return items


def _document(path: Path, items: list[Item], notes: tuple[ReadingNote, ...] = ()) -> Document:
    blocks = [_block(item, number) for number, item in enumerate(stitch(items), start=1)]
    return Document(source=str(path), blocks=tuple(blocks), notes=notes)


def _scanned(path: Path, pages: list[Page]) -> Document:
    """A scanned PDF read by OCR, with notes saying so; without OCR, the clear error."""
    if not ocr_available():
        raise UnreadableDocument(
            "the PDF has no text layer (probably a scanned image); install tesseract-ocr "
            "and tesseract-ocr-chi-sim to read it by OCR, or run OCR on it first",
            file=str(path),
        )
    try:
        lines = [line for page in pages for line in ocr_lines(page)]
    except UnreadableDocument as error:
        raise UnreadableDocument(error.message, file=str(path)) from error
    if not lines:
        raise UnreadableDocument(
            "the PDF has no text layer and OCR (tesseract) recognised no text in it",
            file=str(path),
        )
    return _document(path, list(lines), ocr_notes(lines))


def _problem(error: Exception) -> str:
    """Say whether a PDF failed because it is encrypted or because it is damaged."""
    cause = error.args[0] if error.args else error
    if isinstance(cause, PDFEncryptionError):
        return "the PDF is encrypted or password-protected; save an unprotected copy"
    return f"not a readable PDF (corrupt or truncated): {cause}"


def _page_items(page: Page, number: int) -> list[Item]:
    """One page's tables and the lines of the words outside them, top to bottom."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if not words:
        return []
    pieces = ruled_pieces(page, number)
    pieces += three_line_pieces(page, words, number, [piece.bbox for piece in pieces])
    outside = [word for word in words if not any(_inside(word, piece) for piece in pieces)]
    items: list[Item] = [*text_lines(outside), *pieces]
    return sorted(items, key=lambda item: item.top)


def _inside(word: Word, piece: TablePiece) -> bool:
    """True when the word's centre lies within the table's box."""
    x0, top, x1, bottom = piece.bbox
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return x0 <= x <= x1 and top <= y <= bottom


def _block(item: Item, number: int) -> Block:
    if isinstance(item, Line):
        return Paragraph(item.text, number)
    return Table(rows=item.rows, line=number, continued=item.continued)
