"""Data entry by departments: the rows a user may fill in, saving and submitting them,
uploads with every problem located, and the queue of values awaiting review.

A reporter sees only the indicator × region pairs assigned to their department; planners
and administrators see every indicator of the plan for the plan's own region. Whatever
a page shows, writing goes through `record_observations` with the user's permission, so
a forged form cannot write what the page would not offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from minsheng.collect import RawRecord, TemplateSpec, read_observation_file
from minsheng.collect.messages import FIELD_LABELS, NOT_ASSIGNED
from minsheng.collect.readers import FIELDS
from minsheng.model.observation import CellProblem, ReviewAction, ReviewState
from minsheng.model.value import Value
from minsheng.store.repositories import observations, plan_parts, plans
from minsheng.store.repositories.observations import LatestRevision
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.assignments import assignments_of, department_name, permission_for
from minsheng.usecases.evaluate_plan import default_year
from minsheng.usecases.observations import (
    ObservationFileRejected,
    ObservationImport,
    Permission,
    record_observations,
)
from minsheng.usecases.plans import covered_regions, find_current_plan
from minsheng.usecases.review import review
from minsheng.usecases.template import template_for
from minsheng.usecases.users import Account

FORM_FILE = "网页填报"
"""The name a web form's values carry as their file, in problems and the audit log."""

EDITABLE = (ReviewState.DRAFT.value, ReviewState.RETURNED.value)
_FIELD_BY_COLUMN = {
    **{label: field for field, label in FIELD_LABELS.items()},
    **{f: f for f in FIELDS},
}


@dataclass(frozen=True)
class EntryRow:
    """One indicator for one region and year, with what is stored for it."""

    number: int
    indicator: Indicator
    region: Region
    baseline: str
    target: str
    current: float | None
    latest: LatestRevision | None

    @property
    def state(self) -> str | None:
        return self.latest.revision.state if self.latest else None

    @property
    def editable(self) -> bool:
        """Submitted values wait for review; everything else may be (re)entered."""
        return self.state != ReviewState.SUBMITTED.value


@dataclass(frozen=True)
class EntrySheet:
    plan: Plan
    year: int
    years: list[int]
    rows: list[EntryRow]


@dataclass(frozen=True)
class EntryInput:
    """What a form row posts: a value (text, as typed) with its source and note."""

    number: int
    indicator: str
    region: str
    value: str
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class SaveOutcome:
    saved: int
    submitted: int


@dataclass(frozen=True)
class UploadResult:
    """An upload's records and either what was stored or every problem (nothing stored)."""

    records: list[RawRecord]
    imported: ObservationImport | None
    problems: list[CellProblem]

    def bad_cells(self) -> set[tuple[int, str]]:
        """(row, field) of every cell with a problem, to highlight in the grid."""
        return {(p.row, field_of(p.column)) for p in self.problems}


@dataclass(frozen=True)
class ReviewItem:
    plan: Plan
    item: LatestRevision
    unit: str | None
    current: float | None


def field_of(column: str) -> str:
    """The field a problem's column names (a header as written, a label or a field)."""
    return _FIELD_BY_COLUMN.get(column, column)


# --- Which plan and rows ---------------------------------------------------------------


def entry_plans(session: Session) -> list[Plan]:
    """Plans values can be entered for: every current plan but the national reference."""
    return [plan for plan in plans.current_plans(session) if not plan.is_reference]


def default_entry_plan(session: Session, account: Account) -> Plan | None:
    """The plan the user's department has assignments in, else the first one."""
    choices = entry_plans(session)
    if account.department_id is not None:
        assigned = {
            indicator.plan_id
            for a in assignments_of(session, department_id=account.department_id)
            if (indicator := session.get(Indicator, a.indicator_id)) is not None
        }
        for plan in choices:
            if plan.id in assigned:
                return plan
    return choices[0] if choices else None


def entry_sheet(
    session: Session, *, account: Account, region: str, year: int | None, domain: str | None
) -> EntrySheet:
    """The rows `account` may fill in for the plan of `region` and `year`."""
    plan = find_current_plan(session, region=region)
    chosen_year = year or default_year(plan)
    pairs = [
        (indicator, place)
        for indicator, place in _pairs(session, plan, account)
        if not domain or indicator.domain == domain
    ]
    latest = {
        (item.observation.indicator_id, item.observation.region_id): item
        for item in observations.latest_revisions(session, plan_id=plan.id)
        if item.observation.year == chosen_year
    }
    current = observations.current_values(session, plan_id=plan.id)
    rows = [
        EntryRow(
            number=number,
            indicator=indicator,
            region=place,
            baseline=Value.model_validate(indicator.baseline).raw,
            target=Value.model_validate(indicator.target).raw,
            current=_value(current.get((indicator.id, place.id, chosen_year))),
            latest=latest.get((indicator.id, place.id)),
        )
        for number, (indicator, place) in enumerate(pairs, start=1)
    ]
    first = plan.period_start or chosen_year
    years = list(range(first, (plan.period_end or chosen_year) + 1))
    return EntrySheet(plan, chosen_year, years, rows)


def _value(current: observations.CurrentValue | None) -> float | None:
    return current.value if current else None


def _pairs(session: Session, plan: Plan, account: Account) -> list[tuple[Indicator, Region]]:
    """Indicator × region pairs: assigned ones for a reporter, the whole plan otherwise."""
    indicators = plan_parts.indicators_of(session, plan_id=plan.id)
    if permission_for(session, account) is None:
        return [(indicator, plan.region) for indicator in indicators]
    if account.department_id is None:
        return []
    covered = covered_regions(session, plan, store_children=False)
    by_id = {indicator.id: indicator for indicator in indicators}
    wanted: set[tuple[int, int]] = set()
    for assignment in assignments_of(session, department_id=account.department_id):
        if assignment.indicator_id in by_id:
            places = [r for r in covered if assignment.region_id in (None, r.id)]
            wanted.update((assignment.indicator_id, r.id) for r in places)
    return [
        (indicator, place)
        for indicator in indicators
        for place in covered
        if (indicator.id, place.id) in wanted
    ]


# --- Saving a form ---------------------------------------------------------------------


def save_entries(
    session: Session,
    *,
    account: Account,
    region: str,
    year: int,
    inputs: Sequence[EntryInput],
    submit: bool,
) -> SaveOutcome:
    """Store changed values as drafts; with `submit`, send every posted draft to review.

    Raises `ObservationFileRejected` (rows and fields named) and stores nothing when any
    value is invalid or not the user's to report.
    """
    plan = find_current_plan(session, region=region)
    may_report = permission_for(session, account)
    refused = _refused(inputs, may_report)
    if refused:
        raise ObservationFileRejected(refused, file=FORM_FILE)
    latest = _latest_by_name(session, plan, year)
    changed = [i for i in inputs if _changed(i, latest.get((i.indicator, i.region)))]
    if changed:
        record_observations(
            session,
            records=[_record(i, year) for i in changed],
            region=plan.region.name,
            author=account.username,
            draft=True,
            source_name=FORM_FILE,
            may_report=may_report,
        )
    submitted = 0
    if submit:
        latest = _latest_by_name(session, plan, year)
        posted = [latest.get((i.indicator, i.region)) for i in inputs]
        submitted = _submit(session, [p for p in posted if p is not None], account)
    return SaveOutcome(len(changed), submitted)


def _refused(inputs: Iterable[EntryInput], may_report: Permission | None) -> list[CellProblem]:
    if may_report is None:
        return []
    return [
        CellProblem(FORM_FILE, i.number, "indicator", NOT_ASSIGNED.format(i.indicator, i.region))
        for i in inputs
        if not may_report(i.indicator, i.region)
    ]


def _latest_by_name(
    session: Session, plan: Plan, year: int
) -> dict[tuple[str, str], LatestRevision]:
    return {
        (item.indicator, item.region): item
        for item in observations.latest_revisions(session, plan_id=plan.id)
        if item.observation.year == year
    }


def _changed(entry: EntryInput, latest: LatestRevision | None) -> bool:
    """Re-saving what is already stored would only add noise to the history."""
    if latest is None:
        return True
    revision = latest.revision
    same_value = entry.value == number_text(revision.value)
    same_source = (entry.source or revision.source) == revision.source
    return not (same_value and same_source and (entry.note or None) == revision.note)


def number_text(value: float | None) -> str:
    """A stored number as a person types it: 78 not 78.0."""
    return "" if value is None else f"{value:g}"


def _record(entry: EntryInput, year: int) -> RawRecord:
    values = {
        "region": entry.region,
        "indicator": entry.indicator,
        "year": str(year),
        "value": entry.value,
        "source": entry.source,
        "note": entry.note,
    }
    return RawRecord(FORM_FILE, None, entry.number, values, dict(FIELD_LABELS))


def _submit(session: Session, items: Iterable[LatestRevision], account: Account) -> int:
    count = 0
    for item in items:
        if item.revision.state in EDITABLE:
            review(
                session,
                observation_id=item.observation.id,
                action=ReviewAction.SUBMIT,
                author=account.username,
            )
            count += 1
    return count


# --- Uploads and drafts ------------------------------------------------------------------


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


def drafts_of(session: Session, *, account: Account, region: str) -> list[LatestRevision]:
    """The plan's drafts and returned values this user may submit."""
    plan = find_current_plan(session, region=region)
    may_report = permission_for(session, account)
    return [
        item
        for item in observations.latest_revisions(session, plan_id=plan.id)
        if item.revision.state in EDITABLE
        and (may_report is None or may_report(item.indicator, item.region))
    ]


def submit_drafts(session: Session, *, account: Account, region: str) -> int:
    """Send every draft of the plan the user may report to review."""
    return _submit(session, drafts_of(session, account=account, region=region), account)


# --- Review ----------------------------------------------------------------------------


def review_items(session: Session) -> list[ReviewItem]:
    """Every submitted value of every plan, with its unit and the value now in force."""
    items: list[ReviewItem] = []
    for plan in entry_plans(session):
        current = observations.current_values(session, plan_id=plan.id)
        for item in observations.latest_revisions(
            session, plan_id=plan.id, state=ReviewState.SUBMITTED
        ):
            indicator = session.get(Indicator, item.observation.indicator_id)
            key = (item.observation.indicator_id, item.observation.region_id, item.observation.year)
            unit = indicator.unit if indicator else None
            items.append(ReviewItem(plan, item, unit, _value(current.get(key))))
    return items


def review_many(
    session: Session,
    *,
    account: Account,
    observation_ids: Sequence[int],
    action: ReviewAction,
    reason: str | None = None,
) -> int:
    """Approve or return several values in one transaction (all or none)."""
    for observation_id in observation_ids:
        review(
            session,
            observation_id=observation_id,
            action=action,
            author=account.username,
            reason=reason,
        )
    return len(observation_ids)


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


def entry_year(session: Session, *, region: str) -> int:
    """The year values are entered for unless one is chosen: this year, within the plan."""
    return default_year(find_current_plan(session, region=region))
