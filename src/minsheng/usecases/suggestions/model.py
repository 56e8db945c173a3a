"""What the suggestion use cases take and give: plain read models, no store rows. The
public model has no contact field at all, so no page can show it by mistake."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from minsheng.errors import MinshengError

TEXT_MIN, TEXT_MAX = 10, 1000
CONTACT_MAX = 100
REPLY_MAX = 2000
REPLY_DAYS = 15
"""A routed suggestion not replied to within 15 days of its submission is overdue."""
MODERATOR_ROLES = ("admin", "planner")
STATE_LABELS = {
    "pending": "待审核",
    "open": "办理中",
    "overdue": "已超期",
    "replied": "已答复",
    "rejected": "未采用",
}
REJECT_LABELS = {"spam": "垃圾信息", "abusive": "含辱骂或不当内容"}


class NotAllowed(MinshengError):
    """The signed-in user may not do this to the suggestion (e.g. another department's)."""

    code = "not_allowed"
    http_status = 403
    exit_code = 2


@dataclass(frozen=True)
class SuggestionDraft:
    """What a resident sends; `subject` is '' or 'item:ID' or 'indicator:ID'."""

    plan_id: int | None
    domain: str
    region_id: int | None
    text: str
    subject: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class SuggestionForm:
    """The choices of the public form for one plan."""

    plan_id: int
    plan: str
    domains: list[str]
    districts: list[Choice]
    items: list[Choice]
    indicators: list[Choice]


@dataclass(frozen=True)
class PublicSuggestion:
    """One suggestion as anybody may see it: never the contact, never staff names."""

    id: int
    plan: str
    domain: str
    subject: str
    district: str
    text: str
    submitted_at: datetime  # Beijing time
    state: str
    department: str
    reply: str | None
    replied_at: datetime | None  # Beijing time
    sample: bool

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def response_days(self) -> int | None:
        if self.replied_at is None:
            return None
        return (self.replied_at.date() - self.submitted_at.date()).days


@dataclass(frozen=True)
class StaffSuggestion(PublicSuggestion):
    """A suggestion as moderators and its department see it."""

    plan_id: int
    contact: str | None
    public: bool
    reject_reason: str | None
    moderated_by: str | None
    replied_by: str | None
    routing: str
    """The department it is routed to, or the one proposed for it (topic or item)."""

    @property
    def reject_label(self) -> str:
        return REJECT_LABELS.get(self.reject_reason or "", "")


@dataclass(frozen=True)
class TopicStats:
    """One topic (domain): received (not rejected), replied, open, and median days to reply."""

    domain: str
    received: int
    replied: int
    open: int
    median_days: float | None


@dataclass(frozen=True)
class SuggestionStats:
    topics: list[TopicStats]
    counts: dict[str, int]  # pending, open, overdue, replied, rejected
    median_days: float | None
