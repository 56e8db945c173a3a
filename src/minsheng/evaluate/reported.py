"""Where a new plan's account of the previous period disagrees with minsheng's own verdict.

A 十五五 plan prints a completion table of the 十四五: each indicator's target and what
was achieved. minsheng holds the 十四五 plan and its monitoring data, and judges it as of
the final year; this module names, for one row, every way the two accounts differ.
"""

from __future__ import annotations

import math
from enum import StrEnum

from minsheng.evaluate.status import Status
from minsheng.model.value import Value

DECIDED = frozenset({Status.ACHIEVED, Status.NOT_ACHIEVED})
ACTUAL_TOLERANCE = 0.005
"""Relative difference under which a reported actual and the value in force agree
(a printed 90.5 against a stored 90.46 is rounding, not a disagreement)."""


class Disagreement(StrEnum):
    UNMATCHED = "unmatched"  # no indicator of the reviewed plan carries this name
    TARGET = "target"  # the reported target is not the reviewed plan's target
    NO_VALUE = "no_value"  # minsheng holds no value for the final year to check against
    ACTUAL = "actual"  # the reported actual differs from the value in force
    STATUS = "status"  # achieved by one account, not achieved by the other


def disagreements(
    reported_target: Value,
    reported_actual: Value,
    reported_status: Status,
    judged: tuple[Value, float | None, Status] | None,
) -> tuple[Disagreement, ...]:
    """Every way a reported row differs from `judged` (the reviewed plan's target, the value
    in force at the final year, minsheng's status); None: no indicator matched."""
    if judged is None:
        return (Disagreement.UNMATCHED,)
    target, value, status = judged
    found = [Disagreement.TARGET] if _cells_differ(reported_target, target) else []
    if value is None:
        found.append(Disagreement.NO_VALUE)
    elif _numbers_differ(reported_actual.number, value):
        found.append(Disagreement.ACTUAL)
    if reported_status in DECIDED and status in DECIDED and reported_status != status:
        found.append(Disagreement.STATUS)
    return tuple(found)


def _cells_differ(reported: Value, stored: Value) -> bool:
    """Two target cells differ when their numbers do, or, without numbers, their text."""
    if reported.number is not None and stored.number is not None:
        return not math.isclose(reported.number, stored.number, rel_tol=1e-9)
    return "".join(reported.raw.split()) != "".join(stored.raw.split())


def _numbers_differ(reported: float | None, stored: float) -> bool:
    if reported is None:
        return False  # a worded actual (基本完成) cannot be set against a number
    return not math.isclose(reported, stored, rel_tol=ACTUAL_TOLERANCE, abs_tol=1e-9)
