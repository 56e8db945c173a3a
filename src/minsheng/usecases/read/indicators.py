"""Indicators of the plans as read models, filtered and paged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.model.value import Value
from minsheng.store.repositories.plan_lists import find_indicators
from minsheng.store.tables import Indicator
from minsheng.usecases.read.paging import Page, Slice


@dataclass(frozen=True)
class IndicatorRow:
    """A row of a plan's indicator table, its cells read as values."""

    id: int
    plan_id: int
    plan_region: str
    position: int
    domain: str
    name: str
    unit: str | None
    baseline: Value
    target: Value
    attribute: str | None
    cumulative: bool
    catalogue_key: str | None
    notes: list[str]

    @classmethod
    def of(cls, row: Indicator, plan_region: str) -> IndicatorRow:
        return cls(
            id=row.id,
            plan_id=row.plan_id,
            plan_region=plan_region,
            position=row.position,
            domain=row.domain,
            name=row.name,
            unit=row.unit,
            baseline=Value.model_validate(row.baseline),
            target=Value.model_validate(row.target),
            attribute=row.attribute,
            cumulative=row.cumulative,
            catalogue_key=row.catalogue_key,
            notes=list(row.notes or []),
        )


def list_indicators(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    domain: str | None = None,
    attribute: str | None = None,
    q: str | None = None,
    window: Slice,
) -> Page[IndicatorRow]:
    """Indicators of the current plans (or of one plan version), in each plan's order."""
    rows, total = find_indicators(
        session,
        plan_id=plan_id,
        region=region,
        domain=domain,
        attribute=attribute,
        q=q,
        limit=window.limit,
        offset=window.offset,
    )
    return Page([IndicatorRow.of(indicator, name) for indicator, name in rows], total)


def plan_indicators(session: Session, *, plan_id: int) -> list[IndicatorRow]:
    """Every indicator of one plan version, in its order."""
    return list_indicators(session, plan_id=plan_id, window=Slice.everything()).items


def get_indicator(session: Session, *, indicator_id: int) -> IndicatorRow:
    rows, _ = find_indicators(session, indicator_id=indicator_id, limit=1)
    if not rows:
        raise NotFound(f"没有编号为 {indicator_id} 的指标")
    return IndicatorRow.of(*rows[0])
