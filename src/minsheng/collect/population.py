"""A population file (常住人口 and households per region and year) read and checked: all
rows typed or every problem named, nothing in between — as observation files are.

Columns: 地区 (a region's name, or its 6-digit GB/T 2260 code where names repeat), 年份,
常住人口 (persons; a header naming 万人, such as 常住人口（万人）, gives 10,000s), and
optionally 户数 and 数据来源.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from minsheng.collect import messages as msg
from minsheng.collect.readers import TableLayout
from minsheng.collect.records import RawRecord, Records, field_texts
from minsheng.collect.validate.cells import BLANK, Cell
from minsheng.collect.validate.spec import fold
from minsheng.model.observation import CellProblem

POPULATION = TableLayout(
    fields=("region", "year", "population", "households", "source"),
    required=("region", "year", "population"),
    aliases=msg.POPULATION_ALIASES,
    labels=msg.POPULATION_LABELS,
    reported="population",
)
FIRST_YEAR, LAST_YEAR = 1949, 2050
_YEAR = re.compile(rf"([0-9]{{4}})(?:\.0+)?(?:{re.escape(msg.YEAR_SUFFIX)})?")
_COUNT = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|[0-9]*\.[0-9]+")

RegionLookup = Callable[[str], Cell]
"""A region cell's text → the region's id, or the problem (unknown, ambiguous)."""


@dataclass(frozen=True)
class PopulationRow:
    """One checked row: where it came from and what it says."""

    row: int
    region_id: int
    year: int
    population: float
    households: float | None
    source: str | None


@dataclass(frozen=True)
class PopulationCheck:
    """Every row typed, or (rows empty) every problem found."""

    rows: list[PopulationRow] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


def check_population(records: Records, region: RegionLookup) -> PopulationCheck:
    """Check every record (see the module docstring); all rows or none."""
    cells = {
        "region": [region(text) if text else BLANK for text in field_texts(records, "region")],
        "year": list(map(_year, field_texts(records, "year"))),
        "population": _counts(records, "population", required=True),
        "households": _counts(records, "households", required=False),
    }
    problems = _problems(records, cells)
    if problems:
        return PopulationCheck(problems=problems)
    sources = [text or None for text in field_texts(records, "source")]
    values = zip(*(map(_value, cells[name]) for name in cells), sources, strict=True)
    return PopulationCheck([PopulationRow(r.row, *v) for r, v in zip(records, values, strict=True)])


def _counts(records: Records, name: str, *, required: bool) -> list[Cell]:
    """A column of counts, in 10,000s when its header speaks of 万 (万人, 万户)."""
    scale = 10_000.0 if msg.TEN_THOUSAND in records.columns.get(name, "") else 1.0
    return [_count(text, name, scale, required=required) for text in field_texts(records, name)]


def _year(raw: str) -> Cell:
    match = _YEAR.fullmatch(fold(raw))
    if not raw:
        return BLANK
    if match is None:
        return Cell(None, msg.NOT_A_YEAR.format(raw=raw))
    year = int(match[1])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return Cell(None, msg.YEAR_OUT_OF_RANGE.format(year=year, first=FIRST_YEAR, last=LAST_YEAR))
    return Cell(year)


def _count(raw: str, name: str, scale: float, required: bool) -> Cell:
    """A positive number of people or households, in units of `scale`."""
    text = fold(raw)
    if not text:
        return BLANK if required else Cell(None)
    if not _COUNT.fullmatch(text) or float(text.replace(",", "")) <= 0:
        return Cell(None, msg.NOT_A_COUNT.format(label=msg.POPULATION_LABELS[name], raw=raw))
    return Cell(float(text.replace(",", "")) * scale)


def _value(cell: Cell) -> object:
    return cell.value


def _problems(records: Records, cells: Mapping[str, list[Cell]]) -> list[CellProblem]:
    """Every problem row by row in column order; a row repeating an earlier one last."""
    problems: list[CellProblem] = []
    first: dict[tuple[int, int], int] = {}
    for index, record in enumerate(records):
        for name, column in cells.items():
            if (message := column[index].problem) is not None:
                problems.append(_problem(record, name, message))
        key = (cells["region"][index].value, cells["year"][index].value)
        if None not in key and first.setdefault(key, record.row) != record.row:
            message = msg.DUPLICATE_POPULATION.format(first=first[key])
            problems.append(_problem(record, "year", message))
    return problems


def _problem(record: RawRecord, name: str, message: str) -> CellProblem:
    column = record.column(name)
    if message == msg.BLANK_CELL:
        message = message.format(label=column)
    return CellProblem(record.file, record.row, column, message, record.sheet)
