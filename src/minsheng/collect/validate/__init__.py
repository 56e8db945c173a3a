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

Outliers are flagged, never rejected (see `outliers`, the one rule upload, form and review
share): a value whose year-on-year change strays far from its region's own trend, or
that lies outside its range rule (`ValidationContext.ranges`), gets `flags=("outlier",)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter, itemgetter

from minsheng.collect import messages as msg
from minsheng.collect.records import RawRecord, field_texts, row_numbers
from minsheng.collect.validate.cells import NO_INDICATOR, Cell, Rules
from minsheng.collect.validate.outliers import (
    MIN_CHANGES,
    OUTLIER_THRESHOLD,
    outlier_rows,
    outlier_years,
)
from minsheng.collect.validate.reasons import outside_ranges
from minsheng.collect.validate.spec import (
    History,
    IndicatorSpec,
    TypedRows,
    ValidationContext,
    ValidationResult,
)
from minsheng.model.observation import CellProblem

__all__ = [
    "MIN_CHANGES",
    "OUTLIER_THRESHOLD",
    "History",
    "IndicatorSpec",
    "TypedRows",
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
    numbers = row_numbers(records)
    problems = _problems(records, numbers, cells, context.file)
    if problems:
        return ValidationResult(problems=problems)
    typed = {field: list(map(_VALUE, column)) for field, column in cells.items()}
    specs = {id(spec): spec for spec in typed["indicator"]}.values()
    typed["indicator"] = list(map(_NAME, typed["indicator"]))
    flagged = outlier_rows(
        regions=typed["region"],
        indicators=typed["indicator"],
        years=typed["year"],
        values=typed["value"],
        history=context.history,
        skip={spec.name for spec in specs if spec.qualitative},
    )
    flagged = [*flagged, *outside_ranges(typed["region"], typed["indicator"], typed["value"],
                                         context.ranges)]  # fmt: skip
    notes = [note or None for note in field_texts(records, "note")]
    rows = TypedRows(**typed, row=numbers, note=notes, outliers=sorted(set(flagged)))
    return ValidationResult(problems=[], typed=rows)


_VALUE, _NAME, _PROBLEM = itemgetter(0), attrgetter("name"), attrgetter("problem")


def _cells(records: Sequence[RawRecord], rules: Rules) -> dict[str, list[Cell]]:
    """Each checked field's cells as its rule reads them, in record order."""

    def texts(field: str) -> list[str]:
        return field_texts(records, field)

    named = (("region", rules.region), ("indicator", rules.indicator), ("year", rules.year))
    cells = {field: list(map(rule, texts(field))) for field, rule in named}
    specs = list(map(_VALUE, cells["indicator"]))
    units = [spec.unit if spec else NO_INDICATOR for spec in specs]
    cells["value"] = list(map(rules.value, texts("value"), specs))
    cells["unit"] = list(map(rules.unit, texts("unit"), units))
    cells["source"] = list(map(rules.source, texts("source")))
    return cells


def _problems(
    records: Sequence[RawRecord], numbers: list[int], cells: dict[str, list[Cell]], file: str
) -> list[CellProblem]:
    """Every problem, row by row in column order; a row repeating an earlier one last."""
    repeats = _repeats(numbers, cells)
    if not repeats and not any(any(map(_PROBLEM, column)) for column in cells.values()):
        return []
    bad = {i for column in cells.values() for i, cell in enumerate(column) if cell.problem}
    problems: list[CellProblem] = []
    for index in sorted(bad | repeats.keys()):
        record = records[index]
        for field, column in cells.items():
            if (message := column[index].problem) is not None:
                problems.append(_problem(record, field, message, file))
        if index in repeats:
            message = msg.DUPLICATE_ROW.format(first=repeats[index])
            problems.append(_problem(record, "indicator", message, file))
    return problems


def _repeats(numbers: list[int], cells: dict[str, list[Cell]]) -> dict[int, int]:
    """Record index → the row it repeats: a region, indicator and year go in once."""
    first: dict[tuple[str, str, int], int] = {}  # key → index of its first record
    repeats: dict[int, int] = {}
    keys = zip(cells["region"], cells["indicator"], cells["year"], strict=True)
    for index, (region, spec, year) in enumerate(keys):
        if region.value is None or spec.value is None or year.value is None:
            continue
        earlier = first.setdefault((region.value, spec.value.name, year.value), index)
        if earlier != index:
            repeats[index] = numbers[earlier]
    return repeats


def _problem(record: RawRecord, field: str, message: str, file: str) -> CellProblem:
    column = record.column(field)
    if message == msg.BLANK_CELL:
        message = message.format(label=column)
    return CellProblem(file, record.row, column, message, record.sheet)
