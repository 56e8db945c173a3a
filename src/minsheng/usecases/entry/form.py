"""Saving the entry form: changed values become drafts, and may be submitted at once.

Whatever a page shows, writing goes through `record_observations` with the user's
permission, so a forged form cannot write what the page would not offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.collect import RawRecord
from minsheng.collect.messages import FIELD_LABELS, NOT_ASSIGNED
from minsheng.model.observation import CellProblem
from minsheng.store.tables import Plan
from minsheng.usecases.assignments import permission_for
from minsheng.usecases.entry.latest import LatestValue, latest_values
from minsheng.usecases.entry.submit import submit_items
from minsheng.usecases.observations import (
    ObservationFileRejected,
    Permission,
    record_observations,
)
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.users import Account

FORM_FILE = "网页填报"
"""The name a web form's values carry as their file, in problems and the audit log."""


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
    may_report = permission_for(session, account, plan_id=plan.id)
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
        submitted = submit_items(session, [p for p in posted if p is not None], account)
    return SaveOutcome(len(changed), submitted)


def _refused(inputs: Iterable[EntryInput], may_report: Permission | None) -> list[CellProblem]:
    if may_report is None:
        return []
    return [
        CellProblem(FORM_FILE, i.number, "indicator", NOT_ASSIGNED.format(i.indicator, i.region))
        for i in inputs
        if not may_report(i.indicator, i.region)
    ]


def _latest_by_name(session: Session, plan: Plan, year: int) -> dict[tuple[str, str], LatestValue]:
    return {
        (item.indicator, item.region): item
        for item in latest_values(session, plan_id=plan.id)
        if item.year == year
    }


def _changed(entry: EntryInput, latest: LatestValue | None) -> bool:
    """Re-saving what is already stored would only add noise to the history."""
    if latest is None:
        return True
    same_value = entry.value == number_text(latest.value)
    same_source = (entry.source or latest.source) == latest.source
    return not (same_value and same_source and (entry.note or None) == latest.note)


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
