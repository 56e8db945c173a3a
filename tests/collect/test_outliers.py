"""Every series judged in one vectorized pass flags what judging each alone flags."""

from __future__ import annotations

import itertools
import threading
import warnings

import numpy as np

from minsheng.collect.validate.outliers import outlier_rows

MULTIPLE, FLOOR, LONE_FLOOR, MIN_HISTORY = 4.0, 0.3, 0.5, 2


def one_series(series: dict[int, float], candidates: set[int]) -> set[int]:
    """The rule of docs and module docstring, for one series, as a plain loop."""
    years = sorted(series)
    changes = {
        year: (series[year] - series[before]) / (year - before)
        for before, year in itertools.pairwise(years)
    }
    flagged = set()
    for (before, year), change in zip(itertools.pairwise(years), changes.values(), strict=True):
        others = [c for y, c in changes.items() if y != year]
        level = abs(series[before])
        if len(others) < MIN_HISTORY:
            expected, allowance = 0.0, LONE_FLOOR * level
        else:
            expected = float(np.median(others))
            spread = float(np.median([abs(c - expected) for c in others]))
            allowance = max(MULTIPLE * spread, FLOOR * level)
        if abs(change - expected) > allowance:
            flagged.add(year)
    return flagged & candidates


def test_many_series_at_once_flag_what_each_alone_flags():
    rng = np.random.default_rng(7)
    regions, indicators, history, rows = ["甲", "乙", "丙"], [f"指标{i}" for i in range(40)], {}, []
    for region in regions:
        for indicator in indicators:
            years = sorted(
                rng.choice(np.arange(2010, 2026), size=rng.integers(1, 12), replace=False)
            )
            values = 10 * np.cumprod(1 + rng.normal(0.03, 0.02, len(years)))
            values[rng.random(len(years)) < 0.1] *= rng.choice([0, 3, -1])
            split = rng.integers(0, len(years) + 1)
            history[region, indicator] = dict(zip(years[:split], values[:split], strict=True))
            first_new = years[min(split, len(years) - 1)]
            rows += [
                (region, indicator, int(y), float(v))
                for y, v in zip(years, values, strict=True)
                if y >= first_new or rng.random() < 0.3  # some stored years sent again
            ]
    flagged = outlier_rows(
        regions=[r[0] for r in rows],
        indicators=[r[1] for r in rows],
        years=[r[2] for r in rows],
        values=[r[3] for r in rows],
        history=history,
        skip={"指标0"},
    )
    expected = set()
    for region in regions:
        for indicator in indicators[1:]:
            mine = {r[2]: i for i, r in enumerate(rows) if r[:2] == (region, indicator)}
            series = {int(y): float(v) for y, v in history[region, indicator].items()}
            series.update({rows[i][2]: rows[i][3] for i in mine.values()})
            expected |= {mine[year] for year in one_series(series, set(mine))}
    assert len(expected) > 10  # the data has outliers to find
    assert sorted(flagged) == sorted(expected)


def test_series_without_history_are_judged_without_a_warning_even_in_parallel():
    """A series of two values has no other change to compare with; numpy warns about the
    empty medians, and silencing that with `warnings.catch_warnings` is not thread-safe:
    a web server checking two files at once logged it."""

    def check() -> None:
        for _ in range(20):
            outlier_rows(
                regions=["甲", "甲"], indicators=["指标", "指标"], years=[2021, 2022],
                values=[10.0, 11.0], history={},
            )  # fmt: skip

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        threads = [threading.Thread(target=check) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [str(w.message) for w in caught] == []
