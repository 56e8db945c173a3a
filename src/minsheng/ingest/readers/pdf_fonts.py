"""Fonts as pdfminer reads them, for chars read by pdfium (see pdf_chars).

A char's box and font name must be pdfminer's: its width from the PDF's own widths (pdfium
follows the font program, which may differ), its height from the font's descent. pdfium
names a text object's font only by its base name without subset tag, so the page's fonts
are found by that name; a font pdfminer cannot read alike (vertical, Type 3, subsets of one
font that disagree) is None, and its chars keep the page with pdfminer.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from pdfminer.pdffont import PDFFont
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import LIT, literal_name
from pdfplumber.page import Page

from minsheng.ingest.readers.pdf_cmaps import read_to_unicode
from minsheng.ingest.readers.pdf_pdfium import unchecked

# Font types whose ToUnicode stream pdfminer reads as a stream (however referred to).
_MAPPED_FROM_STREAM = frozenset(LIT(name) for name in ("Type1", "MMType1", "TrueType", "Type0"))
_BASE_FONT_NAME = unchecked(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t)


@dataclass(frozen=True)
class FontFacts:
    """What pdfminer knows of a font that decides a char's box and name."""

    fontname: str
    descent: float  # text space units per point of font size
    widths: dict[str, float]  # advances by text, likewise, where one code gives the text


@dataclass
class FontCache:
    """A document's fonts read so far: each by object id (base name and facts), and
    the fonts of each set of font objects a page uses (pages mostly share one)."""

    fonts: dict[int, tuple[str, FontFacts | None]] = field(default_factory=dict)
    pages: dict[tuple[int, ...], dict[str, FontFacts | None]] = field(default_factory=dict)


def page_fonts(page: Page, known: FontCache) -> dict[str, FontFacts | None]:
    """The page's fonts by base name without subset tag (all pdfium tells), as pdfminer
    reads them; None where it cannot be read alike (vertical, Type 3, subsets that
    disagree). `known`: fonts read on earlier pages (filled here)."""
    specs = list((resolve1(page.page_obj.resources.get("Font")) or {}).values())
    ids = tuple(getattr(spec, "objid", 0) for spec in specs)
    if not all(ids):
        return _read_fonts(page, specs, known)
    if ids not in known.pages:
        known.pages[ids] = _read_fonts(page, specs, known)
    return known.pages[ids]


def _read_fonts(page: Page, specs: list[Any], known: FontCache) -> dict[str, FontFacts | None]:
    """The fonts of `specs` by base name, subsets of one font merged."""
    found: dict[str, FontFacts | None] = {}
    for spec in specs:
        objid = getattr(spec, "objid", None)
        if objid is None or objid not in known.fonts:
            font = _pdfminer_font(page, resolve1(spec))
            name = str(literal_name(resolve1(spec).get("BaseFont", ""))).split("+", 1)[-1]
            known.fonts[objid or id(spec)] = (name, _font_facts(font))
        name, facts = known.fonts[objid or id(spec)]
        found[name] = _merged(found[name], facts) if name in found else facts
    return found


def pdfium_font_name(font: int) -> str:
    """The base name pdfium gives a text object's font (by its address), without subset
    tag (pdfium drops the tag): the key into `page_fonts`."""
    handle = ctypes.c_void_p(font)
    size = _BASE_FONT_NAME(handle, None, ctypes.c_size_t(0))
    buffer = ctypes.create_string_buffer(size)
    _BASE_FONT_NAME(handle, buffer, ctypes.c_size_t(size))
    return buffer.value.decode("utf-8", errors="replace").split("+", 1)[-1]


def _pdfminer_font(page: Page, spec: dict[str, Any]) -> PDFFont:
    """pdfminer's font; with a ToUnicode map, without reading an encoding from the
    embedded font program (slow, and only for codes the map leaves out). Where pdfminer
    reads the map from a stream, pdf_cmaps reads it, alike and faster."""
    if "ToUnicode" in spec and "Encoding" not in spec:
        spec = {**spec, "Encoding": LIT("StandardEncoding")}
    stream, subtype = resolve1(spec.get("ToUnicode")), spec.get("Subtype")
    if not isinstance(stream, PDFStream) or subtype not in _MAPPED_FROM_STREAM:
        return page.pdf.rsrcmgr.get_font(None, spec)
    font = page.pdf.rsrcmgr.get_font(None, {**spec, "ToUnicode": PDFStream({}, b"")})
    font.unicode_map = read_to_unicode(stream.get_data())  # type: ignore[attr-defined]
    return font


def _merged(one: FontFacts | None, other: FontFacts | None) -> FontFacts | None:
    """Two subsets of one font as one: the widths they agree on."""
    if one is None or other is None or one.descent != other.descent:
        return None
    widths = {**one.widths, **other.widths}
    agreed = {text: width for text, width in widths.items() if one.widths.get(text, width) == width}
    return FontFacts(one.fontname, one.descent, agreed)


def _font_facts(font: PDFFont) -> FontFacts | None:
    """The font's name, descent and widths; None for a font whose chars pdfminer boxes
    otherwise (vertical writing, a Type 3 font's own scale, a name that is not text)."""
    if font.is_vertical() or font.vscale != 0.001 or not isinstance(font.fontname, str):
        return None
    return FontFacts(font.fontname, font.get_descent(), _widths(font))


def _widths(font: PDFFont) -> dict[str, float]:
    """pdfminer's advance of each text the font maps a single char code to (pdfium's
    own advances follow the font program, which may differ from the PDF's widths)."""
    unicode_map = getattr(font, "unicode_map", None)
    codes = getattr(unicode_map, "cid2unichr", None) or getattr(font, "cid2unicode", {})
    widths: dict[str, float] = {}
    shared: set[str] = set()
    for cid, text in codes.items():
        if widths.setdefault(text, font.char_width(cid)) != font.char_width(cid):
            shared.add(text)
    return {text: width for text, width in widths.items() if text not in shared}
