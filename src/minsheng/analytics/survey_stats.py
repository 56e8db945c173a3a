"""Satisfaction scores summarised: the response count, the mean and its 95 % confidence
interval from Student's t distribution (the sample is small and its variance unknown).

One response gives no interval (None); identical scores give a zero-width one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

CONFIDENCE = 0.95


@dataclass(frozen=True)
class ScoreSummary:
    count: int
    mean: float | None
    low: float | None
    high: float | None


def summarise(scores: npt.ArrayLike, confidence: float = CONFIDENCE) -> ScoreSummary:
    """Count, mean and the t-interval of the mean at `confidence`."""
    values = np.asarray(scores, dtype=float)
    if values.size == 0:
        return ScoreSummary(0, None, None, None)
    mean = float(values.mean())
    if values.size == 1:
        return ScoreSummary(1, mean, None, None)
    error = float(values.std(ddof=1)) / np.sqrt(values.size)
    if error == 0.0:
        return ScoreSummary(int(values.size), mean, mean, mean)
    from scipy import stats  # type: ignore[import-untyped]  # noqa: PLC0415  (1.5 s; only when asked)

    low, high = stats.t.interval(confidence, values.size - 1, loc=mean, scale=error)
    return ScoreSummary(int(values.size), mean, float(low), float(high))
