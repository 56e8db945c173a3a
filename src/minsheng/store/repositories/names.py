"""Names of rows by id, looked up once for a whole list (a page of problems or suggestions
refers to departments, regions, items and indicators by id)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session


def names_by_id(session: Session, model: type, ids: Iterable[int | None]) -> dict[int, str]:
    """{id: name} of `model`'s rows among `ids` (None ignored); one query, none if empty."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(model.id, model.name).where(model.id.in_(wanted)))  # type: ignore[attr-defined]
    return {row[0]: row[1] for row in rows}
