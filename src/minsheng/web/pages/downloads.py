"""Open data downloads: every current plan's tables and the standards catalogue as files.

Public, like the catalogue and dashboards they come from: published (approved) values
only, without the revision history. Files are built on request from the same
`minsheng.exports` packages the `minsheng export` command writes.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from minsheng.errors import NotFound
from minsheng.exports import FORMATS, Package, plan_package, standards_package
from minsheng.exports.csv import table_csv
from minsheng.store.tables import Plan
from minsheng.usecases.read.plans import current_plans, stored_plan
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()
PLAN_DOWNLOADS = {"xlsx": "xlsx", "zip": "csv", "datapackage.zip": "datapackage"}
"""Suffix of a plan's download URL → export format."""
STANDARDS_DOWNLOADS = {"xlsx": "xlsx", "csv": "csv"}


@router.get("/downloads", response_class=HTMLResponse)
def downloads(request: Request, session: SessionDep) -> HTMLResponse:
    plans = current_plans(session)
    return render(request, "downloads.html", plans=plans, plan_downloads=PLAN_DOWNLOADS)


@router.get("/downloads/plans/{plan_id:int}.datapackage.zip")
def plan_datapackage(session: SessionDep, plan_id: int) -> Response:
    return _plan_file(session, plan_id, "datapackage.zip")


@router.get("/downloads/plans/{plan_id:int}.{suffix}")
def plan_file(session: SessionDep, plan_id: int, suffix: str) -> Response:
    return _plan_file(session, plan_id, suffix)


@router.get("/downloads/standards.{suffix}")
def standards_file(session: SessionDep, suffix: str) -> Response:
    if suffix not in STANDARDS_DOWNLOADS:
        raise NotFound(f"no standards download as .{suffix}")
    package = standards_package(session)
    if suffix == "csv":  # one table: the CSV itself rather than a zip of one file
        body = table_csv(package.tables[0])
        return _attachment(body, "text/csv; charset=utf-8", "standards.csv")
    return _download(package, "xlsx", "standards.xlsx")


def _plan_file(session: SessionDep, plan_id: int, suffix: str) -> Response:
    plan = _stored(session, plan_id)
    if plan is None or suffix not in PLAN_DOWNLOADS:
        raise NotFound(f"no download plans/{plan_id}.{suffix}")
    return _download(
        plan_package(session, plan, published_only=True),
        PLAN_DOWNLOADS[suffix],
        f"plan-{plan_id}.{suffix}",
    )


def _stored(session: SessionDep, plan_id: int) -> Plan | None:
    """The plan version to export; None when there is none (the caller names the URL)."""
    try:
        return stored_plan(session, plan_id=plan_id)
    except NotFound:
        return None


def _download(package: Package, format: str, filename: str) -> Response:
    chosen = FORMATS[format]
    return _attachment(chosen.to_bytes(package), chosen.media_type, filename)


def _attachment(body: bytes, media_type: str, filename: str) -> Response:
    disposition = f'attachment; filename="{filename}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})
