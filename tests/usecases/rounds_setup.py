"""A Hefei database with two departments assigned, for the reporting-round tests:
市卫健委 reports the first indicator for the city and the second for 蜀山区, 市教育局 the
third for the city; each has a reporter account."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.data.bundled import bundled_plans
from minsheng.store.repositories import plan_parts, regions
from minsheng.usecases.assignments import assign
from minsheng.usecases.import_plan import import_plan
from minsheng.usecases.users import Account, create_user

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Setup:
    plan_id: int
    indicators: list[str]  # the three assigned indicators' names
    health: Account  # reporter of 市卫健委
    education: Account  # reporter of 市教育局


def set_up_round_data(session: Session) -> Setup:
    plan = next(plan for plan in bundled_plans() if plan.plan.region == "合肥市")
    plan_id = import_plan(session, plan, author="test").plan_id
    first, second, third = plan_parts.indicators_of(session, plan_id=plan_id)[:3]
    city = regions.find_by_name(session, name="合肥市")[0]
    shushan = next(
        r for r in regions.ensure_known_children(session, region=city) if r.name == "蜀山区"
    )
    for department, indicator, region in (
        ("市卫健委", first, None), ("市卫健委", second, shushan.id), ("市教育局", third, city.id),
    ):  # fmt: skip
        assign(session, department=department, indicator_id=indicator.id, region_id=region,
               author="admin")  # fmt: skip
    health = create_user(session, username="wjw", password=PASSWORD, role="reporter",
                         department="市卫健委", author="admin")  # fmt: skip
    education = create_user(session, username="jyj", password=PASSWORD, role="reporter",
                            department="市教育局", author="admin")  # fmt: skip
    return Setup(plan_id, [first.name, second.name, third.name], health, education)
