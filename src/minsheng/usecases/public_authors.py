"""Who wrote a value, as the public may learn it: the department, never the person.

Revisions, metadata edits and audit entries record a user name; public responses name
the author's department instead (None for a user without one, or a system author such as
an import).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.store.repositories.users import users_with_departments


def departments_by_author(session: Session) -> dict[str, str | None]:
    """Each user name with its department's name."""
    return {user.username: department for user, department in users_with_departments(session)}
