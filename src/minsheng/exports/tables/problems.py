"""The rectification ledger's table of a plan's package (问题清单 → 整改台账): each problem
with its source, owner department, measures, deadline, state (overdue as of the export
day, Beijing time), progress and closing evidence; the same columns as the ledger's
XLSX/CSV download. People's user names are left out: the package is published."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from minsheng.exports.tables.schema import ForeignKey, Table, make_fields, to_plan
from minsheng.store.tables import Plan
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.problems import (
    KIND_LABELS,
    STATE_LABELS,
    ProblemQuery,
    ledger_row,
    problem_ledger,
)

PROBLEM_FIELDS = make_fields(
    ("id", "integer", "The problem's id"),
    ("plan_id", "integer", "The plan version's id in this database"),
    ("title", "string", "问题名称"),
    ("kind", "string", "问题类型: 红色预警, 黄色预警, 标准未落实 …"),
    ("kind_code", "string", "red, yellow, standard, equalization, complaints or other"),
    ("source", "string", "问题来源: indicator, region and year, service item, or text"),
    ("indicator_id", "integer", "The indicator the problem came from, if any"),
    ("region_id", "integer", "The region of that indicator's value, if any"),
    ("year", "integer", "The year of that value, if any"),
    ("department", "string", "责任部门: the owner department"),
    ("measures", "string", "整改措施"),
    ("deadline", "date", "整改期限 (Beijing)"),
    ("state", "string", "整改状态: 待整改, 整改中, 已逾期 or 已销号"),
    ("state_code", "string", "open, in_progress, overdue (deadline past) or closed"),
    ("progress_reports", "integer", "How many progress reports the department made"),
    ("latest_progress", "string", "The newest progress report: date and text"),
    ("closed_at", "string", "When it was closed (Beijing time)"),
    ("evidence_value", "number", "The value it was closed on, if any"),
    ("evidence_note", "string", "销号说明: what the evidence shows"),
    ("evidence_document", "string", "The closing document's file name, if any"),
)


def problems_table(session: Session, plan: Plan) -> Table:
    """The plan's problems, not closed first, soonest deadline first."""
    ledger = problem_ledger(session, ProblemQuery(beijing_today(), plan_id=plan.id))
    rows = [_row(ledger_row(view)) for view in ledger.problems]
    to_indicators = ForeignKey(("indicator_id",), "indicators", ("indicator_id",))
    return Table("problems", "Problem list and rectification ledger", PROBLEM_FIELDS, rows,
                 ("id",), (to_plan("plan_id"), to_indicators))  # fmt: skip


def _row(ledger: dict[str, Any]) -> dict[str, Any]:
    """The ledger's row with its codes in Chinese words, the codes kept beside."""
    row = {field.name: ledger.get(field.name) for field in PROBLEM_FIELDS}
    row["kind_code"], row["state_code"] = ledger["kind"], ledger["state"]
    row["kind"] = KIND_LABELS.get(ledger["kind"], ledger["kind"])
    row["state"] = STATE_LABELS.get(ledger["state"], ledger["state"])
    row["deadline"] = date.fromisoformat(ledger["deadline"])  # a date cell in a workbook
    return row
