"""Lean lookups for importing a file of observations: plain rows, nothing parsed.

A widened plan has thousands of indicators and a file names each of them; loading them
as ORM objects and parsing their baseline and target `Value`s took longer than checking
a 10,000-row file, while the import needs only their ids, names, units and whether the
target is qualitative.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import Indicator


class IndicatorHead(NamedTuple):
    """What checking a file against a plan needs of one of its indicators."""

    id: int
    name: str
    unit: str | None
    catalogue_key: str | None
    target_kind: str | None
    """The `kind` of the target's `Value` dump ("qualitative", "number", …)."""


def indicator_heads(session: Session, *, plan_id: int) -> list[IndicatorHead]:
    """The plan's indicators in the plan's order, as `IndicatorHead`s."""
    query = select(
        Indicator.id,
        Indicator.name,
        Indicator.unit,
        Indicator.catalogue_key,
        Indicator.target["kind"].as_string(),
    ).where(Indicator.plan_id == plan_id)
    return [IndicatorHead(*row) for row in session.execute(query.order_by(Indicator.position))]
