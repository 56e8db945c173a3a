"""Imports flow one way: model ← ingest | collect | evaluate | store ← usecases ←
reports | exports ← web | cli.

The core never reaches outwards."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "minsheng"

FORBIDDEN = {
    "model": ("minsheng.ingest", "minsheng.cli", "typer", "sqlalchemy", "fastapi"),
    "ingest/parsers": ("minsheng.ingest.readers", "minsheng.cli", "docx", "bs4", "pdfplumber"),
    "ingest": ("minsheng.cli", "typer", "sqlalchemy", "fastapi"),
    "evaluate": (
        "minsheng.ingest.readers",
        "minsheng.cli",
        "typer",
        "sqlalchemy",
        "fastapi",
        "jinja2",
        "requests",
        "httpx",
    ),
    "store": ("minsheng.cli", "minsheng.usecases", "typer", "fastapi", "jinja2"),
    "usecases": ("minsheng.cli", "minsheng.web", "minsheng.reports", "typer", "fastapi", "jinja2"),
    "collect": ("minsheng.cli", "minsheng.web", "minsheng.store", "sqlalchemy", "fastapi"),
    "reports": ("minsheng.cli", "minsheng.web", "fastapi", "typer"),
    "exports": ("minsheng.cli", "minsheng.web", "fastapi", "typer"),
    "web": ("minsheng.cli", "typer"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_inwards(layer):
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / layer).rglob("*.py")
        for name in imported_modules(path)
        if name.startswith(FORBIDDEN[layer])
    ]
    assert offenders == []
