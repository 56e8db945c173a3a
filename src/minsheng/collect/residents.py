"""Where residents live, read from a file of points or grid cells and checked: every
row's coordinates and population, or every problem (the first rows' named one by one, and
how many there are in all) and no row at all.

Columns (English or Chinese headers, see `messages.RESIDENT_ALIASES`): x and y (projected
metres) or lon and lat (经度/纬度), population (人口/常住人口; a header naming 万, such as
常住人口（万人）, gives 10,000s; zero is allowed, an empty grid cell), and optionally region
(地区, kept as written). Formats as `spatial_files` reads them; a polygon (a grid cell)
stands for its centroid.

Files run to a million cells, so columns are checked as arrays (`numbers`): a clean file
of 1,000,000 CSV rows takes a few seconds, nearly all of it reading the CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from minsheng.collect import messages as msg
from minsheng.collect.numbers import FloatArray, Issue, name_problems, number_issues, read_numbers
from minsheng.collect.positions import read_positions
from minsheng.collect.readers import TableLayout
from minsheng.collect.records import field_texts
from minsheng.collect.spatial_files import read_spatial_file
from minsheng.errors import EmptyDocument
from minsheng.model.observation import CellProblem

RESIDENTS = TableLayout(
    fields=("x", "y", "lon", "lat", "population", "region"),
    required=("population",),
    aliases=msg.RESIDENT_ALIASES,
    labels=msg.RESIDENT_LABELS,
    reported=None,
)
NAMED_ROWS = 50
"""How many bad rows have their problems listed; the rest are counted."""
_NOTHING: FloatArray = np.zeros(0, dtype=np.float64)


@dataclass(frozen=True)
class ResidentCheck:
    """The points and their residents (coordinates in the file's CRS), or (all empty)
    the problems: those of the first `NAMED_ROWS` bad rows, and `problem_count` in all."""

    x: FloatArray
    y: FloatArray
    population: FloatArray
    region: tuple[str | None, ...]
    problems: list[CellProblem] = field(default_factory=list)
    crs: str | None = None
    geographic: bool = False
    problem_count: int = 0


def check_resident_file(path: Path, layer: str | None = None) -> ResidentCheck:
    """Read and check every row (see the module docstring); all rows or none."""
    table = read_spatial_file(path, RESIDENTS, place="centroid", layer=layer)
    records = table.records
    if not len(records):
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    positions = read_positions(table, msg.RESIDENT_LABELS)
    label = records.columns.get("population") or msg.HEADER_POPULATION
    texts = field_texts(records, "population")
    population = read_numbers(texts)
    with np.errstate(invalid="ignore"):
        negative = population.values < 0

    def negative_count(index: int) -> str:
        return msg.NEGATIVE_AMOUNT.format(label=label, raw=texts[index])

    issues = [
        *positions.issues,
        *number_issues("population", population, texts, label, required=True),
        Issue("population", negative, negative_count),
    ]
    columns = {**positions.columns, "population": label}
    problems, count = name_problems(records, issues, columns, NAMED_ROWS)
    if problems:
        empty = _NOTHING
        return ResidentCheck(empty, empty, empty, (), problems, table.crs,
                             positions.geographic, count)  # fmt: skip
    scale = 10_000.0 if msg.TEN_THOUSAND in label else 1.0
    regions = tuple(text or None for text in field_texts(records, "region"))
    return ResidentCheck(positions.x, positions.y, population.values * scale, regions, [],
                         table.crs, positions.geographic)  # fmt: skip
