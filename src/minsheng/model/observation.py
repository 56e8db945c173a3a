"""Observations: reported values of an indicator for a region and year, and their review."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ReviewState(StrEnum):
    """draft → submitted → approved, or returned (with a reason) to the reporter."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class Source(StrEnum):
    """Where a value comes from."""

    PLAN = "规划文本"  # a 2020 baseline or previous-plan actual printed in the plan
    STATISTICAL_BULLETIN = "统计公报"
    DEPARTMENT = "部门报送"
    OTHER = "其他"


@dataclass(frozen=True)
class CellProblem:
    """One problem in an uploaded file, located precisely enough to fix it."""

    file: str
    row: int
    column: str
    message: str
    sheet: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}" + (f"[{self.sheet}]" if self.sheet else "")
        return f"{where} row {self.row}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class ObservationRow:
    """A value as a department reports it, before it is matched to stored ids."""

    region: str
    indicator: str
    year: int
    value: float
    row: int
    unit: str | None = None
    source: str | None = None
    note: str | None = None
    flags: tuple[str, ...] = field(default_factory=tuple)  # e.g. "outlier", kept not rejected


class ReviewAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"


REVIEW_TRANSITIONS: dict[ReviewAction, tuple[frozenset[ReviewState], ReviewState]] = {
    ReviewAction.SUBMIT: (
        frozenset({ReviewState.DRAFT, ReviewState.RETURNED}),
        ReviewState.SUBMITTED,
    ),
    ReviewAction.APPROVE: (frozenset({ReviewState.SUBMITTED}), ReviewState.APPROVED),
    ReviewAction.RETURN: (frozenset({ReviewState.SUBMITTED}), ReviewState.RETURNED),
}
"""action → (states it may start from, state it leads to)."""


def next_review_state(state: ReviewState, action: ReviewAction) -> ReviewState | None:
    """The state `action` leads to from `state`, or None when the workflow forbids it."""
    allowed, target = REVIEW_TRANSITIONS[action]
    return target if state in allowed else None
