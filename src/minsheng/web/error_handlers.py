"""Errors become problem details under /api and a Chinese error page for people.

Routing's own refusals (an unknown URL, a wrong method) arrive as Starlette's
HTTPException, FastAPI's as its subclass, parameter errors as RequestValidationError; all
take the same two shapes as minsheng's own errors.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from minsheng.errors import MinshengError
from minsheng.web.problem_details import TITLES, problem_response
from minsheng.web.templating import render
from minsheng.web.validation_text import chinese_message

INVALID_PARAMETERS = "请求参数有误，请检查：{fields}"
SERVER_PROBLEM = "服务器暂时无法完成此操作（{detail}），已记入服务器日志，请联系系统管理员。"
ROUTING = {
    404: "您访问的页面或数据不存在，请检查网址。",
    405: "此网址不支持这种请求方法。",
}
CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}
log = logging.getLogger("minsheng.web")


def wants_problem(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    app.add_exception_handler(MinshengError, _minsheng_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]


IN_CHINESE = {
    404: ROUTING[404],
    409: "该操作与数据的当前状态冲突，未能完成。",
    413: "上传的内容过大。",
    415: "不支持这种文件格式。",
    422: "提交的内容或参数有误，请检查后重试。",
}
"""What a page says of a refusal whose own message has no Chinese (most are written for
the command line and the API): the page speaks Chinese, the message is kept below it."""


async def _minsheng_error(request: Request, error: MinshengError) -> Response:
    if error.http_status < 500:
        fields = _field_of(error)
        return error_answer(
            request, error.http_status, str(error), error.code, fields, said=error.in_chinese
        )
    log.error("%s %s: %s", request.method, request.url.path, error)
    page = SERVER_PROBLEM.format(detail=error)
    return error_answer(request, error.http_status, page, error.code)


def _field_of(error: MinshengError) -> list[dict[str, str]] | None:
    """An input problem naming a field lists it, like a refused parameter."""
    field = getattr(error, "field", None)
    return [{"field": field, "message": error.message}] if field else None


async def _http_error(request: Request, error: HTTPException) -> Response:
    status = error.status_code
    detail = ROUTING.get(status) if error.detail == _default_phrase(status) else None
    code = CODES.get(status, "http_error")
    response = error_answer(request, status, detail or str(error.detail), code)
    response.headers.update(error.headers or {})
    return response


def _default_phrase(status: int) -> str:
    return HTTPStatus(status).phrase


async def _invalid_request(request: Request, error: RequestValidationError) -> Response:
    """Every field at fault, named: as `errors` [{field, message}] in the API, in Chinese
    on a page."""
    problems = [
        {"field": _field_name(e.get("loc", ())), "message": chinese_message(e)}
        for e in error.errors()
    ]
    if not wants_problem(request):
        fields = "、".join(p["field"] for p in problems)
        return error_answer(request, 422, INVALID_PARAMETERS.format(fields=fields), "invalid")
    detail = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
    return problem_response(422, detail, "invalid_request", problems)


def _field_name(loc: tuple | list) -> str:
    """A parameter by its name; a body field by its path (observations.0.year)."""
    if loc and loc[0] == "body":
        return ".".join(str(part) for part in loc[1:]) or "body"
    return str(loc[-1]) if loc else ""


def error_answer(
    request: Request,
    status: int,
    message: str,
    code: str,
    fields: list[dict[str, str]] | None = None,
    *,
    said: str | None = None,
) -> Response:
    """A problem under /api, else the Chinese error page: `said` where the error has it,
    else the message if it is Chinese, else the status's sentence above the message."""
    if wants_problem(request):
        return problem_response(status, message, code, fields)
    if said is not None or _speaks_chinese(message):
        shown, detail = said or message, None
    else:
        shown, detail = _in_chinese(status), message
    return render(
        request, "error.html", status_code=status, status=status, message=shown, detail=detail
    )


def _speaks_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)


def _in_chinese(status: int) -> str:
    return IN_CHINESE.get(status) or f"{TITLES.get(status, '请求未能完成')}。"
