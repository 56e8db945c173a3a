"""A department's template holds exactly its assignments: two indicators for every region
and one for a single district give 2 × 10 + 1 rows; a department without assignments (or
no such department) gets every indicator of the plan."""

from __future__ import annotations

import pytest
from tests.hefei import hefei_database

from minsheng.store import session_scope
from minsheng.store.repositories import plan_parts, regions
from minsheng.usecases.assignments import assign
from minsheng.usecases.template import template_for


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine, plan_id = hefei_database(tmp_path_factory.mktemp("template"))
    with session_scope(engine) as session:
        first, second, third = plan_parts.indicators_of(session, plan_id=plan_id)[:3]
        city = regions.find_by_name(session, name="合肥市")[0]
        district = regions.ensure_known_children(session, region=city)[2]  # 蜀山区
        for indicator in (first, second):
            assign(session, department="市卫健委", indicator_id=indicator.id, region_id=None,
                   author="admin")  # fmt: skip
        assign(session, department="市卫健委", indicator_id=third.id, region_id=district.id,
               author="admin")  # fmt: skip
    yield engine, plan_id
    engine.dispose()


def test_the_template_holds_exactly_the_assignments(engine):
    engine, plan_id = engine
    with session_scope(engine) as session:
        spec = template_for(session, region="合肥市", department="市卫健委", years=[2025],
                            by_assignments=True)  # fmt: skip
        everything = template_for(session, region="合肥市", department="市教育局", years=[2025],
                                  by_assignments=True)  # fmt: skip
        indicators = plan_parts.indicators_of(session, plan_id=plan_id)
    names = [i.name for i in indicators[:3]]
    assert len(spec.rows) == 2 * 10 + 1  # the city and its nine districts and counties
    assert {r.indicator for r in spec.rows} == set(names)
    assert [r.region for r in spec.rows if r.indicator == names[2]] == ["蜀山区"]
    assert len(everything.rows) == len(indicators) * 10
