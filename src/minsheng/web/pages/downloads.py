"""Open data downloads: every current plan's tables and the standards catalogue as files.

Public, like the catalogue and dashboards they come from: published (approved) values
only, without the revision history, the reporting department in place of staff names.
Files are built on request from the same `minsheng.exports` packages the
`minsheng export` command writes, hold every row (no paging), and are named for what
they hold (合肥市-十四五-指标.xlsx). XLSX and CSV carry the Chinese headers and the
English field names as two header rows; `?headers=en` gives the field names only.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from minsheng.errors import InputProblem, NotFound
from minsheng.exports import (
    FORMATS,
    PUBLISHED,
    Package,
    plan_package,
    plan_table_package,
    standards_package,
    with_headers,
)
from minsheng.exports.csv import CSV_TYPE, table_csv_pieces
from minsheng.exports.labels import TABLE_NAMES, table_name
from minsheng.exports.publication import from_environment
from minsheng.exports.writers import HEADER_MODES
from minsheng.store.tables import Plan
from minsheng.usecases.read.paging import Numbered
from minsheng.usecases.read.plans import current_plans, stored_plan
from minsheng.web.deps import SessionDep
from minsheng.web.export import disposition
from minsheng.web.templating import render

router = APIRouter()
PLAN_DOWNLOADS = {
    "xlsx": ("xlsx", ""),
    "zip": ("csv", "-CSV"),
    "datapackage.zip": ("datapackage", "-数据包"),
}
"""Suffix of a plan's download URL → export format, and what its file name adds."""
STANDARDS_DOWNLOADS = {"xlsx": "xlsx", "csv": "csv"}
TABLE_DOWNLOADS = ("xlsx", "csv")
HeadersQuery = Annotated[
    str, Query(description="zh-en: 中文表头与英文字段名两行（默认）；zh：仅中文；en：仅英文字段名")
]
BAD_HEADERS = "表头参数 headers 应为 zh-en、zh 或 en"


PAGE_SIZE = 60
"""Plans per page of the list: a city's few fit on one, the nation's thousands are paged."""


@router.get("/downloads", response_class=HTMLResponse)
def downloads(request: Request, session: SessionDep, page: int = 1) -> HTMLResponse:
    plans = current_plans(session)
    numbered = Numbered.of(page, len(plans), PAGE_SIZE)
    return render(
        request, "downloads.html", plans=numbered.window.of(plans), numbered=numbered,
        plan_downloads=PLAN_DOWNLOADS, tables=[(name, TABLE_NAMES[name]) for name in PUBLISHED],
    )  # fmt: skip


@router.get("/downloads/plans/{plan_id:int}.datapackage.zip")
def plan_datapackage(session: SessionDep, plan_id: int) -> Response:
    return _plan_file(session, plan_id, "datapackage.zip", "zh-en")


@router.get("/downloads/plans/{plan_id:int}.{suffix}")
def plan_file(
    session: SessionDep, plan_id: int, suffix: str, headers: HeadersQuery = "zh-en"
) -> Response:
    return _plan_file(session, plan_id, suffix, headers)


@router.get("/downloads/plans/{plan_id:int}/{table}.{suffix}")
def plan_table_file(
    session: SessionDep, plan_id: int, table: str, suffix: str, headers: HeadersQuery = "zh-en"
) -> Response:
    """One table of the plan, every row: 合肥市-十四五-指标.xlsx or .csv."""
    plan = _stored(session, plan_id)
    if plan is None or table not in PUBLISHED or suffix not in TABLE_DOWNLOADS:
        raise NotFound(f"no download plans/{plan_id}/{table}.{suffix}")
    package = plan_table_package(session, plan, table)
    name = f"{package.file_stem()}-{table_name(table)}.{suffix}"
    fallback = f"plan-{plan_id}-{table}.{suffix}"
    if suffix == "csv":
        return _streamed_csv(package, _checked(headers), name, fallback)
    return _download(package, "xlsx", _checked(headers), name, fallback)


@router.get("/downloads/standards.{suffix}")
def standards_file(session: SessionDep, suffix: str, headers: HeadersQuery = "zh-en") -> Response:
    if suffix not in STANDARDS_DOWNLOADS:
        raise NotFound(f"no standards download as .{suffix}")
    package = standards_package(session)
    name, fallback = f"{table_name('standards')}.{suffix}", f"standards.{suffix}"
    if suffix == "csv":  # one table: the CSV itself rather than a zip of one file
        return _streamed_csv(package, _checked(headers), name, fallback)
    return _download(package, "xlsx", _checked(headers), name, fallback)


def _plan_file(session: SessionDep, plan_id: int, suffix: str, headers: str) -> Response:
    plan = _stored(session, plan_id)
    if plan is None or suffix not in PLAN_DOWNLOADS:
        raise NotFound(f"no download plans/{plan_id}.{suffix}")
    package = plan_package(session, plan, published_only=True)
    format, added = PLAN_DOWNLOADS[suffix]
    name = f"{package.file_stem()}{added}.{suffix.rsplit('.', 1)[-1]}"
    return _download(package, format, _checked(headers), name, f"plan-{plan_id}.{suffix}")


def _checked(headers: str) -> str:
    if headers not in HEADER_MODES:
        raise InputProblem(BAD_HEADERS, field="headers")
    return headers


def _stored(session: SessionDep, plan_id: int) -> Plan | None:
    """The plan version to export; None when there is none (the caller names the URL)."""
    try:
        return stored_plan(session, plan_id=plan_id)
    except NotFound:
        return None


def _download(package: Package, format: str, headers: str, name: str, fallback: str) -> Response:
    chosen = with_headers(format, headers) if format in TABLE_DOWNLOADS else FORMATS[format]
    published = replace(package, publication=from_environment(os.environ))
    body = chosen.to_bytes(published)
    return Response(body, media_type=chosen.media_type, headers=_named(name, fallback))


def _streamed_csv(package: Package, headers: str, name: str, fallback: str) -> Response:
    pieces = table_csv_pieces(package.tables[0], headers=headers)
    return StreamingResponse(pieces, media_type=CSV_TYPE, headers=_named(name, fallback))


def _named(name: str, fallback: str) -> dict[str, str]:
    return {"Content-Disposition": disposition(name, fallback)}
