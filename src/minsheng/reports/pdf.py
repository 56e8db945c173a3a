"""DOCX → PDF with LibreOffice, so the PDF is the same document a planner opens in Word.

The fast path is the long-lived LibreOffice of `converter.py`; where it cannot run (no
python3-uno or unoserver) or fails, a cold `soffice --convert-to` in a private profile does
the job. Both render with the font aliases of `fontconfig.py`; a log line says which ran.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from minsheng.errors import MinshengError
from minsheng.reports import converter, fontconfig

log = logging.getLogger(__name__)
SOFFICE = "soffice"
TIMEOUT = 120  # seconds; a cold LibreOffice start takes a few


class PdfConverterMissing(MinshengError):
    """LibreOffice is not installed, so no PDF can be made (the DOCX still can)."""

    code = "pdf_converter_missing"
    http_status = 503
    exit_code = 2


class PdfConversionFailed(MinshengError):
    code = "pdf_conversion_failed"


def docx_to_pdf(docx: bytes, *, long_lived: bool = True) -> bytes:
    """The PDF, through the long-lived LibreOffice if possible, else a cold one.

    A one-off conversion (the command line) asks for the cold one: starting the server
    costs more than a cold conversion and pays off only from the second PDF on.
    """
    start = time.perf_counter()
    if not long_lived:
        pdf = cold_docx_to_pdf(docx)
        log.info("PDF converted by a cold LibreOffice in %.1f s", time.perf_counter() - start)
        return pdf
    try:
        pdf = converter.CONVERTER.convert(docx)
    except converter.ConverterUnavailable as reason:
        log.info("PDF: long-lived LibreOffice unavailable (%s); cold conversion", reason)
        pdf = cold_docx_to_pdf(docx)
        log.info("PDF converted by a cold LibreOffice in %.1f s", time.perf_counter() - start)
        return pdf
    except Exception:
        log.warning("PDF: long-lived LibreOffice failed; cold conversion", exc_info=True)
        return cold_docx_to_pdf(docx)
    log.info("PDF converted by the long-lived LibreOffice in %.1f s", time.perf_counter() - start)
    return pdf


def cold_docx_to_pdf(docx: bytes) -> bytes:
    """Convert in a private temp dir with a private profile, so runs never collide."""
    soffice = shutil.which(SOFFICE)
    if soffice is None:
        raise PdfConverterMissing(
            f"`{SOFFICE}` was not found: install the Debian package libreoffice-writer-nogui "
            "to make PDF reports (DOCX works without it)"
        )
    with tempfile.TemporaryDirectory(prefix="minsheng-pdf-") as workdir:
        folder = Path(workdir)
        source = folder / "report.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        env = fontconfig.environment(dict(os.environ))
        done = subprocess.run(
            command, check=False, capture_output=True, text=True, timeout=TIMEOUT, env=env
        )
        target = folder / "report.pdf"
        if done.returncode != 0 or not target.is_file():
            raise PdfConversionFailed(f"LibreOffice could not convert the report: {done.stderr}")
        return target.read_bytes()
