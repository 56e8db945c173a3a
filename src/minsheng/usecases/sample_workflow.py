"""The demonstration's monitoring year in progress (示例数据): departments that report each
domain, demo accounts, and for 合肥 the 2025 values submitted and awaiting review — one of
them a planted jump the review flags, one returned once with its reason — while one
department (文旅局) has reported nothing, so that the inbox, the review page and the
reporting rate have something to show."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from minsheng.labels import SAMPLE_LABEL
from minsheng.model.observation import ReviewAction, ReviewState, Source
from minsheng.store.repositories import observations, plan_parts, sample_guard, users
from minsheng.store.repositories.observations import NewRevision
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.assignments import assign
from minsheng.usecases.review import review
from minsheng.usecases.rounds.opening import open_round
from minsheng.usecases.scopes import set_region
from minsheng.usecases.users import create_user

SHOWCASE_CITY = "合肥市"
REPORT_YEAR = 2025
LATE_DEPARTMENT = "文旅局"
PLANNER = "planner"
JUMP_INDICATOR = "孕产妇死亡率"
JUMP = 1.78
"""The planted jump: 孕产妇死亡率 up 78 % on the year, the case the review must flag."""
ROUND_OPENED = datetime(2026, 10, 12, 1, 0, tzinfo=UTC)
ROUND_DEADLINE = date(2026, 11, 30)
SENT_AT = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
"""The 2025 round's story: the statistics for 2025 are out in the autumn of 2026; the
round opened on 12 October, was due on 30 November, the values were sent on 20 November
and are being reviewed now, in December."""
RETURN_REASON = "与上年相比变化异常，请核实数据来源后重新报送（示例数据）"

DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("幼有", "卫健委", "wjw"),
    ("学有", "教育局", "jyj"),
    ("劳有", "人社局", "rsj"),
    ("病有", "卫健委", "wjw"),
    ("老有", "民政局", "mzj"),
    ("住有", "住建局", "zjj"),
    ("弱有", "民政局", "mzj"),
    ("优军", "退役军人事务局", "tyjr"),
    ("文体", "文旅局", "wlj"),
)
"""Which department reports a domain (by the domain's first two characters), and the
showcase reporter's user name; any other domain goes to the 发改委."""
FALLBACK = ("", "发改委", "fgw")


@dataclass(frozen=True)
class Workflow:
    """What the demo set up: accounts with their one-time passwords, and the counts."""

    accounts: dict[str, str]
    assignments: int
    submitted: int
    returned: int
    round_id: int


def department_of(domain: str) -> tuple[str, str]:
    """The department (its short name) and the reporter's user name for a domain."""
    for prefix, department, username in DEPARTMENTS:
        if domain.startswith(prefix):
            return department, username
    return FALLBACK[1], FALLBACK[2]


def assign_departments(session: Session, plan: Plan, *, author: str) -> int:
    """Every indicator of `plan` to its city's department for the domain (all regions)."""
    indicators = plan_parts.indicators_of(session, plan_id=plan.id)
    for indicator in indicators:
        short, _ = department_of(indicator.domain)
        assign(
            session, department=plan.region.name + short, indicator_id=indicator.id,
            region_id=None, author=author,
        )  # fmt: skip
    return len(indicators)


def create_accounts(session: Session, plan: Plan, *, author: str) -> dict[str, str]:
    """A planner and one reporter per department of the showcase city, random passwords."""
    made = {PLANNER: _account(session, PLANNER, "planner", None, author)}
    for short, username in {(d, u) for _, d, u in (*DEPARTMENTS, FALLBACK)}:
        made[username] = _account(session, username, "reporter", plan.region.name + short, author)
        set_region(session, username=username, region=plan.region.name, author=author)
    return dict(sorted(made.items()))


def _account(session: Session, username: str, role: str, department: str | None,
             author: str) -> str:  # fmt: skip
    if users.user_named(session, username=username) is not None:
        return ""
    password = secrets.token_urlsafe(12)
    create_user(
        session, username=username, password=password, role=role, department=department,
        author=author,
    )  # fmt: skip
    return password


def submit_report_year(
    session: Session, plan: Plan, places: list[Region], paths: dict[tuple[int, int], list[float]]
) -> tuple[int, int]:
    """The showcase city's `REPORT_YEAR` values, submitted by each department's reporter
    (none by the late one), then one of them returned; `paths` holds each (indicator,
    region)'s values up to that year. Returns (submitted, returned)."""
    by_author: dict[str, list[NewRevision]] = {}
    for indicator in plan_parts.indicators_of(session, plan_id=plan.id):
        short, username = department_of(indicator.domain)
        if short == LATE_DEPARTMENT:
            continue
        for region in places:
            path = paths.get((indicator.id, region.id))
            if path:
                value = _planted(indicator, region, plan, path)
                by_author.setdefault(username, []).append(_revision(indicator, region, value))
    for username, revisions in by_author.items():
        ids = observations.add_revisions(
            session, revisions=revisions, state=ReviewState.SUBMITTED, author=username
        )
        sample_guard.date_revisions(session, revision_ids=ids, at=SENT_AT)
    submitted = sum(len(r) for r in by_author.values())
    return submitted, _return_one(session, plan, by_author.get(department_of("学有")[1], []))


def _planted(indicator: Indicator, region: Region, plan: Plan, path: list[float]) -> float:
    """The path's last value, or for the planted jump the year before's times `JUMP`."""
    jump = indicator.name == JUMP_INDICATOR and region.id == plan.region_id
    return round(path[-2] * JUMP, 2) if jump and len(path) > 1 else path[-1]


def _revision(indicator: Indicator, region: Region, value: float) -> NewRevision:
    key = (indicator.id, region.id, REPORT_YEAR)
    return NewRevision(key, value, Source.DEPARTMENT.value, indicator.unit, SAMPLE_LABEL)


def _return_one(session: Session, plan: Plan, revisions: Iterable[NewRevision]) -> int:
    """Return the first county value of the education bureau, with the reason, by the
    planner; the reporter then finds it in the inbox."""
    keys = [r.key for r in revisions if r.key[1] != plan.region_id]
    found = observations.observations_by_key(session, keys=keys[:1])
    for observation_id in found.values():
        review(
            session, observation_id=observation_id, action=ReviewAction.RETURN, author=PLANNER,
            reason=RETURN_REASON,
        )  # fmt: skip
    return len(found)


def open_report_round(session: Session, plan: Plan) -> int:
    """The 2025 round, opened by the planner in October and due on 30 November: its
    deadline has passed, so the department that sent nothing is late. Returns its id."""
    found = open_round(
        session, plan.id, REPORT_YEAR, ROUND_DEADLINE, PLANNER, opened_at=ROUND_OPENED
    )
    return found.id
