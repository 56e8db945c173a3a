"""Who may act on which region: an account's region covers itself and every region below
it (a city its districts, a province its cities); an account without one covers all.

Every write path asks here with the author's user name, so whatever the edge (API, form,
upload, review page, project or standards edit), a 合肥 account cannot touch 六安's data.
A name that is no account (the command line, the demonstration) acts for every region.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, MinshengError, NotFound
from minsheng.store.repositories import audit, regions, scopes, users
from minsheng.store.tables import Region
from minsheng.usecases.read.plans import current_plans


class OutOfScope(MinshengError):
    """The account acts for another region than the one the write concerns."""

    code = "out_of_scope"
    http_status = 403
    exit_code = 2


def region_of(session: Session, *, username: str) -> int | None:
    """The region the user acts for; None: every region (or no such account)."""
    return scopes.user_region(session, username=username)[1]


def covers(session: Session, *, scope: int | None, region_id: int) -> bool:
    """Whether an account acting for `scope` may act on `region_id`."""
    return scope is None or scope in scopes.ancestry(session, region_id=region_id)


def check_region(session: Session, *, username: str, region_id: int) -> None:
    """Refuse (403, in Chinese) a write about a region outside the user's own."""
    scope = region_of(session, username=username)
    if not covers(session, scope=scope, region_id=region_id):
        raise OutOfScope(_refusal(session, username, scope))


def check_plan(session: Session, *, username: str, plan_id: int) -> None:
    """Refuse a write to a plan whose region is outside the user's own."""
    check_region(session, username=username, region_id=scopes.plan_region(session, plan_id=plan_id))


def check_observation(session: Session, *, username: str, observation_id: int) -> None:
    """Refuse a review step on a value of a region outside the user's own."""
    place = scopes.observation_place(session, observation_id=observation_id)
    if place is None:
        raise NotFound(f"no observation {observation_id}")
    check_region(session, username=username, region_id=place[1])


def set_region(session: Session, *, username: str, region: str | None, author: str) -> None:
    """Scope an account to a region by name (None: every region), with an audit entry."""
    user = users.user_named(session, username=username)
    if user is None:
        raise NotFound(f"没有用户 {username}")
    region_id = _region_named(session, region).id if region else None
    user.region_id = region_id
    session.flush()
    audit.record(
        session, username=author, action="scope", entity="user", entity_id=user.id,
        detail={"region": region},
    )  # fmt: skip


@dataclass(frozen=True)
class Scopes:
    """What the accounts page shows and offers: each scoped user's region, and the
    regions with a current plan to choose from."""

    of_user: dict[int, str]
    choices: list[str]


def account_scopes(session: Session) -> Scopes:
    plans = current_plans(session)
    names = list(dict.fromkeys(p.region.name for p in plans if p.region.name != "全国"))
    return Scopes(scopes.user_region_names(session), names)


def _region_named(session: Session, name: str) -> Region:
    """The one stored region of this name; a name stored twice must be told apart."""
    found = regions.find_by_name(session, name=name)
    if not found:
        raise NotFound(f"没有名为 {name} 的地区")
    if len(found) > 1:
        raise InputProblem(f"有多个名为 {name} 的地区", field="region")
    return found[0]


def _refusal(session: Session, username: str, scope: int | None) -> str:
    region = regions.get_region(session, region_id=scope) if scope is not None else None
    name = region.name if region is not None else "本地区"
    return f"账号 {username} 只能处理{name}及其下辖地区的数据"
