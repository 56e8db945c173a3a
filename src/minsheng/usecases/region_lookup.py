"""A region as people give it at the edges: by name (合肥市) or by its GB/T 2260 code (340100)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from minsheng.store.repositories.regions import find_by_code

CODE = re.compile(r"^\d{6}$")


def region_name(session: Session, given: str) -> str:
    """The name of the region `given` names: a six-digit code is looked up, a name kept."""
    text = given.strip()
    if CODE.match(text):
        found = find_by_code(session, code=text)
        if found is not None:
            return found.name
    return text
