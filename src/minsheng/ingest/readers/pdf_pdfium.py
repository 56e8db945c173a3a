"""pdfium for the PDF reader: the one lock every use takes, and its values as pdfminer's.

pdfium (the C++ library behind pypdfium2) is not thread-safe: its documents, pages and
fonts share global state, and two threads inside it at once can crash the process. The web
server reads uploaded PDFs in worker threads, so every use of pdfium in the reader (the
page objects of pdf_objects, the page renderings of pdf_ocr) holds `PDFIUM_LOCK`.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from pdfplumber.page import Page

Obj = dict[str, Any]
Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]

PDFIUM_LOCK = threading.Lock()  # held by whoever opens, reads, renders or closes with pdfium


def object_matrix(handle: Any) -> Matrix:
    """A page object's matrix (for paths the CTM; for text the text matrix and CTM)."""
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(handle, m)
    return (
        as_decimal(m.a),
        as_decimal(m.b),
        as_decimal(m.c),
        as_decimal(m.d),
        as_decimal(m.e),
        as_decimal(m.f),
    )


def unchecked(function: Any, restype: Any = ctypes.c_int) -> Any:
    """`function` of pdfium called without pypdfium2's argument checks, which cost more
    than the call when it is made for every char: handles and `byref`s go in as they
    are, a pointer comes back as its address (an int) when `restype` is c_void_p."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    prototype: Any = ctypes.CFUNCTYPE(restype)
    fast = prototype(address)
    fast.argtypes = None
    return fast


def object_colour(handle: Any, stroking: bool) -> tuple[float, ...]:
    """The object's colour as RGB fractions (pdfium gives every colour space as RGB)."""
    r, g, b, alpha = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    get = pdfium_c.FPDFPageObj_GetStrokeColor if stroking else pdfium_c.FPDFPageObj_GetFillColor
    get(handle, r, g, b, alpha)
    return (r.value / 255, g.value / 255, b.value / 255)


def as_decimal(value: float) -> float:
    """A float32 from pdfium as the decimal the PDF most likely wrote (six significant
    digits, which float32 keeps), so sums and comparisons come out as pdfminer's do."""
    return value if value.is_integer() else float(f"{value:.6g}")


def from_top(page: Page, y0: float, y1: float) -> tuple[float, float, float]:
    """pdfplumber's top, bottom and doctop of a box given in PDF coordinates (y up from
    the bottom): measured down from the page top, and from the document's."""
    height = float(page.height)
    top = height - y1
    return top, height - y0, page.initial_doctop + top
