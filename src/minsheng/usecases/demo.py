"""The demonstration database: the seed plans, the national reference and an administrator."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.model.plan import ParsedPlan
from minsheng.store.repositories import plans, users
from minsheng.usecases.import_plan import ImportResult, import_plan
from minsheng.usecases.reference import ensure_reference_plan
from minsheng.usecases.sample_data import SampleData, add_sample_data
from minsheng.usecases.users import create_user

DEMO_AUTHOR = "demo"
ADMIN_NAME = "admin"


@dataclass(frozen=True)
class DemoSetup:
    imported: list[ImportResult]
    admin_password: str | None  # shown once, when the administrator is created
    sample: SampleData | None = None
    """The synthetic 示例数据 added, when asked for."""


def has_plans(session: Session) -> bool:
    """A database that holds any plan besides the national reference is already set up."""
    return bool(plans.count_own_plans(session))


def set_up_demo(
    session: Session, plans: list[ParsedPlan], *, sample_data: bool = False
) -> DemoSetup:
    """Import `plans`, the reference plan, and create `admin` with a random password; with
    `sample_data`, add the synthetic district values and populations (示例数据)."""
    imported = [import_plan(session, plan, author=DEMO_AUTHOR) for plan in plans]
    ensure_reference_plan(session)
    sample = add_sample_data(session, author=DEMO_AUTHOR) if sample_data else None
    if users.user_named(session, username=ADMIN_NAME) is not None:
        return DemoSetup(imported, None, sample)
    password = secrets.token_urlsafe(12)
    create_user(session, username=ADMIN_NAME, password=password, role="admin", author=DEMO_AUTHOR)
    return DemoSetup(imported, password, sample)
