"""The OpenAPI document as clients read it: errors as problem details, downloads as CSV and
XLSX, integers with the bounds the API enforces, a Chinese description for /api/docs."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from minsheng.web.api.conventions import MAX_INTEGER, MIN_INTEGER
from minsheng.web.api.field_docs import describe
from minsheng.web.problem_details import PROBLEM_TYPE, Problem, ValidationProblem

DESCRIPTION = """\
民生（minsheng）数据接口：“十四五”公共服务规划的规划、指标、监测数据、评估与预警、
基本公共服务标准、重点项目和问题清单。

- **读取**公开，无需登录；未经审核的数据（草稿、已报送、已退回）只对有权限的登录用户可见。
- **写入**需要登录会话，或在请求头中带上 `Authorization: Bearer <令牌>`（令牌在“系统管理”页
  或 `POST /api/v1/tokens` 创建；点击右侧 Authorize 填入令牌即可在本页试用）。
- **列表**均接受 `limit`、`offset` 和 `format`（json、csv、xlsx）；总数在 `X-Total-Count`，
  下一页在 `Link` 头中。
- **规划**一律以 `plan_id` 指定（编号见 `/api/v1/plans`，可用 `region` 按行政区名称或代码查找）。
- **错误**一律为 RFC 9457 problem details（`application/problem+json`），参数错误在 `errors`
  中逐项列出；未声明的参数会被拒绝（422）。
- 数据库含示例数据时，每个响应都带 `X-Sample-Data: true`。
"""

PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": Problem, "description": "请求被拒绝（problem details）"},
    422: {"model": ValidationProblem, "description": "参数或字段有误，逐项列出"},
    "5XX": {"model": Problem, "description": "服务器错误（problem details）"},
}
OPTIONAL_AUTH = {"x-auth-optional": True}
"""`openapi_extra` of a public route that shows more to the signed-in: its security
requirement becomes optional ({} — no credentials — is one of the alternatives)."""
DOWNLOADS = {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {"type": "string", "format": "binary"}
    },
}


def install_openapi(app: FastAPI) -> None:
    """Replace the app's OpenAPI builder with one that adjusts the generated document."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=DESCRIPTION, routes=app.routes
            )
            for operation in _operations(schema):
                _adjust(operation)
            describe(schema.get("components", {}).get("schemas", {}))
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for path in schema.get("paths", {}).values() for op in path.values()]


def _adjust(operation: dict[str, Any]) -> None:
    if operation.pop("x-auth-optional", False) and operation.get("security"):
        operation["security"] = [{}, *operation["security"]]
    for status, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if status[0] in "45" and "application/json" in content:
            content[PROBLEM_TYPE] = content.pop("application/json")
    for parameter in operation.get("parameters", []):
        _bound_integers(parameter.get("schema", {}))
        if parameter["name"] == "format" and parameter["in"] == "query":
            operation["responses"]["200"].setdefault("content", {}).update(DOWNLOADS)


def _bound_integers(schema: dict[str, Any]) -> None:
    """An integer without bounds gets the 32-bit range (what conventions.py enforces)."""
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "integer":
            option.setdefault("maximum", MAX_INTEGER)
            option.setdefault("minimum", MIN_INTEGER)
