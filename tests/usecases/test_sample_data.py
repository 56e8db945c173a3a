"""The demonstration's synthetic monitoring set: every value and population labelled 示例数据,
the same every time, plausible (no negative, no percentage above 100), enough for the
equalization of every city plan; each plan with some indicators on track, some lagging and
one binding indicator regressing; 合肥's 2025 reporting in progress; never mixed into a
database with real reported values."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from minsheng.data.bundled import bundled_plans
from minsheng.errors import Conflict
from minsheng.labels import SAMPLE_LABEL
from minsheng.model.observation import ReviewState
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.repositories import observations, plans, values
from minsheng.store.repositories.observations import NewRevision
from minsheng.store.tables import (
    Indicator,
    Observation,
    ObservationRevision,
    Population,
    Region,
    ReportingRound,
)
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.evaluate_plan import evaluate_plan
from minsheng.usecases.read.equalization import equalization
from minsheng.usecases.read.equalization_page import equalization_view
from minsheng.usecases.rounds.status import round_status
from minsheng.usecases.sample_data import add_sample_data, holds_sample_data


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        setup = set_up_demo(session, bundled_plans(), sample_data=True)
        assert setup.sample is not None and setup.sample.values > 1_000
    engine.dispose()
    return url


def sample_rows(session) -> list[tuple[float, str | None, str | None]]:
    query = (
        select(ObservationRevision.value, ObservationRevision.note, Indicator.unit)
        .join(Observation, Observation.current_revision_id == ObservationRevision.id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(ObservationRevision.author == "demo", Observation.year > 2020)
    )
    return [(value, note, unit) for value, note, unit in session.execute(query)]


def test_every_sample_value_and_population_is_labelled_and_plausible(sample_url):
    engine = create_engine_for(sample_url)
    with session_scope(engine) as session:
        rows = sample_rows(session)
        assert rows and all(note == SAMPLE_LABEL for _, note, _ in rows)
        assert all(value >= 0 for value, _, _ in rows)
        assert all(value <= 100 for value, _, unit in rows if unit in {"%", "％"})
        sources = set(session.scalars(select(Population.source)))
        assert sources == {SAMPLE_LABEL}
        assert holds_sample_data(session)
        assert values.holds_labelled(session, note=SAMPLE_LABEL)
    engine.dispose()


def test_the_same_plans_give_the_same_numbers(sample_url, tmp_path):
    again = f"sqlite:///{tmp_path / 'again.db'}"
    upgrade_database(again)
    engines = [create_engine_for(sample_url), create_engine_for(again)]
    with session_scope(engines[1]) as session:
        set_up_demo(session, bundled_plans(), sample_data=True)
    found = []
    for engine in engines:
        with session_scope(engine) as session:
            found.append(sorted(value for value, _, _ in sample_rows(session)))
        engine.dispose()
    assert found[0] == found[1]


def test_every_city_plan_has_an_equalization_to_show(sample_url):
    engine = create_engine_for(sample_url)
    with session_scope(engine) as session:
        for plan in plans.current_plans(session):
            if plan.is_reference or plan.region.level != "city":
                continue
            view = equalization_view(session, plan_id=plan.id, indicator_id=None, year=None)
            assert view.chosen is not None and view.chosen.district_years, plan.region.name
            assert view.result is not None and view.result.sample
            assert view.result.weighted is not None, plan.region.name
            assert view.geometry is not None
            found = equalization(session, plan_id=plan.id, indicator_id=view.chosen.id, year=2024)
            assert found.with_value == len(found.regions)
    engine.dispose()


def _statuses(session, region: str, year: int) -> list[tuple[str, str, bool]]:
    """(status, attribute, is the plan's own region) of every row judged for the plan."""
    found = evaluate_plan(session, region=region, year=year)
    return [(str(e.status), str(e.attribute), e.region == region) for e in found.evaluations]


@pytest.mark.parametrize("region", ["合肥市", "六安市", "滁州市", "淮北市", "崆峒区"])
def test_every_plan_shows_progress_lag_and_one_binding_regression(sample_url, region):
    engine = create_engine_for(sample_url)
    with session_scope(engine) as session:
        own = [(s, a) for s, a, mine in _statuses(session, region, 2024) if mine]
    engine.dispose()
    statuses = [s for s, _ in own]
    assert statuses.count("on_track") >= 3 and statuses.count("achieved") >= 3
    assert statuses.count("stagnating") + statuses.count("moderately_improving") >= 2
    assert own.count(("regressing", "binding")) == 1
    assert [s for s, a in own if a == "expected"].count("regressing") == 0


def test_hefei_2025_is_awaiting_review_but_the_late_department_sent_nothing(sample_url):
    engine = create_engine_for(sample_url)
    with session_scope(engine) as session:
        hefei = session.scalar(select(Region.id).where(Region.name == "合肥市"))
        rows = session.execute(
            select(Indicator.domain, Indicator.name, ObservationRevision.state,
                   ObservationRevision.value, Observation.region_id)
            .join(Observation, Observation.latest_revision_id == ObservationRevision.id)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(Observation.year == 2025)
        ).all()  # fmt: skip
        before = dict(session.execute(
            select(Indicator.name, Observation.current_value)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(Observation.year == 2024, Observation.region_id == hefei)
        ).all())  # fmt: skip
    engine.dispose()
    states = [state for _, _, state, _, _ in rows]
    assert states.count("submitted") >= 200 and states.count("returned") == 1
    assert not [r for r in rows if r[0].startswith("文体")]  # 文旅局 is late
    jump = [v for _, name, _, v, region in rows if name == "孕产妇死亡率" and region == hefei]
    assert jump and jump[0] / before["孕产妇死亡率"] == pytest.approx(1.78, abs=0.01)


def test_sample_data_is_never_added_to_a_database_with_reported_values(tmp_path):
    url = f"sqlite:///{tmp_path / 'real.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans()[:1])
        indicator = session.scalars(select(Indicator)).first()
        observations.add_revisions(
            session, revisions=[NewRevision((indicator.id, 1, 2021), 1.0, "部门报送")],
            state=ReviewState.APPROVED, author="someone",
        )  # fmt: skip
    with pytest.raises(Conflict, match="示例数据"), session_scope(engine) as session:
        add_sample_data(session, author="demo")
    with session_scope(engine) as session:
        assert not holds_sample_data(session)
    engine.dispose()


def test_the_2025_round_has_one_late_department(sample_url):
    engine = create_engine_for(sample_url)
    with session_scope(engine) as session:
        (found,) = session.scalars(select(ReportingRound)).all()
        status = round_status(session, round_id=found.id)
    engine.dispose()
    late = {t.name for t in status.departments if t.is_late}
    assert late == {"合肥市文旅局"}
    on_time = [t for t in status.departments if t.name != "合肥市文旅局"]
    assert on_time and all(t.rate > 0.9 for t in on_time)
    assert sum(t.returned for t in status.departments) == 1
