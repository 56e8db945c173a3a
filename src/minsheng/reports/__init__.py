"""Reports: one small class per report, registered by name; DOCX first, PDF converted from it.

Data flows store → use case read models → `Report.assemble` → `Report.render` (DOCX bytes);
`to_format` turns the DOCX into the requested format outside any database transaction.

The renderers (python-docx, matplotlib) load on first use of `REPORTS` or `render_report`,
so `from minsheng.reports import ReportFormat` stays light (the command line offers the
formats as choices of every `minsheng` run).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from minsheng.errors import InputProblem, NotFound
from minsheng.reports.formats import MEDIA_TYPES, ReportFormat
from minsheng.reports.pdf import PdfConverterMissing, docx_to_pdf

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Report(Protocol):
    name: str

    def assemble(self, session: Session, *, plan_id: int, year: int | None) -> Any: ...

    def render(self, data: Any) -> bytes: ...


@cache
def _registry() -> dict[str, Report]:
    from minsheng.reports.annual import AnnualReport  # noqa: PLC0415
    from minsheng.reports.evaluation import EvaluationReport  # noqa: PLC0415

    return {"evaluation": EvaluationReport(), "annual": AnnualReport()}


if TYPE_CHECKING:
    REPORTS: dict[str, Report]
else:

    def __getattr__(name: str) -> object:
        """`REPORTS`, the registry by name, built (and its renderers imported) on first use."""
        if name == "REPORTS":
            return _registry()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class RenderedReport:
    title: str
    docx: bytes


def render_report(session: Session, *, kind: str, plan_id: int, year: int | None) -> RenderedReport:
    """Assemble and render one report as DOCX (the database work happens here)."""
    reports = _registry()
    report = reports.get(kind)
    if report is None:
        raise NotFound(f"no report {kind!r}; there are {', '.join(reports)}")
    if year is not None:
        _within_period(session, plan_id, year)
    data = report.assemble(session, plan_id=plan_id, year=year)
    return RenderedReport(data.title, report.render(data))


def _within_period(session: Session, plan_id: int, year: int) -> None:
    """A report speaks of a year of the plan's period (or its base year), never of 1999
    or 2030: those belong to other plans."""
    from minsheng.usecases.read.plans import get_plan  # noqa: PLC0415

    plan = get_plan(session, plan_id=plan_id)
    first, last = plan.period_start, plan.period_end
    if first is not None and last is not None and not first - 1 <= year <= last:
        message = f"{plan.title or plan.region.name} covers {first}–{last}: no report for {year}"
        raise InputProblem(message, field="year")


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
