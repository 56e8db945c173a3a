"""The warning list filters, orders and pages on columns: it must give what judging every
verdict one by one and sorting them gives (the list as it was built before, as oracle)."""

from __future__ import annotations

import pytest

from minsheng.evaluate.rollup import early_warnings
from minsheng.model.observation import ReviewState, Source
from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import observations, plan_parts, plans, regions
from minsheng.store.repositories.assignments import department_owners
from minsheng.store.repositories.observations import NewRevision
from minsheng.usecases.assignments import assign
from minsheng.usecases.read.evaluations import evaluate_plans
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.warnings import WarningFilter, warning_list


@pytest.fixture(scope="module")
def progress_url(demo_url):
    """The demo database with 2023 values that put many indicators behind."""
    engine = create_engine_for(demo_url)
    with session_scope(engine) as session:
        add_progress(session)
    engine.dispose()
    return demo_url


SHARES = (-0.5, 0.1, 0.5, 1.2)
"""How far from baseline to target each indicator has come: behind, regressing, on track."""
DEPARTMENTS = ("卫健委", "教育局", "民政局")


def add_progress(session):
    """2023 values for each indicator with numbers, in each plan's region and up to three
    districts, at a share of the way that cycles; departments own some indicators."""
    new = []
    for plan in plans.current_plans(session):
        places = [plan.region, *regions.ensure_known_children(session, region=plan.region)[:3]]
        for k, indicator in enumerate(plan_parts.indicators_of(session, plan_id=plan.id)):
            base, aim = indicator.baseline.get("number"), indicator.target.get("number")
            if base is None or aim is None:
                continue
            for n, place in enumerate(places):
                value = base + (aim - base) * SHARES[(k + n) % len(SHARES)]
                new.append(NewRevision((indicator.id, place.id, 2023), value, Source.DEPARTMENT))
            region = None if k % 2 else places[-1].id
            assign(session, department=DEPARTMENTS[k % 3], indicator_id=indicator.id,
                   region_id=region, author="test")  # fmt: skip
    observations.add_revisions(session, revisions=new, state=ReviewState.APPROVED, author="test")


def oracle(session, wanted: WarningFilter):
    """Every verdict built, the warned ones sorted by `early_warnings`, filtered one by one."""
    judged = evaluate_plans(session)
    owners = department_owners(session)
    every = [e for scope in judged.scopes for e in judged.plan(scope.plan.id).evaluations]
    plan_of = {
        e.indicator_id: s.plan.id for s in judged.scopes for e in judged.plan(s.plan.id).evaluations
    }

    def departments(e):
        return owners.get((e.indicator_id, None), []) + owners.get(
            (e.indicator_id, e.region_id), []
        )

    return [
        (plan_of[e.indicator_id], e)
        for e in early_warnings(every)
        if (wanted.plan_id is None or plan_of[e.indicator_id] == wanted.plan_id)
        and (wanted.domain is None or e.domain == wanted.domain)
        and (wanted.region is None or e.region == wanted.region)
        and (wanted.level is None or e.warning.value == wanted.level)
        and (wanted.department is None or wanted.department in departments(e))
    ]


def filters(session):
    full = warning_list(session, WarningFilter())
    first = full.rows[0]
    return [
        WarningFilter(),
        WarningFilter(level="red"),
        WarningFilter(level="yellow"),
        WarningFilter(domain=first.evaluation.domain),
        WarningFilter(region=first.evaluation.region),
        WarningFilter(plan_id=first.plan.id),
        *[WarningFilter(department=name) for name in full.departments[:3]],
        WarningFilter(region="没有这个地区"),
    ]


def test_columns_give_what_sorting_every_verdict_gives(progress_url):
    engine = create_engine_for(progress_url)
    with session_scope(engine, writes=False) as session:
        for wanted in filters(session):
            found = warning_list(session, wanted)
            expected = oracle(session, wanted)
            assert [(r.plan.id, r.evaluation) for r in found.rows] == expected, wanted
            red = sum(e.warning.value == "red" for _, e in expected)
            assert (found.red, found.yellow, found.total) == (
                red,
                len(expected) - red,
                len(expected),
            )
    engine.dispose()


def test_a_window_is_the_slice_of_the_whole_list(progress_url):
    engine = create_engine_for(progress_url)
    with session_scope(engine, writes=False) as session:
        whole = warning_list(session, WarningFilter()).rows
        assert len(whole) > 10
        for window in (
            Slice(5, 0),
            Slice(5, 7),
            Slice(100, len(whole) - 3),
            Slice(5, len(whole) + 1),
        ):
            page = warning_list(session, WarningFilter(), window)
            assert page.rows == window.of(whole)
            assert page.total == len(whole)
    engine.dispose()


def test_the_list_is_not_trivial(progress_url):
    """The oracle comparison means something: both levels, districts and owners occur."""
    engine = create_engine_for(progress_url)
    with session_scope(engine, writes=False) as session:
        found = warning_list(session, WarningFilter())
        assert found.red > 10 and found.yellow > 10
        assert len({row.evaluation.region for row in found.rows}) > len(found.plans)
        assert set(found.departments) == set(DEPARTMENTS)
        mine = warning_list(session, WarningFilter(department=DEPARTMENTS[0]))
        assert 0 < mine.total < found.total
    engine.dispose()
