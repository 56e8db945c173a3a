"""Plain-text plans: one paragraph per source line, keeping real line numbers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from minsheng.ingest.document import Document, Paragraph
from minsheng.ingest.readers.base import Reader, clean_line, decode, read_bytes

# Only real line breaks count, so line numbers match what an editor shows
# (str.splitlines would also split on form feeds and U+2028).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class TextReader(Reader):
    """Reads .txt files encoded as UTF-8 (with or without BOM), UTF-16 or GB18030.

    Tabs are kept exactly, including a line that is only a tab: text exported from
    Word writes table cells as tab-led lines, and an empty cell is just "\\t".
    """

    suffixes: ClassVar[tuple[str, ...]] = (".txt",)

    def read(self, path: Path) -> Document:
        """Read `path` into one `Paragraph` per non-empty line."""
        text = decode(read_bytes(path), path)
        return Document(source=str(path), blocks=tuple(paragraphs_from_text(text)))


def paragraphs_from_text(text: str) -> list[Paragraph]:
    """Split text into cleaned lines, dropping empty ones but keeping line numbers."""
    paragraphs = []
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        line = clean_line(raw)
        if line:
            paragraphs.append(Paragraph(text=line, line=number))
    return paragraphs
