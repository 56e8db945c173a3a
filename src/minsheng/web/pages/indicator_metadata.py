"""An indicator's metadata page: the fields with their origins and history, and for
planners an edit form whose problems are shown in Chinese beside the form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.usecases.indicator_metadata import MetadataProblems, edit_metadata
from minsheng.usecases.read.indicator_metadata import (
    FIELDS,
    FREQUENCIES,
    LABELS,
    IndicatorMetadataView,
    indicator_metadata,
)
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import PlannerDep, SessionDep
from minsheng.web.templating import render

router = APIRouter()
TextField = Annotated[str, Form()]


def _page(
    request: Request,
    metadata: IndicatorMetadataView,
    *,
    form: dict[str, str | None] | None = None,
    problems: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "indicator_metadata.html",
        status_code=status_code,
        metadata=metadata,
        form=form if form is not None else metadata.values(),
        problems=problems or {},
        fields=FIELDS,
        labels=LABELS,
        frequencies=FREQUENCIES,
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/indicators/{indicator_id}/metadata", response_class=HTMLResponse)
def metadata_page(indicator_id: int, request: Request, session: SessionDep) -> HTMLResponse:
    return _page(request, indicator_metadata(session, indicator_id=indicator_id))


@router.post("/indicators/{indicator_id}/metadata", dependencies=[Depends(verify_csrf)])
def edit(
    *,
    request: Request,
    session: SessionDep,
    user: PlannerDep,
    indicator_id: int,
    definition: TextField = "",
    formula: TextField = "",
    data_source: TextField = "",
    department: TextField = "",
    frequency: TextField = "",
    notes: TextField = "",
) -> Response:
    sent = {"definition": definition, "formula": formula, "data_source": data_source,
            "department": department, "frequency": frequency, "notes": notes}  # fmt: skip
    metadata = indicator_metadata(session, indicator_id=indicator_id)
    try:
        edit_metadata(session, indicator_id=indicator_id, fields=sent, author=user.username)
    except MetadataProblems as problems:
        return _page(
            request, metadata, form=dict(sent), problems=problems.problems, status_code=422
        )
    return RedirectResponse(f"/indicators/{indicator_id}/metadata?saved=1", status_code=303)
