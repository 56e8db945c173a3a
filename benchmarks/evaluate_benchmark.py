"""Vectorized evaluation against a per-row Python loop, on a country-sized data set.

Run: .venv/bin/python benchmarks/evaluate_benchmark.py
3,000 regions × 40 indicators × 5 years = 600,000 evaluations of seeded random data.
Prints the best-of-N time of `evaluate_arrays` (linear and growth-rate methods), the
time of a straightforward loop applying the same rules row by row, the speed-up, and
checks that both give identical statuses and warnings. Budget: vectorized under 1 s.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

from minsheng.evaluate.direction import Direction
from minsheng.evaluate.status import (
    STATUSES,
    WARNINGS,
    Method,
    Status,
    WarningLevel,
    direction_codes,
    evaluate_arrays,
)

REGIONS, INDICATORS, YEARS = 3_000, 40, 5
BUDGET_S = 1.0
REPEATS = 5
H, L, B, Q = direction_codes(list(Direction)).tolist()


def make_data(seed: int = 2025) -> dict[str, np.ndarray]:
    """Random rows with every direction, strictness, cumulative flag and NaN gaps."""
    rng = np.random.default_rng(seed)
    n_rows = REGIONS * INDICATORS * YEARS
    indicator = np.tile(np.repeat(np.arange(INDICATORS), YEARS), REGIONS)
    direction = rng.choice([H, H, L, B, Q], size=INDICATORS).astype(np.int8)[indicator]
    baseline = rng.uniform(10, 100, n_rows)
    target = baseline * rng.uniform(0.6, 1.6, n_rows)
    value = baseline + (target - baseline) * rng.uniform(-0.5, 1.5, n_rows)
    qual = direction == Q
    value = np.where(qual, rng.integers(0, 2, n_rows), value).astype(np.float64)
    baseline = np.where(qual, np.nan, baseline)
    baseline[rng.random(n_rows) < 0.05] = np.nan
    value[rng.random(n_rows) < 0.05] = np.nan
    return {
        "baseline": baseline,
        "target": target,
        "target_high": target + 15,
        "value": value,
        "year": np.tile(np.arange(2021, 2021 + YEARS), REGIONS * INDICATORS).astype(float),
        "direction": direction,
        "strict": rng.random(n_rows) < 0.2,
        "cumulative": (rng.random(INDICATORS) < 0.1)[indicator] & (direction == H),
        "binding": (rng.random(INDICATORS) < 0.4)[indicator],
    }


Row = tuple[float, float, float, float, float, int, bool, bool]
BASE_YEAR, TARGET_YEAR = 2020.0, 2025.0
LOOP_RATIO_STEPS = (
    (1.0, Status.ON_TRACK),
    (0.5, Status.MODERATELY_IMPROVING),
    (0.0, Status.STAGNATING),
)


def loop_row(row: Row) -> Status:
    """The rules of docs/evaluation.md for one row, plainly (linear method)."""
    b, t, th, v, yr, d, strict, cum = row
    if math.isnan(v):
        return Status.NO_DATA
    if d == Q:
        return loop_qualitative(b, v, yr)
    b = 0.0 if cum else b
    if math.isnan(t) or (d == B and math.isnan(th)) or (cum and d != H):
        return Status.NOT_EVALUABLE
    low = t if d in (H, B) else -math.inf
    high = th if d == B else (t if d == L else math.inf)

    def inside(x: float) -> bool:
        return low < x < high if strict else low <= x <= high

    if inside(v):
        return Status.ACHIEVED
    return loop_unmet(b, yr, inside(b)) or loop_progress(b, v, yr, low, high, band=d == B)


def loop_unmet(b: float, yr: float, met_at_baseline: bool) -> Status | None:
    """Verdicts for an unmet target that need no progress ratio."""
    if yr >= TARGET_YEAR:
        return Status.NOT_ACHIEVED
    if math.isnan(b) or yr <= BASE_YEAR:
        return Status.NOT_EVALUABLE
    return Status.REGRESSING if met_at_baseline else None


def loop_qualitative(b: float, v: float, yr: float) -> Status:
    if v == 1.0:
        return Status.ACHIEVED
    if v != 0.0:
        return Status.NOT_EVALUABLE
    if yr >= TARGET_YEAR:
        return Status.NOT_ACHIEVED
    return Status.REGRESSING if b == 1.0 else Status.STAGNATING


def loop_progress(b: float, v: float, yr: float, low: float, high: float, *, band: bool) -> Status:
    aim, sign = (low, 1.0) if b < low else (high, -1.0)
    shortfall = max(low - v, 0.0) + max(v - high, 0.0)
    v_eff = aim - sign * shortfall if band and shortfall > 0 else v
    denominator = (aim - b) * (yr - BASE_YEAR) / (TARGET_YEAR - BASE_YEAR)
    if denominator == 0:
        return Status.NOT_EVALUABLE
    r = (v_eff - b) / denominator
    return next((status for step, status in LOOP_RATIO_STEPS if r >= step), Status.REGRESSING)


def loop_warning(status: Status, binding: bool) -> WarningLevel:
    if binding:
        red = {Status.ACHIEVED, Status.ON_TRACK, Status.NO_DATA, Status.NOT_EVALUABLE}
        return WarningLevel.NONE if status in red else WarningLevel.RED
    yellow = {Status.STAGNATING, Status.REGRESSING, Status.NOT_ACHIEVED}
    return WarningLevel.YELLOW if status in yellow else WarningLevel.NONE


def run_loop(data: dict[str, np.ndarray]) -> tuple[list[Status], list[WarningLevel]]:
    columns = [
        data[k].tolist()
        for k in ("baseline", "target", "target_high", "value", "year", "direction", "strict")
    ]
    statuses = [loop_row(row) for row in zip(*columns, data["cumulative"].tolist(), strict=True)]
    warnings = [
        loop_warning(s, bind) for s, bind in zip(statuses, data["binding"].tolist(), strict=True)
    ]
    return statuses, warnings


def best_time(action: Callable[[], object], repeats: int) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    data = make_data()
    rows = len(data["value"])
    linear_s, linear = best_time(lambda: evaluate_arrays(**data), REPEATS)
    growth_s, _ = best_time(lambda: evaluate_arrays(**data, method=Method.GROWTH_RATE), REPEATS)
    loop_s, (loop_statuses, loop_warnings) = best_time(lambda: run_loop(data), 1)
    same = linear.statuses() == loop_statuses and linear.warnings() == loop_warnings
    counts = np.bincount(linear.status, minlength=len(STATUSES))
    print(f"rows: {rows:,} ({REGIONS:,} regions × {INDICATORS} indicators × {YEARS} years)")
    print(f"vectorized linear:      {linear_s:8.3f} s  (best of {REPEATS})")
    print(f"vectorized growth-rate: {growth_s:8.3f} s  (best of {REPEATS})")
    print(f"python loop:            {loop_s:8.3f} s")
    print(f"speed-up (linear):      {loop_s / linear_s:8.1f} ×")
    print(f"identical results:      {same}")
    print("statuses: " + ", ".join(f"{s}={c:,}" for s, c in zip(STATUSES, counts, strict=True)))
    warn = np.bincount(linear.warning, minlength=len(WARNINGS))
    print("warnings: " + ", ".join(f"{w}={c:,}" for w, c in zip(WARNINGS, warn, strict=True)))
    verdict = "within" if linear_s < BUDGET_S else "OVER"
    print(f"budget {BUDGET_S:.1f} s: {verdict}")
    if not same:
        raise SystemExit("vectorized and loop results differ")


if __name__ == "__main__":
    main()
