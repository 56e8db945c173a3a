"""The API's one error shape: RFC 9457 problem details (`application/problem+json`).

Every refusal and failure under /api answers {type, title, status, detail}, plus `errors`
[{field, message}] when parameters or fields are at fault. The older members `error` (the
stable code), `message` (= detail) and `fields` (= errors) stay as extension members, so
clients written against them keep working.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

PROBLEM_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:minsheng:problem:"
TITLES = {
    400: "请求有误",
    401: "需要登录",
    403: "没有权限",
    404: "未找到",
    405: "不支持此请求方法",
    409: "与当前状态冲突",
    413: "请求内容过大",
    415: "不支持的格式",
    422: "请求参数有误",
    429: "请求过于频繁",
    500: "服务器内部错误",
    503: "服务暂时不可用",
}


class FieldError(BaseModel):
    """One parameter or field at fault."""

    field: str = Field(description="参数或字段名", examples=["year"])
    message: str = Field(description="错误说明", examples=["年份须在规划期 2021–2025 内"])


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    type: str = Field(
        description="错误类别的 URI（urn:minsheng:problem:<error>）",
        examples=["urn:minsheng:problem:not_found"],
    )
    title: str = Field(description="错误类别的简短说明", examples=["未找到"])
    status: int = Field(description="HTTP 状态码", examples=[404])
    detail: str = Field(description="这一次错误的具体说明", examples=["未找到编号为 99999 的规划"])
    error: str = Field(description="稳定的错误代码（与 type 末段相同）", examples=["not_found"])
    message: str = Field(description="与 detail 相同，为兼容保留", examples=["未找到"])


class ValidationProblem(Problem):
    """Parameters or fields at fault, each named."""

    errors: list[FieldError] = Field(default_factory=list, description="出错的参数或字段及原因")
    fields: list[FieldError] = Field(default_factory=list, description="与 errors 相同，为兼容保留")


def problem_body(
    status: int, detail: str, code: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """The members of a problem; `errors` only when fields are named."""
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + code,
        "title": TITLES.get(status, "请求未能完成"),
        "status": status,
        "detail": detail,
        "error": code,
        "message": detail,
    }
    if errors is not None:
        body["errors"] = body["fields"] = errors
    return body


def problem_response(
    status: int,
    detail: str,
    code: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A problem as a response with the problem media type."""
    body = problem_body(status, detail, code, errors)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)
