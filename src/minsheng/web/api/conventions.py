"""What every API route shares without saying so: only declared query parameters, integers
that fit the database's integer columns, and operation ids named after the route.

A misspelt filter (`/indicators?plan=1`) used to be ignored silently and return every row;
it is now refused with 422 naming the parameter. An integer beyond 2^63-1 used to reach the
database and fail there (500); it is refused the same way, and so is one beyond 2^31-1,
since ids are PostgreSQL `integer` columns (32 bits) and no count or offset needs more.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Any, Union, get_args, get_origin

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

MAX_INTEGER = 2**31 - 1
MIN_INTEGER = -(2**31)
UNKNOWN_PARAMETER = "未知参数，本接口接受的参数是：{known}"
INTEGER_TOO_LARGE = "超出整数范围（{low} 至 {high}）"


def _walk(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for inner in dependant.dependencies:
        yield from _walk(inner)


def declared_query(route: BaseRoute) -> dict[str, Any]:
    """The route's query parameters (its dependencies' included), by name, with their types."""
    if not isinstance(route, APIRoute):
        return {}
    return {
        param.alias: param.field_info.annotation
        for dependant in _walk(route.dependant)
        for param in dependant.query_params
    }


def _is_integer(annotation: Any) -> bool:
    if annotation is int:
        return True
    union = get_origin(annotation) in (Union, types.UnionType)
    return union and int in get_args(annotation)


def _too_large(text: str) -> bool:
    try:
        number = int(text)
    except ValueError:
        return False  # not an integer at all: the route's own validation says so
    return not MIN_INTEGER <= number <= MAX_INTEGER


def checked_parameters(request: Request) -> None:
    """A router dependency: refuse query parameters the route does not declare and
    integers (query or path) outside the 32-bit range, before any work is done."""
    route = request.scope.get("route")
    if route is None:
        return
    declared = declared_query(route)
    problems = [
        _problem("query", name, UNKNOWN_PARAMETER.format(known="、".join(declared) or "无"))
        for name in dict.fromkeys(request.query_params.keys())
        if name not in declared
    ]
    problems += _integer_problems(request, route, declared)
    if problems:
        raise RequestValidationError(problems)


def _integer_problems(request: Request, route: Any, declared: dict[str, Any]) -> list[dict]:
    message = INTEGER_TOO_LARGE.format(low=MIN_INTEGER, high=MAX_INTEGER)
    found = [
        _problem("query", name, message)
        for name, annotation in declared.items()
        if _is_integer(annotation)
        and any(_too_large(value) for value in request.query_params.getlist(name))
    ]
    paths = {p.alias: p.field_info.annotation for p in _path_params(route)}
    found += [
        _problem("path", name, message)
        for name, value in request.path_params.items()
        if _is_integer(paths.get(name)) and _too_large(str(value))
    ]
    return found


def _path_params(route: APIRoute) -> list[Any]:
    return [param for dependant in _walk(route.dependant) for param in dependant.path_params]


def _problem(where: str, name: str, message: str) -> dict[str, Any]:
    return {"loc": (where, name), "msg": message, "type": "value_error"}


def operation_id(route: APIRoute) -> str:
    """The route's function name (list_plans, get_plan …): stable and readable in clients."""
    return route.name
