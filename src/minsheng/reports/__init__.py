"""Reports: one small class per report, registered by name; DOCX first, PDF converted from it.

Data flows store → use case read models → `Report.assemble` → `Report.render` (DOCX bytes);
`to_format` turns the DOCX into the requested format outside any database transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.reports.annual import AnnualReport
from minsheng.reports.evaluation import EvaluationReport
from minsheng.reports.pdf import PdfConverterMissing, docx_to_pdf


class ReportFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"


MEDIA_TYPES = {
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.PDF: "application/pdf",
}


class Report(Protocol):
    name: str

    def assemble(self, session: Session, *, plan_id: int, year: int | None) -> Any: ...

    def render(self, data: Any) -> bytes: ...


REPORTS: dict[str, Report] = {"evaluation": EvaluationReport(), "annual": AnnualReport()}


@dataclass(frozen=True)
class RenderedReport:
    title: str
    docx: bytes


def render_report(session: Session, *, kind: str, plan_id: int, year: int | None) -> RenderedReport:
    """Assemble and render one report as DOCX (the database work happens here)."""
    report = REPORTS.get(kind)
    if report is None:
        raise NotFound(f"no report {kind!r}; there are {', '.join(REPORTS)}")
    data = report.assemble(session, plan_id=plan_id, year=year)
    return RenderedReport(data.title, report.render(data))


def to_format(report: RenderedReport, output_format: ReportFormat) -> bytes:
    """The report's bytes in `output_format` (PDF through LibreOffice)."""
    if output_format is ReportFormat.PDF:
        return docx_to_pdf(report.docx)
    return report.docx


__all__ = [
    "MEDIA_TYPES",
    "REPORTS",
    "PdfConverterMissing",
    "RenderedReport",
    "Report",
    "ReportFormat",
    "render_report",
    "to_format",
]
