"""PDF plans: the text layer, one paragraph per visual line, numbered across pages.

PDFs carry no table structure, only positioned words. Words on one line separated by
a gap wider than two character widths (taken as two font heights, i.e. two CJK
characters) are joined with a tab instead of a space, so a table row comes out as
tab-separated cells, the same shape the text parser already rebuilds tables from.
"""

from __future__ import annotations

import io
import unicodedata
from itertools import pairwise
from pathlib import Path
from typing import Any, ClassVar

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils import cluster_objects
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from minsheng.errors import UnreadableDocument
from minsheng.ingest.document import Document, Paragraph
from minsheng.ingest.readers.base import Reader, clean_line, read_bytes

_PDF_ERRORS = (PdfminerException, MalformedPDFException, PSException)
_LINE_TOLERANCE = 3  # points: words whose tops differ less than this share a line
_TAB_GAP_IN_EMS = 2.0
# Some Chinese PDFs map glyphs to Kangxi radicals or compatibility ideographs (⼀ for 一);
# NFKC on just these ranges restores the ordinary characters without touching
# full-width punctuation elsewhere.
_LOOKALIKE_RANGES = ((0x2F00, 0x2FDF), (0x2E80, 0x2EFF), (0xF900, 0xFAFF))

Word = dict[str, Any]


class PdfReader(Reader):
    """Reads PDFs that have a text layer; scanned PDFs must go through OCR first."""

    suffixes: ClassVar[tuple[str, ...]] = (".pdf",)

    def read(self, path: Path) -> Document:
        """Read `path` into one `Paragraph` per text line, numbered from 1 across pages."""
        lines = _text_lines(read_bytes(path), path)
        if not any(line.strip() for line in lines):
            raise UnreadableDocument(
                "the PDF has no text layer (probably a scanned image); "
                "run OCR on it first, then read the result",
                file=str(path),
            )
        paragraphs = [Paragraph(text, number) for number, text in enumerate(lines, start=1)]
        return Document(source=str(path), blocks=tuple(paragraphs))


def _text_lines(data: bytes, path: Path) -> list[str]:
    """All non-empty text lines of all pages, in page order."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [line for page in pdf.pages for line in _page_lines(page)]
    except _PDF_ERRORS as error:
        raise UnreadableDocument(_problem(error), file=str(path)) from error


def _problem(error: Exception) -> str:
    """Say whether a PDF failed because it is encrypted or because it is damaged."""
    cause = error.args[0] if error.args else error
    if isinstance(cause, PDFEncryptionError):
        return "the PDF is encrypted or password-protected; save an unprotected copy"
    return f"not a readable PDF (corrupt or truncated): {cause}"


def _page_lines(page: pdfplumber.page.Page) -> list[str]:
    """The page's lines top to bottom, words joined by spaces or by tabs at wide gaps."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    lines = []
    for cluster in cluster_objects(words, "top", tolerance=_LINE_TOLERANCE):
        text = clean_line(_join_words(sorted(cluster, key=lambda word: word["x0"])))
        if text.strip():
            lines.append(_restore_lookalikes(text))
    return lines


def _join_words(words: list[Word]) -> str:
    """Join one line's words, putting a tab where the gap is wider than two characters."""
    parts = [words[0]["text"]]
    for before, word in pairwise(words):
        em = max(_height(before), _height(word))
        gap = word["x0"] - before["x1"]
        parts.append("\t" if gap > _TAB_GAP_IN_EMS * em else " ")
        parts.append(word["text"])
    return "".join(parts)


def _height(word: Word) -> float:
    """A word's height, which for PDF text is the font size: one CJK character width."""
    return float(word["bottom"] - word["top"])


def _restore_lookalikes(text: str) -> str:
    """Map Kangxi radicals and compatibility ideographs back to ordinary ideographs."""
    return "".join(
        unicodedata.normalize("NFKC", char) if _is_lookalike(char) else char for char in text
    )


def _is_lookalike(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _LOOKALIKE_RANGES)
