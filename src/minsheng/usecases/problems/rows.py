"""The ledger as rows of plain values: one shape for the XLSX/CSV downloads, the CLI's
export and the open-data table (column names in English, as the API's)."""

from __future__ import annotations

from typing import Any

from minsheng.usecases.problems.model import ProblemView

COLUMNS = (
    "id", "plan_id", "plan", "title", "kind", "source", "indicator_id", "region_id", "year",
    "service_item_id", "department", "measures", "deadline", "state", "opened_by", "opened_at",
    "progress_reports", "latest_progress", "closed_by", "closed_at", "evidence_value",
    "evidence_note", "evidence_document",
)  # fmt: skip


def ledger_row(view: ProblemView) -> dict[str, Any]:
    """One problem; times in Beijing time as text, the newest progress report in words."""
    latest = view.progress[-1] if view.progress else None
    return {
        "id": view.id, "plan_id": view.plan_id, "plan": view.plan, "title": view.title,
        "kind": view.kind, "source": view.source, "indicator_id": view.indicator_id,
        "region_id": view.region_id, "year": view.year, "service_item_id": view.service_item_id,
        "department": view.department, "measures": view.measures,
        "deadline": view.deadline.isoformat(), "state": view.state, "opened_by": view.opened_by,
        "opened_at": f"{view.opened_at:%Y-%m-%d %H:%M}", "progress_reports": len(view.progress),
        "latest_progress": f"{latest.reported_on.isoformat()} {latest.text}" if latest else "",
        "closed_by": view.closed_by or "",
        "closed_at": f"{view.closed_at:%Y-%m-%d %H:%M}" if view.closed_at else "",
        "evidence_value": view.evidence_value, "evidence_note": view.evidence_note or "",
        "evidence_document": view.evidence_name or "",
    }  # fmt: skip
