"""Basic public service items and their five standard fields, as read models."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.store.repositories.plan_lists import STANDARD_FIELDS, find_service_items
from minsheng.store.tables import ServiceItem
from minsheng.usecases.read.paging import Page, Slice


@dataclass(frozen=True)
class ServiceItemRow:
    id: int
    plan_id: int
    plan_region: str
    position: int
    domain: str
    name: str
    beneficiaries: str | None
    content: str | None
    standard: str | None
    funding: str | None
    lead_department: str | None

    @classmethod
    def of(cls, item: ServiceItem, plan_region: str) -> ServiceItemRow:
        return cls(
            id=item.id,
            plan_id=item.plan_id,
            plan_region=plan_region,
            position=item.position,
            domain=item.domain,
            name=item.name,
            **{name: getattr(item, name) for name in STANDARD_FIELDS},
        )


def list_service_items(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    domain: str | None = None,
    q: str | None = None,
    window: Slice,
) -> Page[ServiceItemRow]:
    """Service items of the current plans; `q` matches the name or any standard field."""
    rows, total = find_service_items(
        session,
        plan_id=plan_id,
        region=region,
        domain=domain,
        q=q,
        limit=window.limit,
        offset=window.offset,
    )
    return Page([ServiceItemRow.of(item, name) for item, name in rows], total)


def no_service_item(item_id: int) -> NotFound:
    """The refusal of an item id that names no service item, for every use case alike."""
    return NotFound(f"没有编号为 {item_id} 的服务项目")


def get_service_item(session: Session, *, item_id: int) -> ServiceItemRow:
    rows, _ = find_service_items(session, item_id=item_id, limit=1)
    if not rows:
        raise no_service_item(item_id)
    return ServiceItemRow.of(*rows[0])
