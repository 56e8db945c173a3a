"""A report speaks of a year of its plan's period (or the base year): 1999 and 2030 are
refused with a message naming the period, before anything is assembled."""

from __future__ import annotations

import pytest

from minsheng.errors import InputProblem
from minsheng.reports import render_report
from minsheng.store import session_scope
from tests.hefei import hefei_database


@pytest.fixture(scope="module")
def hefei(tmp_path_factory):
    engine, plan_id = hefei_database(tmp_path_factory.mktemp("years"))
    yield engine, plan_id
    engine.dispose()


@pytest.mark.parametrize("kind", ["evaluation", "annual"])
@pytest.mark.parametrize("year", [1999, 2019, 2026, 2030])
def test_years_outside_the_period_are_refused(hefei, kind, year):
    engine, plan_id = hefei
    with session_scope(engine) as session, pytest.raises(InputProblem) as refused:
        render_report(session, kind=kind, plan_id=plan_id, year=year)
    assert "covers 2021–2025" in str(refused.value) and str(year) in str(refused.value)
