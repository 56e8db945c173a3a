"""What each indicator's cells say, stored beside them for judging: read for every
current plan at once, written with the indicators, filled in for rows stored before."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Text, cast, select, update
from sqlalchemy.orm import Session

from minsheng.store.repositories.listing import driver_rows
from minsheng.store.tables import Indicator, Plan


class StoredFacts(NamedTuple):
    """`evaluate.table.CellFacts` in the database's types (directions by value; a NaN
    bound as None)."""

    baseline: float | None
    low: float | None
    high: float | None
    stated_direction: str | None
    guessed_direction: str
    strict: bool
    cumulative: bool

    def columns(self) -> dict[str, Any]:
        """The `Indicator` attributes these facts fill."""
        return {f"fact_{name}": _none_for_nan(value) for name, value in self._asdict().items()}


class JudgedRow(NamedTuple):
    """An indicator as the evaluator reads every plan's: identity, what the catalogue and
    the verdicts need, and the stored facts (all None when not yet worked out)."""

    id: int
    plan_id: int
    domain: str
    attribute: str | None
    catalogue_key: str | None
    baseline: float | None
    low: float | None
    high: float | None
    stated_direction: str | None
    guessed_direction: str | None
    strict: bool | None
    cumulative: bool | None


_FACTS = (
    Indicator.fact_baseline,
    Indicator.fact_low,
    Indicator.fact_high,
    Indicator.fact_stated_direction,
    Indicator.fact_guessed_direction,
    Indicator.fact_strict,
    Indicator.fact_cumulative,
)


def judged_rows(session: Session, *, plan_ids: Collection[int] | None) -> list[tuple[Any, ...]]:
    """The indicators of the plans (None: every current plan, named by its flag), plan by
    plan in each plan's order, as the driver's tuples in `JudgedRow`'s order."""
    query = select(
        Indicator.id,
        Indicator.plan_id,
        Indicator.domain,
        Indicator.attribute,
        Indicator.catalogue_key,
        *_FACTS,
    ).order_by(Indicator.plan_id, Indicator.position)
    if plan_ids is None:
        query = query.join(Plan, Plan.id == Indicator.plan_id).where(Plan.is_current)
    else:
        query = query.where(Indicator.plan_id.in_(list(plan_ids)))
    return driver_rows(session, query)


class CellRow(NamedTuple):
    """An indicator's own cells, baseline and target as `Value` JSON text."""

    id: int
    name: str
    domain: str
    baseline: str
    target: str
    attribute: str | None
    cumulative: bool
    catalogue_key: str | None


def cell_rows(session: Session, *, ids: Collection[int]) -> list[CellRow]:
    """The cells of the indicators named (any order), for the verdicts somebody reads;
    asked for in chunks that stay inside every driver's limit on parameters."""
    wanted, found = list(ids), []
    for start in range(0, len(wanted), _CHUNK):
        query = select(
            Indicator.id,
            Indicator.name,
            Indicator.domain,
            cast(Indicator.baseline, Text),
            cast(Indicator.target, Text),
            Indicator.attribute,
            Indicator.cumulative,
            Indicator.catalogue_key,
        ).where(Indicator.id.in_(wanted[start : start + _CHUNK]))
        found += [CellRow(*row) for row in driver_rows(session, query)]
    return found


_CHUNK = 10_000


def ids_without_facts(session: Session, *, limit: int) -> list[int]:
    """Up to `limit` indicators stored before their facts were written with them."""
    query = select(Indicator.id).where(Indicator.fact_guessed_direction.is_(None))
    return list(session.scalars(query.order_by(Indicator.id).limit(limit)))


def set_facts(session: Session, facts: Mapping[int, StoredFacts]) -> None:
    """Write the facts of existing indicators, by id, in one bulk update."""
    if facts:
        rows = [{"id": indicator_id, **found.columns()} for indicator_id, found in facts.items()]
        session.execute(update(Indicator), rows)


def _none_for_nan(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value
