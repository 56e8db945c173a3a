"""The render guard: templates get plain read models, never store rows or a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.orm import Session
from starlette.requests import Request

from minsheng.store.tables import Department, User
from minsheng.web.templating import GUARD_DEPTH, check_context, render


@dataclass(frozen=True)
class Row:
    """A read model of plain values, as the pages pass them."""

    id: int
    name: str
    joined: date
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wrapped:
    user: object


def _request() -> Request:
    return Request(
        {"type": "http", "method": "GET", "path": "/", "headers": [], "query_string": b""}
    )


def test_a_planted_store_row_is_named_by_template_and_path():
    users = [Wrapped(User(username="admin", role="admin")), Wrapped(User(username="b"))]
    with pytest.raises(TypeError, match=r"^admin\.html: users\[0\]\.user is a store row \(User\)$"):
        check_context("admin.html", {"users": users})


@pytest.mark.parametrize(
    ("context", "path"),
    [
        ({"department": Department(name="卫健委")}, "department"),
        ({"groups": {"幼有所育": [Wrapped(Department(name="x"))]}}, "groups['幼有所育'][0].user"),
        ({"cells": [None, Department(name="x")]}, "cells[1]"),
        ({"picked": {Department(name="x")}}, "picked{…}"),
        ({"session": Session()}, "session"),
    ],
)
def test_rows_are_found_in_dicts_lists_sets_and_dataclasses(context, path):
    with pytest.raises(TypeError) as caught:
        check_context("page.html", context)
    assert str(caught.value).startswith(f"page.html: {path} is a ")


def test_plain_read_models_pass():
    rows = [Row(1, "合肥市", date(2021, 1, 1), ("a",)), Row(2, "六安市", date(2021, 1, 1))]
    check_context("page.html", {"rows": rows, "by_id": {1: rows[0]}, "count": 2, "title": "x"})


def test_lists_are_sampled_by_their_first_item_of_each_type():
    """A row deep in a homogeneous list is not looked for: the check stays cheap."""
    later = [Row(i, "x", date(2021, 1, 1)) for i in range(10)] + [Department(name="x")]
    check_context("page.html", {"rows": later})


def test_the_walk_stops_at_its_depth():
    nested: object = Department(name="x")
    for _ in range(GUARD_DEPTH + 1):
        nested = [nested]
    check_context("page.html", {"deep": nested})
    with pytest.raises(TypeError):
        check_context("page.html", {"deep": nested[0]})  # type: ignore[index]


def test_render_refuses_a_row_before_rendering():
    with pytest.raises(TypeError, match=r"error\.html: message is a store row \(Department\)"):
        render(_request(), "error.html", status=500, message=Department(name="x"))


def test_render_draws_a_page_of_plain_values():
    response = render(_request(), "error.html", status=404, message="没有这个页面")
    assert response.status_code == 200
    assert "没有这个页面" in bytes(response.body).decode()
