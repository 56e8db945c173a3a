"""A key project's history as planners read it: each update's changed fields in Chinese,
districts by name, amounts without trailing zeros."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from minsheng.store.repositories import regions
from minsheng.usecases.project_edits import FIELD_LABELS
from minsheng.usecases.read.projects import ProjectUpdateRow


def with_lines(session: Session, row: ProjectUpdateRow) -> ProjectUpdateRow:
    """The update with its changes as Chinese lines: what, before, after."""
    lines = [
        (FIELD_LABELS["district" if name == "region_id" else name], *_texts(session, name, pair))
        for name, pair in row.changes.items()
    ]
    return replace(row, lines=lines)


def _texts(session: Session, name: str, pair: list[object]) -> tuple[str, str]:
    before, after = (_text(session, name, value) for value in pair)
    return before, after


def _text(session: Session, name: str, value: object) -> str:
    if value is None or value == {}:
        return "（空）"
    if name == "region_id" and isinstance(value, int):
        region = regions.get_region(session, region_id=value)
        return region.name if region else str(value)
    if isinstance(value, dict):
        return "；".join(
            f"{year}年 计划{v.get('planned')} 完成{v.get('completed')}" for year, v in value.items()
        )
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _year(year: str, amounts: dict[str, Any]) -> str:
    planned, completed = (_text_amount(amounts.get(k)) for k in ("planned", "completed"))
    return f"{year}年 计划{planned} 完成{completed}"


def _text_amount(value: object) -> str:
    return "—" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
