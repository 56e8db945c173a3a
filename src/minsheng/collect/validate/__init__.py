"""Check raw records of an uploaded file and type them into observation rows.

`validate` is all or nothing: it returns the typed rows only when the whole file is
valid, and otherwise every problem it found (each with its sheet, row, column and a
Chinese reason) and no rows. A caller writes to storage only when `problems` is empty;
there is no partial import.

Checks, per cell (the rules are in `cells`):

- 地区 must be one of the known regions; 指标 must resolve (by name or alias) through the
  context's resolver; 年份 must be a year from the base year (period start − 1) to the
  period's end.
- 数值 must be a number. `1,234` (thousands), full-width digits and a trailing `%` (for
  percent indicators only) are accepted; 是/否/yes/no read as 1/0 for qualitative
  indicators only, which accept nothing but 1 and 0.
- 单位, when given, must equal the indicator's unit after width folding (`％` is `%`).
- Range: a percentage lies in 0–100, except gross ratios (毛入园率, 毛入学率 — see
  `IndicatorSpec.allows_over_100`) which may pass 100; no value is negative unless the
  indicator allows it (growth rates).
- 数据来源, when given, must be one of `Source` (by its Chinese value or English name).
- A (region, indicator, year) may appear only once in a file; the later row is reported.

Outliers are flagged, never rejected (see `outliers`): a file value whose year-on-year
change is far off its series' usual change gets `flags=("outlier",)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

from minsheng.collect import messages as msg
from minsheng.collect.readers import RawRecord
from minsheng.collect.validate.cells import NO_INDICATOR, Cell, Rules
from minsheng.collect.validate.outliers import (
    MIN_CHANGES,
    OUTLIER_THRESHOLD,
    outlier_rows,
    outlier_years,
)
from minsheng.collect.validate.spec import (
    OUTLIER,
    History,
    IndicatorSpec,
    ValidationContext,
    ValidationResult,
)
from minsheng.model.observation import CellProblem, ObservationRow

__all__ = [
    "MIN_CHANGES",
    "OUTLIER_THRESHOLD",
    "History",
    "IndicatorSpec",
    "ValidationContext",
    "ValidationResult",
    "outlier_years",
    "validate",
]


def validate(records: Sequence[RawRecord], context: ValidationContext) -> ValidationResult:
    """Check every record; return all rows or none (see the module docstring).

    Nothing is partially accepted: write `rows` only when `problems` is empty (they are
    then every record of the file; when there are problems, `rows` is empty). A file
    with no records is valid and yields no rows; saying "nothing to import" is the
    caller's business. The rules run column by column; problems are then listed row by
    row, in column order, a repeated row last.
    """
    cells = _cells(records, Rules(context))
    problems = _problems(records, cells, context.file)
    if problems:
        return ValidationResult(rows=[], problems=problems)
    typed = {field: [cell.value for cell in column] for field, column in cells.items()}
    typed["indicator"] = [spec.name for spec in typed["indicator"]]
    rows = _rows(records, typed)
    qualitative = {cell.value.name for cell in cells["indicator"] if cell.value.qualitative}
    for index in outlier_rows(
        regions=typed["region"],
        indicators=typed["indicator"],
        years=typed["year"],
        values=typed["value"],
        history=context.history,
        skip=qualitative,
    ):
        rows[index] = replace(rows[index], flags=(*rows[index].flags, OUTLIER))
    return ValidationResult(rows=rows, problems=[])


def _rows(records: Sequence[RawRecord], typed: dict[str, list[Any]]) -> list[ObservationRow]:
    """The records as rows, from their typed cells (indicators by canonical name)."""
    fields = ("region", "indicator", "year", "value")
    numbers = [record.row for record in records]
    notes = [record.values.get("note") or None for record in records]
    columns = (*(typed[f] for f in fields), numbers, typed["unit"], typed["source"], notes)
    return list(map(ObservationRow, *columns))


def _cells(records: Sequence[RawRecord], rules: Rules) -> dict[str, list[Cell]]:
    """Each checked field's cells as its rule reads them, in record order."""

    def texts(field: str) -> list[str]:
        return [record.values.get(field, "") for record in records]

    named = (("region", rules.region), ("indicator", rules.indicator), ("year", rules.year))
    cells = {field: list(map(rule, texts(field))) for field, rule in named}
    specs = [cell.value for cell in cells["indicator"]]
    units = [spec.unit if spec else NO_INDICATOR for spec in specs]
    cells["value"] = list(map(rules.value, texts("value"), specs))
    cells["unit"] = list(map(rules.unit, texts("unit"), units))
    cells["source"] = list(map(rules.source, texts("source")))
    return cells


_PROBLEM = attrgetter("problem")


def _problems(
    records: Sequence[RawRecord], cells: dict[str, list[Cell]], file: str
) -> list[CellProblem]:
    """Every problem, row by row in column order; a row repeating an earlier one last."""
    repeats = _repeats(records, cells)
    if not repeats and not any(any(map(_PROBLEM, column)) for column in cells.values()):
        return []
    problems: list[CellProblem] = []
    for index, record in enumerate(records):
        for field, column in cells.items():
            if (message := column[index].problem) is not None:
                problems.append(_problem(record, field, message, file))
        if index in repeats:
            message = msg.DUPLICATE_ROW.format(first=repeats[index])
            problems.append(_problem(record, "indicator", message, file))
    return problems


def _repeats(records: Sequence[RawRecord], cells: dict[str, list[Cell]]) -> dict[int, int]:
    """Record index → the row it repeats: a region, indicator and year go in once."""
    first: dict[tuple[str, str, int], int] = {}  # key → index of its first record
    repeats: dict[int, int] = {}
    keys = zip(cells["region"], cells["indicator"], cells["year"], strict=True)
    for index, (region, spec, year) in enumerate(keys):
        if region.value is None or spec.value is None or year.value is None:
            continue
        earlier = first.setdefault((region.value, spec.value.name, year.value), index)
        if earlier != index:
            repeats[index] = records[earlier].row
    return repeats


def _problem(record: RawRecord, field: str, message: str, file: str) -> CellProblem:
    column = record.column(field)
    if message == msg.BLANK_CELL:
        message = message.format(label=column)
    return CellProblem(file, record.row, column, message, record.sheet)
