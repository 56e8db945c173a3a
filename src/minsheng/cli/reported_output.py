"""Printing `minsheng evaluate --compare-reported`: where the accounts of a period differ."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from minsheng.cli.output import OutputFormat, console, emit_json, new_table

if TYPE_CHECKING:
    from minsheng.usecases.read.reported_check import ReportedCheck, ReportedComparison


def show_reported(found: ReportedComparison, output_format: OutputFormat) -> None:
    rows = [_row_json(row) for row in found.rows]
    if output_format is OutputFormat.JSON:
        emit_json({"plan": found.plan.title, "reviewed": _reviewed(found), "rows": rows})
        return
    out = console()
    out.print(f"[bold]{found.plan.title or found.plan.region.name}[/bold]: {_heading(found)}")
    table = new_table("indicator", "reported target", "reported actual", "reported", "value",
                  "minsheng", "disagreements")  # fmt: skip
    for row in rows:
        table.add_row(*(_cell(row[key]) for key in _COLUMNS))
    out.print(table)
    out.print(f"{len(found.disagreeing)} of {len(found.rows)} row(s) disagree")


_COLUMNS = ("name", "reported_target", "reported_actual", "reported_status", "value", "status",
            "disagreements")  # fmt: skip


def _heading(found: ReportedComparison) -> str:
    if found.reviewed is None:
        return "the plan of the period it reviews is not stored"
    return (
        f"reported completion against {found.reviewed.title or 'the reviewed plan'}, {found.year}"
    )


def _reviewed(found: ReportedComparison) -> dict[str, Any] | None:
    if found.reviewed is None:
        return None
    return {"plan_id": found.reviewed.id, "title": found.reviewed.title, "year": found.year}


def _row_json(row: ReportedCheck) -> dict[str, Any]:
    verdict = row.verdict
    return {
        "name": row.reported.name,
        "reported_target": row.reported.target.raw,
        "reported_actual": row.reported.actual.raw,
        "reported_status": row.reported.status.value,
        "indicator_id": verdict.indicator_id if verdict else None,
        "value": verdict.value if verdict else None,
        "status": verdict.status.value if verdict else None,
        "disagreements": [d.value for d in row.disagreements],
    }


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
