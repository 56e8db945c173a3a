"""DOCX → PDF with LibreOffice headless, so the PDF is the same document a planner opens."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from minsheng.errors import MinshengError

SOFFICE = "soffice"
TIMEOUT = 120  # seconds; a cold LibreOffice start takes a few


class PdfConverterMissing(MinshengError):
    """LibreOffice is not installed, so no PDF can be made (the DOCX still can)."""

    code = "pdf_converter_missing"
    http_status = 503
    exit_code = 2


class PdfConversionFailed(MinshengError):
    code = "pdf_conversion_failed"


def docx_to_pdf(docx: bytes) -> bytes:
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
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=TIMEOUT)
        target = folder / "report.pdf"
        if done.returncode != 0 or not target.is_file():
            raise PdfConversionFailed(f"LibreOffice could not convert the report: {done.stderr}")
        return target.read_bytes()
