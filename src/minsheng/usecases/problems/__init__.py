"""问题清单 → 整改台账: evaluation findings (a red or yellow warning, a standard not
delivered, a district that lags, complaints) become problems with an owner department,
measures and a deadline; the department reports progress; a planner closes each on
evidence. The ledger counts open, overdue (Beijing time) and closed problems."""

from minsheng.store.repositories.problems import ProblemQuery
from minsheng.usecases.problems.ledger import (
    close_problem,
    evidence_document,
    may_report,
    open_problem,
    report_progress,
)
from minsheng.usecases.problems.model import (
    KIND_LABELS,
    STATE_LABELS,
    Evidence,
    HistoryView,
    Ledger,
    NotAllowed,
    PlanProblems,
    ProblemDraft,
    ProblemView,
    ProgressView,
)
from minsheng.usecases.problems.prefill import prefilled, source_words
from minsheng.usecases.problems.rows import COLUMNS, ledger_row
from minsheng.usecases.problems.views import (
    plan_problems,
    problem_history,
    problem_ledger,
    problem_view,
)

__all__ = [
    "COLUMNS",
    "KIND_LABELS",
    "STATE_LABELS",
    "Evidence",
    "HistoryView",
    "Ledger",
    "NotAllowed",
    "PlanProblems",
    "ProblemDraft",
    "ProblemQuery",
    "ProblemView",
    "ProgressView",
    "close_problem",
    "evidence_document",
    "ledger_row",
    "may_report",
    "open_problem",
    "plan_problems",
    "prefilled",
    "problem_history",
    "problem_ledger",
    "problem_view",
    "report_progress",
    "source_words",
]
