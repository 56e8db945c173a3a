"""Satisfaction surveys (满意度调查) and the public forms' flood counter; see migration 0017.

A survey belongs to a plan and a period; each question rates a domain or a service item on
a 1–5 scale. A response is anonymous: the district the respondent picked, the scores and an
optional comment, nothing about the person. The flood counter keeps a salted hash of the
sender's address per submission, separately, so no answer can be traced to an address.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from minsheng.store.tables.base import Base, one_of, utc_now

SURVEY_STATES = ("open", "closed")
RESPONSE_SOURCES = ("web", "import")


class Survey(Base):
    """One survey of a plan for a period, open for answers until a planner closes it."""

    __tablename__ = "surveys"
    __table_args__ = (CheckConstraint(one_of("status", SURVEY_STATES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SurveyQuestion(Base):
    """A 5-point question about a domain, or about one service item (its domain kept too)."""

    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str] = mapped_column(String(100))
    service_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_items.id", ondelete="SET NULL")
    )


class SurveyResponse(Base):
    """One anonymous respondent: the district picked, an optional comment, where it came from."""

    __tablename__ = "survey_responses"
    __table_args__ = (CheckConstraint(one_of("source", RESPONSE_SOURCES), name="source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    comment: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default="web")
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class SurveyAnswer(Base):
    """One score (1–5) a respondent gave one question."""

    __tablename__ = "survey_answers"
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int]


class FormSubmission(Base):
    """One accepted post of a public form, counted by `web/flood_guard.py` across workers;
    `address_hash` is a keyed hash of the sender's address, never the address itself."""

    __tablename__ = "form_submissions"
    __table_args__ = (Index("ix_form_submissions_form_address_at", "form", "address_hash", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form: Mapped[str] = mapped_column(String(40))
    address_hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
