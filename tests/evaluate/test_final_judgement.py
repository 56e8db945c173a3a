"""The final judgement: judged as of a year at or after the target year, an unmet target is
未达标 (not achieved) whatever year its value is from — never 进度正常 (on track)."""

from __future__ import annotations

import numpy as np
import pytest

from minsheng.evaluate import IndicatorTarget, Observation, Status, WarningLevel, evaluate
from minsheng.evaluate.direction import Direction
from minsheng.evaluate.status import direction_codes, evaluate_arrays
from minsheng.model.cell import parse_value
from minsheng.model.plan import Attribute

HIGHER = direction_codes([Direction.HIGHER_IS_BETTER])
QUAL = direction_codes([Direction.QUALITATIVE])


def status(**kwargs) -> Status:
    return evaluate_arrays(**kwargs).statuses()[0]


def test_a_value_on_the_path_in_2023_is_on_track_at_the_mid_term():
    # baseline 10 (2020), target 20 (2025): the path reaches 16 in 2023.
    assert status(baseline=10, target=20, value=16, year=2023, as_of=2023, direction=HIGHER) is (
        Status.ON_TRACK
    )


@pytest.mark.parametrize("as_of", [2025, 2026])
def test_the_same_2023_value_judged_for_the_final_evaluation_is_not_achieved(as_of):
    got = status(baseline=10, target=20, value=16, year=2023, as_of=as_of, direction=HIGHER)
    assert got is Status.NOT_ACHIEVED


def test_a_target_met_early_stays_achieved_at_the_final_evaluation():
    assert status(baseline=10, target=20, value=21, year=2023, as_of=2025, direction=HIGHER) is (
        Status.ACHIEVED
    )


def test_an_as_of_year_before_the_target_year_keeps_the_progress_bands():
    # judged as of 2024 with a 2023 value: still measured at the value's own year
    got = evaluate_arrays(baseline=10, target=20, value=14, year=2023, as_of=2024, direction=HIGHER)
    assert got.statuses()[0] is Status.MODERATELY_IMPROVING
    assert float(got.ratio[0]) == pytest.approx(4 / 6)


def test_without_as_of_the_value_is_judged_at_its_own_year():
    assert status(baseline=10, target=20, value=16, year=2023, direction=HIGHER) is (
        Status.ON_TRACK
    )


def test_a_qualitative_commitment_unmet_in_2023_is_not_achieved_at_the_final():
    assert status(baseline=1, target=np.nan, value=0, year=2023, as_of=2025, direction=QUAL) is (
        Status.NOT_ACHIEVED
    )


def test_rows_judged_as_of_different_years_at_once():
    got = evaluate_arrays(
        baseline=10,
        target=20,
        value=[16, 16, 16],
        year=[2023, 2023, 2023],
        as_of=[2023, np.nan, 2025],
        direction=HIGHER,
        binding=True,
    )
    assert got.statuses() == [Status.ON_TRACK, Status.ON_TRACK, Status.NOT_ACHIEVED]
    assert got.warnings() == [WarningLevel.NONE, WarningLevel.NONE, WarningLevel.RED]


def test_the_row_api_says_which_year_was_judged_and_which_year_the_value_is_from():
    doctors = IndicatorTarget(
        "每千人口执业医师数", parse_value("10"), parse_value("≥20"), Attribute.BINDING
    )
    observations = [Observation(0, "合肥市", 2023, 16.0)]
    (mid,) = evaluate([doctors], observations, 2023)
    (final,) = evaluate([doctors], observations, 2025)
    assert (mid.status, mid.year, mid.judged_year, mid.value_is_older) == (
        Status.ON_TRACK, 2023, 2023, False,
    )  # fmt: skip
    assert (final.status, final.year, final.judged_year, final.value_is_older) == (
        Status.NOT_ACHIEVED, 2023, 2025, True,
    )  # fmt: skip
    assert final.warning is WarningLevel.RED
