"""The styles of a page's text objects, for its chars (see pdf_chars).

A char's font, size, colours and scale come from its text object. A page holds thousands of
text objects, mostly in a few styles: each object's style is read from pdfium into one
buffer, without pypdfium2's checks, and worked out once per distinct style.
"""

from __future__ import annotations

import ctypes
import struct
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from minsheng.ingest.readers.pdf_fonts import FontFacts, pdfium_font_name
from minsheng.ingest.readers.pdf_pdfium import as_decimal, unchecked

TextObjects = dict[int, tuple[int, Any]]  # by address: place in the content, handle
Colour = tuple[float, ...]
_BLACK = (0.0, 0.0, 0.0)
_KEY = struct.Struct("=f8I4f")  # a text object's font size, colours, matrix a to d
_START = struct.Struct("=2f")  # its matrix's e and f

_MATRIX = unchecked(pdfium_c.FPDFPageObj_GetMatrix)
_FONT = unchecked(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p)
_FONT_SIZE = unchecked(pdfium_c.FPDFTextObj_GetFontSize)
_STROKE = unchecked(pdfium_c.FPDFPageObj_GetStrokeColor)
_FILL = unchecked(pdfium_c.FPDFPageObj_GetFillColor)


class Decimals(dict[float, float]):
    """pdfium's floats as_decimal, each value worked out once per page."""

    def __missing__(self, value: float) -> float:
        self[value] = found = as_decimal(value)
        return found


@dataclass(frozen=True, eq=False)
class Style:
    """What a text object gives each of its chars (but where the object starts)."""

    a: float  # the horizontal and vertical scale of the text matrix (upright text)
    d: float
    size: float  # the font size in text space (the Tf operand)
    font: FontFacts
    colours: tuple[Colour, Colour]  # stroking, non-stroking
    low: float  # the char box's bottom and top from the baseline
    high: float


Start = tuple[Style, float, float]  # a text object's style and where it starts (e, f)


class Styles:
    """The styles of a page's text objects, each worked out once for objects alike."""

    def __init__(self, fonts: dict[str, FontFacts | None], decimals: Decimals) -> None:
        self.fonts, self.decimals = fonts, decimals
        self.names: dict[int, str] = {}  # pdfium's font names, by the font's address
        self.found: dict[tuple[Any, ...], Style | None] = {}
        # An object's font size, stroking and non-stroking colours (r, g, b, alpha) and
        # matrix (FS_MATRIX: a to f) are read into one buffer: all but e and f tell
        # the style (_KEY), e and f where the object starts (_START).
        self.buffer = (ctypes.c_byte * 60)()
        self.view = memoryview(self.buffer).cast("B")
        at = [ctypes.byref(self.buffer, offset) for offset in range(0, 40, 4)]
        self.at_size, self.at_matrix = at[0], at[9]
        self.at_stroking, self.at_filling = at[1:5], at[5:9]

    def starts(self, texts: TextObjects) -> dict[int, tuple[int, Start]] | None:
        """Each text object's place in the content, style and start; None when one is
        not upright or in a font not read alike (its chars could not be given)."""
        starts: dict[int, tuple[int, Start]] = {}
        for key, (order, handle) in texts.items():
            style = self._style(handle)
            if style is None:
                return None
            e, f = _START.unpack_from(self.view, _KEY.size)
            starts[key] = (order, (style, self.decimals[e], self.decimals[f]))
        return starts

    def _style(self, handle: Any) -> Style | None:
        """The object's style, read into the buffer (a colour pdfium lacks is black)."""
        _MATRIX(handle, self.at_matrix)
        _FONT_SIZE(handle, self.at_size)
        stroked, filled = _STROKE(handle, *self.at_stroking), _FILL(handle, *self.at_filling)
        raw = (self.view[: _KEY.size].tobytes(), _FONT(handle), stroked, filled)
        if raw not in self.found:
            self.found[raw] = self._new(raw)
        return self.found[raw]

    def _new(self, raw: tuple[Any, ...]) -> Style | None:
        """A style of text that is upright and in a font read alike, else None."""
        size, *rgba, a, b, c, d = (
            as_decimal(value) if isinstance(value, float) else value
            for value in _KEY.unpack(raw[0])
        )
        font = self.fonts.get(self._font_name(raw[1])) if raw[1] else None
        if font is None or b or c or a <= 0 or d <= 0:
            return None
        stroking, non_stroking = (
            tuple(value / 255 for value in rgba[start : start + 3]) if given else _BLACK
            for start, given in ((0, raw[2]), (4, raw[3]))
        )
        low, high = d * font.descent * size, d * (font.descent * size + size)
        return Style(a, d, size, font, (stroking, non_stroking), low, high)

    def _font_name(self, font: int) -> str:
        """pdfium's name of the font at this address, asked once per font."""
        if font not in self.names:
            self.names[font] = pdfium_font_name(font)
        return self.names[font]
