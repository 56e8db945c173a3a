"""Ingestion: plan documents in any supported format → a structured plan.

The readers (PDF, Word, HTML …) load their libraries when a document is read, not when
this package is imported: the parsers' helpers are used by commands that read no file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from minsheng.model.plan import ParsedPlan

__all__ = ["parse_document", "parse_file"]


def parse_file(path: Path) -> ParsedPlan:
    """Read and parse one plan document; raises an InputProblem naming the file."""
    from minsheng.ingest.parsers.plan import parse_document  # noqa: PLC0415 (see above)
    from minsheng.ingest.readers import read_document  # noqa: PLC0415

    return parse_document(read_document(path))


def __getattr__(name: str) -> Any:
    """`parse_document`, imported when first asked for (PEP 562)."""
    if name == "parse_document":
        from minsheng.ingest.parsers.plan import parse_document  # noqa: PLC0415

        return parse_document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
