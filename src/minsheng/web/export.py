"""Tables as downloads: the same rows as the JSON, as CSV (Excel-ready) or XLSX.

Rows arrive as dicts, possibly nested (a value with its raw text and its reading); they
are flattened to dotted column names (`baseline.raw`, `baseline.number`) so every cell
is a scalar, and lists are joined with "; ".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote

from fastapi.responses import Response

from minsheng.exports.labels import header
from minsheng.exports.writers import (
    add_table_sheet,
    csv_pieces,
    empty_workbook,
    header_rows,
    workbook_bytes,
)
from minsheng.exports.xlsx import XLSX_TYPE

Row = Mapping[str, Any]
CSV_TYPE = "text/csv; charset=utf-8"


def flatten(row: Row, prefix: str = "") -> dict[str, Any]:
    """One level of keys: nested dicts become `outer.inner`, lists a joined string."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, prefix=f"{name}."))
        elif isinstance(value, list | tuple):
            flat[name] = "; ".join(str(item) for item in value)
        else:
            flat[name] = value
    return flat


def _header(rows: Iterable[Row]) -> list[str]:
    """Every column any row has, in first-seen order (rows may differ in nested keys)."""
    return list(dict.fromkeys(key for row in rows for key in row))


def label(table: str, column: str) -> str:
    """A column's Chinese header (open data's catalogue); `baseline.number` reads 基期值.number."""
    first, dot, rest = column.partition(".")
    return header(table, first) + dot + rest


def _csv(rows: list[dict[str, Any]], headers: list[list[str]], names: list[str]) -> bytes:
    """UTF-8 with a BOM, so Excel on Windows reads the Chinese text correctly."""
    return b"".join(csv_pieces(headers, names, rows, bom=True))


def _xlsx(rows: list[dict[str, Any]], headers: list[list[str]], names: list[str]) -> bytes:
    """One sheet, bold frozen header rows, one row per record."""
    workbook = empty_workbook()
    add_table_sheet(workbook, "Sheet", headers, names, rows)
    return workbook_bytes(workbook)


Writer = Callable[[list[dict[str, Any]], list[list[str]], list[str]], bytes]
WRITERS: dict[str, tuple[Writer, str]] = {
    "csv": (_csv, CSV_TYPE),
    "xlsx": (_xlsx, XLSX_TYPE),
}
DOWNLOAD_FORMATS = tuple(WRITERS)


def table_download(rows: Iterable[Row], *, format: str, name: str, headers: str = "en") -> Response:
    """The rows as an attachment named `name.<format>`, with the header rows `headers`
    asks for (en: field names; zh: Chinese headers; zh-en: both, Chinese first)."""
    write, media_type = WRITERS[format]
    flat = [flatten(row) for row in rows]
    names = _header(flat)
    labels = [label(name, column) for column in names]
    body = write(flat, header_rows(names, labels, headers), names)
    disposition_header = {"Content-Disposition": disposition(f"{name}.{format}")}
    return Response(body, media_type=media_type, headers=disposition_header)


def disposition(filename: str, fallback: str | None = None) -> str:
    """An attachment's Content-Disposition: the name as written (RFC 5987 `filename*`,
    so 合肥市-十四五-指标.xlsx arrives whole) and an ASCII `filename` for old clients."""
    plain = fallback or filename
    if plain.isascii() and plain == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"
