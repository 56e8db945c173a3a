"""Summaries of many evaluations: counts by domain, and the early-warning list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from minsheng.evaluate.engine import Evaluation
from minsheng.evaluate.status import WARNINGS, Status, WarningLevel
from minsheng.model.plan import Attribute

_WARNING_ORDER = {WarningLevel.RED: 0, WarningLevel.YELLOW: 1, WarningLevel.NONE: 2}


def status_counts(evaluations: Iterable[Evaluation]) -> Counter[Status]:
    return Counter(evaluation.status for evaluation in evaluations)


def rollup_by_domain(evaluations: Sequence[Evaluation]) -> dict[str, Counter[Status]]:
    """Status counts per domain, domains in the order they first appear (the plan's)."""
    domains = dict.fromkeys(evaluation.domain or "" for evaluation in evaluations)
    return {
        domain: status_counts(e for e in evaluations if (e.domain or "") == domain)
        for domain in domains
    }


def early_warnings(evaluations: Iterable[Evaluation]) -> list[Evaluation]:
    """Warned evaluations, red before yellow, binding before expected, then as given."""
    warned = [e for e in evaluations if e.warning is not WarningLevel.NONE]
    return sorted(
        warned,
        key=lambda e: (_WARNING_ORDER[e.warning], e.attribute is not Attribute.BINDING),
    )


def warned_in_order(
    warning: npt.NDArray[np.int8], binding: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int64]:
    """`early_warnings` on columns: the indexes of the warned rows (`warning` holds codes
    into `WARNINGS`, red first), red before yellow, binding before expected, then as given."""
    warned = np.flatnonzero(warning != WARNINGS.index(WarningLevel.NONE))
    return warned[np.lexsort((warned, ~binding[warned], warning[warned]))]
