"""Reports for download: each plan's evaluation report and its region's annual report."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from minsheng.reports import MEDIA_TYPES, ReportFormat, render_report, to_format
from minsheng.settings import get_settings
from minsheng.usecases.read.paging import Numbered
from minsheng.usecases.read.period import Period
from minsheng.usecases.read.plans import current_plans, get_plan
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()
PAGE_SIZE = 60
"""Plans per page of the list: a city's few fit on one, the nation's thousands are paged."""


@router.get("/reports", response_class=HTMLResponse)
def report_list(request: Request, session: SessionDep, page: int = 1) -> HTMLResponse:
    """Each plan's reports for each year of its own period (十四五 or 十五五)."""
    plans = [plan for plan in current_plans(session) if not plan.is_reference]
    numbered = Numbered.of(page, len(plans), PAGE_SIZE)
    template = get_settings().report_template
    return render(
        request,
        "reports.html",
        rows=[(plan, Period.of(plan).years) for plan in numbered.window.of(plans)],
        numbered=numbered,
        formats=tuple(ReportFormat),
        template_name=template.stem if template else None,
    )


@router.get("/reports/{kind}/{plan_id}")
def report_download(
    session: SessionDep,
    kind: str,
    plan_id: int,
    year: int | None = None,
    format: ReportFormat = ReportFormat.DOCX,
) -> Response:
    """The report as an attachment; PDF is converted from the DOCX by LibreOffice."""
    plan = get_plan(session, plan_id=plan_id)
    template = get_settings().report_template
    report = render_report(session, kind=kind, plan_id=plan.id, year=year, template=template)
    body = to_format(report, format)
    return Response(body, media_type=MEDIA_TYPES[format], headers=_attachment(report.title, format))


def _attachment(title: str, output_format: ReportFormat) -> dict[str, str]:
    """An ASCII fallback name and the Chinese title (RFC 6266 / RFC 5987)."""
    fallback = f"report.{output_format.value}"
    encoded = quote(f"{title}.{output_format.value}")
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"
    return {"Content-Disposition": disposition}
