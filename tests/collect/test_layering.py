"""Collection is a pure core with file edges: it never reaches storage or the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

COLLECT = Path(__file__).resolve().parents[2] / "src" / "minsheng" / "collect"
FORBIDDEN = (
    "minsheng.cli",
    "minsheng.store",
    "minsheng.usecases",
    "minsheng.settings",
    "sqlalchemy",
    "typer",
)


def test_collect_imports_point_inwards():
    offenders = []
    for path in COLLECT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module
                else []
            )
            offenders += [f"{path.name} imports {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []


def test_chinese_strings_live_in_messages():
    scattered = [
        f"{path.name}:{node.lineno}"
        for path in COLLECT.rglob("*.py")
        if path.name != "messages.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and not _is_docstring_like(node.value)
        and any("\u4e00" <= ch <= "\u9fff" for ch in node.value)
    ]
    assert scattered == []


def _is_docstring_like(text: str) -> bool:
    return "\n" in text or text.endswith(".") or " " in text.strip()
