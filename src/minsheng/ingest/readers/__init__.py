"""Readers: turn a plan file into the intermediate `Document`, chosen by file suffix."""

from __future__ import annotations

import logging
from pathlib import Path

from minsheng.errors import (
    EmptyDocument,
    MinshengError,
    NotFound,
    UnreadableDocument,
    UnsupportedFormat,
)
from minsheng.ingest.document import Block, Document, Paragraph
from minsheng.ingest.readers.base import Reader, check_size, is_blank
from minsheng.ingest.readers.docx import DocxReader
from minsheng.ingest.readers.html import HtmlReader
from minsheng.ingest.readers.pdf import PdfReader
from minsheng.ingest.readers.text import TextReader

log = logging.getLogger("minsheng.ingest")
READERS: dict[str, type[Reader]] = {
    suffix: reader
    for reader in (TextReader, DocxReader, HtmlReader, PdfReader)
    for suffix in reader.suffixes
}

__all__ = [
    "READERS",
    "DocxReader",
    "HtmlReader",
    "PdfReader",
    "Reader",
    "TextReader",
    "read_document",
]


def read_document(path: Path) -> Document:
    """Read any supported plan file, failing with an error that names the file.

    Raises NotFound for a missing file, UnsupportedFormat for a suffix without a
    reader, and EmptyDocument when the file holds no text at all.
    """
    if not path.exists():
        raise NotFound(f"file not found: {path}")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS))
        raise UnsupportedFormat(
            f"unsupported file type {path.suffix or '(no suffix)'!r}; supported: {supported}",
            file=str(path),
        )
    check_size(path)
    document = _read_guarded(reader(), path)
    if not _has_text(document):
        raise EmptyDocument("the document contains no text", file=str(path))
    return document


def _read_guarded(reader: Reader, path: Path) -> Document:
    """Read with every failure of a damaged or hostile file turned into an error naming
    the file: a corrupt compressed stream, a broken PDF object, nesting too deep."""
    try:
        return reader.read(path)
    except MinshengError:
        raise
    except RecursionError:
        raise UnreadableDocument(
            "the document is nested too deeply to read", file=str(path)
        ) from None
    except MemoryError:
        raise UnreadableDocument("the document is too large to read", file=str(path)) from None
    except Exception as error:
        log.info("reading %s failed", path, exc_info=error)
        raise UnreadableDocument(
            f"the file is damaged or not a valid {path.suffix} file "
            f"({type(error).__name__}: {error})",
            file=str(path),
        ) from error


def _has_text(document: Document) -> bool:
    """True when any paragraph or table cell holds more than whitespace."""
    return any(not is_blank(text) for block in document.blocks for text in _texts(block))


def _texts(block: Block) -> list[str]:
    """A paragraph's text, or every cell of a table."""
    if isinstance(block, Paragraph):
        return [block.text]
    return [cell for row in block.rows for cell in row]
