"""Queries live in store/: no module outside it imports SQLAlchemy's query building.

Use cases, exports, reports and the edges call keyword-only repository functions in
``minsheng.store.repositories``; outside ``store/`` they may name only the types that pass a
database around (a ``Session``, an ``Engine``). Any other SQLAlchemy import — ``select``,
``func``, ``update``, ``insert``, ``delete``, ``or_``, ``and_``, ``text``, loader options, or
the bare module — is reported with its file and line, wherever it sits in the file (module
level, inside a function, under ``if TYPE_CHECKING:``).

Nor do they read through the session itself: a call ``session.get(…)``, ``session.execute(…)``,
``session.scalar(…)``, ``session.scalars(…)`` or ``session.query(…)`` on a name ``session``
is reported too (``request.session.get`` — the web session's cookie data — is not a name
``session`` and is left alone). Writes (``session.add``, ``flush``, ``begin_nested``) stay
where the use cases need them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "minsheng"
QUERIES_HOME = "store"

ALLOWED_NAMES = frozenset({"Session", "Engine"})
"""SQLAlchemy names any layer may import: the types that carry a database connection."""

EXCEPTIONS: dict[tuple[str, str], str] = {}
"""(file relative to the package, imported name) → why it may import it. None is needed:
every query outside store/ has moved into a repository function."""


def python_files(root: Path) -> Iterator[Path]:
    """Every module of the package outside store/, where queries are allowed."""
    for path in sorted(root.rglob("*.py")):
        inside = path.relative_to(root).parts
        if "__pycache__" not in inside and inside[0] != QUERIES_HOME:
            yield path


def sqlalchemy_imports(source: str) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every SQLAlchemy name or module the source imports."""
    statements = (
        n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import | ast.ImportFrom)
    )
    for node in statements:
        for name in _imported(node):
            if name.split(".")[0] == "sqlalchemy":
                yield node.lineno, name


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    """What an import statement names: modules, or `module.name` for `from … import`."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level or not node.module:  # relative: within minsheng
        return []
    return [f"{node.module}.{alias.name}" for alias in node.names]


def query_imports(root: Path) -> list[str]:
    """`file:line imports name` for each SQLAlchemy import outside store/ not allowed."""
    found = []
    for path in python_files(root):
        shown = path.relative_to(root).as_posix()
        for line, name in sqlalchemy_imports(path.read_text(encoding="utf-8")):
            short = name.rpartition(".")[2]
            is_type = name != "sqlalchemy" and short in ALLOWED_NAMES
            if not is_type and (shown, name) not in EXCEPTIONS:
                found.append(f"{shown}:{line} imports {name}")
    return found


def test_no_module_outside_store_builds_queries():
    found = query_imports(PACKAGE)
    assert not found, "move these queries into store/repositories:\n" + "\n".join(found)


QUERY_METHODS = frozenset({"get", "execute", "scalar", "scalars", "query"})
"""Session methods that read: outside store/, a repository function does it instead."""

SESSION_EXCEPTIONS: dict[tuple[str, str], str] = {}
"""(file relative to the package, method) → why it may call ``session.<method>`` there.
None is needed: every lookup outside store/ goes through a repository function."""


def session_reads(source: str) -> Iterator[tuple[int, str]]:
    """(line, method) of every ``session.<method>(…)`` call reading through the session."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner, method = node.func.value, node.func.attr
            if isinstance(owner, ast.Name) and owner.id == "session" and method in QUERY_METHODS:
                yield node.lineno, method


def session_queries(root: Path) -> list[str]:
    """`file:line calls session.method` for each read through the session outside store/."""
    found = []
    for path in python_files(root):
        shown = path.relative_to(root).as_posix()
        for line, method in session_reads(path.read_text(encoding="utf-8")):
            if (shown, method) not in SESSION_EXCEPTIONS:
                found.append(f"{shown}:{line} calls session.{method}")
    return found


def test_no_module_outside_store_reads_through_the_session():
    found = session_queries(PACKAGE)
    assert not found, "look these up through store/repositories:\n" + "\n".join(found)


def test_every_session_exception_is_still_needed():
    used = {
        (path.relative_to(PACKAGE).as_posix(), method)
        for path in python_files(PACKAGE)
        for _, method in session_reads(path.read_text(encoding="utf-8"))
    }
    assert set(SESSION_EXCEPTIONS) <= used, set(SESSION_EXCEPTIONS) - used


def test_every_exception_is_still_needed():
    used = {
        (path.relative_to(PACKAGE).as_posix(), name)
        for path in python_files(PACKAGE)
        for _, name in sqlalchemy_imports(path.read_text(encoding="utf-8"))
    }
    assert set(EXCEPTIONS) <= used, set(EXCEPTIONS) - used


PLANTED = [
    # (file, code planted in it, the names it should be reported importing)
    (
        "usecases/plans.py",
        "from sqlalchemy import func, select",
        ["sqlalchemy.func", "sqlalchemy.select"],
    ),
    (
        "exports/csv.py",
        "def later():\n    from sqlalchemy.orm import joinedload",
        ["sqlalchemy.orm.joinedload"],
    ),
    ("web/app.py", "import sqlalchemy as sa", ["sqlalchemy"]),
    ("reports/facts.py", "from sqlalchemy import text as raw_sql", ["sqlalchemy.text"]),
    ("usecases/users.py", "from sqlalchemy.orm import Session", []),
    ("web/app.py", "from sqlalchemy import Engine", []),
    ("store/repositories/plans.py", "from sqlalchemy import delete, update", []),
]


@pytest.mark.parametrize(("planted_in", "code", "names"), PLANTED)
def test_a_planted_import_is_reported(tmp_path, planted_in, code, names):
    target = tmp_path / "minsheng" / planted_in
    target.parent.mkdir(parents=True)
    target.write_text(f'"""A module."""\n\n{code}\n', encoding="utf-8")

    found = query_imports(tmp_path / "minsheng")

    line = 2 + len(code.splitlines())  # the last line planted
    assert found == [f"{planted_in}:{line} imports {name}" for name in names]


PLANTED_READS = [
    # (file, code planted in it, the methods it should be reported calling)
    ("usecases/review.py", "found = session.get(Observation, 1)", ["get"]),
    (
        "web/pages/downloads.py",
        "def later(session):\n    return session.scalars(query).all()",
        ["scalars"],
    ),
    ("reports/facts.py", "rows = [session.execute(q), session.scalar(q)]", ["execute", "scalar"]),
    ("cli/app.py", "session.query(Plan).first()", ["query"]),
    ("web/csrf.py", "token = request.session.get('csrf')", []),
    ("usecases/users.py", "session.add(user)\nsession.flush()", []),
    ("usecases/cache.py", "cache.get(key)", []),
    ("store/repositories/plans.py", "plan = session.get(Plan, 1)", []),
]


@pytest.mark.parametrize(("planted_in", "code", "methods"), PLANTED_READS)
def test_a_planted_session_read_is_reported(tmp_path, planted_in, code, methods):
    target = tmp_path / "minsheng" / planted_in
    target.parent.mkdir(parents=True)
    target.write_text(f'"""A module."""\n\n{code}\n', encoding="utf-8")

    found = session_queries(tmp_path / "minsheng")

    line = 2 + len(code.splitlines())  # the last line planted
    assert found == [f"{planted_in}:{line} calls session.{method}" for method in methods]
