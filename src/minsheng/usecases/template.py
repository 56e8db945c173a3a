"""The Excel workbook a department fills in for a plan: its indicators × regions × years."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.collect import TemplateRow, TemplateSpec
from minsheng.model.value import Value
from minsheng.usecases.assignments import department_permission
from minsheng.usecases.plans import covered_regions, find_current_plan, targets_of


def template_for(
    session: Session,
    *,
    region: str,
    department: str,
    years: list[int],
    domains: list[str] | None = None,
    districts: bool = True,
    by_assignments: bool = False,
) -> TemplateSpec:
    """One row per indicator × region × year; `domains` narrows it to a department's share,
    and `by_assignments` to exactly what the named department is assigned (when it has
    assignments)."""
    plan = find_current_plan(session, region=region)
    stored, _ = targets_of(session, plan)
    chosen = [i for i in stored if not domains or i.domain in domains]
    covered = covered_regions(session, plan, store_children=True)
    names = [r.name for r in (covered if districts else covered[:1])]
    may_report = department_permission(session, name=department) if by_assignments else None
    rows = [
        TemplateRow(
            region=name,
            indicator=indicator.name,
            unit=indicator.unit,
            domain=indicator.domain,
            baseline=Value.model_validate(indicator.baseline).raw,
            target=Value.model_validate(indicator.target).raw,
        )
        for indicator in chosen
        for name in names
        if may_report is None or may_report(indicator.name, name)
    ]
    return TemplateSpec(
        plan_title=plan.title or plan.region.name,
        department=department,
        years=years,
        rows=rows,
        base_year=(plan.period_start or 2021) - 1,
        target_year=plan.period_end or 2025,
    )
