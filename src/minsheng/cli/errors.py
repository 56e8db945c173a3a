"""Turn a MinshengError into a message on stderr and its exit code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from minsheng.errors import MinshengError


@contextmanager
def reported_errors() -> Iterator[None]:
    """Let a command fail with a clear one-line message instead of a traceback."""
    try:
        yield
    except MinshengError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=error.exit_code) from error
