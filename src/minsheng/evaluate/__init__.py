"""Evaluate plan indicators against their targets: pure computation, no storage or IO.

See docs/evaluation.md for the method and its sources.
"""

from __future__ import annotations

from minsheng.evaluate.direction import Direction, infer_direction
from minsheng.evaluate.engine import (
    Evaluation,
    IndicatorTarget,
    Observation,
    evaluate,
    previous_plan_verdict,
)
from minsheng.evaluate.status import (
    ArrayResult,
    Method,
    Status,
    Warning,
    WarningLevel,
    evaluate_arrays,
)

__all__ = [
    "ArrayResult",
    "Direction",
    "Evaluation",
    "IndicatorTarget",
    "Method",
    "Observation",
    "Status",
    "Warning",
    "WarningLevel",
    "evaluate",
    "evaluate_arrays",
    "infer_direction",
    "previous_plan_verdict",
]
