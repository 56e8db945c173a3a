"""Suggestions (意见建议): what a resident sends without an account, how a planner
moderates it (published, rejected as spam or abusive) and routes it to a department, and
the department's reply, published with the question. The contact is kept for staff only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import Base, one_of, utc_now

SUGGESTION_STATES = ("pending", "accepted", "rejected")
"""Awaiting moderation, accepted (routed to a department), rejected."""
REJECT_REASONS = ("spam", "abusive")


class Suggestion(Base):
    """One resident's suggestion about a plan's domain (and optionally one of its service
    items or indicators) in one of its districts, with its moderation and reply."""

    __tablename__ = "suggestions"
    __table_args__ = (
        CheckConstraint(one_of("status", SUGGESTION_STATES), name="status"),
        CheckConstraint(
            f"reject_reason IS NULL OR {one_of('reject_reason', REJECT_REASONS)}",
            name="reject_reason",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(String(100))
    service_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_items.id", ondelete="SET NULL")
    )
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicators.id", ondelete="SET NULL")
    )
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    text: Mapped[str] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(100))
    """Never shown publicly: for moderators and the department it is routed to."""
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    sample: Mapped[bool] = mapped_column(default=False)
    """示例数据: added by the demo, never by a resident."""
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reject_reason: Mapped[str | None] = mapped_column(String(16))
    public: Mapped[bool] = mapped_column(default=False)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    moderated_by: Mapped[str | None] = mapped_column(String(64))
    moderated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reply: Mapped[str | None] = mapped_column(Text)
    replied_by: Mapped[str | None] = mapped_column(String(64))
    replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
