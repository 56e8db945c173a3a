"""The reports' data assembly runs on SQLite and PostgreSQL alike (the `engine` fixture)."""

from __future__ import annotations

from minsheng.reports.annual import assemble as assemble_annual
from minsheng.reports.evaluation import assemble as assemble_evaluation
from minsheng.store import session_scope
from minsheng.usecases.read.plans import plan_named
from tests.reports.conftest import HEFEI, seed_reports


def test_hefei_reports_assemble_on_each_database(engine):
    seed_reports(engine)
    with session_scope(engine) as session:
        evaluation = assemble_evaluation(
            session, plan_id=plan_named(session, region=HEFEI).id, year=2023
        )
        annual = assemble_annual(session, plan_id=plan_named(session, region=HEFEI).id, year=2024)
    assert len(evaluation.evaluated.lines) == 38
    statuses = {str(line.evaluation.status) for line in evaluation.evaluated.lines}
    assert {"on_track", "regressing", "stagnating", "no_data"} <= statuses
    assert len(evaluation.previous) == 31
    assert len(evaluation.projects) == 309
    assert sum(evaluation.observation_sources.values()) > 0
    assert len(annual.observation_changes) == 8
    assert len(annual.services) == 91
