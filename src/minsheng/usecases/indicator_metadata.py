"""Keeping an indicator's metadata: a planner's edit (form, API, file import), checked
field by field with messages in Chinese, stored with a revision and an audit entry.

Only what differs from what the plan, the catalogue or the assignments already say is
stored; a field left blank falls back to them (see `usecases/read/indicator_metadata`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.store.repositories import audit
from minsheng.store.repositories import indicator_metadata as stored
from minsheng.store.tables import IndicatorMetadata
from minsheng.usecases.read.indicator_metadata import FIELDS, FREQUENCIES, LABELS, derived_values

MAX_LENGTH = 4000
FREQUENCY_WORDS = {
    **{code: code for code in FREQUENCIES},
    **{word: code for code, word in FREQUENCIES.items()},
    "每年": "annual",
    "年": "annual",
    "每季度": "quarterly",
    "季": "quarterly",
    "每月": "monthly",
    "月": "monthly",
}
FREQUENCY_PROBLEM = "更新频率只能是年度、季度或月度（填写的是“{value}”）"
LENGTH_PROBLEM = "{label}最多{limit}个字，现有{length}个字"


@dataclass(frozen=True)
class Edited:
    """What an edit changed: field → (before, after) of the stored values."""

    indicator_id: int
    changed: dict[str, tuple[str | None, str | None]]


class MetadataProblems(InputProblem):
    """Every field at fault in one edit, each with its message in Chinese."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        text = "；".join(f"{LABELS[name]}：{message}" for name, message in problems.items())
        super().__init__(text, field=",".join(problems))


def clean_fields(fields: Mapping[str, str | None]) -> dict[str, str | None]:
    """The fields given, trimmed (blank: not set) and checked; `MetadataProblems` names
    every field at fault. Fields not given are left out."""
    cleaned, problems = {}, {}
    for name in (name for name in FIELDS if name in fields):
        try:
            cleaned[name] = _clean(name, fields[name])
        except InputProblem as problem:
            problems[name] = problem.message
    if problems:
        raise MetadataProblems(problems)
    return cleaned


def _clean(name: str, value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_LENGTH:
        message = LENGTH_PROBLEM.format(label=LABELS[name], limit=MAX_LENGTH, length=len(text))
        raise InputProblem(message, field=name)
    if name == "frequency" and text:
        code = FREQUENCY_WORDS.get(text.lower())
        if code is None:
            raise InputProblem(FREQUENCY_PROBLEM.format(value=text), field=name)
        return code
    return text or None


def edit_metadata(
    session: Session, *, indicator_id: int, fields: Mapping[str, str | None], author: str
) -> Edited | None:
    """Set the fields given (others keep their value), keeping a revision and an audit
    entry; None when nothing changed. `NotFound` for an unknown indicator."""
    cleaned = clean_fields(fields)
    derived = derived_values(session, indicator_id=indicator_id)
    before = _stored(stored.stored_of(session, indicator_ids=[indicator_id]).get(indicator_id))
    after = dict(before)
    for name, value in cleaned.items():
        after[name] = None if value == derived[name] else value
    if after == before:
        return None
    revision = stored.save(session, indicator_id=indicator_id, fields=after, author=author)
    changed = {name: (before[name], after[name]) for name in FIELDS if before[name] != after[name]}
    detail = {"revision": revision.id, "changed": _readable(changed)}
    audit.record(
        session,
        username=author,
        action="edit",
        entity="indicator_metadata",
        entity_id=indicator_id,
        detail=detail,
    )
    return Edited(indicator_id, changed)


def _stored(row: IndicatorMetadata | None) -> dict[str, str | None]:
    return {name: getattr(row, name) if row else None for name in FIELDS}


def _readable(changed: dict[str, tuple[str | None, str | None]]) -> dict[str, object]:
    return {LABELS[name]: {"before": old, "after": new} for name, (old, new) in changed.items()}
