"""The public forms' flood counter: accepted posts per form and hashed address."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from minsheng.store.tables.surveys import FormSubmission


def recent(session: Session, *, form: str, address_hash: str, since: datetime) -> list[datetime]:
    """When this address's accepted posts of `form` since `since` were made, oldest first."""
    query = (
        select(FormSubmission.at)
        .where(
            FormSubmission.form == form,
            FormSubmission.address_hash == address_hash,
            FormSubmission.at >= since,
        )
        .order_by(FormSubmission.at)
    )
    return list(session.scalars(query))


def add(session: Session, *, form: str, address_hash: str, at: datetime) -> None:
    session.add(FormSubmission(form=form, address_hash=address_hash, at=at))
    session.flush()


def forget_before(session: Session, *, form: str, before: datetime) -> None:
    """Drop counts older than the window: they no longer matter and say where people were."""
    session.execute(
        delete(FormSubmission).where(FormSubmission.form == form, FormSubmission.at < before)
    )


def count(session: Session, *, form: str) -> int:
    query = select(func.count()).select_from(FormSubmission).where(FormSubmission.form == form)
    return session.execute(query).scalar_one()
