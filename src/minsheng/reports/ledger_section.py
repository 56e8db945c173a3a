"""The evaluation report's 问题清单与整改情况: every problem of the plan's ledger with its
owner department, deadline and state (overdue counted in Beijing time)."""

from __future__ import annotations

from minsheng.reports import texts
from minsheng.reports.evaluation_data import EvaluationData
from minsheng.reports.govdoc import SMALL_TABLE_SIZE, GovDocument
from minsheng.usecases.problems import ProblemView

WIDTHS_MM = (46, 44, 26, 22, 18)


def render_ledger(document: GovDocument, data: EvaluationData) -> None:
    """The counts, then overdue problems first, open ones next, closed ones last."""
    found = data.problems
    day = texts.DATE.format(d=data.today)
    listed = [*found.overdue, *found.open, *found.closed]
    if not listed:
        document.paragraph(texts.LEDGER_NONE.format(day=day))
        return
    document.paragraph(
        texts.LEDGER_SUMMARY.format(
            day=day,
            total=len(listed),
            open=len(found.open),
            overdue=len(found.overdue),
            closed=len(found.closed),
        )
    )
    document.table_caption(texts.LEDGER_TABLE)
    rows = [_row(problem) for problem in listed]
    document.table(texts.LEDGER_HEADER, rows, widths_mm=WIDTHS_MM, size=SMALL_TABLE_SIZE)


def _row(problem: ProblemView) -> list[str]:
    return [
        problem.title,
        problem.source or problem.kind_label,
        problem.department,
        texts.DATE.format(d=problem.deadline),
        problem.state_label,
    ]
