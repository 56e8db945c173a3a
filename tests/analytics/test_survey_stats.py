"""The survey summary's 95 % interval against a hand-computed t-interval on random scores."""

from __future__ import annotations

import math
import statistics

import numpy as np
from scipy import stats

from minsheng.analytics.survey_stats import summarise


def test_the_interval_is_mean_plus_minus_t_times_the_standard_error() -> None:
    generator = np.random.default_rng(15)
    for size in (2, 3, 7, 30, 200):
        scores = generator.integers(1, 6, size=size).tolist()
        mean = statistics.fmean(scores)
        half = stats.t.ppf(0.975, size - 1) * statistics.stdev(scores) / math.sqrt(size)
        summary = summarise(scores)
        assert summary.count == size
        assert math.isclose(summary.mean or 0, mean)
        if half == 0:
            assert summary.low == summary.high == mean
        else:
            assert math.isclose(summary.low or 0, mean - half)
            assert math.isclose(summary.high or 0, mean + half)


def test_one_or_no_response_has_no_interval_and_equal_scores_a_zero_width_one() -> None:
    assert summarise([]).count == 0 and summarise([]).mean is None
    assert summarise([4]).mean == 4 and summarise([4]).low is None
    assert (summarise([3, 3, 3]).low, summarise([3, 3, 3]).high) == (3, 3)
