"""A page's chars from pdfium's text layer, as pdfminer gives them (see pdf_objects).

pdfminer gives every char the content shows, in content order, boxed from its origin by
the font's width and descent (see pdf_fonts). pdfium's text layer orders chars by lines,
makes up spaces and line breaks, swallows a space after another, hides spaces that start
a text object and splits ligatures: each of those is undone here. A run of spaces pdfium
swallows whole comes out as one space (a space ends a word either way). Where a char
cannot be given as pdfminer gives it (its font or width unsettled, text not upright, a
hidden run of spaces of unknown length) the page's chars are None: pdfminer reads it.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from pdfplumber.page import Page

from minsheng.ingest.readers.pdf_fonts import FontCache, FontFacts, page_fonts, pdfium_font_name
from minsheng.ingest.readers.pdf_pdfium import (
    Matrix,
    Obj,
    Point,
    as_decimal,
    from_top,
    object_colour,
    object_matrix,
)

TextObjects = dict[int, tuple[int, Any]]  # by address: place in the content, handle
Placed = tuple[tuple[int, int], "Obj | None"]  # a char and its place: object, index
Shown = tuple[int, int, str, Point, bool]  # pdfium's char: index, object, text, origin, made up


@dataclass(frozen=True)
class Style:
    """What a text object gives each of its chars."""

    matrix: Matrix
    size: float  # the font size in text space (the Tf operand)
    font: FontFacts
    colours: tuple[tuple[float, ...], tuple[float, ...]]  # stroking, non-stroking


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
    names: dict[int, str] = {}
    styles = {key: _style(handle, fonts, names) for key, (_, handle) in texts.items()}
    placed, firsts = _shown_chars(page, textpage, texts, styles)
    for key, (order, _) in texts.items():
        hidden = _leading_spaces(page, styles[key], firsts.get(key))
        placed += [((order, n - len(hidden)), char) for n, char in enumerate(hidden)]
    found = [char for _, char in sorted(placed, key=lambda pair: pair[0])]
    return None if None in found else found  # type: ignore[return-value]


def _shown_chars(
    page: Page,
    textpage: pdfium.PdfTextPage,
    texts: TextObjects,
    styles: dict[int, Style | None],
) -> tuple[list[Placed], dict[int, Point]]:
    """The chars pdfium shows, with the spaces it swallowed after a space put back, each
    with its place in the content; and where each object's first char starts."""
    placed: list[Placed] = []
    firsts: dict[int, Point] = {}
    spaces: dict[int, Obj] = {}  # an object's last char, where it is a space
    shown = _shown(textpage)
    for number, (index, key, text, origin, _) in enumerate(shown):
        if not _real(shown, number):
            continue
        style, place = styles[key], (texts[key][0], index)
        firsts.setdefault(key, origin)
        if style is not None and key in spaces:
            placed += [(place, c) for c in _doubled_spaces(page, style, spaces.pop(key), origin)]
        char = _char(page, text, origin, style)
        placed.append((place, char))
        spaces.update({key: char} if text == " " and char else {})
    return placed, firsts


def _shown(textpage: pdfium.PdfTextPage) -> list[Shown]:
    """pdfium's chars that belong to a text object, with whether pdfium made them up."""
    raw, count = textpage.raw, pdfium_c.FPDFText_CountChars(textpage.raw)
    text = _page_text(textpage, count)
    x, y = ctypes.c_double(), ctypes.c_double()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    shown: list[Shown] = []
    for index in range(count):
        handle = pdfium_c.FPDFText_GetTextObject(raw, index)
        if handle:
            char = text[index] if text else chr(pdfium_c.FPDFText_GetUnicode(raw, index))
            made_up = char.isspace() and bool(pdfium_c.FPDFText_IsGenerated(raw, index))
            pdfium_c.FPDFText_GetCharOrigin(raw, index, at_x, at_y)
            origin = (as_decimal(x.value), as_decimal(y.value))
            _add_shown(shown, (index, ctypes.addressof(handle.contents), char, origin, made_up))
    return shown


def _add_shown(shown: list[Shown], char: Shown) -> None:
    """Add the char; pdfium gives a ligature glyph (ﬁ) as one char per letter, all at
    the glyph's origin, pdfminer as one char: those are joined again."""
    last = shown[-1] if shown else None
    if last and (last[1], last[3]) == (char[1], char[3]) and not (last[4] or char[4]):
        shown[-1] = (last[0], last[1], last[2] + char[2], last[3], False)
    else:
        shown.append(char)


def _page_text(textpage: pdfium.PdfTextPage, count: int) -> str | None:
    """The page's text in one call, one char per index; None if it has surrogates."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage.raw, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="surrogatepass")
    surrogates = any("\ud800" <= char <= "\udfff" for char in text)
    return text if len(text) == count and not surrogates else None


def _real(shown: list[Shown], number: int) -> bool:
    """Whether pdfminer has this char: a made-up space stands for a real one pdfium
    swallowed, unless it sits at the origin of the next char of its object (a gap)."""
    _, key, text, origin, made_up = shown[number]
    if not made_up:
        return True
    after = shown[number + 1] if number + 1 < len(shown) else None
    gap = after is not None and after[1] == key and after[3] == origin and not after[4]
    return text == " " and not gap


def _doubled_spaces(page: Page, style: Style, space: Obj, origin: Point) -> list[Obj | None]:
    """Spaces pdfium drops after a space of the same object, found from where the next
    char starts: a whole number of space advances further on."""
    x0, y0, width = space["x0"], space["matrix"][5], space["x1"] - space["x0"]
    gap = origin[0] - x0 - width
    count = round(gap / width) if width and origin[1] == y0 else 0
    if count < 1 or abs(gap - count * width) > 0.01:
        return []
    return [
        _char(page, " ", (x0 + n * width, y0), style, space["adv"]) for n in range(1, count + 1)
    ]


def _leading_spaces(page: Page, style: Style | None, first: Point | None) -> list[Obj | None]:
    """Spaces pdfium hides at the start of a text object (before the first char it
    shows; one for an object it shows nothing of), which pdfminer keeps; [None] when
    unsure. How many spaces a wholly hidden run holds is unknown: one stands for it."""
    if style is None or (first is not None and first[0] == style.matrix[4]):
        return [] if first is not None else [None]
    a, _, _, _, e, f = style.matrix
    width = style.font.widths.get(" ", 0.0) * style.size * a
    gap = first[0] - e if first else width
    count = round(gap / width) if width else 0
    if count < 1 or abs(gap - count * width) > 0.01:
        return [None]
    return [_char(page, " ", (e + n * width, f), style) for n in range(count)]


def _style(handle: Any, fonts: dict[str, FontFacts | None], names: dict[int, str]) -> Style | None:
    """The text object's matrix, font size, font and colours; None for text that is
    not upright (rotated, mirrored, skewed) or in a font not read alike."""
    matrix = object_matrix(handle)
    a, b, c, d, _, _ = matrix
    font = fonts.get(_font_name(handle, names))
    if font is None or b or c or a <= 0 or d <= 0:
        return None
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(handle, ctypes.byref(size))
    colours = (object_colour(handle, True), object_colour(handle, False))
    return Style(matrix, as_decimal(size.value), font, colours)


def _font_name(handle: Any, names: dict[int, str]) -> str:
    """The text object's font name, asked of pdfium once per font of the page (`names`
    holds them by the font's address)."""
    font = pdfium_c.FPDFTextObj_GetFont(handle)
    key = ctypes.addressof(font.contents)
    if key not in names:
        names[key] = pdfium_font_name(font)
    return names[key]


def _char(
    page: Page, text: str, origin: Point, style: Style | None, adv: float | None = None
) -> Obj | None:
    """pdfminer's LTChar as pdfplumber's dict, or None when the style or the advance
    (`adv`, else the font's width for the text) is not known."""
    if adv is None and style is not None:
        adv = _advance(text, style)
    if style is None or adv is None:
        return None
    return _char_dict(page, text, origin, style, adv)


def _advance(text: str, style: Style) -> float | None:
    """The char's advance in text space: pdfminer's width for the one code of the font
    that gives the text (pdfium's own advances may follow the font program instead)."""
    width = style.font.widths.get(text)
    return None if width is None else width * style.size


def _char_dict(page: Page, text: str, origin: Point, style: Style, adv: float) -> Obj:
    """The char's dict, with its keys in pdfplumber's order."""
    (x0, base), (a, _, _, d, _, _) = origin, style.matrix
    x1, y0, y1 = _box(origin, style, adv)
    top, bottom, doctop = from_top(page, y0, y1)
    stroking, non_stroking = style.colours
    return {
        "matrix": (a, 0.0, 0.0, d, x0, base),
        "fontname": style.font.fontname,
        "adv": adv,
        "upright": True,
        "x0": x0,
        "y0": y0,
        "x1": x1,
        "y1": y1,
        "width": x1 - x0,
        "height": y1 - y0,
        "size": y1 - y0,
        "mcid": None,
        "tag": None,
        "object_type": "char",
        "page_number": page.page_number,
        "text": text,
        "stroking_color": stroking,
        "non_stroking_color": non_stroking,
        "top": top,
        "bottom": bottom,
        "doctop": doctop,
    }


def _box(origin: Point, style: Style, adv: float) -> tuple[float, float, float]:
    """x1, y0 and y1 of pdfminer's box of a char (x0 is the origin's): from the origin
    by the advance, and from the font's descent below the baseline one font size up."""
    (x0, base), (a, _, _, d, _, _) = origin, style.matrix
    y0 = d * style.font.descent * style.size + base
    y1 = d * (style.font.descent * style.size + style.size) + base
    return a * adv + x0, y0, y1
