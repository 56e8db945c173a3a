"""The outlier rule measured: false alarms on smooth series, misses on planted jumps.

The synthetic set is built here, with a fixed seed: 2,000 series (2020–2025, six values)
of four kinds an officer meets — rates near their ceiling (巩固率, 入园率: 85–99.5 %, a
slow rise, ±0.3–0.8 points of noise), small rates (孕产妇死亡率 per 100,000: 6–18, falling
0–5 % a year, 3–8 % noise), counts (床位, 人数: 100–5,000, growing 2–8 % a year, 1–3 %
noise) and per-capita ratios a plan pushes hard (托位数, 医师数 per 1,000: 1–5, growing
3–20 % a year, 2–5 % noise). Into a copy, the last year gets a jump of a known size
(×(1+s) or ÷(1+s)). The rule judges the last year against the five before it, as review
does, and every year of the smooth series, as an upload does.
"""

from __future__ import annotations

import numpy as np
import pytest

from minsheng.collect.validate.outliers import outlier_points

YEARS = np.arange(2020, 2026)
PER_KIND = 500
JUMPS = (0.3, 0.5, 0.78, 1.0, 2.0)
FALSE_ALARM_BOUND = 0.01
MISS_BOUND = {0.5: 0.15, 0.78: 0.03, 1.0: 0.02, 2.0: 0.01}
"""The most a jump of each size may be missed (smaller jumps are reported only)."""


def _kind(rng, start, trend, noise, *, additive_noise=False, ceiling=None):
    """PER_KIND series: level × (1 + trend)^t with relative (or absolute) noise."""
    level = rng.uniform(*start, size=(PER_KIND, 1))
    growth = rng.uniform(*trend, size=(PER_KIND, 1))
    t = YEARS - YEARS[0]
    spread = rng.uniform(*noise, size=(PER_KIND, 1))
    if additive_noise:
        values = level + growth * t + rng.normal(size=(PER_KIND, t.size)) * spread
    else:
        values = level * (1 + growth) ** t * (1 + rng.normal(size=(PER_KIND, t.size)) * spread)
    return np.minimum(values, ceiling) if ceiling else values


def smooth_series(seed: int = 12) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.vstack(
        [
            _kind(rng, (85, 99.5), (0.1, 0.5), (0.3, 0.8), additive_noise=True, ceiling=100),
            _kind(rng, (6, 18), (-0.05, 0.0), (0.03, 0.08)),
            _kind(rng, (100, 5000), (0.02, 0.08), (0.01, 0.03)),
            _kind(rng, (1, 5), (0.03, 0.20), (0.02, 0.05)),
        ]
    )


def flags(values: np.ndarray) -> np.ndarray:
    """The rule's flags for a (series × year) matrix, every series judged at once."""
    count, width = values.shape
    series = np.repeat(np.arange(count, dtype=np.int64), width)
    years = np.tile(YEARS.astype(np.int64), count)
    return outlier_points(series, years, values.ravel()).reshape(count, width)


def with_jump(values: np.ndarray, size: float, seed: int) -> np.ndarray:
    """The last year moved by `size` of its value, up or down at random."""
    up = np.random.default_rng(seed).random(values.shape[0]) < 0.5
    jumped = values.copy()
    jumped[:, -1] = np.where(up, values[:, -1] * (1 + size), values[:, -1] / (1 + size))
    return jumped


def measure() -> tuple[float, float, dict[float, float]]:
    smooth = smooth_series()
    flagged = flags(smooth)
    last_year_alarms = float(flagged[:, -1].mean())
    any_year_alarms = float(flagged[:, 1:].mean())
    misses = {s: float(1 - flags(with_jump(smooth, s, 3))[:, -1].mean()) for s in JUMPS}
    return last_year_alarms, any_year_alarms, misses


def test_false_alarm_and_miss_rates_are_within_bounds(capsys):
    last_year, any_year, misses = measure()
    with capsys.disabled():
        print(f"\noutlier rule on {4 * PER_KIND} synthetic series (2020–2025):")
        print(f"  false alarms: last year {last_year:.2%}, any year {any_year:.2%}")
        for size, miss in misses.items():
            print(f"  jump of {size:.0%}: missed {miss:.2%}")
    assert last_year < FALSE_ALARM_BOUND
    assert any_year < FALSE_ALARM_BOUND
    for size, bound in MISS_BOUND.items():
        assert misses[size] <= bound, (size, misses[size])


@pytest.mark.parametrize("kind", range(4))
def test_no_kind_of_series_carries_the_false_alarms(kind):
    smooth = smooth_series()[kind * PER_KIND : (kind + 1) * PER_KIND]
    assert flags(smooth)[:, 1:].mean() < 2 * FALSE_ALARM_BOUND


def test_the_issues_jump_is_flagged_and_its_smooth_series_is_not():
    mortality = np.array([[9.8, 9.5, 9.3, 9.1, 9.0, 16.2], [9.8, 9.5, 9.3, 9.1, 9.0, 8.8]])
    assert flags(mortality)[:, -1].tolist() == [True, False]
    assert not flags(mortality)[:, :-1].any()
