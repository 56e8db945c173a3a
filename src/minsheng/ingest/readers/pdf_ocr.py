"""Scanned PDFs: each page rendered and read by Tesseract OCR, where it is installed.

Many county plans circulate as scans. Where Debian's `tesseract-ocr` and
`tesseract-ocr-chi-sim` are installed, a PDF without a text layer is rendered page by page
(pypdfium2, through pdfplumber) and read by Tesseract; its words, with their positions,
become lines exactly as a text layer's words do (`pdf_text`), so a table laid out in
columns comes out as tab-separated cells. OCR misreads: the document says that it was
read by OCR and with what confidence, and names every line Tesseract was unsure of.
Without Tesseract the reader's clear error stays.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from statistics import fmean

from pdfplumber.page import Page

from minsheng.errors import UnreadableDocument
from minsheng.ingest.document import ReadingNote
from minsheng.ingest.readers.base import clean_line
from minsheng.ingest.readers.pdf_pdfium import PDFIUM_LOCK
from minsheng.ingest.readers.pdf_text import Line, Word, height, restore_lookalikes, word_lines

LANGUAGE = "chi_sim"
RESOLUTION = 300  # dots per inch: what Tesseract reads body text best at
LOW_CONFIDENCE = 60.0  # a line with a word Tesseract is less sure of is named for checking
_TAB_GAP_IN_EMS = 2.0  # as in a text layer: a wider gap between words is a cell boundary
_BRACKETS = str.maketrans("〈〉", "（）")  # what Tesseract reads for full-width parentheses
PAGE_TIMEOUT = 120  # seconds for one page
_POINTS_PER_INCH = 72


@dataclass(frozen=True)
class OcrLine(Line):
    """A line read by OCR, with Tesseract's confidence (0–100) in its least sure word."""

    confidence: float


@cache
def ocr_available() -> bool:
    """Whether Tesseract and its Simplified Chinese model are installed."""
    if shutil.which("tesseract") is None:
        return False
    found = _run(["tesseract", "--list-langs"], b"", timeout=30)
    return LANGUAGE in found.split()


def ocr_lines(page: Page) -> list[OcrLine]:
    """One page's text lines, top to bottom, as Tesseract reads its rendering."""
    with PDFIUM_LOCK:  # pdfplumber renders the page with pdfium, which is not thread-safe
        image = page.to_image(resolution=RESOLUTION).original
    png = io.BytesIO()
    image.save(png, format="PNG")
    command = ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "6", "tsv"]
    tsv = _run(command, png.getvalue(), timeout=PAGE_TIMEOUT)
    return _lines(_words(tsv, _POINTS_PER_INCH / RESOLUTION))


def ocr_notes(lines: list[OcrLine]) -> tuple[ReadingNote, ...]:
    """That the document was read by OCR and how surely, then each line OCR was unsure
    of (lines are numbered as the reader numbers blocks: one per line, from 1)."""
    mean = fmean(line.confidence for line in lines) if lines else 0.0
    summary = ReadingNote(
        "read_by_ocr",
        f"the PDF has no text layer and was read by OCR (Tesseract, {LANGUAGE}, "
        f"{RESOLUTION} dpi), mean confidence {mean:.0f}%: check the numbers against it",
        1,
    )
    unsure = [
        ReadingNote(
            "low_ocr_confidence",
            f"OCR was unsure of this line ({line.confidence:.0f}%): {line.text[:60]!r}",
            number,
        )
        for number, line in enumerate(lines, start=1)
        if line.confidence < LOW_CONFIDENCE
    ]
    return (summary, *unsure)


def _words(tsv: str, scale: float) -> list[Word]:
    """Tesseract's words (TSV level 5) in page points, with their confidence."""
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [
        {
            "text": row["text"].strip(),
            "x0": int(row["left"]) * scale,
            "x1": (int(row["left"]) + int(row["width"])) * scale,
            "top": int(row["top"]) * scale,
            "bottom": (int(row["top"]) + int(row["height"])) * scale,
            "confidence": float(row["conf"]),
        }
        for row in rows
        if row["level"] == "5" and (row["text"] or "").strip()
    ]


def _lines(words: list[Word]) -> list[OcrLine]:
    lines = []
    for cluster in word_lines(words):
        text = clean_line(_joined(cluster)).translate(_BRACKETS)
        if text.strip():
            top = min(word["top"] for word in cluster)
            confidence = min(word["confidence"] for word in cluster)
            lines.append(OcrLine(restore_lookalikes(text), top, confidence))
    return lines


def _joined(words: list[Word]) -> str:
    """One line's words: Tesseract cuts Chinese into words where the text has no spaces,
    so CJK joins CJK directly; a gap wider than two characters is a tab."""
    parts = [words[0]["text"]]
    for before, word in pairwise(words):
        em = max(height(before), height(word))
        if word["x0"] - before["x1"] > _TAB_GAP_IN_EMS * em:
            parts.append("\t")
        elif before["text"][-1].isascii() and word["text"][0].isascii():
            parts.append(" ")
        parts.append(word["text"])
    return "".join(parts)


def _run(command: list[str], data: bytes, *, timeout: int) -> str:
    """Tesseract's standard output; its failure as the reader's error."""
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=timeout, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        raise UnreadableDocument(f"OCR (tesseract) failed: {error}") from error
    return done.stdout.decode("utf-8", errors="replace")
