"""The demonstration's synthetic district data: every value and population labelled 示例数据,
the same every time, plausible (no negative, no percentage above 100), and enough for the
equalization of every city plan to be computed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from minsheng.data.bundled import bundled_plans
from minsheng.labels import SAMPLE_LABEL
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.repositories import plans, values
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Population
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.read.equalization import equalization
from minsheng.usecases.read.equalization_page import equalization_view
from minsheng.usecases.sample_data import holds_sample_data


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
            found = equalization(session, plan_id=plan.id, indicator_id=view.chosen.id, year=2025)
            assert found.with_value == len(found.regions)
    engine.dispose()
