"""Excel entry: the template for the rows a user may fill in, and uploading it filled in.

An upload is stored whole as drafts or not at all; every problem is located by row and
field so the page can highlight the cells at fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from minsheng.collect import RawRecord, TemplateRow, TemplateSpec, read_observation_file
from minsheng.collect.messages import FIELD_LABELS
from minsheng.collect.readers import FIELDS
from minsheng.errors import InputProblem
from minsheng.model.observation import CellProblem
from minsheng.store.tables import Plan
from minsheng.usecases.assignments import department_name, permission_for
from minsheng.usecases.observations import (
    ObservationFileRejected,
    ObservationImport,
    record_observations,
)
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.template import template_for
from minsheng.usecases.users import Account

_FIELD_BY_COLUMN = {
    **{label: field for field, label in FIELD_LABELS.items()},
    **{f: f for f in FIELDS},
}


@dataclass(frozen=True)
class UploadResult:
    """An upload's records and either what was stored or every problem (nothing stored)."""

    records: Sequence[RawRecord]
    imported: ObservationImport | None
    problems: list[CellProblem]

    def bad_cells(self) -> set[tuple[int, str]]:
        """(row, field) of every cell with a problem, to highlight in the grid."""
        return {(p.row, field_of(p.column)) for p in self.problems}


def field_of(column: str) -> str:
    """The field a problem's column names (a header as written, a label or a field)."""
    return _FIELD_BY_COLUMN.get(column, column)


def upload_observations(
    session: Session, *, account: Account, region: str, path: Path
) -> UploadResult:
    """Read and validate a filled template or CSV; store its values as drafts or nothing.

    Reading problems (no such columns, unreadable file) raise `InputProblem`. The file is
    read before the first statement, so parsing a large workbook holds no write lock.
    """
    records = read_observation_file(path)
    plan = find_current_plan(session, region=region)
    may_report = permission_for(session, account, plan_id=plan.id)
    try:
        imported = record_observations(
            session,
            records=records,
            region=region,
            author=account.username,
            draft=True,
            source_name=path.name,
            may_report=may_report,
        )
    except ObservationFileRejected as rejected:
        return UploadResult(records, None, rejected.problems)
    return UploadResult(records, imported, [])


def entry_template(
    session: Session, *, account: Account, region: str, years: list[int]
) -> TemplateSpec:
    """The Excel template for the rows the entry form offers this user, for one or more
    years of the plan (say a round's year and earlier years still missing)."""
    plan = find_current_plan(session, region=region)
    chosen = checked_years(plan, years)
    may_report = permission_for(session, account, plan_id=plan.id)
    department = department_name(session, department_id=account.department_id)
    spec = template_for(
        session,
        region=region,
        department=department or account.username,
        years=chosen,
        districts=may_report is not None,
    )
    rows = [r for r in spec.rows if may_report is None or may_report(r.indicator, r.region)]
    return replace(spec, rows=[_citywide(r, plan.region.name) for r in rows])


def checked_years(plan: Plan, years: list[int]) -> list[int]:
    """The years asked for, in order; none, or one outside the plan's period (and its
    base year), is refused with the period named."""
    chosen = sorted(set(years))
    first, last = plan.period_start, plan.period_end
    if not chosen:
        raise InputProblem("请至少选择一个年份", field="year")
    if first and last and not (first - 1 <= chosen[0] and chosen[-1] <= last):
        outside = [y for y in chosen if not first - 1 <= y <= last]
        raise InputProblem(
            f"{outside[0]} 年不在规划期 {first}–{last} 年（含基期 {first - 1} 年）内", field="year"
        )
    return chosen


def _citywide(row: TemplateRow, city: str) -> TemplateRow:
    """A district's row carries the plan's (the city's) baseline and target: say so."""
    if row.region == city:
        return row
    mark = "（全市）"
    return replace(
        row,
        baseline=f"{row.baseline}{mark}" if row.baseline else "",
        target=f"{row.target}{mark}" if row.target else "",
    )
