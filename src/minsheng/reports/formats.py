"""The formats a report is written in: a light module, so that the command line can offer
them as choices without loading the renderers (python-docx, matplotlib)."""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"


MEDIA_TYPES = {
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.PDF: "application/pdf",
}
