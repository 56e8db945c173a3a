"""Facts of the Hefei seed plan that many tests write data for: its districts and
counties in the gazetteer's order (by GB/T 2260 code), the first four 市辖区."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

HEFEI_DISTRICTS = (
    "瑶海区",
    "庐阳区",
    "蜀山区",
    "包河区",
    "长丰县",
    "肥东县",
    "肥西县",
    "庐江县",
    "巢湖市",
)
URBAN = 4  # the first four are 市辖区


def write_csv(path: Path, header: str, rows: Iterable[str]) -> Path:
    """A UTF-8 CSV file of `header` and `rows` (each already comma-joined)."""
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path
