"""Ingestion: plan documents in any supported format → a structured plan."""

from __future__ import annotations

from pathlib import Path

from minsheng.ingest.parsers.plan import parse_document
from minsheng.ingest.readers import read_document
from minsheng.model.plan import ParsedPlan

__all__ = ["parse_document", "parse_file"]


def parse_file(path: Path) -> ParsedPlan:
    """Read and parse one plan document; raises an InputProblem naming the file."""
    return parse_document(read_document(path))
