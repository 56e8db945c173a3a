"""The five bundled plans in one database, with a few observations of Hefei's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from minsheng.data.bundled import bundled_plans
from minsheng.exports import Package, plan_package
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.repositories.plans import current_plans
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.observations import record_observations
from minsheng.usecases.plans import find_current_plan
from tests.exports.records import HEFEI, hefei_records


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """SQLite, shared by a module's read-only tests: the layout does not depend on the engine
    (the round trip, which writes, runs on both databases)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('exports') / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans())
        record_observations(session, records=hefei_records(), region=HEFEI, author="统计局")
        record_observations(
            session, records=hefei_records(3.4), region=HEFEI, author="卫健委", draft=True
        )
    yield engine
    engine.dispose()


def package_of(session: Session, region: str) -> Package:
    return plan_package(session, find_current_plan(session, region=region))


@pytest.fixture(scope="module")
def regions(seeded: Engine) -> list[str]:
    """The regions of the five seed plans (the national reference plan left out)."""
    with session_scope(seeded) as session:
        plans = find_plans(session)
    assert len(plans) == 5
    return plans


def find_plans(session: Session) -> list[str]:
    return [plan.region.name for plan in current_plans(session) if not plan.is_reference]
