"""The review of reported values: draft → submitted → approved, or returned with a reason.

Every step adds a revision carrying the same value, so the history shows who moved it
and when; an approved value becomes the current one.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.model.observation import ReviewAction, ReviewState, Source, next_review_state
from minsheng.store.repositories import audit, observations, scopes
from minsheng.store.repositories.observations import LatestRevision
from minsheng.store.tables import Observation, ObservationRevision
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.scopes import check_observation


def review_queue(
    session: Session, *, region: str, state: ReviewState | None = ReviewState.SUBMITTED
) -> list[LatestRevision]:
    """Values of the region's plan whose newest revision is in `state` (all when None)."""
    plan = find_current_plan(session, region=region)
    return observations.latest_revisions(session, plan_id=plan.id, state=state)


def review(
    session: Session,
    *,
    observation_id: int,
    action: ReviewAction,
    author: str,
    reason: str | None = None,
) -> ReviewState:
    """Move one value a step through the workflow; a return must say why.

    The observation's row is locked first (FOR UPDATE on PostgreSQL), so of reviewers
    acting at once on one value exactly one moves it and the others see the new state.
    """
    if action is ReviewAction.RETURN and not (reason and reason.strip()):
        raise InputProblem("a returned value needs a reason", field="reason")
    check_observation(session, username=author, observation_id=observation_id)
    scopes.locked(session, Observation, row_id=observation_id)
    latest = _latest(session, observation_id)
    target = next_review_state(ReviewState(latest.state), action)
    if target is None:
        raise Conflict(f"observation {observation_id} is {latest.state}; cannot {action}")
    observations.add_revision(
        session,
        observation_id=observation_id,
        value=latest.value,
        raw=latest.raw,
        unit=latest.unit,
        source=Source(latest.source),
        state=target,
        author=author,
        reason=reason,
        note=latest.note,
    )
    audit.record(
        session,
        username=author,
        action=str(action),
        entity="observation",
        entity_id=observation_id,
        detail={"from": latest.state, "to": target.value, "reason": reason},
    )
    return target


def _latest(session: Session, observation_id: int) -> ObservationRevision:
    """The newest revision; an observation is stored with its first, so none means none."""
    history = observations.revisions(session, observation_id=observation_id)
    if not history:
        raise NotFound(f"no observation {observation_id}")
    return history[-1]
