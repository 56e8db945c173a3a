"""A plan's districts compared on one indicator: values in force for the year, populations,
the measures (checked against the analytics core on the same arrays), the 城区/县 split,
who reaches the target, and the trend (示例数据 written here)."""

from __future__ import annotations

import numpy as np
import pytest
from tests.hefei import HEFEI_DISTRICTS, URBAN

from minsheng.analytics.measures import measures
from minsheng.errors import InputProblem
from minsheng.ingest import parse_file
from minsheng.store import session_scope
from minsheng.usecases import import_observations, import_plan
from minsheng.usecases.plans import find_current_plan, indicator_named
from minsheng.usecases.population import import_population
from minsheng.usecases.read.equalization import equalization

DISTRICTS = HEFEI_DISTRICTS
LIFE_2021 = (80.6, 81.2, 81.5, 81.0, 78.9, 79.2, 79.6, 78.6, 79.0)
LIFE_2023 = (80.9, 81.4, 81.6, 81.2, 79.6, 79.8, 80.1, 79.3, 79.6)  # the counties catch up
PEOPLE = (1_010_000, 660_000, 1_100_000, 1_250_000, 780_000, 900_000, 960_000, 900_000, 720_000)


def life(session, plan_id: int) -> int:
    return indicator_named(session, plan_id=plan_id, name="人均预期寿命")


@pytest.fixture
def database_url(hefei_database_url):
    """Every test here starts from the Hefei plan as imported (a copy of a template)."""
    return hefei_database_url


@pytest.fixture
def hefei(engine, tmp_path):
    rows = ["region,indicator,year,value"]
    for year, values in ((2021, LIFE_2021), (2023, LIFE_2023)):
        rows += [f"{d},人均预期寿命,{year},{v}" for d, v in zip(DISTRICTS, values, strict=True)]
    observed = tmp_path / "life.csv"
    observed.write_text("\n".join(rows) + "\n", encoding="utf-8")
    people = tmp_path / "people.csv"
    lines = [f"{d},2022,{p}" for d, p in zip(DISTRICTS[:-1], PEOPLE, strict=False)]
    people.write_text("region,year,population\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with session_scope(engine) as session:
        import_observations(session, path=observed, region="合肥市", author="卫健委")
        import_population(session, path=people, author="统计局")
    return people


def test_districts_values_groups_and_measures(engine, hefei):
    with session_scope(engine) as session:
        plan = find_current_plan(session, region="合肥市")
        found = equalization(
            session, plan_id=plan.id, indicator_id=life(session, plan.id), year=2023
        )
    assert [r.region for r in found.regions] == list(DISTRICTS)
    assert [r.value for r in found.regions] == list(LIFE_2023)
    assert [r.group for r in found.regions] == ["城区"] * URBAN + ["县（市）"] * 5
    groups = np.array([0] * URBAN + [1] * 5)
    expected = measures(np.array([LIFE_2023]), None, groups)
    assert found.unweighted.gini == pytest.approx(expected.gini[0], abs=1e-15)
    assert found.unweighted.theil_t_between == pytest.approx(
        expected.theil_t_split.between[0], abs=1e-15
    )
    total = found.unweighted.theil_t_between + found.unweighted.theil_t_within
    assert total == pytest.approx(found.unweighted.theil_t, rel=1e-12)
    assert found.weighted is None and found.missing_population == ["巢湖市"]  # no figure
    assert (found.reaching_target, found.with_value) == (sum(v >= 80.2 for v in LIFE_2023), 9)
    assert [r.reaching_target for r in found.regions] == [v >= 80.2 for v in LIFE_2023]
    assert found.trend_years == [2020, 2021, 2022, 2023]
    assert found.trend_cv[2] is None and found.convergence.shrinking is True


def test_population_weights_once_every_district_has_a_figure(engine, hefei, tmp_path):
    complete = tmp_path / "more.csv"
    complete.write_text("region,year,population\n巢湖市,2023,720000\n", encoding="utf-8")
    with session_scope(engine) as session:
        import_population(session, path=complete, author="统计局")
    with session_scope(engine) as session:
        plan = find_current_plan(session, region="合肥市")
        found = equalization(
            session, plan_id=plan.id, indicator_id=life(session, plan.id), year=2023
        )
    weights = np.array(PEOPLE, dtype=float)
    expected = measures(np.array([LIFE_2023]), weights, np.array([0] * URBAN + [1] * 5))
    assert found.weighted is not None and found.missing_population == []
    assert found.weighted.cv == pytest.approx(expected.cv[0], abs=1e-15)
    assert found.weighted.theil_l_within == pytest.approx(
        expected.theil_l_split.within[0], abs=1e-15
    )
    assert [r.population for r in found.regions] == list(weights)


def test_unknown_indicator_and_a_plan_without_districts_are_input_problems(
    engine, hefei, seeds_dir
):
    with session_scope(engine) as session:
        import_plan(session, parse_file(seeds_dir / "002_ddc8656c13851e5b.txt"), author="规划处")
    with session_scope(engine) as session:
        plan = find_current_plan(session, region="合肥市")
        with pytest.raises(InputProblem, match="no indicator"):
            indicator_named(session, plan_id=plan.id, name="不存在的指标")
        kongtong = find_current_plan(session, region="崆峒区")
        with pytest.raises(InputProblem, match="no districts"):
            equalization(
                session, plan_id=kongtong.id, indicator_id=life(session, kongtong.id), year=2023
            )


def test_a_three_way_county_type_grouping(engine, hefei):
    with session_scope(engine) as session:
        plan = find_current_plan(session, region="合肥市")
        found = equalization(
            session,
            plan_id=plan.id,
            indicator_id=life(session, plan.id),
            year=2023,
            grouping="county_type",
        )
        with pytest.raises(InputProblem, match="unknown grouping"):
            equalization(
                session, plan_id=plan.id, indicator_id=life(session, plan.id), year=2023,
                grouping="provinces",
            )  # fmt: skip
    assert [r.group for r in found.regions] == ["市辖区"] * URBAN + ["县"] * 4 + ["县级市"]
    groups = np.array([0] * URBAN + [1] * 4 + [2])
    expected = measures(np.array([LIFE_2023]), None, groups)
    assert found.unweighted.theil_l_between == pytest.approx(
        expected.theil_l_split.between[0], abs=1e-15
    )
