"""Where to put new facilities: the maximal covering location problem (MCLP, Church and
ReVelle 1974). Choose at most `count` candidate sites so that the most population not yet
served gets a site within the radius; the facilities already there stay, and the demand
they cover counts for nothing.

Greedy (the default) takes the site covering most not-yet-covered population, again and
again, re-evaluating lazily (CELF, Leskovec et al. 2007): a site's gain only shrinks as
others are chosen, so a stale gain that still tops the queue is taken after one update.
Coverage is submodular, so greedy covers at least 1 − 1/e ≈ 63% of the optimum
(Nemhauser, Wolsey and Fisher 1978) and in practice within a few per cent of it.

Exact solves the integer programme with HiGHS (scipy.optimize.milp), to a zero gap:

    max Σᵢ Pᵢ·xᵢ   s.t.  xᵢ ≤ Σ_{j covers i} yⱼ,  Σⱼ yⱼ ≤ count,  yⱼ ∈ {0, 1},  0 ≤ xᵢ ≤ 1

over a reduced problem: only uncovered demand with population that some candidate
reaches, demand points reached by the same candidates merged into one row (populations
added), and candidates reaching the same points merged into one column.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from scipy.optimize import (  # type: ignore[import-untyped]
    Bounds,
    LinearConstraint,
    linprog,
    milp,
)

from minsheng.analytics.inequality import BoolArray, FloatArray, IntArray
from minsheng.analytics.proximity import pairs
from minsheng.analytics.strips import as_points


@dataclass(frozen=True)
class Siting:
    """The sites chosen and what they add."""

    chosen: IntArray
    """Candidate indices, in the order chosen (for exact: greedily ordered afterwards)."""
    gains: FloatArray
    """Population newly covered by each chosen site, in that order."""
    newly_covered: float
    covered: BoolArray
    """Per demand point, covered after (by the existing facilities or a chosen site)."""
    method: Literal["greedy", "exact"]


def maximal_covering(
    demand: npt.ArrayLike,
    population: npt.ArrayLike,
    candidates: npt.ArrayLike,
    radius: float,
    count: int,
    *,
    covered: npt.ArrayLike | None = None,
    exact: bool = False,
) -> Siting:
    """At most `count` sites among `candidates` covering the most uncovered population
    within `radius`. Sites that would add nobody are not chosen, so fewer may come back."""
    points = as_points(demand)
    people = np.nan_to_num(np.asarray(population, dtype=np.float64), nan=0.0)
    before = np.zeros(len(points), bool) if covered is None else np.asarray(covered, bool)
    matrix = _coverage(points, people, before, as_points(candidates), radius)
    weight = np.where(before, 0.0, np.maximum(people, 0.0))
    if exact:
        chosen, gains = _in_greedy_order(matrix, weight, _exact(matrix, weight, count))
    else:
        chosen, gains = _greedy(matrix, weight, count)
    after = before.copy()
    for site in chosen:
        after[matrix.indices[matrix.indptr[site] : matrix.indptr[site + 1]]] = True
    method: Literal["greedy", "exact"] = "exact" if exact else "greedy"
    return Siting(chosen, gains, float(gains.sum()), after, method)


def _coverage(
    points: FloatArray, people: FloatArray, before: BoolArray, sites: FloatArray, radius: float
) -> sparse.csr_array:
    """Candidate × demand incidence (CSR, sorted indices), kept only for demand that is
    uncovered and has population: the rest can never add anything."""
    useful = np.flatnonzero(~before & (people > 0))
    rows, cols = [], []
    for chunk in pairs(points[useful], sites, radius):
        rows.append(chunk.supply)
        cols.append(useful[chunk.demand])
    row = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    col = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    data = np.ones(len(row), dtype=np.int8)
    shape = (len(sites), len(points))
    matrix = sparse.csr_array((data, (row, col)), shape=shape)
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


def _gain(matrix: sparse.csr_array, weight: FloatArray, site: int) -> float:
    return float(weight[matrix.indices[matrix.indptr[site] : matrix.indptr[site + 1]]].sum())


def _greedy(
    matrix: sparse.csr_array, weight: FloatArray, count: int
) -> tuple[IntArray, FloatArray]:
    """Lazy greedy: pop the best stale gain, refresh it, take it if still the best (ties
    to the lowest index); the sites and their gains."""
    left = weight.copy()
    heap = [(-g, j) for j, g in enumerate(matrix @ left) if g > 0]
    heapq.heapify(heap)
    chosen: list[int] = []
    gains: list[float] = []
    while heap and len(chosen) < count:
        _, site = heapq.heappop(heap)
        fresh = _gain(matrix, left, site)
        if fresh <= 0:
            continue
        if heap and (-fresh, site) > heap[0]:
            heapq.heappush(heap, (-fresh, site))
            continue
        chosen.append(site)
        gains.append(fresh)
        left[matrix.indices[matrix.indptr[site] : matrix.indptr[site + 1]]] = 0.0
    return np.array(chosen, dtype=np.int64), np.array(gains, dtype=np.float64)


def _in_greedy_order(
    matrix: sparse.csr_array, weight: FloatArray, chosen: IntArray
) -> tuple[IntArray, FloatArray]:
    """The chosen sites re-ordered greedily, with each one's gain; sites adding nothing
    (an exact solution may pad with them) are dropped."""
    left, rest = weight.copy(), list(chosen)
    order, gains = [], []
    while rest:
        best = max(rest, key=lambda site: (_gain(matrix, left, site), -site))
        gain = _gain(matrix, left, best)
        if gain <= 0:
            break
        order.append(best)
        gains.append(gain)
        rest.remove(best)
        left[matrix.indices[matrix.indptr[best] : matrix.indptr[best + 1]]] = 0.0
    return np.array(order, dtype=np.int64), np.array(gains, dtype=np.float64)


def _exact(matrix: sparse.csr_array, weight: FloatArray, count: int) -> IntArray:
    """The optimum by HiGHS on the reduced problem (module docstring), to a zero gap."""
    site_groups = _identical_rows(matrix, np.diff(matrix.indptr) > 0)
    sites = np.array([group[0] for group in site_groups], dtype=np.int64)
    if not len(sites) or count <= 0:
        return np.zeros(0, dtype=np.int64)
    if count >= len(sites):
        return sites
    reached = sparse.csr_array(matrix[sites].T)  # demand × distinct site
    demand_groups = _identical_rows(reached, (np.diff(reached.indptr) > 0) & (weight > 0))
    rows = sparse.csr_array(reached[[group[0] for group in demand_groups]])
    people = np.array([weight[group].sum() for group in demand_groups], dtype=np.float64)
    problem = _Programme(rows, people, count)
    take = _integral_relaxation(problem)
    return sites[_branch_and_bound(problem) if take is None else take]


@dataclass(frozen=True)
class _Programme:
    """The reduced MCLP: variables (y per site, x per demand row), maximise Σ P·x."""

    rows: sparse.csr_array
    """Distinct demand rows × distinct sites (1 where the site covers the row)."""
    people: FloatArray
    count: int

    @property
    def objective(self) -> FloatArray:
        return np.concatenate([np.zeros(self.rows.shape[1]), -self.people])

    @property
    def link(self) -> sparse.csr_array:
        """xᵢ − Σ_{j covers i} yⱼ ≤ 0."""
        eye = sparse.eye_array(len(self.people))
        return sparse.hstack([-self.rows.astype(np.float64), eye]).tocsr()

    @property
    def budget(self) -> sparse.csr_array:
        """Σⱼ yⱼ (≤ count)."""
        sites, rows = self.rows.shape[1], len(self.people)
        return sparse.hstack([sparse.csr_array(np.ones((1, sites))), sparse.csr_array((1, rows))])


def _integral_relaxation(problem: _Programme) -> BoolArray | None:
    """The sites of the LP relaxation's optimum when it is integral and covers as much as
    the relaxation's bound (then no integer solution can do better), else None. Covering
    problems are often integral at the root; HiGHS's interior point (with crossover to a
    vertex) gets there several times faster than the simplex inside its MIP solver."""
    upper = np.concatenate([np.zeros(len(problem.people)), [problem.count]])
    matrix = sparse.vstack([problem.link, problem.budget]).tocsr()
    relaxed = linprog(problem.objective, A_ub=matrix, b_ub=upper, bounds=(0, 1), method="highs-ipm")
    if relaxed.status != 0:
        return None
    take: BoolArray = relaxed.x[: problem.rows.shape[1]] > 0.5
    reached = np.minimum(problem.rows @ take.astype(np.float64), 1.0)
    bound = -float(relaxed.fun)
    return take if float(problem.people @ reached) >= bound - 1e-9 * max(bound, 1.0) else None


def _branch_and_bound(problem: _Programme) -> BoolArray:
    """HiGHS's MIP solver, to a zero relative gap."""
    sites = problem.rows.shape[1]
    integrality = np.concatenate([np.ones(sites), np.zeros(len(problem.people))])
    constraints = [
        LinearConstraint(problem.link, -np.inf, 0.0),
        LinearConstraint(problem.budget, 0, problem.count),
    ]
    found = milp(
        problem.objective, constraints=constraints, integrality=integrality,
        bounds=Bounds(0, 1), options={"mip_rel_gap": 0.0},
    )  # fmt: skip
    if found.x is None:
        raise RuntimeError(f"HiGHS found no solution: {found.message}")
    return found.x[:sites] > 0.5


def _identical_rows(matrix: sparse.csr_array, keep: BoolArray) -> list[list[int]]:
    """The kept rows grouped by identical sparsity pattern (compared exactly, as the
    bytes of their sorted column indices), in order of first appearance."""
    matrix = sparse.csr_array(matrix)
    matrix.sort_indices()
    groups: dict[bytes, list[int]] = {}
    for row in np.flatnonzero(keep):
        members = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]
        groups.setdefault(members.tobytes(), []).append(int(row))
    return list(groups.values())


def candidate_grid(demand: npt.ArrayLike, spacing: float) -> FloatArray:
    """Centres of the square cells `spacing` wide (aligned on the demand's lowest x and y)
    that hold at least one demand point: candidate sites when none are given."""
    points = as_points(demand)
    if not len(points):
        return np.zeros((0, 2))
    if not spacing > 0:
        raise ValueError(f"spacing must be > 0, not {spacing}")
    low = points.min(axis=0)
    cells = np.unique(np.floor((points - low) / spacing).astype(np.int64), axis=0)
    return low + (cells + 0.5) * spacing
