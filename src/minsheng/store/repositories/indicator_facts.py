"""What each indicator's cells say, stored beside them for judging: read for every
current plan at once, written with the indicators, filled in for rows stored before."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Text, case, cast, func, null, select, update
from sqlalchemy.orm import Session

from minsheng.model.plan import Attribute
from minsheng.store.repositories.listing import AnySelect, driver_rows
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


JUDGED_COLUMNS = ("id", "plan_id", "flags", "baseline", "low", "high")
"""What `judged_numbers` reads of each indicator, numbers only, few of them (a national
list of 115,000 converts to one array at once, and the driver's cost is per cell); a NaN
bound is None. `flags` packs the small facts into one integer (see `FLAG_BITS`)."""

FLAG_BITS = {"binding": 1, "strict": 2, "cumulative": 4, "known": 8}
"""Bits of `flags`: a binding target, a strict bound, a running total, facts worked out
(the rest are unknown until `minsheng db upgrade` fills them). The direction's code + 1
is `flags // DIRECTION_UNIT` (0: unknown)."""
DIRECTION_UNIT = 16


class JudgedAsked(NamedTuple):
    """How directions are coded for judging: `codes` (direction value → code) and the
    catalogue's direction of each key it lists (`listed`: key → direction value)."""

    codes: Mapping[str, int]
    listed: Mapping[str, str]


JUDGED_WITH_PROGRESS = ("position", *JUDGED_COLUMNS[2:])
"""What a progress read reads of each row's indicator when asked (see `progress`)."""


def judged_numbers(
    session: Session, *, plan_ids: Collection[int] | None, asked: JudgedAsked
) -> list[tuple[Any, ...]]:
    """The indicators of the plans (None: every current plan, named by its flag), plan by
    plan in each plan's order, as `JUDGED_COLUMNS`.

    The direction is the code of the direction the target states, else of the one the
    catalogue lists for its key, else of the one its name or movement suggests.
    """
    query = select(Indicator.id, Indicator.plan_id, *judged_columns(asked)).order_by(
        Indicator.plan_id, Indicator.position
    )
    return driver_rows(session, _of_plans(query, plan_ids))


def judged_columns(asked: JudgedAsked) -> tuple[Any, ...]:
    """The judged numbers of an indicator: `JUDGED_COLUMNS` after its id and plan id."""
    return (
        _flags(asked.codes, asked.listed),
        Indicator.fact_baseline,
        Indicator.fact_low,
        Indicator.fact_high,
    )


def _flags(codes: Mapping[str, int], listed: Mapping[str, str]) -> ColumnElement[int]:
    def bit(condition: ColumnElement[bool], name: str) -> ColumnElement[int]:
        return case((condition, FLAG_BITS[name]), else_=0)

    direction = func.coalesce(_direction_code(codes, listed) + 1, 0) * DIRECTION_UNIT
    return (
        bit(Indicator.attribute == Attribute.BINDING.value, "binding")
        + bit(Indicator.fact_strict.is_(True), "strict")
        + bit(Indicator.fact_cumulative.is_(True), "cumulative")
        + bit(Indicator.fact_guessed_direction.is_not(None), "known")
        + direction
    )


def _direction_code(codes: Mapping[str, int], listed: Mapping[str, str]) -> ColumnElement[Any]:
    by_key = case(dict(listed), value=Indicator.catalogue_key) if listed else null()
    chosen = func.coalesce(
        Indicator.fact_stated_direction, by_key, Indicator.fact_guessed_direction
    )
    return case(dict(codes), value=chosen)


def domain_rows(session: Session, *, plan_ids: Collection[int] | None) -> list[tuple[int, str]]:
    """(id, domain) of the indicators of the plans (None: every current plan), any order."""
    query = select(Indicator.id, Indicator.domain)
    return [(row[0], row[1]) for row in driver_rows(session, _of_plans(query, plan_ids))]


def _of_plans(query: AnySelect, plan_ids: Collection[int] | None) -> AnySelect:
    """`query` narrowed to the plans' indicators; the current plans by their flag."""
    if plan_ids is None:
        return query.join(Plan, Plan.id == Indicator.plan_id).where(Plan.is_current)
    return query.where(Indicator.plan_id.in_(list(plan_ids)))


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
