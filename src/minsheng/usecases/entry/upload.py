"""Excel entry: the template for the rows a user may fill in, and uploading it filled in.

An upload is stored whole as drafts or not at all; every problem is located by row and
field so the page can highlight the cells at fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from minsheng.collect import RawRecord, TemplateSpec, read_observation_file
from minsheng.collect.messages import FIELD_LABELS
from minsheng.collect.readers import FIELDS
from minsheng.model.observation import CellProblem
from minsheng.usecases.assignments import department_name, permission_for
from minsheng.usecases.observations import (
    ObservationFileRejected,
    ObservationImport,
    record_observations,
)
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

    Reading problems (no such columns, unreadable file) raise `InputProblem`.
    """
    records = read_observation_file(path)
    try:
        imported = record_observations(
            session,
            records=records,
            region=region,
            author=account.username,
            draft=True,
            source_name=path.name,
            may_report=permission_for(session, account),
        )
    except ObservationFileRejected as rejected:
        return UploadResult(records, None, rejected.problems)
    return UploadResult(records, imported, [])


def entry_template(
    session: Session, *, account: Account, region: str, years: list[int]
) -> TemplateSpec:
    """The Excel template for the rows the entry form offers this user."""
    may_report = permission_for(session, account)
    department = department_name(session, department_id=account.department_id)
    spec = template_for(
        session,
        region=region,
        department=department or account.username,
        years=years,
        districts=may_report is not None,
    )
    if may_report is None:
        return spec
    return replace(spec, rows=[r for r in spec.rows if may_report(r.indicator, r.region)])
