"""A facility file (where each 社区卫生服务中心, 托育机构, 幼儿园… is) read and checked:
every row typed, or every bad cell named and no row at all.

Columns (English or Chinese headers, see `messages.FACILITY_ALIASES`): name (名称), type
(类型/设施类型: a code, name or alias of `model.facility_types`), either x and y (projected
metres) or lon and lat (经度/纬度), and optionally capacity (容量/规模/床位/托位/面积…, in
the type's capacity unit), region (地区/所在区县, kept as written) and status (状态).
Formats: CSV, XLSX, GeoJSON, GeoPackage (`spatial_files`); a geometry gives the
coordinates, a MultiPoint or polygon its representative point.

Coordinates are kept as the file gives them, in its CRS (`FacilityCheck.crs`, which the
file declares only for GeoJSON and GeoPackage): placing them is the caller's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np

from minsheng.collect import messages as msg
from minsheng.collect.numbers import Issue, NumberColumn, name_problems, number_issues, read_numbers
from minsheng.collect.positions import Positions, read_positions
from minsheng.collect.readers import TableLayout
from minsheng.collect.records import Records, field_texts
from minsheng.collect.spatial_files import read_spatial_file
from minsheng.errors import EmptyDocument
from minsheng.model.facility_types import FacilityType, facility_type, facility_types
from minsheng.model.observation import CellProblem

FACILITIES = TableLayout(
    fields=("name", "type", "x", "y", "lon", "lat", "capacity", "region", "status"),
    required=("name", "type"),
    aliases=msg.FACILITY_ALIASES,
    labels=msg.FACILITY_LABELS,
    reported=None,
)
KNOWN_TYPES_SHOWN = 6


@dataclass(frozen=True)
class FacilityRow:
    """One checked facility, its coordinates in the file's CRS."""

    row: int
    name: str
    type_code: str
    x: float
    y: float
    capacity: float | None
    region: str | None
    status: str | None


@dataclass(frozen=True)
class FacilityCheck:
    """Every row typed, or (rows empty) every problem found; the CRS the file declares
    (None for CSV and XLSX) and whether its coordinates are longitude/latitude."""

    rows: list[FacilityRow] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    crs: str | None = None
    geographic: bool = False


def check_facility_file(path: Path, layer: str | None = None) -> FacilityCheck:
    """Read and check every row (see the module docstring); all rows or none."""
    table = read_spatial_file(path, FACILITIES, place="representative", layer=layer)
    records = table.records
    if not len(records):
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    positions = read_positions(table, msg.FACILITY_LABELS)
    types = [facility_type(text) if text else None for text in field_texts(records, "type")]
    capacity = read_numbers(field_texts(records, "capacity"))
    columns = _columns(records, positions)
    issues = [
        *_text_issues(records, "name", columns),
        *_type_issues(records, types, columns),
        *positions.issues,
        *_capacity_issues(records, capacity, columns),
    ]
    problems, _ = name_problems(records, issues, columns)
    if problems:
        return FacilityCheck(problems=problems, crs=table.crs, geographic=positions.geographic)
    rows = _rows(records, types, positions, capacity)
    return FacilityCheck(rows, [], table.crs, positions.geographic)


def _columns(records: Records, positions: Positions) -> dict[str, str]:
    """Each checked field's column as the file names it, in the order problems are listed."""

    def named(name: str) -> str:
        return records.columns.get(name) or msg.FACILITY_LABELS[name]

    return {
        "name": named("name"), "type": named("type"), **positions.columns,
        "capacity": named("capacity"),
    }  # fmt: skip


def _text_issues(records: Records, name: str, columns: dict[str, str]) -> list[Issue]:
    """A blank cell in a required text column."""
    blank = np.array([not text for text in field_texts(records, name)], dtype=np.bool_)
    label = columns[name]
    return [Issue(name, blank, lambda _: msg.BLANK_CELL.format(label=label))]


def _type_issues(
    records: Records, types: list[FacilityType | None], columns: dict[str, str]
) -> list[Issue]:
    """A blank type, and a type the catalogue does not know (naming a few it does)."""
    texts = field_texts(records, "type")
    unknown = np.array([t is None and bool(s) for t, s in zip(types, texts, strict=True)])
    known = "、".join(kind.name for kind in islice(facility_types(), KNOWN_TYPES_SHOWN))

    def unknown_type(index: int) -> str:
        return msg.UNKNOWN_FACILITY_TYPE.format(raw=texts[index], known=known)

    return [*_text_issues(records, "type", columns), Issue("type", unknown, unknown_type)]


def _capacity_issues(
    records: Records, capacity: NumberColumn, columns: dict[str, str]
) -> list[Issue]:
    texts, label = field_texts(records, "capacity"), columns["capacity"]
    with np.errstate(invalid="ignore"):
        negative = capacity.values < 0
    issues = number_issues("capacity", capacity, texts, label, required=False)

    def negative_amount(index: int) -> str:
        return msg.NEGATIVE_AMOUNT.format(label=label, raw=texts[index])

    return [*issues, Issue("capacity", negative, negative_amount)]


def _rows(
    records: Records,
    types: list[FacilityType | None],
    positions: Positions,
    capacity: NumberColumn,
) -> list[FacilityRow]:
    names, regions, statuses = (field_texts(records, f) for f in ("name", "region", "status"))
    capacities = [None if blank else value for value, blank in
                  zip(capacity.values.tolist(), capacity.blank.tolist(), strict=True)]  # fmt: skip
    return [
        FacilityRow(number, name, kind.code, x, y, amount, region or None, status or None)
        for number, name, kind, x, y, amount, region, status in zip(
            records.rows, names, types, positions.x.tolist(), positions.y.tolist(),
            capacities, regions, statuses, strict=True,
        )
        if kind is not None
    ]  # fmt: skip
