"""Implementation monitoring (标准实施监测): what a standard promises as measurable delivery
indicators, the values departments report per year, and a warning when the latest reported
value is below the level the standard states (未达标准)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.store.repositories import audit, delivery, service_items
from minsheng.store.tables import DeliveryIndicator, DeliveryReport
from minsheng.store.tables.standards import DELIVERY_KINDS
from minsheng.usecases.read.service_items import no_service_item

KIND_LABELS = {"coverage": "目标人群覆盖率", "frequency": "服务频次", "amount": "保障金额"}
KIND_UNITS = {"coverage": "%", "frequency": "次/年", "amount": "元"}
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_NAME = 200


@dataclass(frozen=True)
class YearValue:
    year: int
    value: float
    author: str


@dataclass(frozen=True)
class DeliveryStatus:
    """One indicator with its reported values (oldest first) and whether it is delivered."""

    id: int
    item_id: int
    name: str
    kind: str
    unit: str | None
    required: float
    values: list[YearValue]

    @property
    def latest(self) -> YearValue | None:
        return self.values[-1] if self.values else None

    @property
    def undelivered(self) -> bool:
        """The latest reported value is below the stated level; unreported is not a shortfall."""
        return self.latest is not None and self.latest.value < self.required


def define_indicator(
    session: Session,
    *,
    item_id: int,
    name: str,
    kind: str,
    required: float,
    unit: str | None,
    author: str,
) -> DeliveryIndicator:
    """Add a delivery indicator to the item, or restate one of the same name."""
    if service_items.get_item(session, item_id=item_id) is None:
        raise no_service_item(item_id)
    name = _checked_name(name)
    _check_kind(kind)
    required = _number(required, "required")
    row = delivery.indicator_named(session, item_id=item_id, name=name)
    if row is None:
        row = DeliveryIndicator(service_item_id=item_id, name=name, kind=kind, author=author)
    row.kind, row.required = kind, required
    row.unit = (unit or "").strip() or KIND_UNITS[kind]
    delivery.add(session, row)
    detail = {"name": name, "kind": kind, "required": required, "unit": row.unit}
    audit.record(
        session,
        username=author,
        action="define",
        entity="delivery_indicator",
        entity_id=row.id,
        detail=detail,
    )
    return row


def report_value(
    session: Session, *, indicator_id: int, year: int, value: float, author: str
) -> DeliveryReport:
    """A department's value for one year; reporting the year again replaces it (audited)."""
    if delivery.get_indicator(session, indicator_id=indicator_id) is None:
        raise NotFound(f"no delivery indicator {indicator_id}")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputProblem(f"year must be between {FIRST_YEAR} and {LAST_YEAR}", field="year")
    value = _number(value, "value")
    row = delivery.report_for(session, indicator_id=indicator_id, year=year)
    before = None if row is None else row.value
    if row is None:
        row = DeliveryReport(indicator_id=indicator_id, year=year, value=value, author=author)
    row.value, row.author = value, author
    delivery.add(session, row)
    detail = {"year": year, "before": before, "after": value}
    audit.record(
        session,
        username=author,
        action="report",
        entity="delivery_indicator",
        entity_id=indicator_id,
        detail=detail,
    )
    return row


def item_delivery(session: Session, *, item_id: int) -> list[DeliveryStatus]:
    """The item's delivery indicators with their values."""
    return _statuses(session, delivery.indicators_of(session, item_ids=[item_id]))


def undelivered_item_ids(session: Session) -> set[int]:
    """Items with an indicator whose latest value is below its level: the 未达标准 filter."""
    statuses = _statuses(session, delivery.all_indicators(session))
    return {status.item_id for status in statuses if status.undelivered}


def _statuses(session: Session, rows: list[DeliveryIndicator]) -> list[DeliveryStatus]:
    values: dict[int, list[YearValue]] = {row.id: [] for row in rows}
    for report in delivery.reports_of(session, indicator_ids=list(values)):
        values[report.indicator_id].append(YearValue(report.year, report.value, report.author))
    return [
        DeliveryStatus(
            row.id, row.service_item_id, row.name, row.kind, row.unit, row.required, values[row.id]
        )
        for row in rows
    ]


def _checked_name(name: str) -> str:
    text = (name or "").strip()
    if not text or len(text) > MAX_NAME:
        raise InputProblem(f"name must be 1 to {MAX_NAME} characters", field="name")
    return text


def _check_kind(kind: str) -> None:
    if kind not in DELIVERY_KINDS:
        raise InputProblem(f"kind must be one of {', '.join(DELIVERY_KINDS)}", field="kind")


def _number(value: float, field: str) -> float:
    if not math.isfinite(value) or value < 0:
        raise InputProblem("must be a number not below 0", field=field)
    return float(value)


def find_item(session: Session, *, region: str, name: str) -> int:
    """The id of the current plan's service item named `name` (up to width and punctuation)."""
    from minsheng.usecases.plans import find_current_plan  # noqa: PLC0415
    from minsheng.usecases.standards.documents import match_item  # noqa: PLC0415

    plan = find_current_plan(session, region=region)
    found, reason = match_item(name, service_items.items_of_plans(session, plan_ids=[plan.id]))
    if found is None:
        raise NotFound(f"{region}: {name}: {reason}")
    return found.id


def find_indicator(session: Session, *, item_id: int, name: str) -> int:
    row = delivery.indicator_named(session, item_id=item_id, name=name.strip())
    if row is None:
        known = "、".join(r.name for r in delivery.indicators_of(session, item_ids=[item_id]))
        raise NotFound(f"no delivery indicator {name!r} for this item; defined: {known or 'none'}")
    return row.id
