"""Page objects read by pdfium are the ones pdfminer (pdfplumber's own parsing) gives.

The PDF reader fills pdfplumber's per-page object cache from pdfium (pdf_objects), so
every char, rule and table cell must come out as pdfminer gives them: the same texts in
the same order (but for runs of spaces, see `spaced_once`), positions within a hundredth
of a point, the same words and table cells. Checked
on a Word document converted by LibreOffice (how seed plans become PDFs: CJK and Latin
text, runs of spaces, a ruled table with a merged cell) and on reportlab drawings (lines,
rectangles, curves, closed paths). The speed-up rests on pdfplumber taking a page's
objects from `Page._objects` when set: if an upgrade stops honouring it, a test fails.
"""

from __future__ import annotations

import gc
import io
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from pdfplumber.page import Page
from reportlab.pdfgen import canvas

from minsheng.ingest.readers.pdf_objects import page_objects, preload
from minsheng.ingest.readers.pdf_pdfium import PDFIUM_LOCK

SOFFICE = shutil.which("soffice")
TOLERANCE = 0.01  # points
KEYS = ("x0", "x1", "top", "bottom", "doctop")


def pages(path: Path) -> list[tuple[dict[str, list[dict[str, Any]]] | None, Page]]:
    """Each page's objects as pdfium reads them, beside pdfplumber's own page."""
    data = path.read_bytes()
    document = pdfium.PdfDocument(data)
    plumber = pdfplumber.open(io.BytesIO(data))
    return [(page_objects(page, document[n]), page) for n, page in enumerate(plumber.pages)]


def placed(objects: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(obj.get("text"), *(obj[key] for key in KEYS)) for obj in objects]


def assert_same(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> None:
    assert [obj.get("text") for obj in ours] == [obj.get("text") for obj in theirs]
    for mine, real in zip(placed(ours), placed(theirs), strict=True):
        assert mine[1:] == pytest.approx(real[1:], abs=TOLERANCE), (mine, real)


def spaced_once(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chars with each run of spaces as its first space: pdfium swallows the rest of
    a run that ends a text object, and nothing downstream tells one space from several
    (a space ends a word)."""
    return [c for n, c in enumerate(chars) if not (n and c["text"] == chars[n - 1]["text"] == " ")]


def cached(page: Page, objects: dict[str, list[dict[str, Any]]]) -> Page:
    """A fresh copy of the page whose objects are the given ones."""
    copy = Page(page.pdf, page.page_obj, page.page_number, page.initial_doctop)
    copy._objects = objects
    return copy


def assert_page_matches(ours: dict[str, list[dict[str, Any]]] | None, page: Page) -> None:
    assert ours is not None, f"page {page.page_number} was left to pdfminer"
    assert_same(spaced_once(ours.get("char", [])), spaced_once(page.chars))
    for kind in ("line", "rect", "curve"):
        assert_same(ours.get(kind, []), page.objects.get(kind, []))
    mine = cached(page, ours)
    assert_same(mine.edges, page.edges)
    assert [t.extract() for t in mine.find_tables()] == [t.extract() for t in page.find_tables()]
    assert_same(mine.extract_words(), page.extract_words())


# --- a Word document converted by LibreOffice ------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make PDFs from Word")
    root = tmp_path_factory.mktemp("pdf_objects")
    word = docx.Document()
    word.add_paragraph("第一章  总体要求")
    word.add_paragraph("到2025 年，人均预期寿命达到 79  岁，“十四五”时期 AVATAR  fi  95.5%。")
    table = word.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for row, cells in enumerate(
        [("类别", "指标", "2025年"), ("幼有所育", "托位数（个）", "1"), ("", "入园率（%）", "≥90")]
    ):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    table.cell(1, 0).merge(table.cell(2, 0))
    word.add_paragraph("注：以上指标  均为全市口径。")
    word.save(str(root / "plan.docx"))
    profile = (root / "profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(root), str(root / "plan.docx")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return root / "plan.pdf"


def test_libreoffice_pdf_objects_match_pdfminer(libreoffice_pdf: Path) -> None:
    for ours, page in pages(libreoffice_pdf):
        assert_page_matches(ours, page)


# --- reportlab drawings ----------------------------------------------------------------


def test_drawn_rules_rectangles_and_curves_match_pdfminer(tmp_path: Path) -> None:
    path = tmp_path / "drawing.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 760, "Hello  world   95.5% AV")
    for row in range(3):
        pdf.line(72, 700 - 20 * row, 372, 700 - 20 * row)
    for x in (72, 222, 372):
        pdf.line(x, 700, x, 660)
    pdf.drawString(80, 685, "Name")
    pdf.drawString(230, 685, "Target")
    pdf.drawString(80, 665, "Beds")
    pdf.drawString(230, 665, "4.5")
    pdf.rect(400, 600, 100, 50)
    pdf.rect(400, 500, 100, 50, fill=1)
    pdf.bezier(100, 400, 150, 450, 200, 350, 250, 400)
    triangle = pdf.beginPath()
    triangle.moveTo(300, 300)
    triangle.lineTo(400, 300)
    triangle.lineTo(400, 350)
    triangle.close()
    pdf.drawPath(triangle)
    pdf.showPage()
    pdf.save()
    ((ours, page),) = pages(path)
    assert_page_matches(ours, page)
    assert ours and {"line", "rect", "curve"} <= set(ours)


def test_rotated_text_is_left_to_pdfminer(tmp_path: Path) -> None:
    path = tmp_path / "rotated.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rotate(30)
    pdf.drawString(200, 300, "turned")
    pdf.showPage()
    pdf.save()
    ((ours, _),) = pages(path)
    assert ours is None


# --- pdfplumber's object cache ---------------------------------------------------------


def test_pdfplumber_takes_page_objects_from_its_cache(tmp_path: Path, monkeypatch) -> None:
    """The reader's speed rests on this: pdfminer must not interpret a preloaded page."""
    path = tmp_path / "plan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 760, "Hello world")
    pdf.line(72, 700, 372, 700)
    pdf.showPage()
    pdf.save()

    def interpreted(page: Page) -> None:
        raise AssertionError("pdfplumber interpreted a page whose objects were cached")

    monkeypatch.setattr(Page, "parse_objects", interpreted)
    data = path.read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        preload(plumber, data)
        page = plumber.pages[0]
        assert [word["text"] for word in page.extract_words()] == ["Hello", "world"]
        assert [edge["orientation"] for edge in page.edges] == ["h"]
        assert page.find_tables() == []


# --- pdfium under its lock, without cyclic garbage collection --------------------------


def hello_pdf(tmp_path: Path) -> bytes:
    path = tmp_path / "hello.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 760, "Hello world")
    pdf.showPage()
    pdf.save()
    return path.read_bytes()


def test_preload_leaves_garbage_collection_as_it_found_it(tmp_path: Path) -> None:
    data = hello_pdf(tmp_path)
    try:
        for enabled in (True, False):
            gc.enable() if enabled else gc.disable()
            with pdfplumber.open(io.BytesIO(data)) as plumber:
                preload(plumber, data)
            assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_preload_waits_while_another_thread_uses_pdfium(tmp_path: Path) -> None:
    """pdfium is not thread-safe: the web server's worker threads take turns in it."""
    data = hello_pdf(tmp_path)
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        worker = threading.Thread(target=preload, args=(plumber, data))
        with PDFIUM_LOCK:
            worker.start()
            worker.join(timeout=0.5)
            assert worker.is_alive()
        worker.join(timeout=60)
        assert not worker.is_alive()
        assert "char" in plumber.pages[0]._objects
