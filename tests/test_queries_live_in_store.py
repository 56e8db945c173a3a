"""Queries live in store/: no module outside it imports SQLAlchemy's query building.

Use cases, exports, reports and the edges call keyword-only repository functions in
``minsheng.store.repositories``; outside ``store/`` they may name only the types that pass a
database around (a ``Session``, an ``Engine``). Any other SQLAlchemy import — ``select``,
``func``, ``update``, ``insert``, ``delete``, ``or_``, ``and_``, ``text``, loader options, or
the bare module — is reported with its file and line, wherever it sits in the file (module
level, inside a function, under ``if TYPE_CHECKING:``).
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
