"""Reading minsheng's open data files back as a user's program would: the Chinese header
row, then the English field names, then the rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook


def sheet_records(path: Path, title: str) -> tuple[list[str], list[str], list[dict]]:
    """The sheet's Chinese headers, field names and rows keyed by field name."""
    rows = list(load_workbook(path)[title].iter_rows(values_only=True))
    names = list(rows[1])
    return list(rows[0]), names, [dict(zip(names, row, strict=True)) for row in rows[2:]]


def csv_records(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """A two-header CSV's Chinese headers and its rows keyed by the field names."""
    lines = io.StringIO(data.decode("utf-8-sig"), newline="")
    labels = next(csv.reader(lines))
    return labels, list(csv.DictReader(lines))
