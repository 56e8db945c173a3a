"""A page's chars from pdfium's text layer, as pdfminer gives them (see pdf_objects).

pdfminer gives every char the content shows, in content order, boxed from its origin by
the font's width and descent (see pdf_fonts). pdfium's text layer orders chars by lines,
makes up spaces and line breaks, swallows a space after another, hides spaces that start
a text object and splits ligatures: each of those is undone here. A run of spaces pdfium
swallows whole comes out as one space (a space ends a word either way). Where a char
cannot be given as pdfminer gives it (its font or width unsettled, text not upright, a
hidden run of spaces of unknown length) the page's chars are None: pdfminer reads it.
A page holds thousands of chars, so pdfium is called without pypdfium2's checks, and what
chars share (their text object's style: pdf_styles; a baseline) is worked out once.
"""

from __future__ import annotations

import ctypes
from operator import itemgetter

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from pdfplumber.page import Page

from minsheng.ingest.readers.pdf_fonts import FontCache, FontFacts, page_fonts
from minsheng.ingest.readers.pdf_pdfium import Obj, unchecked
from minsheng.ingest.readers.pdf_styles import Decimals, Start, Style, Styles, TextObjects

Placed = tuple[tuple[int, int], Obj]  # a char and its place: object, index
Shown = tuple[int, int, str, float, float, bool]  # index, object, text, x, y, made up
Row = tuple[float, float, float, float, float, float]  # y0, y1, height, top, bottom, doctop

_TEXT_OBJECT = unchecked(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_CHAR_ORIGIN = unchecked(pdfium_c.FPDFText_GetCharOrigin)
_IS_GENERATED = unchecked(pdfium_c.FPDFText_IsGenerated)
_UNICODE = unchecked(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)


def page_chars(
    page: Page, pdfium_page: pdfium.PdfPage, texts: TextObjects, known: FontCache
) -> list[Obj] | None:
    """Every char the page's text objects show, in content order; None when a char
    cannot be given as pdfminer gives it. `known`: fonts read on earlier pages."""
    textpage = pdfium_page.get_textpage()
    try:
        return _chars(page, texts, textpage, page_fonts(page, known))
    finally:
        textpage.close()


def _chars(
    page: Page,
    texts: TextObjects,
    textpage: pdfium.PdfTextPage,
    fonts: dict[str, FontFacts | None],
) -> list[Obj] | None:
    """Every char the content shows, in content order (pdfium orders them by lines);
    None when a char cannot be given as pdfminer gives it."""
    decimals = Decimals()
    starts = Styles(fonts, decimals).starts(texts)
    boxes = _Boxes(page)
    shown = _shown_chars(_shown(textpage, decimals), starts, boxes) if starts is not None else None
    if starts is None or shown is None:
        return None
    placed, firsts = shown
    for key, (order, start) in starts.items():
        hidden = _leading_spaces(boxes, start, firsts.get(key))
        if hidden is None:
            return None
        placed += [((order, n - len(hidden)), char) for n, char in enumerate(hidden)]
    placed.sort(key=itemgetter(0))
    return [char for _, char in placed]


def _shown_chars(
    shown: list[Shown], starts: dict[int, tuple[int, Start]], boxes: _Boxes
) -> tuple[list[Placed], dict[int, float]] | None:
    """The chars pdfium shows, with the spaces it swallowed after a space put back, each
    with its place in the content; and where each object's first char starts."""
    placed: list[Placed] = []
    firsts: dict[int, float] = {}
    spaces: dict[int, Obj] = {}  # an object's last char, where it is a space
    make = boxes.char
    for number, (index, key, text, x, y, made_up) in enumerate(shown):
        if made_up and not _real(shown, number):
            continue
        order, (style, _, _) = starts[key]
        if key not in firsts:
            firsts[key] = x
        if spaces and key in spaces:
            doubled = _doubled_spaces(boxes, style, spaces.pop(key), x, y)
            placed += [((order, index), space) for space in doubled]
        char = make(text, x, y, style)
        if char is None:
            return None
        placed.append(((order, index), char))
        if text == " ":
            spaces[key] = char
    return placed, firsts


def _shown(textpage: pdfium.PdfTextPage, decimals: Decimals) -> list[Shown]:
    """pdfium's chars that belong to a text object, with whether pdfium made them up;
    a ligature glyph (ﬁ), which pdfium gives as one char per letter all at the glyph's
    origin, as one char, as pdfminer gives it."""
    raw, count = textpage.raw, pdfium_c.FPDFText_CountChars(textpage.raw)
    text = _page_text(textpage, count)
    if text is None:
        text = "".join(chr(_UNICODE(raw, index)) for index in range(count))
    xy = (ctypes.c_double * 2)()
    at_x, at_y = ctypes.byref(xy), ctypes.byref(xy, 8)
    text_object, origin, generated = _TEXT_OBJECT, _CHAR_ORIGIN, _IS_GENERATED
    shown: list[Shown] = []
    last: Shown | None = None
    for index, char in enumerate(text):
        key = text_object(raw, index)
        if key:
            made_up = char.isspace() and bool(generated(raw, index))
            origin(raw, index, at_x, at_y)
            x, y = decimals[xy[0]], decimals[xy[1]]
            if (
                last
                and last[1] == key
                and last[3] == x
                and last[4] == y
                and not (last[5] or made_up)
            ):
                shown[-1] = last = (last[0], key, last[2] + char, x, y, False)
            else:
                last = (index, key, char, x, y, made_up)
                shown.append(last)
    return shown


def _page_text(textpage: pdfium.PdfTextPage, count: int) -> str | None:
    """The page's text in one call, one char per index; None if it has surrogates."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage.raw, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="surrogatepass")
    surrogates = any("\ud800" <= char <= "\udfff" for char in text)
    return text if len(text) == count and not surrogates else None


def _real(shown: list[Shown], number: int) -> bool:
    """Whether pdfminer has this made-up char: a made-up space stands for a real one
    pdfium swallowed, unless it sits at the origin of the next char of its object."""
    _, key, text, x, y, _ = shown[number]
    after = shown[number + 1] if number + 1 < len(shown) else None
    gap = after is not None and after[1] == key and after[3:5] == (x, y) and not after[5]
    return text == " " and not gap


def _doubled_spaces(boxes: _Boxes, style: Style, space: Obj, x: float, y: float) -> list[Obj]:
    """Spaces pdfium drops after a space of the same object, found from where the next
    char starts: a whole number of space advances further on."""
    x0, y0, width = space["x0"], space["matrix"][5], space["x1"] - space["x0"]
    gap = x - x0 - width
    count = round(gap / width) if width and y == y0 else 0
    if count < 1 or abs(gap - count * width) > 0.01:
        return []
    return [boxes.made(" ", x0 + n * width, y0, style, space["adv"]) for n in range(1, count + 1)]


def _leading_spaces(boxes: _Boxes, start: Start, first: float | None) -> list[Obj] | None:
    """Spaces pdfium hides at the start of a text object (before the first char it
    shows; one for an object it shows nothing of), which pdfminer keeps; None when
    unsure. How many spaces a wholly hidden run holds is unknown: one stands for it."""
    style, e, f = start
    if first is not None and first == e:
        return []
    width = style.font.widths.get(" ", 0.0) * style.size * style.a
    gap = first - e if first is not None else width
    count = round(gap / width) if width else 0
    if count < 1 or abs(gap - count * width) > 0.01:
        return None
    adv = style.font.widths[" "] * style.size
    return [boxes.made(" ", e + n * width, f, style, adv) for n in range(count)]


class _Boxes:
    """A page's char dicts as pdfplumber's: chars of one style and baseline share their
    vertical extent, worked out once."""

    def __init__(self, page: Page) -> None:
        self.height, self.doctop = float(page.height), page.initial_doctop
        self.number = page.page_number
        self.rows: dict[tuple[int, float], Row] = {}

    def char(self, text: str, x0: float, base: float, style: Style) -> Obj | None:
        """The char, or None when its font gives no width for its text: pdfminer's width
        for the one code of the font that gives it (pdfium may follow the font program)."""
        width = style.font.widths.get(text)
        return None if width is None else self.made(text, x0, base, style, width * style.size)

    def made(self, text: str, x0: float, base: float, style: Style, adv: float) -> Obj:
        """pdfminer's LTChar as pdfplumber's dict, keys in its order: boxed from the
        origin by the advance, and by the font's descent and size about the baseline."""
        row = self.rows.get((id(style), base)) or self._row(style, base)
        y0, y1, height, top, bottom, doctop = row
        x1 = style.a * adv + x0
        stroking, non_stroking = style.colours
        return {
            "matrix": (style.a, 0.0, 0.0, style.d, x0, base),
            "fontname": style.font.fontname,
            "adv": adv,
            "upright": True,
            "x0": x0,
            "y0": y0,
            "x1": x1,
            "y1": y1,
            "width": x1 - x0,
            "height": height,
            "size": height,
            "mcid": None,
            "tag": None,
            "object_type": "char",
            "page_number": self.number,
            "text": text,
            "stroking_color": stroking,
            "non_stroking_color": non_stroking,
            "top": top,
            "bottom": bottom,
            "doctop": doctop,
        }

    def _row(self, style: Style, base: float) -> Row:
        """Bottom, top and height of a char box of the style on the baseline, in PDF
        coordinates and in pdfplumber's (from the page's and the document's top)."""
        y0, y1 = style.low + base, style.high + base
        top = self.height - y1
        row = (y0, y1, y1 - y0, top, self.height - y0, self.doctop + top)
        self.rows[(id(style), base)] = row
        return row
