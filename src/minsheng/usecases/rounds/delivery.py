"""The standards' delivery indicators inside reporting rounds: a round asks each
department for the delivery indicators of the plan's service items it is responsible for
(the item's 牵头负责单位 when that is one of the departments, else the department that
reports the item's domain), for each year of the round. Values go through the standards'
own `report_value`; a reported value below the stated level is a 未达标准 warning."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem
from minsheng.store.repositories import delivery
from minsheng.store.repositories import round_delivery as repo
from minsheng.store.tables import DeliveryIndicator, ServiceItem
from minsheng.usecases.rounds.status import RoundInfo, round_info
from minsheng.usecases.standards.delivery import report_value
from minsheng.usecases.users import Account

PLANNER_ROLES = ("admin", "planner")


@dataclass(frozen=True)
class DeliveryDue:
    """One delivery indicator × year a department owes in a round, and what it sent."""

    indicator_id: int
    item: str
    name: str
    unit: str | None
    required: float
    year: int
    department_id: int | None
    department: str
    value: float | None

    @property
    def reported(self) -> bool:
        return self.value is not None

    @property
    def undelivered(self) -> bool:
        """未达标准: reported below the level the standard states."""
        return self.value is not None and self.value < self.required


@dataclass
class DeliveryTally:
    """Counts of one department (or the whole round): due, reported, below the standard."""

    name: str
    due: int = 0
    reported: int = 0
    undelivered: int = 0


def _owners(session: Session, plan_id: int, items: list[ServiceItem]) -> dict[int, tuple[int, str]]:
    """Each item's department: its lead department if it is one of ours, else its domain's."""
    by_domain = repo.domain_departments(session, plan_id=plan_id)
    leads = {(i.lead_department or "").strip() for i in items} - {""}
    named = repo.departments_named(session, names=leads)
    owners = {}
    for item in items:
        lead = (item.lead_department or "").strip()
        owner = (named[lead], lead) if lead in named else by_domain.get(item.domain)
        if owner is not None:
            owners[item.id] = owner
    return owners


def round_delivery(
    session: Session, *, info: RoundInfo, department_id: int | None = None
) -> list[DeliveryDue]:
    """The round's delivery indicators × years (one department's, or all)."""
    rows = repo.plan_delivery(session, plan_id=info.plan_id)
    owners = _owners(session, info.plan_id, [item for _, item in rows])
    reports = delivery.reports_of(session, indicator_ids=[d.id for d, _ in rows])
    values = {(r.indicator_id, r.year): r.value for r in reports}
    found = [_due(d, item, year, owners.get(item.id), values.get((d.id, year)))
             for d, item in rows for year in info.years]  # fmt: skip
    return [d for d in found if department_id is None or d.department_id == department_id]


def _due(row: DeliveryIndicator, item: ServiceItem, year: int, owner: tuple[int, str] | None,
         value: float | None) -> DeliveryDue:  # fmt: skip
    return DeliveryDue(row.id, item.name, row.name, row.unit, row.required, year,
                       owner[0] if owner else None, owner[1] if owner else "", value)  # fmt: skip


def delivery_tallies(dues: list[DeliveryDue]) -> tuple[DeliveryTally, list[DeliveryTally]]:
    """The round's total and each department's counts (unassigned ones as 未明确责任部门)."""
    total, groups = DeliveryTally("合计"), dict[str, DeliveryTally]()
    for due in dues:
        group = groups.setdefault(due.department, DeliveryTally(due.department or "未明确责任部门"))
        for tally in (total, group):
            tally.due += 1
            tally.reported += due.reported
            tally.undelivered += due.undelivered
    return total, list(groups.values())


def report_in_round(session: Session, *, round_id: int, indicator_id: int, year: int,
                    value: float, account: Account) -> DeliveryDue:  # fmt: skip
    """A department's value of one of its delivery indicators in an open round."""
    info = round_info(session, round_id=round_id)
    if not info.is_open:
        raise Conflict("该填报轮次已结束")
    mine = None if account.role in PLANNER_ROLES else (account.department_id or -1)
    wanted = [d for d in round_delivery(session, info=info, department_id=mine)
              if d.indicator_id == indicator_id and d.year == year]  # fmt: skip
    if not wanted:
        raise InputProblem("该标准实施指标不在本部门本轮的填报范围内", field="indicator")
    if not math.isfinite(value) or value < 0:
        raise InputProblem("标准实施指标的数值应为不小于 0 的数", field="value")
    report_value(session, indicator_id=indicator_id, year=year, value=value,
                 author=account.username)  # fmt: skip
    return replace(wanted[0], value=value)
