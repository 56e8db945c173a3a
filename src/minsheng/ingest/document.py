"""The intermediate form every reader produces: paragraphs and tables in body order.

The parser works only on this form, so it does not care whether a plan came from a
text file, a Word document, a web page or a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """One line or paragraph of running text.

    `line` is the 1-based position in the source (a text line, or the ordinal of the
    paragraph/block in formats without lines) so warnings can point back to it.
    `heading_level` is set only when the source marks headings structurally
    (Word heading styles, HTML h1–h6); the parser also recognises numbered headings.
    """

    text: str
    line: int
    heading_level: int | None = None


@dataclass(frozen=True)
class Table:
    """A real table (Word or HTML) as a grid of cell texts.

    Merged cells are expanded: every grid position covered by a merged cell repeats the
    merged cell's text, and its position is listed in `continued` (all but the top-left
    position of the merge), so the parser can tell a merged category cell from a repeat.
    """

    rows: tuple[tuple[str, ...], ...]
    line: int
    continued: frozenset[tuple[int, int]] = field(default_factory=frozenset)


Block = Paragraph | Table


@dataclass(frozen=True)
class ReadingNote:
    """What a reader wants the user to know about how it read (e.g. by OCR, and how
    surely), reported with the parse's warnings."""

    code: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class Document:
    """A read document: where it came from, its blocks in body order and the reader's
    notes on how it was read."""

    source: str
    blocks: tuple[Block, ...]
    notes: tuple[ReadingNote, ...] = ()

    def paragraphs(self) -> list[Paragraph]:
        """Only the text blocks, for parsers that look at running text."""
        return [block for block in self.blocks if isinstance(block, Paragraph)]
