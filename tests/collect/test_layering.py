"""Collection's user-facing Chinese text lives in one place, collect/messages.py.

What collect may import is checked with every other package in tests/test_architecture.py."""

from __future__ import annotations

import ast
from pathlib import Path

COLLECT = Path(__file__).resolve().parents[2] / "src" / "minsheng" / "collect"


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
