"""A report speaks of a year of its plan's period (or the base year): 1999 and 2030 are
refused with a message naming the period, before anything is assembled."""

from __future__ import annotations

import pytest

from minsheng.data.bundled import bundled_plans
from minsheng.errors import InputProblem
from minsheng.reports import render_report
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.import_plan import import_plan


@pytest.fixture(scope="module")
def hefei(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('years') / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    plan = next(plan for plan in bundled_plans() if plan.plan.region == "合肥市")
    with session_scope(engine) as session:
        plan_id = import_plan(session, plan, author="test").plan_id
    yield engine, plan_id
    engine.dispose()


@pytest.mark.parametrize("kind", ["evaluation", "annual"])
@pytest.mark.parametrize("year", [1999, 2019, 2026, 2030])
def test_years_outside_the_period_are_refused(hefei, kind, year):
    engine, plan_id = hefei
    with session_scope(engine) as session, pytest.raises(InputProblem) as refused:
        render_report(session, kind=kind, plan_id=plan_id, year=year)
    assert "covers 2021–2025" in str(refused.value) and str(year) in str(refused.value)
