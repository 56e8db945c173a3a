"""What the ledger's use cases take and give: plain read models, no store rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from minsheng.errors import MinshengError

KIND_LABELS = {
    "red": "红色预警",
    "yellow": "黄色预警",
    "standard": "标准未落实",
    "equalization": "区县差距（均等化）",
    "complaints": "群众投诉集中",
    "other": "其他",
}
STATE_LABELS = {"open": "待整改", "in_progress": "整改中", "closed": "已销号", "overdue": "已逾期"}
PLANNER_ROLES = ("admin", "planner")


class NotAllowed(MinshengError):
    """The signed-in user may not do this to the problem (e.g. another department's)."""

    code = "not_allowed"
    http_status = 403
    exit_code = 2


@dataclass(frozen=True)
class ProblemDraft:
    """A problem as a planner writes it; the source is an indicator × region × year, a
    service item, or free text (any of them may be given)."""

    plan_id: int | None
    title: str
    kind: str
    department: str
    measures: str
    deadline: date | None
    indicator_id: int | None = None
    region_id: int | None = None
    year: int | None = None
    service_item_id: int | None = None
    source_text: str = ""


@dataclass(frozen=True)
class Evidence:
    """What a problem is closed on: a value or a document, and a note saying what it shows."""

    note: str
    value: float | None = None
    file_name: str | None = None
    media_type: str | None = None
    content: bytes | None = None


@dataclass(frozen=True)
class ProgressView:
    reported_on: date
    text: str
    value: float | None
    author: str


@dataclass(frozen=True)
class HistoryView:
    at: datetime  # Beijing time
    username: str
    action: str
    detail: dict[str, object]


@dataclass(frozen=True)
class ProblemView:
    """One problem as the ledger, the API and the exports show it."""

    id: int
    plan_id: int
    plan: str
    title: str
    kind: str
    source: str
    indicator_id: int | None
    region_id: int | None
    year: int | None
    service_item_id: int | None
    department_id: int
    department: str
    measures: str
    deadline: date
    status: str  # stored: open, in_progress, closed
    state: str  # shown: the status, or 'overdue'
    opened_by: str
    opened_at: datetime
    closed_by: str | None = None
    closed_at: datetime | None = None
    evidence_value: float | None = None
    evidence_note: str | None = None
    evidence_name: str | None = None
    progress: list[ProgressView] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"


@dataclass(frozen=True)
class Ledger:
    """A page of the ledger with the counts of everything the filter (but status) selects."""

    problems: list[ProblemView]
    total: int
    counts: dict[str, int]


@dataclass(frozen=True)
class PlanProblems:
    """A plan's problems for the evaluation report: open, overdue and closed."""

    open: list[ProblemView]
    overdue: list[ProblemView]
    closed: list[ProblemView]
