"""What each indicator's cells say, worked out by the evaluator and stored beside the
cells when a plan is imported, so that judging every plan reads numbers, not cells."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.evaluate.table import CellFacts
from minsheng.model.value import Value
from minsheng.store.repositories import audit
from minsheng.store.repositories import indicator_facts as facts
from minsheng.store.repositories.indicator_facts import CellRow, StoredFacts

BATCH = 5_000


UPGRADE_AUTHOR = "database upgrade"
"""Who the audit log names for what opening a database from an earlier version writes."""


def fill_missing_facts(session: Session) -> int:
    """Work out and store the facts of indicators stored before facts were written with
    them (a database from an earlier version); how many were filled, in one audit row."""
    filled = 0
    while ids := facts.ids_without_facts(session, limit=BATCH):
        found = {cells.id: cell_facts(cells) for cells in facts.cell_rows(session, ids=ids)}
        facts.set_facts(session, found)
        filled += len(found)
    if filled:
        audit.record(session, username=UPGRADE_AUTHOR, action="fill_facts", entity="indicator",
                     entity_id=None, detail={"indicators": filled})  # fmt: skip
    return filled


def cell_facts(cells: CellRow) -> StoredFacts:
    """What the stored cells say, as written beside them."""
    baseline = Value.model_validate_json(cells.baseline)
    target = Value.model_validate_json(cells.target)
    return stored_facts(cells.name, baseline, target, cumulative=bool(cells.cumulative))


def stored_facts(name: str, baseline: Value, target: Value, *, cumulative: bool) -> StoredFacts:
    """An indicator's `CellFacts` in the database's types."""
    found = CellFacts.of_cells(name, baseline.number, target, cumulative=cumulative)
    return StoredFacts(
        baseline=found.baseline,
        low=found.low,
        high=found.high,
        stated_direction=found.stated.value if found.stated else None,
        guessed_direction=found.guessed.value,
        strict=found.strict,
        cumulative=found.cumulative,
    )
