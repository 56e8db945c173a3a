"""Every status and warning of the vectorized core, with numbers worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from minsheng.evaluate.direction import Direction
from minsheng.evaluate.status import (
    Method,
    Status,
    WarningLevel,
    direction_codes,
    evaluate_arrays,
)

HIGHER = direction_codes([Direction.HIGHER_IS_BETTER])
LOWER = direction_codes([Direction.LOWER_IS_BETTER])
BAND = direction_codes([Direction.WITHIN_BAND])
QUAL = direction_codes([Direction.QUALITATIVE])


def one(**kwargs) -> tuple[Status, float, WarningLevel]:
    result = evaluate_arrays(**kwargs)
    return result.statuses()[0], float(result.ratio[0]), result.warnings()[0]


# baseline 10 (2020), target 20 (2025): expected in 2023 is 10 + 10 × 3/5 = 16.
@pytest.mark.parametrize(
    ("value", "status", "ratio"),
    [
        (16.0, Status.ON_TRACK, 1.0),  # (16-10)/(16-10)
        (17.5, Status.ON_TRACK, 1.25),
        (14.0, Status.MODERATELY_IMPROVING, 2 / 3),  # 4/6
        (13.0, Status.MODERATELY_IMPROVING, 0.5),  # boundary belongs to the upper band
        (12.0, Status.STAGNATING, 1 / 3),  # 2/6
        (10.0, Status.STAGNATING, 0.0),
        (9.0, Status.REGRESSING, -1 / 6),
        (20.0, Status.ACHIEVED, 10 / 6),
    ],
)
def test_linear_progress_before_the_target_year(value, status, ratio):
    got = one(baseline=10, target=20, value=value, year=2023, direction=HIGHER)
    assert got[0] is status
    assert got[1] == pytest.approx(ratio)


def test_unmet_target_at_the_target_year_is_not_achieved():
    assert one(baseline=10, target=20, value=19, year=2025, direction=HIGHER)[0] is (
        Status.NOT_ACHIEVED
    )
    assert one(baseline=10, target=20, value=20, year=2025, direction=HIGHER)[0] is (
        Status.ACHIEVED
    )


def test_strict_target_needs_to_be_passed():
    loose = one(baseline=80, target=90, value=90, year=2025, direction=HIGHER)
    strict = one(baseline=80, target=90, value=90, year=2025, direction=HIGHER, strict=True)
    assert (loose[0], strict[0]) == (Status.ACHIEVED, Status.NOT_ACHIEVED)


# 孕产妇死亡率: baseline 15 → at most 10; 2022 expected 15 - 5 × 2/5 = 13.
@pytest.mark.parametrize(
    ("value", "status", "ratio"),
    [
        (13.0, Status.ON_TRACK, 1.0),
        (14.0, Status.MODERATELY_IMPROVING, 0.5),
        (14.6, Status.STAGNATING, 0.2),
        (16.0, Status.REGRESSING, -0.5),
        (9.5, Status.ACHIEVED, 2.75),
    ],
)
def test_lower_is_better(value, status, ratio):
    got = one(baseline=15, target=10, value=value, year=2022, direction=LOWER)
    assert got[0] is status
    assert got[1] == pytest.approx(ratio)


# Band 28~45 from baseline 20: aim is the near edge 28; 2022 expected 20 + 8 × 2/5 = 23.2.
@pytest.mark.parametrize(
    ("value", "status", "ratio"),
    [
        (30.0, Status.ACHIEVED, None),
        (45.0, Status.ACHIEVED, None),
        (24.0, Status.ON_TRACK, 1.25),
        (22.4, Status.MODERATELY_IMPROVING, 0.75),
        (19.0, Status.REGRESSING, -0.3125),
        (50.0, Status.MODERATELY_IMPROVING, 0.9375),  # 5 past the far edge counts as 23: 3/3.2
    ],
)
def test_within_band(value, status, ratio):
    got = one(baseline=20, target=28, target_high=45, value=value, year=2022, direction=BAND)
    assert got[0] is status
    if ratio is not None:
        assert got[1] == pytest.approx(ratio)


def test_band_at_the_target_year():
    assert one(baseline=20, target=28, target_high=45, value=50, year=2025, direction=BAND)[0] is (
        Status.NOT_ACHIEVED
    )


@pytest.mark.parametrize(
    ("baseline", "target", "strict", "value", "status"),
    [
        (100, 100, False, 100, Status.ACHIEVED),  # maintain 100 → 100
        (100, 100, False, 98, Status.REGRESSING),
        (99.82, 90, True, 95, Status.ACHIEVED),  # 99.82 → >90
        (99.82, 90, True, 90, Status.REGRESSING),
    ],
)
def test_target_already_met_at_baseline(baseline, target, strict, value, status):
    got = one(
        baseline=baseline, target=target, value=value, year=2022, direction=HIGHER, strict=strict
    )
    assert got[0] is status
    assert math.isnan(got[1])


# [20]: 20 over 2021–2025, so 12 by 2023 is on the pro-rated path (12 / (20 × 3/5) = 1).
@pytest.mark.parametrize(
    ("total", "year", "status", "ratio"),
    [
        (12.0, 2023, Status.ON_TRACK, 1.0),
        (9.0, 2023, Status.MODERATELY_IMPROVING, 0.75),
        (3.0, 2023, Status.STAGNATING, 0.25),
        (21.0, 2024, Status.ACHIEVED, 21 / 16),
        (18.0, 2025, Status.NOT_ACHIEVED, 0.9),
    ],
)
def test_cumulative_target(total, year, status, ratio):
    got = one(baseline=np.nan, target=20, value=total, year=year, direction=HIGHER, cumulative=True)
    assert got[0] is status
    assert got[1] == pytest.approx(ratio)


def test_cumulative_cap_is_not_evaluable():
    got = one(baseline=np.nan, target=20, value=5, year=2023, direction=LOWER, cumulative=True)
    assert got[0] is Status.NOT_EVALUABLE


@pytest.mark.parametrize(
    ("baseline", "value", "year", "status"),
    [
        (np.nan, 1.0, 2023, Status.ACHIEVED),
        (np.nan, 0.0, 2023, Status.STAGNATING),
        (1.0, 0.0, 2023, Status.REGRESSING),
        (np.nan, 0.0, 2025, Status.NOT_ACHIEVED),
        (np.nan, 0.4, 2023, Status.NOT_EVALUABLE),
        (np.nan, np.nan, 2023, Status.NO_DATA),
    ],
)
def test_qualitative(baseline, value, year, status):
    got = one(baseline=baseline, target=np.nan, value=value, year=year, direction=QUAL)
    assert got[0] is status
    assert math.isnan(got[1])


def test_missing_baseline_is_not_evaluable_unless_the_target_is_met():
    assert one(baseline=np.nan, target=20, value=15, year=2023, direction=HIGHER)[0] is (
        Status.NOT_EVALUABLE
    )
    assert one(baseline=np.nan, target=20, value=21, year=2023, direction=HIGHER)[0] is (
        Status.ACHIEVED
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"target": np.nan, "value": 15, "year": 2023},  # no target number
        {"target": 20, "value": 15, "year": 2020},  # no time elapsed
        {"target": 20, "value": 15, "year": 2023, "direction": np.int8(9)},  # unknown code
    ],
)
def test_other_not_evaluable(kwargs):
    args = {"baseline": 10, "direction": HIGHER} | kwargs
    assert one(**args)[0] is Status.NOT_EVALUABLE


def test_missing_value_is_no_data():
    got = one(baseline=10, target=20, value=np.nan, year=2023, direction=HIGHER, binding=True)
    assert got[0] is Status.NO_DATA
    assert got[2] is WarningLevel.NONE


# Growth-rate method: baseline 100 → 200 over 5 years needs a CAGR of 2^(1/5)-1 = 14.87%.
@pytest.mark.parametrize(
    ("value", "status"),
    [
        (132.0, Status.ON_TRACK),  # 14.89% / 14.87% = 1.001
        (120.0, Status.MODERATELY_IMPROVING),  # 9.54% / 14.87% = 0.642
        (105.0, Status.STAGNATING),  # 2.47% / 14.87% = 0.166
        (95.0, Status.REGRESSING),
    ],
)
def test_growth_rate_method(value, status):
    got = one(
        baseline=100, target=200, value=value, year=2022, direction=HIGHER,
        method=Method.GROWTH_RATE,
    )  # fmt: skip
    assert got[0] is status


def test_growth_rate_ratio_by_hand():
    got = one(
        baseline=100, target=200, value=120, year=2022, direction=HIGHER,
        method=Method.GROWTH_RATE,
    )  # fmt: skip
    actual = 1.2**0.5 - 1
    required = 2**0.2 - 1
    assert got[1] == pytest.approx(actual / required)
    assert got[1] == pytest.approx(0.6419, abs=1e-4)


def test_growth_rate_needs_positive_numbers():
    got = one(
        baseline=0, target=20, value=5, year=2022, direction=HIGHER, method=Method.GROWTH_RATE
    )
    assert got[0] is Status.NOT_EVALUABLE


# Warnings: binding is red unless achieved/on track; expected is yellow when stagnating,
# regressing or not achieved; no_data and not_evaluable are never warned about.
@pytest.mark.parametrize(
    ("value", "year", "binding", "warning"),
    [
        (20, 2023, True, WarningLevel.NONE),  # achieved
        (16, 2023, True, WarningLevel.NONE),  # on track
        (14, 2023, True, WarningLevel.RED),  # moderately improving
        (12, 2023, True, WarningLevel.RED),  # stagnating
        (9, 2023, True, WarningLevel.RED),  # regressing
        (19, 2025, True, WarningLevel.RED),  # not achieved
        (14, 2023, False, WarningLevel.NONE),  # moderately improving
        (12, 2023, False, WarningLevel.YELLOW),  # stagnating
        (9, 2023, False, WarningLevel.YELLOW),  # regressing
        (19, 2025, False, WarningLevel.YELLOW),  # not achieved
        (16, 2023, False, WarningLevel.NONE),  # on track
        (np.nan, 2023, False, WarningLevel.NONE),  # no data
    ],
)
def test_warnings(value, year, binding, warning):
    got = one(baseline=10, target=20, value=value, year=year, direction=HIGHER, binding=binding)
    assert got[2] is warning


def test_not_evaluable_is_not_warned_even_when_binding():
    got = one(baseline=np.nan, target=20, value=12, year=2023, direction=HIGHER, binding=True)
    assert (got[0], got[2]) == (Status.NOT_EVALUABLE, WarningLevel.NONE)


def test_rows_are_independent_and_scalars_broadcast():
    result = evaluate_arrays(
        baseline=np.array([10.0, 15.0, np.nan]),
        target=np.array([20.0, 10.0, 20.0]),
        value=np.array([16.0, 16.0, 12.0]),
        year=2023,
        direction=direction_codes(
            [Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER, Direction.HIGHER_IS_BETTER]
        ),
        binding=np.array([False, True, True]),
    )
    assert result.statuses() == [Status.ON_TRACK, Status.REGRESSING, Status.NOT_EVALUABLE]
    assert result.warnings() == [WarningLevel.NONE, WarningLevel.RED, WarningLevel.NONE]
    assert result.status.dtype == np.int8


def test_a_total_met_exactly_is_achieved_whatever_the_float_error():
    total = 0.5 + 0.4 + 0.6 + 0.8 + 0.3  # 2.5999999999999996 in binary floating point
    assert total != 2.6
    got = one(baseline=0, target=2.6, value=total, year=2025, direction=HIGHER, cumulative=True)
    assert got[0] is Status.ACHIEVED
