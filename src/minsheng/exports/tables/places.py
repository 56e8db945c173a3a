"""What published rows say instead of internal ids and people: a region's GB/T 2260 code
(行政区划代码) and the department responsible for reporting an indicator (报送单位)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.store.repositories import regions
from minsheng.store.tables import Plan
from minsheng.usecases.read.indicator_metadata import plan_metadata


def region_codes(session: Session, plan: Plan) -> dict[int, str | None]:
    """The codes of the plan's region and its districts and counties, by region id."""
    found = {r.id: r.code for r in regions.children(session, region_id=plan.region_id)}
    return found | {plan.region_id: plan.region.code}


def reporting_departments(session: Session, plan: Plan) -> dict[int, str | None]:
    """Per indicator id, the department that reports it (责任单位): assigned, edited in its
    metadata or known from the catalogue; published in place of the staff who typed it."""
    return {view.indicator_id: view.value("department") for view in plan_metadata(
        session, plan_id=plan.id
    )}  # fmt: skip
