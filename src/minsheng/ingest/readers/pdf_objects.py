"""PDF page objects (chars, lines, rects, curves) from pdfium instead of pdfminer.

pdfplumber gets a page's objects from pdfminer.six, which interprets content streams in
Python: most of the time a PDF takes to read. pdfium (pypdfium2, a pdfplumber dependency)
reads them in C++. Its chars (pdf_chars, with fonts as pdfminer reads them: pdf_fonts) and
paths (pdf_paths) become the dicts pdfplumber would make, with pdfminer's geometry and
order, and go into pdfplumber's per-page cache (`Page._objects`), so pdfminer never
interprets the page. A page pdfium might read otherwise (form XObjects, rotated text,
vertical or Type 3 fonts, a char whose width pdfminer's font does not settle, a moved or
rotated page) keeps pdfminer. Images are not given. pdfium is used under its lock (see
pdf_pdfium), and without cyclic garbage collection while a document's objects are built.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page

from minsheng.ingest.readers.pdf_chars import TextObjects, page_chars
from minsheng.ingest.readers.pdf_fonts import FontCache
from minsheng.ingest.readers.pdf_paths import placed_paths
from minsheng.ingest.readers.pdf_pdfium import PDFIUM_LOCK, Obj, unchecked
from minsheng.runtime import gc_paused

_OBJECT = unchecked(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p)
_KIND = unchecked(pdfium_c.FPDFPageObj_GetType)
_PAGE_ERRORS = (pdfium.PdfiumError, PSException, KeyError, TypeError, ValueError)


def preload(pdf: pdfplumber.PDF, data: bytes) -> None:
    """Fill each page's object cache from pdfium where it reads the page as pdfminer
    would; a document pdfium cannot open is left to pdfminer entirely."""
    with PDFIUM_LOCK, gc_paused():
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return
        try:
            _fill(pdf.pages, document)
        finally:
            document.close()


def _fill(pages: list[Page], document: pdfium.PdfDocument) -> None:
    """Cache each page's objects where pdfium reads them alike; pages pdfium counts
    otherwise than pdfminer cannot be paired, and all keep pdfminer."""
    if len(document) != len(pages):
        return
    known = FontCache()
    for page, pdfium_page in zip(pages, document, strict=True):
        objects = _or_none(page, pdfium_page, known)
        if objects is not None:
            page._objects = objects


def _or_none(
    page: Page, pdfium_page: pdfium.PdfPage, known: FontCache
) -> dict[str, list[Obj]] | None:
    """The page's objects, or None (pdfminer reads the page, and says what is wrong
    with it) when pdfium or pdfminer's font reading fails on it."""
    try:
        return page_objects(page, pdfium_page, known)
    except _PAGE_ERRORS:
        return None


def page_objects(
    page: Page, pdfium_page: pdfium.PdfPage, known: FontCache | None = None
) -> dict[str, list[Obj]] | None:
    """The page's chars, lines, rects and curves as pdfplumber's dicts, or None when
    pdfium might not give what pdfminer gives. `known`: fonts read on earlier pages.
    The caller holds PDFIUM_LOCK where other threads may use pdfium."""
    texts, paths, plain = _contents(pdfium_page)
    if not plain or not _placed_alike(page, pdfium_page):
        return None
    chars = page_chars(page, pdfium_page, texts, FontCache() if known is None else known)
    if chars is None:
        return None
    objects: dict[str, list[Obj]] = {"char": chars} if chars else {}
    for path in placed_paths(page, paths):
        objects.setdefault(path["object_type"], []).append(path)
    return objects


def _contents(pdfium_page: pdfium.PdfPage) -> tuple[TextObjects, list[Any], bool]:
    """Text objects (by address: content place, handle), path objects, and whether the
    page has no form XObject (whose objects pdfium nests in other coordinates)."""
    texts: TextObjects = {}
    paths, plain = [], True
    for index in range(pdfium_c.FPDFPage_CountObjects(pdfium_page.raw)):
        address = _OBJECT(pdfium_page.raw, index)
        handle = ctypes.c_void_p(address)
        kind = _KIND(handle)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts[address] = (index, handle)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths.append(ctypes.cast(handle, pdfium_c.FPDF_PAGEOBJECT))
        plain = plain and kind != pdfium_c.FPDF_PAGEOBJ_FORM
    return texts, paths, plain


def _placed_alike(page: Page, pdfium_page: pdfium.PdfPage) -> bool:
    """Whether pdfium and pdfminer place the page alike: neither rotates it, its media
    box starts at the origin, and both give it the same height."""
    if page.rotation or tuple(page.mediabox[:2]) != (0, 0):
        return False
    return not (
        pdfium_page.get_rotation() or abs(pdfium_page.get_height() - float(page.height)) > 0.01
    )
