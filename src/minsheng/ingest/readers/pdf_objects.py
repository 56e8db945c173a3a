"""PDF page objects (chars, lines, rects, curves) from pdfium instead of pdfminer.

pdfplumber gets a page's objects from pdfminer.six, which interprets content streams in
Python: most of the time a PDF takes to read. pdfium (pypdfium2, a pdfplumber dependency)
reads them in C++. Its chars and paths become the dicts pdfplumber would make, with
pdfminer's geometry and order (box from the origin, the font's width and descent as
pdfminer reads them; chars in content order; paths split and classed as pdfminer does),
and go into pdfplumber's per-page cache (`Page._objects`), so pdfminer never interprets
the page. pdfium's text layer makes up spaces and line breaks, swallows a space next to
another and splits ligatures: those are undone (a run of spaces pdfium swallows whole
comes out as one space; a space ends a word either way). A page pdfium might read
otherwise (form XObjects, rotated text, vertical or Type 3 fonts, a char whose width
pdfminer's font does not settle, a moved or rotated page) keeps pdfminer. Colours are
pdfium's, as RGB fractions; a path without a set line width has pdfium's 1, not
pdfminer's 0; images are not given.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from pdfminer.pdffont import PDFFont
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import LIT, literal_name
from pdfplumber.page import Page

Obj = dict[str, Any]
Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]
Subpath = tuple[str, list[Point]]  # pdfminer's shape ("mlllh") and one point per operator
FontCache = dict[int, tuple[str, "FontFacts | None"]]  # by object id: base name, facts
Placed = tuple[tuple[int, int], "Obj | None"]  # a char and its place: object, index
Shown = tuple[int, int, str, Point, bool]  # pdfium's char: index, object, text, origin, made up


@dataclass(frozen=True)
class FontFacts:
    """What pdfminer knows of a font that decides a char's box and name."""

    fontname: str
    descent: float  # text space units per point of font size
    widths: dict[str, float]  # advances by text, likewise, where one code gives the text


@dataclass(frozen=True)
class Style:
    """What a text object gives each of its chars."""

    matrix: Matrix
    size: float  # the font size in text space (the Tf operand)
    font: FontFacts
    colours: tuple[tuple[float, ...], tuple[float, ...]]  # stroking, non-stroking


def preload(pdf: pdfplumber.PDF, data: bytes) -> None:
    """Fill each page's object cache from pdfium where it reads the page as pdfminer
    would; a document pdfium cannot open is left to pdfminer entirely."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return
    known: FontCache = {}
    try:
        if len(document) == len(pdf.pages):
            for page, pdfium_page in zip(pdf.pages, document, strict=True):
                objects = _or_none(page, pdfium_page, known)
                if objects is not None:
                    page._objects = objects
    finally:
        document.close()


def _or_none(
    page: Page, pdfium_page: pdfium.PdfPage, known: FontCache
) -> dict[str, list[Obj]] | None:
    """The page's objects, or None (pdfminer reads the page, and says what is wrong
    with it) when pdfium or pdfminer's font reading fails on it."""
    try:
        return page_objects(page, pdfium_page, known)
    except (pdfium.PdfiumError, PSException, KeyError, TypeError, ValueError):
        return None


def page_objects(
    page: Page, pdfium_page: pdfium.PdfPage, known: FontCache | None = None
) -> dict[str, list[Obj]] | None:
    """The page's chars, lines, rects and curves as pdfplumber's dicts, or None when
    pdfium might not give what pdfminer gives. `known`: fonts read on earlier pages."""
    texts, paths, plain = _contents(pdfium_page)
    if not plain or page.rotation or tuple(page.mediabox[:2]) != (0, 0):
        return None
    if pdfium_page.get_rotation() or abs(pdfium_page.get_height() - float(page.height)) > 0.01:
        return None
    textpage = pdfium_page.get_textpage()
    try:
        chars = _chars(page, texts, textpage, _fonts(page, {} if known is None else known))
    finally:
        textpage.close()
    if chars is None:
        return None
    objects: dict[str, list[Obj]] = {"char": chars} if chars else {}
    for path in _paths(paths):
        objects.setdefault(path["object_type"], []).append(_placed(page, path))
    return objects


def _contents(pdfium_page: pdfium.PdfPage) -> tuple[dict[int, tuple[int, Any]], list[Any], bool]:
    """Text objects (by address: content place, handle), path objects, and whether the
    page has no form XObject (whose objects pdfium nests in other coordinates)."""
    texts: dict[int, tuple[int, Any]] = {}
    paths, plain = [], True
    for index in range(pdfium_c.FPDFPage_CountObjects(pdfium_page.raw)):
        handle = pdfium_c.FPDFPage_GetObject(pdfium_page.raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts[ctypes.addressof(handle.contents)] = (index, handle)
        paths += [handle] if kind == pdfium_c.FPDF_PAGEOBJ_PATH else []
        plain = plain and kind != pdfium_c.FPDF_PAGEOBJ_FORM
    return texts, paths, plain


def _fonts(page: Page, known: FontCache) -> dict[str, FontFacts | None]:
    """The page's fonts by base name without subset tag (all pdfium tells), as pdfminer
    reads them; None where it cannot be read alike (vertical, Type 3, subsets that
    disagree)."""
    found: dict[str, FontFacts | None] = {}
    for spec in (resolve1(page.page_obj.resources.get("Font")) or {}).values():
        objid = getattr(spec, "objid", None)
        if objid is None or objid not in known:
            font = _pdfminer_font(page, resolve1(spec))
            name = str(literal_name(resolve1(spec).get("BaseFont", ""))).split("+", 1)[-1]
            known[objid or id(spec)] = (name, _font_facts(font))
        name, facts = known[objid or id(spec)]
        found[name] = _merged(found[name], facts) if name in found else facts
    return found


def _pdfminer_font(page: Page, spec: dict[str, Any]) -> PDFFont:
    """pdfminer's font; with a ToUnicode map, without reading an encoding from the
    embedded font program (slow, and only for codes the map leaves out)."""
    if "ToUnicode" in spec and "Encoding" not in spec:
        spec = {**spec, "Encoding": LIT("StandardEncoding")}
    return page.pdf.rsrcmgr.get_font(None, spec)


def _merged(one: FontFacts | None, other: FontFacts | None) -> FontFacts | None:
    """Two subsets of one font as one: the widths they agree on."""
    if one is None or other is None or one.descent != other.descent:
        return None
    widths = {**one.widths, **other.widths}
    agreed = {text: width for text, width in widths.items() if one.widths.get(text, width) == width}
    return FontFacts(one.fontname, one.descent, agreed)


def _font_facts(font: PDFFont) -> FontFacts | None:
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


def _chars(
    page: Page,
    texts: dict[int, tuple[int, Any]],
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
    texts: dict[int, tuple[int, Any]],
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
            origin = (_decimal(x.value), _decimal(y.value))
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
    matrix = _matrix(handle)
    a, b, c, d, _, _ = matrix
    font_handle = pdfium_c.FPDFTextObj_GetFont(handle)
    key = ctypes.addressof(font_handle.contents)
    font = fonts.get(
        names.setdefault(key, _font_name(font_handle)) if key not in names else names[key]
    )
    if font is None or b or c or a <= 0 or d <= 0:
        return None
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(handle, ctypes.byref(size))
    return Style(
        matrix, _decimal(size.value), font, (_colour(handle, True), _colour(handle, False))
    )


def _char(
    page: Page,
    text: str,
    origin: Point,
    style: Style | None,
    adv: float | None = None,
) -> Obj | None:
    """pdfminer's LTChar as pdfplumber's dict: the box runs from the origin by the
    advance, and from the font's descent below the baseline one font size up."""
    if adv is None and style is not None:
        adv = _advance(text, style)
    if style is None or adv is None:
        return None
    (x0, base), (a, _, _, d, _, _), height = origin, style.matrix, float(page.height)
    y0 = d * style.font.descent * style.size + base
    y1 = d * (style.font.descent * style.size + style.size) + base
    x1, top = a * adv + x0, height - y1
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
        "bottom": height - y0,
        "doctop": page.initial_doctop + top,
    }


def _advance(text: str, style: Style) -> float | None:
    """The char's advance in text space: pdfminer's width for the one code of the font
    that gives the text (pdfium's own advances may follow the font program instead)."""
    width = style.font.widths.get(text)
    return None if width is None else width * style.size


def _paths(handles: list[Any]) -> list[Obj]:
    """Each painted subpath as pdfminer's line, rect or curve, in PDF coordinates."""
    found = []
    for handle in handles:
        matrix, paint = _matrix(handle), _paint(handle)
        for shape, points in _subpaths(handle):
            found.append({**paint, **_classed(shape, [_apply(matrix, p) for p in points])})
    return found


def _paint(handle: Any) -> Obj:
    """How the path is painted: line width, stroke and fill (even-odd or not), colours."""
    fill_mode, stroke, width = ctypes.c_int(), ctypes.c_int(), ctypes.c_float()
    pdfium_c.FPDFPath_GetDrawMode(handle, fill_mode, stroke)
    pdfium_c.FPDFPageObj_GetStrokeWidth(handle, width)
    return {
        "linewidth": _decimal(width.value),
        "stroke": bool(stroke.value),
        "fill": fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE,
        "evenodd": fill_mode.value == pdfium_c.FPDF_FILLMODE_ALTERNATE,
        "stroking_color": _colour(handle, True),
        "non_stroking_color": _colour(handle, False),
        **{"mcid": None, "tag": None, "dash": None},
    }


def _subpaths(handle: Any) -> list[Subpath]:
    """The path's subpaths as pdfminer's shapes: a closing line back to the start is
    `h`; a Bézier curve is one `c` at its end point."""
    subpaths: list[Subpath] = []
    count, index = pdfium_c.FPDFPath_CountSegments(handle), 0
    while index < count:
        kind = pdfium_c.FPDFPathSegment_GetType(pdfium_c.FPDFPath_GetPathSegment(handle, index))
        index += 3 if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO else 1
        last = pdfium_c.FPDFPath_GetPathSegment(handle, index - 1)
        _extend(subpaths, kind, _segment_point(last), bool(pdfium_c.FPDFPathSegment_GetClose(last)))
    return subpaths


def _extend(subpaths: list[Subpath], kind: int, point: Point, closes: bool) -> None:
    """Add one segment to the last subpath (a move starts a new one)."""
    if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
        subpaths.append(("m", [point]))
        return
    shape, points = subpaths[-1]
    start = points[0]
    if kind == pdfium_c.FPDF_SEGMENT_LINETO and closes and point == start:
        subpaths[-1] = (shape + "h", [*points, start])
        return
    op = "l" if kind == pdfium_c.FPDF_SEGMENT_LINETO else "c"
    subpaths[-1] = (shape + op + ("h" if closes else ""), [*points, point, *[start] * closes])


def _classed(shape: str, points: list[Point]) -> Obj:
    """pdfminer's reading of one subpath: one segment is a line, a closed axis-aligned
    quadrilateral a rect, anything else a curve (pdfminer.converter.paint_path)."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]
    if shape in {"mlh", "ml"}:
        return _curve("line", points[:2])
    if shape in {"mlllh", "mllll"} and points[0] == points[4]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        ):
            return _curve("rect", [(x0, y0), (x2, y0), (x2, y2), (x0, y2)])
    return _curve("curve", points)


def _curve(kind: str, points: list[Point]) -> Obj:
    """pdfminer's LTCurve attributes: the points and their bounding box."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    box = {"x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0}
    return {"object_type": kind, "pts": points, **box}


def _placed(page: Page, obj: Obj) -> Obj:
    """A path object in pdfplumber's coordinates: y measured down from the page top."""
    height = float(page.height)
    points = [(x, height - y) for x, y in obj["pts"]]
    top = height - obj["y1"]
    return {
        **obj,
        "pts": points,
        "path": [("m" if index == 0 else "l", point) for index, point in enumerate(points)],
        "page_number": page.page_number,
        "top": top,
        "bottom": height - obj["y0"],
        "doctop": page.initial_doctop + top,
    }


def _font_name(font: Any) -> str:
    """The font's base name without subset tag (pdfium drops the tag)."""
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", errors="replace").split("+", 1)[-1]


def _matrix(handle: Any) -> Matrix:
    """A page object's matrix (for paths the CTM; for text the text matrix and CTM)."""
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(handle, m)
    return _decimal(m.a), _decimal(m.b), _decimal(m.c), _decimal(m.d), _decimal(m.e), _decimal(m.f)


def _apply(matrix: Matrix, point: Point) -> Point:
    """pdfminer's apply_matrix_pt, so that sums round as they do there."""
    a, b, c, d, e, f = matrix
    x, y = point
    return a * x + c * y + e, b * x + d * y + f


def _segment_point(segment: Any) -> Point:
    x, y = ctypes.c_float(), ctypes.c_float()
    pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
    return _decimal(x.value), _decimal(y.value)


def _colour(handle: Any, stroking: bool) -> tuple[float, ...]:
    """The object's colour as RGB fractions (pdfium gives every colour space as RGB)."""
    r, g, b, alpha = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    get = pdfium_c.FPDFPageObj_GetStrokeColor if stroking else pdfium_c.FPDFPageObj_GetFillColor
    get(handle, r, g, b, alpha)
    return (r.value / 255, g.value / 255, b.value / 255)


def _decimal(value: float) -> float:
    """A float32 from pdfium as the decimal the PDF most likely wrote (six significant
    digits, which float32 keeps), so sums and comparisons come out as pdfminer's do."""
    return value if value.is_integer() else float(f"{value:.6g}")
