"""A page's path objects from pdfium as pdfminer's lines, rects and curves (see pdf_objects).

pdfminer splits each painted path into subpaths and classes each as pdfminer.converter's
paint_path does: one segment is a line, a closed axis-aligned quadrilateral a rect,
anything else a curve; pdfplumber's table finder takes its rules from them. pdfium gives
a path's segments: they are split and classed alike, with points computed as pdfminer
computes them so that they compare equal. Colours are pdfium's, as RGB fractions; a path
without a set line width has pdfium's 1, not pdfminer's 0.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from pdfplumber.page import Page

from minsheng.ingest.readers.pdf_pdfium import (
    Matrix,
    Obj,
    Point,
    as_decimal,
    from_top,
    object_colour,
    object_matrix,
)

Subpath = tuple[str, list[Point]]  # pdfminer's shape ("mlllh") and one point per operator


def placed_paths(page: Page, handles: list[Any]) -> list[Obj]:
    """Each painted subpath of the path objects as pdfplumber's line, rect or curve."""
    return [_placed(page, path) for path in _paths(handles)]


def _paths(handles: list[Any]) -> list[Obj]:
    """Each painted subpath as pdfminer's line, rect or curve, in PDF coordinates."""
    found = []
    for handle in handles:
        matrix, paint = object_matrix(handle), _paint(handle)
        for shape, points in _subpaths(handle):
            found.append({**paint, **_classed(shape, [_apply(matrix, p) for p in points])})
    return found


def _paint(handle: Any) -> Obj:
    """How the path is painted: line width, stroke and fill (even-odd or not), colours."""
    fill_mode, stroke, width = ctypes.c_int(), ctypes.c_int(), ctypes.c_float()
    pdfium_c.FPDFPath_GetDrawMode(handle, fill_mode, stroke)
    pdfium_c.FPDFPageObj_GetStrokeWidth(handle, width)
    return {
        "linewidth": as_decimal(width.value),
        "stroke": bool(stroke.value),
        "fill": fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE,
        "evenodd": fill_mode.value == pdfium_c.FPDF_FILLMODE_ALTERNATE,
        "stroking_color": object_colour(handle, True),
        "non_stroking_color": object_colour(handle, False),
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
    top, bottom, doctop = from_top(page, obj["y0"], obj["y1"])
    return {
        **obj,
        "pts": points,
        "path": [("m" if index == 0 else "l", point) for index, point in enumerate(points)],
        "page_number": page.page_number,
        "top": top,
        "bottom": bottom,
        "doctop": doctop,
    }


def _apply(matrix: Matrix, point: Point) -> Point:
    """pdfminer's apply_matrix_pt, so that sums round as they do there."""
    a, b, c, d, e, f = matrix
    x, y = point
    return a * x + c * y + e, b * x + d * y + f


def _segment_point(segment: Any) -> Point:
    """A path segment's end point, as the PDF wrote it."""
    x, y = ctypes.c_float(), ctypes.c_float()
    pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
    return as_decimal(x.value), as_decimal(y.value)
