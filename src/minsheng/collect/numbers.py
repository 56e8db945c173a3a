"""Columns of numbers read at once, and their problems named cell by cell.

Facility and resident files hold coordinates and counts by the hundred thousand, so a
column is read in one numpy call when every cell is a plain number and cell by cell (full
width, thousands separators) only when one is not; problems are found as masks over the
whole column and turned into `CellProblem`s only for the rows shown to the user.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from minsheng.collect import messages as msg
from minsheng.collect.records import Records
from minsheng.collect.validate.spec import fold
from minsheng.model.observation import CellProblem

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")


@dataclass(frozen=True)
class NumberColumn:
    """A column's numbers: NaN where a cell is blank or not a number (`bad`)."""

    values: FloatArray
    blank: BoolArray
    bad: BoolArray

    @property
    def nonfinite(self) -> BoolArray:
        """Cells that read as a number but not a finite one (nan, inf)."""
        return ~np.isfinite(self.values) & ~self.blank & ~self.bad


def read_numbers(texts: Sequence[str]) -> NumberColumn:
    """Each cell's number; one numpy call when every cell is a plain number."""
    try:
        values = np.array(texts, dtype=np.float64)
    except ValueError:
        return _cell_by_cell(texts)
    nothing = np.zeros(len(values), dtype=np.bool_)
    return NumberColumn(np.atleast_1d(values), nothing, nothing.copy())


def _cell_by_cell(texts: Sequence[str]) -> NumberColumn:
    numbers = [_number(text) for text in texts]
    values = np.array([np.nan if n is None else n for n in numbers], dtype=np.float64)
    blank = np.array([not text for text in texts], dtype=np.bool_)
    bad = np.array([n is None for n in numbers], dtype=np.bool_) & ~blank
    return NumberColumn(values, blank, bad)


def _number(text: str) -> float | None:
    """A number as people type one: 1234, 1,234, １２３４．５; None if it is none."""
    try:
        return float(text)
    except ValueError:
        folded = fold(text)
    if _THOUSANDS.fullmatch(folded):
        folded = folded.replace(",", "")
    try:
        return float(folded)
    except ValueError:
        return None


@dataclass(frozen=True)
class Issue:
    """One kind of problem in one column: the rows that have it, and its wording."""

    field: str
    rows: BoolArray
    message: Callable[[int], str]
    """The message for the row at this index."""


def number_issues(
    field: str, column: NumberColumn, texts: Sequence[str], label: str, *, required: bool
) -> list[Issue]:
    """Blank (when required), not a number, not finite: each as an `Issue`."""
    issues = [
        Issue(field, column.bad, lambda i: msg.NOT_A_COORDINATE.format(label=label, raw=texts[i])),
        Issue(field, column.nonfinite, lambda i: msg.NOT_FINITE.format(label=label, raw=texts[i])),
    ]
    if required:
        issues.insert(0, Issue(field, column.blank, lambda _: msg.BLANK_CELL.format(label=label)))
    return issues


def name_problems(
    records: Records,
    issues: Iterable[Issue],
    columns: Mapping[str, str],
    limit: int | None = None,
) -> tuple[list[CellProblem], int]:
    """Every problem of the first `limit` rows having any (row by row, in column order),
    then, if rows were left out, one more at the first of them saying how many problems
    were not listed; and how many problems there are in all."""
    issues = [issue for issue in issues if issue.rows.any()]
    if not issues:
        return [], 0
    order = {field: index for index, field in enumerate(columns)}
    issues.sort(key=lambda issue: order.get(issue.field, len(order)))
    total = sum(int(issue.rows.sum()) for issue in issues)
    bad_rows = np.flatnonzero(np.logical_or.reduce([issue.rows for issue in issues]))
    problems = [
        _problem(records, i, columns[issue.field], issue.message(i))
        for i in bad_rows[:limit].tolist()
        for issue in issues
        if issue.rows[i]
    ]
    if limit is not None and len(bad_rows) > limit:
        first = int(bad_rows[limit])
        column = next(columns[issue.field] for issue in issues if issue.rows[first])
        more = msg.MORE_PROBLEMS.format(count=total - len(problems), total=total)
        problems.append(_problem(records, first, column, more))
    return problems, total


def _problem(records: Records, index: int, column: str, message: str) -> CellProblem:
    return CellProblem(records.file, records.rows[index], column, message, records.sheet)
