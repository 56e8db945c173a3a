"""What every list endpoint shares: `limit`/`offset`, `format`, and the paging headers.

JSON lists stay plain arrays; the total goes in `X-Total-Count` and the next page in a
`Link: <…>; rel="next"` header, the way GitHub's API does it. CSV and XLSX carry the
same rows (see web/export.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from minsheng.usecases.read.paging import Slice
from minsheng.web.export import table_download

MAX_LIMIT = 1000
Format = Literal["json", "csv", "xlsx"]


Headers = Literal["en", "zh", "zh-en"]


@dataclass(frozen=True)
class ListParams:
    window: Slice
    format: Format
    headers: Headers = "en"


def list_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page")] = 100,
    offset: Annotated[int, Query(ge=0, description="rows to skip")] = 0,
    format: Annotated[Format, Query(description="json, or a csv/xlsx download")] = "json",
    headers: Annotated[
        Headers,
        Query(description="csv/xlsx header rows: en field names, zh Chinese, zh-en both"),
    ] = "en",
) -> ListParams:
    window = Slice(limit, offset) if format == "json" else Slice.everything()
    return ListParams(window, format, headers)


ListDep = Annotated[ListParams, Depends(list_params)]


def list_response(
    request: Request, params: ListParams, rows: Sequence[BaseModel], *, total: int, name: str
) -> Response:
    """The page as JSON or as a download named `name`, with the paging headers."""
    dumped = [row.model_dump(mode="json") for row in rows]
    if params.format == "json":
        response: Response = JSONResponse(dumped)
    else:
        response = table_download(dumped, format=params.format, name=name, headers=params.headers)
    response.headers["X-Total-Count"] = str(total)
    following = params.window.offset + (params.window.limit or total)
    if following < total:
        url = request.url.include_query_params(offset=following, limit=params.window.limit)
        response.headers["Link"] = f'<{url}>; rel="next"'
    return response
