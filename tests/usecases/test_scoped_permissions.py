"""Scoped accounts on a real database: a city covers its districts, a district only
itself, a province its cities; permissions count only the plan's own assignments; and
migration 0019 scopes existing reporters and forgets stored non-finite numbers."""

from __future__ import annotations

import math

import pytest
from alembic import command
from sqlalchemy import select, text
from tests.conftest import database_with

from minsheng.data.bundled import bundled_plans
from minsheng.model.observation import ReviewAction
from minsheng.store import session_scope, upgrade_database
from minsheng.store.database import alembic_config
from minsheng.store.repositories import regions
from minsheng.store.tables import Indicator, Observation, User
from minsheng.usecases import import_plan
from minsheng.usecases.assignments import assign, permission_for
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.review import review
from minsheng.usecases.scopes import OutOfScope, check_plan, set_region
from minsheng.usecases.users import create_user

DEPARTMENT = "合肥市卫生健康委员会"
LIFE = "人均预期寿命"
FIELDS = {"region": "region", "indicator": "indicator", "year": "year", "value": "value"}


def _accounts(session) -> None:
    """合肥 and 六安, 合肥's life expectancy assigned to one department, and accounts for
    a district (蜀山区), the city, the province (安徽省) and 六安."""
    for plan in bundled_plans():
        if plan.plan.region in {"合肥市", "六安市"}:
            import_plan(session, plan, author="test")
    hefei = find_current_plan(session, region="合肥市")
    indicator = session.scalar(
        select(Indicator.id).where(Indicator.plan_id == hefei.id, Indicator.name == LIFE)
    )
    assign(session, department=DEPARTMENT, indicator_id=indicator, region_id=None, author="test")
    for name, role, region in (
        ("district", "reporter", "蜀山区"),
        ("city", "reporter", "合肥市"),
        ("province", "planner", "安徽省"),
        ("luan", "planner", "六安市"),
    ):
        create_user(
            session,
            username=name,
            password="long-password-1",
            role=role,
            department=DEPARTMENT if role == "reporter" else None,
            author="t",
        )
        set_region(session, username=name, region=region, author="test")


database_url = database_with("hefei-luan-accounts", _accounts)


@pytest.fixture
def stored(engine):
    return engine


def _account(session, name):
    from minsheng.usecases.users import Account  # noqa: PLC0415

    user = session.scalar(select(User).where(User.username == name))
    return Account(user.id, user.username, user.role, user.department_id)


def test_a_district_account_writes_its_district_only(stored):
    with session_scope(stored) as session:
        hefei = find_current_plan(session, region="合肥市")
        may = permission_for(session, _account(session, "district"), plan_id=hefei.id)
        assert may is not None
        assert may(LIFE, "蜀山区") and not may(LIFE, "合肥市") and not may(LIFE, "瑶海区")
        city = permission_for(session, _account(session, "city"), plan_id=hefei.id)
        assert city is not None and city(LIFE, "合肥市") and city(LIFE, "瑶海区")
        assert not city("孕产妇死亡率", "合肥市")  # not assigned


def test_the_province_acts_for_every_city_a_city_only_for_itself(stored):
    with session_scope(stored) as session:
        hefei = find_current_plan(session, region="合肥市")
        luan = find_current_plan(session, region="六安市")
        for plan in (hefei, luan):
            assert permission_for(session, _account(session, "province"), plan_id=plan.id) is None
            check_plan(session, username="province", plan_id=plan.id)
        with pytest.raises(OutOfScope, match="六安市"):
            permission_for(session, _account(session, "luan"), plan_id=hefei.id)
        with pytest.raises(OutOfScope):
            permission_for(session, _account(session, "city"), plan_id=luan.id)
        # an unscoped account of the same department: 合肥's assignment is not 六安's
        may = permission_for(session, _account(session, "city"), plan_id=hefei.id)
        assert may is not None and may(LIFE, "合肥市")


def test_a_review_outside_the_reviewers_region_is_refused(stored):
    from minsheng.collect import RawRecord  # noqa: PLC0415
    from minsheng.usecases.observations import record_observations  # noqa: PLC0415

    row = {"region": "合肥市", "indicator": LIFE, "year": "2023", "value": "80"}
    with session_scope(stored) as session:
        record_observations(
            session,
            records=[RawRecord("t", None, 1, row, FIELDS)],
            region="合肥市",
            author="test",
            draft=True,
        )
        hefei = find_current_plan(session, region="合肥市")
        observation = session.scalar(
            select(Observation.id)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(Indicator.plan_id == hefei.id, Indicator.name == LIFE, Observation.year == 2023)
        )
    with session_scope(stored) as session, pytest.raises(OutOfScope):
        review(session, observation_id=observation, action=ReviewAction.SUBMIT, author="luan")
    with session_scope(stored) as session:
        review(session, observation_id=observation, action=ReviewAction.SUBMIT, author="city")
        review(session, observation_id=observation, action=ReviewAction.APPROVE, author="province")


def test_0019_scopes_existing_reporters_and_forgets_non_finite_numbers(stored, database_url):
    with session_scope(stored) as session:
        hefei = find_current_plan(session, region="合肥市").region_id
    config = alembic_config(database_url)
    with stored.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0018")
    with stored.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (username, password_hash, role, department_id, active) "
                "SELECT 'old', 'x', 'reporter', id, true FROM departments"
            )
        )
        connection.execute(
            text(
                "INSERT INTO observations (indicator_id, region_id, year, current_value) "
                "SELECT id, :region, 2022, :bad FROM indicators WHERE name = :name"
            ),
            {"region": hefei, "bad": float("inf"), "name": LIFE},
        )
    upgrade_database(database_url)
    with session_scope(stored) as session:
        old = session.scalar(select(User).where(User.username == "old"))
        assert old.region_id == hefei
        values = session.scalars(select(Observation.current_value)).all()
        assert all(v is None or math.isfinite(v) for v in values)
        planted = select(Observation.current_value).where(
            Observation.year == 2022, Observation.region_id == hefei
        )
        assert session.scalars(planted).all() == [None] * len(session.scalars(planted).all())
        assert regions.get_region(session, region_id=hefei).name == "合肥市"
