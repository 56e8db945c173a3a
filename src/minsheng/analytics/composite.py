"""A composite view of districts: how far each district has come towards each target
(achievement), and per domain the mean over its indicators — the heatmap that shows which
districts lag in which domain.

Achievement is the value relative to the target interval [low, high] a value meets by
lying in it: 1 inside; below it, value/low; above it, high/value; capped to [0, 1]. It is
direction-aware through the interval (≥4.6 is [4.6, ∞), <14 is (−∞, 14]) and undefined
(NaN) without a value, for an unbounded or non-positive edge, or a negative value.
"""

from __future__ import annotations

import numpy as np

from minsheng.analytics.inequality import FloatArray, IntArray


def achievement(value: FloatArray, low: FloatArray, high: FloatArray) -> FloatArray:
    """Each value's achievement of its target interval (arrays broadcast)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        below = np.where(low > 0, value / low, np.nan)
        above = np.where(high > 0, high / value, np.nan)
        found = np.where(value < low, below, np.where(value > high, above, 1.0))
    found = np.where(np.isnan(value) | (value < 0), np.nan, found)
    return np.clip(found, 0.0, 1.0)


def domain_means(scores: FloatArray, domains: IntArray, count: int) -> FloatArray:
    """(rows × indicators) achievements → (rows × domains) means over each domain's
    indicators with a score; NaN for a domain with none."""
    known = ~np.isnan(scores)
    members = np.eye(count)[domains]  # indicators × domains
    totals = np.where(known, scores, 0.0) @ members
    counts = known.astype(np.float64) @ members
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(counts > 0, totals / counts, np.nan)
