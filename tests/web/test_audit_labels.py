"""The audit log speaks Chinese: every action, kind of thing and detail field it can show
has a name in the catalogue (`minsheng.labels`), and the log of a demonstration database,
as the page shows it, holds no English code."""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterator
from pathlib import Path

from minsheng import labels
from minsheng.usecases.project_edits import FIELDS as PROJECT_FIELDS
from tests.web.conftest import LiveServer
from tests.web.test_pages_admin import signed_in

SOURCES = Path(labels.__file__).parent
CODE = re.compile(r"[A-Za-z_]{2,}")
READ_AS_OTHERS = {"from", "to", "region_id", "department_id"}
"""Detail keys the log shows as another field: a state's move, a region or department named."""


def _audit_calls() -> Iterator[dict[str, ast.expr]]:
    """The keyword arguments of every call in the source that writes an audit entry."""
    for path in SOURCES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                given = {k.arg: k.value for k in node.keywords if k.arg}
                if {"action", "entity"} <= given.keys():
                    yield given


def _literals(node: ast.expr | None) -> set[str]:
    """The string constants `node` is or, as a dict (`a | {...}` too), has as keys."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Dict):
        return {k.value for k in node.keys if isinstance(k, ast.Constant)}
    if isinstance(node, ast.BinOp):
        return _literals(node.left) | _literals(node.right)
    if isinstance(node, ast.IfExp):
        return _literals(node.body) | _literals(node.orelse)
    return set()


def test_every_code_written_has_a_name() -> None:
    calls = list(_audit_calls())
    actions = set().union(*(_literals(c["action"]) for c in calls))
    entities = set().union(*(_literals(c["entity"]) for c in calls))
    fields = set().union(*(_literals(c.get("detail")) for c in calls)) | set(PROJECT_FIELDS)
    fields -= READ_AS_OTHERS
    assert len(calls) > 40 and {"fill", "fill_facts", "import"} <= actions
    assert sorted(actions - labels.AUDIT_ACTIONS.keys()) == []
    assert sorted(entities - labels.AUDIT_ENTITIES.keys()) == []
    assert sorted(fields - labels.AUDIT_FIELDS.keys()) == []


def _cells(page: str) -> Iterator[tuple[str, str, list[str]]]:
    """Each row's action, kind of thing and detail field names, as the page shows them."""
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
    assert body is not None
    for row in re.findall(r"<tr>(.*?)</tr>", body[1], re.S):
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        spans = re.findall(r"<span>([^：<]*)：", cells[4])
        yield cells[2], re.split(r"：| #", cells[3])[0], spans


def test_demonstration_log_holds_no_english_code(read_server: LiveServer) -> None:
    with signed_in(read_server, "admin") as admin:
        first = admin.get("/admin/audit").text
        pages = int(re.search(r"第 1/(\d+) 页", first)[1])
        shown = [first, *(admin.get("/admin/audit", params={"page": n}).text
                          for n in range(2, pages + 1))]  # fmt: skip
    rows = [cells for page in shown for cells in _cells(page)]
    names = {name for action, entity, fields in rows for name in (action, entity, *fields)}
    assert len(rows) > 20 and "从规划文本补全项目信息" in names
    assert sorted(name for name in names if CODE.search(name)) == []
