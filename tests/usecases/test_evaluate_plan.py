"""evaluate_plan and previous_plan_verdicts on a real database, checked by hand.

Hefei's plan runs 2021–2025 from the 2020 baselines, so in 2023 three of five years have
passed and the linear path has covered 3/5 of the way to the target (docs/evaluation.md).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from minsheng.errors import InputProblem, NotFound
from minsheng.evaluate import Status, WarningLevel
from minsheng.model.plan import Attribute
from minsheng.store import session_scope
from minsheng.usecases import (
    evaluate_plan,
    import_observations,
    previous_plan_verdicts,
)
from minsheng.usecases.evaluate_plan import default_year
from minsheng.usecases.plans import find_current_plan

HEFEI = "合肥市"
LIFE = "人均预期寿命"  # 79.81 → 80.2, expected
MATERNAL = "孕产妇死亡率"  # 8.02 → <14, binding
DOCTORS = "每千常住人口执业(助理)医师数"  # 3.1 → 3.6, expected
CARE_BEDS = "养老机构护理型床位占比"  # 48 → ≥55, binding
INDICATORS = 38


@pytest.fixture
def database_url(hefei_database_url):
    """Every test here starts from the Hefei plan as imported (a copy of a template)."""
    return hefei_database_url


@pytest.fixture
def hefei(engine):
    return engine


def record(engine, tmp_path: Path, rows: list[tuple], name: str = "values.csv") -> None:
    path = tmp_path / name
    lines = ["地区,指标,年份,数值"] + [",".join(str(cell) for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with session_scope(engine) as session:
        import_observations(session, path=path, region=HEFEI, author="统计局")


def evaluate(engine, year: int | None = None, region: str = HEFEI):
    with session_scope(engine) as session:
        return evaluate_plan(session, region=region, year=year)


def by_key(result) -> dict:
    return {(e.name, e.region): e for e in result.evaluations}


def test_statuses_in_2023_as_worked_by_hand(hefei, tmp_path):
    record(
        hefei,
        tmp_path,
        [
            (HEFEI, LIFE, 2023, "80.0"),
            (HEFEI, MATERNAL, 2023, "15"),
            (HEFEI, DOCTORS, 2023, "3.2"),
            (HEFEI, CARE_BEDS, 2023, "52"),
        ],
    )
    result = evaluate(hefei, 2023)
    assert (result.region, result.year) == (HEFEI, 2023)
    assert result.title == "合肥市“十四五”公共服务规划"
    found = by_key(result)

    # Expected path 79.81 + 0.39 × 3/5 = 80.044; r = 0.19 / 0.234 = 0.8120.
    life = found[LIFE, HEFEI]
    assert (life.value, life.year, life.baseline.raw, life.target.raw) == (
        80.0,
        2023,
        "79.81",
        "80.2",
    )
    assert life.ratio == pytest.approx(0.19 / 0.234)
    assert life.ratio == pytest.approx(0.8120, abs=1e-4)
    assert (life.status, life.warning) == (Status.MODERATELY_IMPROVING, WarningLevel.NONE)
    assert life.attribute is Attribute.EXPECTED
    assert life.domain == "病有所医"

    # Met at baseline (8.02 < 14) and no longer met: regressing, and binding makes it red.
    maternal = found[MATERNAL, HEFEI]
    assert (maternal.status, maternal.warning) == (Status.REGRESSING, WarningLevel.RED)
    assert maternal.ratio is None  # no gap to close, so no ratio
    assert maternal.attribute is Attribute.BINDING

    # Expected path 3.1 + 0.5 × 3/5 = 3.4; r = 0.1 / 0.3 = 0.333: stagnating, yellow.
    doctors = found[DOCTORS, HEFEI]
    assert doctors.ratio == pytest.approx(1 / 3)
    assert (doctors.status, doctors.warning) == (Status.STAGNATING, WarningLevel.YELLOW)

    # Binding 48 → 55: path 48 + 7 × 3/5 = 52.2; r = 4 / 4.2 = 0.952 moderately improving,
    # which is red for a binding indicator (yellow only for expected ones).
    care = found[CARE_BEDS, HEFEI]
    assert care.ratio == pytest.approx(4 / 4.2)
    assert (care.status, care.warning) == (Status.MODERATELY_IMPROVING, WarningLevel.RED)

    # Everything else has nothing after 2020: no data, and no warning for it.
    others = [e for e in result.evaluations if e.name not in {LIFE, MATERNAL, DOCTORS, CARE_BEDS}]
    assert len(others) == INDICATORS - 4
    assert {(e.status, e.warning, e.value) for e in others} == {
        (Status.NO_DATA, WarningLevel.NONE, None)
    }


def test_a_value_meeting_the_target_early_is_achieved(hefei, tmp_path):
    record(hefei, tmp_path, [(HEFEI, LIFE, 2022, "80.3")])
    life = by_key(evaluate(hefei, 2023))[LIFE, HEFEI]
    assert (life.status, life.year, life.value) == (Status.ACHIEVED, 2022, 80.3)


def test_later_observations_are_ignored_and_the_latest_earlier_one_is_judged(hefei, tmp_path):
    record(hefei, tmp_path, [(HEFEI, DOCTORS, 2022, "3.3"), (HEFEI, DOCTORS, 2024, "3.0")])
    # 2022: path 3.1 + 0.5 × 2/5 = 3.3, so 3.3 is exactly on track.
    doctors = by_key(evaluate(hefei, 2023))[DOCTORS, HEFEI]
    assert (doctors.year, doctors.value, doctors.status) == (2022, 3.3, Status.ON_TRACK)
    assert doctors.ratio == pytest.approx(1.0)
    # As of 2024 the fall below the baseline is what counts.
    doctors = by_key(evaluate(hefei, 2024))[DOCTORS, HEFEI]
    assert (doctors.year, doctors.value, doctors.status) == (2024, 3.0, Status.REGRESSING)
    assert doctors.warning is WarningLevel.YELLOW


def test_a_region_with_nothing_since_2020_has_no_data_for_every_indicator(hefei):
    result = evaluate(hefei, 2023)
    assert len(result.evaluations) == INDICATORS
    assert {e.region for e in result.evaluations} == {HEFEI}  # no district rows either
    assert {e.status for e in result.evaluations} == {Status.NO_DATA}
    assert {e.warning for e in result.evaluations} == {WarningLevel.NONE}
    assert all(e.value is None and e.ratio is None for e in result.evaluations)


def test_a_reporting_district_is_judged_on_its_own_values(hefei, tmp_path):
    record(hefei, tmp_path, [("蜀山区", DOCTORS, 2023, "3.5")])
    result = evaluate(hefei, 2023)
    assert {e.region for e in result.evaluations} == {HEFEI, "蜀山区"}
    district = [e for e in result.evaluations if e.region == "蜀山区"]
    assert len(district) == INDICATORS
    # Against the city's baseline 3.1: r = 0.4 / 0.3 = 1.333, on track.
    doctors = by_key(result)[DOCTORS, "蜀山区"]
    assert (doctors.status, doctors.value) == (Status.ON_TRACK, 3.5)
    assert doctors.ratio == pytest.approx(0.4 / 0.3)
    assert by_key(result)[DOCTORS, HEFEI].status is Status.NO_DATA
    assert [e.status for e in district if e.name != DOCTORS] == [Status.NO_DATA] * (INDICATORS - 1)


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2023, 6, 30), 2023),
        (date(2021, 1, 1), 2021),
        (date(2025, 12, 31), 2025),
        (date(2019, 5, 1), 2021),  # before the period: its first year
        (date(2030, 1, 1), 2025),  # after it: the final evaluation
    ],
)
def test_default_year_keeps_today_inside_the_plan_period(hefei, today, year):
    with session_scope(hefei) as session:
        plan = find_current_plan(session, region=HEFEI)
        assert default_year(plan, today) == year


def test_evaluate_without_a_year_uses_the_newest_year_with_approved_data(hefei, tmp_path):
    # December 2026: the newest approved value is for 2023, so the default evaluation is
    # the 2023 one (mid-term), not "this year" kept inside the period (2025).
    record(hefei, tmp_path, [(HEFEI, DOCTORS, 2022, "3.2"), (HEFEI, DOCTORS, 2023, "3.4")])
    result = evaluate(hefei)
    assert result.year == 2023
    assert by_key(result)[DOCTORS, HEFEI].value == 3.4
    assert by_key(result)[DOCTORS, HEFEI].status is Status.ON_TRACK  # 3.1 → 3.6: 3.4 in 2023


def test_evaluate_without_any_data_in_the_period_uses_this_year_inside_it(hefei):
    with session_scope(hefei) as session:
        expected = default_year(find_current_plan(session, region=HEFEI))
    assert evaluate(hefei).year == expected


def test_a_2023_value_judged_for_the_final_evaluation_is_not_on_track(hefei, tmp_path):
    record(hefei, tmp_path, [(HEFEI, DOCTORS, 2023, "3.4")])
    final = by_key(evaluate(hefei, 2025))[DOCTORS, HEFEI]
    assert (final.status, final.year, final.judged_year) == (Status.NOT_ACHIEVED, 2023, 2025)


@pytest.mark.parametrize("year", [2019, 2020, 2026, 2030])
def test_a_year_outside_the_period_is_refused_naming_it(hefei, year):
    with pytest.raises(InputProblem) as refused:
        evaluate(hefei, year)
    assert refused.value.field == "year" and "2021–2025" in str(refused.value)


def test_previous_plan_verdicts_are_the_completion_table_judged(hefei, hefei_plan):
    with session_scope(hefei) as session:
        verdicts = previous_plan_verdicts(session, region=HEFEI)
    assert [v.name for v in verdicts] == [r.name for r in hefei_plan.previous_plan_results]
    found = {v.name: v for v in verdicts}
    beds = found["每千常住人口医疗卫生机构床位数"]  # target 8.0, reached 7.24
    assert (beds.target.raw, beds.actual.raw, beds.status) == ("8.0", "7.24", Status.NOT_ACHIEVED)
    assert (beds.domain, beds.unit) == ("基本医疗和公共卫生", "张")
    maternal = found[MATERNAL]  # target <10, reached 8.02
    assert (maternal.target.raw, maternal.actual.raw, maternal.status) == (
        "<10",
        "8.02",
        Status.ACHIEVED,
    )
    assert found["人均预期寿命"].status is Status.ACHIEVED  # 78 → 79.81
    assert found["城镇登记失业率"].status is Status.ACHIEVED  # 4.5以下 → <3.5
    assert found["企业劳动合同签订率"].status is Status.ACHIEVED  # 97 → 99.1


def test_an_unknown_region_names_the_stored_plans(hefei):
    with session_scope(hefei) as session, pytest.raises(NotFound) as caught:
        evaluate_plan(session, region="北京市", year=2023)
    message = str(caught.value)
    assert "北京市" in message
    assert "stored plans: 合肥市" in message
    with session_scope(hefei) as session, pytest.raises(NotFound, match="合肥市"):
        previous_plan_verdicts(session, region="北京市")
