"""How commands print: JSON for programs, rich tables for people."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console

PIPE_WIDTH = 160  # wide enough for whole indicator names when output goes to a file


class OutputFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


def console() -> Console:
    return Console(width=None if sys.stdout.isatty() else PIPE_WIDTH)


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
