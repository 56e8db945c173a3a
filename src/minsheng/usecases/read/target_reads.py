"""How an evaluation pass gets the plans' targets: kept until a catalogue entry or link
changes, built from the columns a full progress read brought along, or read on their own
— on PostgreSQL on a connection of their own while the caller reads the progress."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from minsheng.evaluate.table import FloatArray
from minsheng.store import session_scope, without_parallel_workers
from minsheng.store.repositories import audit, plan_parts
from minsheng.usecases.cache import cached_by
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.targets import PlanTargets, judged_table, judged_table_of

TARGETS = "targets"
"""The cache kind of the plans' parsed targets, which an observation write leaves valid
(see `plans_targets`)."""
_READERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="evaluation-reads")


def reads_apart(session: Session) -> bool:
    """Whether the targets are read on another connection beside the progress: on
    PostgreSQL the server works on both queries at once (0.3 s of a national pass). SQLite
    reads them with the progress: its driver hands the lock Python threads share back and
    forth for every row, so two threads reading rows take longer than one after the other.
    A session that has written reads them itself: its rows are not visible elsewhere."""
    return _engine_of(session).dialect.name != "sqlite" and not audit.has_written(session)


def targets_apart(
    session: Session, chosen: Sequence[PlanSummary], every: bool, version: int
) -> Callable[[], PlanTargets]:
    """The plans' targets, read in another thread on a connection of its own. That reads
    the plans named, whose indicators never change, and the catalogue links as of its
    own snapshot: when those differ from the caller's `version` (a link or catalogue
    write came between), the targets are read again here."""
    future = _READERS.submit(_read_apart, _engine_of(session), chosen)

    def result() -> PlanTargets:
        targets, their_version = future.result()
        return targets if their_version == version else plans_targets(
            session, chosen, every, version
        )  # fmt: skip

    return result


def _read_apart(engine: Engine, chosen: Sequence[PlanSummary]) -> tuple[PlanTargets, int]:
    """The targets of exactly the plans chosen, named by id: the current-plan flag, read
    in this connection's later snapshot, may already name a newer version of one. Read
    serially: the progress read runs beside it."""
    with session_scope(engine, writes=False) as other:
        without_parallel_workers(other)
        version = plan_parts.indicator_cells_version(other)
        return plans_targets(other, chosen, False, version), version


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def plans_targets(
    session: Session,
    chosen: Sequence[PlanSummary],
    every: bool,
    version: int,
    brought: FloatArray | None = None,
) -> PlanTargets:
    """The plans' targets (`every`: all the current plans, read by their flag), from the
    columns a progress read `brought` when given; kept until a catalogue entry or link
    changes (`version`): observations, the usual writes, do not change them, and a plan's
    indicators never change (a new version is a new plan)."""
    key = (TARGETS, tuple(plan.id for plan in chosen))

    def compute() -> PlanTargets:
        catalogue = catalogue_for(session)
        if brought is None:
            table = judged_table(session, None if every else [p.id for p in chosen], catalogue)
        else:
            own_region = {plan.id: plan.region.id for plan in chosen}
            table = judged_table_of(session, brought, own_region, catalogue)
        return PlanTargets(table, {plan.id: plan for plan in chosen}, catalogue)

    return cached_by(session, version, key, compute)
