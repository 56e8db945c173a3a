"""How commands print: JSON for programs, rich tables for people.

Rich is imported by the commands that print a table, not when the `minsheng` command starts.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

PIPE_WIDTH = 160  # wide enough for whole indicator names when output goes to a file


class OutputFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


def console() -> Console:
    from rich.console import Console  # noqa: PLC0415

    return Console(width=None if sys.stdout.isatty() else PIPE_WIDTH)


def new_table(*headers: str) -> Table:
    """A rich table with these column headers."""
    from rich.table import Table  # noqa: PLC0415

    return Table(*headers)


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cell_text(value: object) -> str:
    """A table cell: — for nothing, yes/no, counts whole with separators, coordinates to
    about a metre, smaller numbers to four digits."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.5f}" if abs(value) >= 10 else f"{value:.4g}"
    return str(value)
