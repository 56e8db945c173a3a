"""Reports: one small class per report, registered by name; DOCX first, PDF converted from it.

Data flows store → use case read models → `Report.assemble` → `Report.render` (DOCX bytes);
`to_format` turns the DOCX into the requested format outside any database transaction.

The renderers (python-docx, matplotlib) load on first use of `REPORTS` or `render_report`,
so `from minsheng.reports import ReportFormat` stays light (the command line offers the
formats as choices of every `minsheng` run).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
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


SUBJECTS = {"evaluation": "规划实施评估报告", "annual": "公共服务年度报告"}


@dataclass(frozen=True)
class RenderedReport:
    title: str
    docx: bytes
    key: Hashable | None = None  # what it was made from: its PDF is kept under the same


def render_report(
    session: Session,
    *,
    kind: str,
    plan_id: int,
    year: int | None,
    template: Path | None = None,
    author: str = "",
) -> RenderedReport:
    """Assemble and render one report as DOCX (the database work happens here), or take it
    from the cache when nothing it depends on has changed.

    `template` is a house .docx the report fills (None: minsheng's own 公文 layout; callers
    pass MINSHENG_REPORT_TEMPLATE); `author` the issuing organisation in its properties.
    """
    from minsheng.reports import report_cache as kept_reports  # noqa: PLC0415
    from minsheng.reports.govdoc import HouseStyle  # noqa: PLC0415

    report = _report(kind)
    style = HouseStyle(_template(template), author, SUBJECTS.get(kind, ""))
    if year is not None:
        _within_period(session, plan_id, year)
    key = kept_reports.report_key(session, kind, plan_id, year, style)
    titled: dict[str, str] = {}

    def make() -> bytes:
        data = report.assemble(session, plan_id=plan_id, year=year)
        titled["title"] = data.title
        return _render(report, data, style)

    docx = kept_reports.kept(key and ("docx", key), make)
    title = titled.get("title") or _kept_title(docx)
    return RenderedReport(title, docx, key)


def _report(kind: str) -> Report:
    reports = _registry()
    report = reports.get(kind)
    if report is None:
        raise NotFound(f"no report {kind!r}; there are {', '.join(reports)}")
    return report


def _template(template: Path | None) -> Path | None:
    """The house template, checked before any work is done."""
    from minsheng.reports.templates import check_template  # noqa: PLC0415

    return check_template(template) if template is not None else None


def _render(report: Report, data: Any, style: Any) -> bytes:
    from minsheng.reports.govdoc import house  # noqa: PLC0415

    with house(style):
        return report.render(data)


def _kept_title(docx: bytes) -> str:
    """A kept report's title, from its own document properties."""
    import io  # noqa: PLC0415

    import docx as python_docx  # noqa: PLC0415

    return python_docx.Document(io.BytesIO(docx)).core_properties.title or ""


def _within_period(session: Session, plan_id: int, year: int) -> None:
    """A report speaks of a year of the plan's period (or its base year), never of 1999
    or 2030: those belong to other plans."""
    from minsheng.usecases.read.plans import get_plan  # noqa: PLC0415

    plan = get_plan(session, plan_id=plan_id)
    first, last = plan.period_start, plan.period_end
    if first is not None and last is not None and not first - 1 <= year <= last:
        message = f"{plan.title or plan.region.name} covers {first}–{last}: no report for {year}"
        raise InputProblem(message, field="year")


def to_format(
    report: RenderedReport, output_format: ReportFormat, *, long_lived: bool = True
) -> bytes:
    """The report's bytes in `output_format` (PDF through LibreOffice, kept like the DOCX;
    `long_lived=False` for a one-off conversion, which a cold LibreOffice does faster)."""
    from minsheng.reports import report_cache as kept_reports  # noqa: PLC0415

    if output_format is ReportFormat.PDF:
        key = report.key and ("pdf", report.key)
        return kept_reports.kept(key, lambda: docx_to_pdf(report.docx, long_lived=long_lived))
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
