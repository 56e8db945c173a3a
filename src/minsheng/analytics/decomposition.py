"""Theil T and Theil L split into inequality between groups of regions (城区 and 县, say)
and within them, for many series at once. Each part is computed on its own from the
groups' sums (docs/equalization.md), so that total = between + within is a check:

    T between = Σ_g W_g (μ_g/μ) ln(μ_g/μ)      T within = Σᵢ wᵢ (yᵢ/μ) ln(yᵢ/μ_g(i))
    L between = Σ_g W_g ln(μ/μ_g)              L within = Σᵢ wᵢ ln(μ_g(i)/yᵢ)

with W_g a group's share of the weight and μ_g its (weighted) mean. `groups` gives each
region's group as a code 0 … G−1, the same for every series.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from minsheng.analytics.inequality import FloatArray, IntArray, Weighted, safe


@dataclass(frozen=True)
class Split:
    """Between- and within-group parts of an index, one per series."""

    between: FloatArray
    within: FloatArray


@dataclass(frozen=True)
class GroupSums:
    """Per series and group: weight share W, Σwy, Σwy·ln y, Σw·ln y, and the mean μ_g."""

    share: FloatArray
    total: FloatArray
    y_log_y: FloatArray
    log_y: FloatArray
    mean: FloatArray

    @property
    def log_mean(self) -> FloatArray:
        """ln μ_g, 0 for a group with nothing counted or a mean of zero."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.mean > 0, np.log(np.where(self.mean > 0, self.mean, 1.0)), 0.0)


def group_sums(w: Weighted, groups: IntArray) -> GroupSums:
    """The groups' sums, one matrix product each, the products formed in one buffer."""
    members = np.eye(int(groups.max(initial=-1)) + 1)[groups]  # regions × groups
    share = w.shares @ members
    buffer = np.multiply(w.shares, w.series.log)
    log_y = buffer @ members
    total = np.multiply(w.shares, w.series.values, out=buffer) @ members
    y_log_y = np.multiply(buffer, w.series.log, out=buffer) @ members
    mean = np.divide(total, share, out=np.zeros_like(total), where=share > 0)
    return GroupSums(share, total, y_log_y, log_y, mean)


def theil_t_split(w: Weighted, g: GroupSums) -> Split:
    """Theil T between and within the groups."""
    mu = safe(w.mean)[:, None]
    between = (g.total / mu * (g.log_mean - np.log(mu))).sum(axis=1)
    within = ((g.y_log_y - g.total * g.log_mean) / mu).sum(axis=1)
    return Split(_only(w.defined, between), _only(w.defined, within))


def theil_l_split(w: Weighted, g: GroupSums) -> Split:
    """Theil L between and within the groups."""
    mu = safe(w.mean)[:, None]
    between = (g.share * (np.log(mu) - g.log_mean)).sum(axis=1)
    within = (g.share * g.log_mean - g.log_y).sum(axis=1)
    return Split(_only(w.positive, between), _only(w.positive, within))


def _only(defined: np.ndarray, found: FloatArray) -> FloatArray:
    return np.where(defined, found, np.nan)
