"""Recognise an indicator table's header and what each of its columns holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from minsheng.ingest.parsers.text import cjk_count, squash

MAX_HEADER_LENGTH = 10
_YEAR_ONLY = re.compile(r"^20\d\d年?$")


class Role(StrEnum):
    DOMAIN = "domain"
    NAME = "name"
    UNIT = "unit"
    BASELINE = "baseline"
    TARGET = "target"
    ACTUAL = "actual"
    ATTRIBUTE = "attribute"
    OTHER = "other"


VALUE_ROLES = (Role.BASELINE, Role.TARGET, Role.ACTUAL)

# First matching rule wins: 2020年目标 is a target, 指标属性 an attribute, 指标 a name.
_HEADER_RULES: tuple[tuple[tuple[str, ...], Role], ...] = (
    (("属性", "性质"), Role.ATTRIBUTE),
    (("单位",), Role.UNIT),
    (("类别", "领域", "分类"), Role.DOMAIN),
    (("实际", "实绩", "完成"), Role.ACTUAL),
    (("目标", "2025"), Role.TARGET),
    (("2020", "基期", "现状"), Role.BASELINE),
    (("指标",), Role.NAME),
    (("序号",), Role.OTHER),
)


def header_role(cell: str) -> Role | None:
    """The column role a header cell names, or None when the cell is not a header."""
    text = squash(cell)
    if not text or len(text) > MAX_HEADER_LENGTH or cjk_count(text) == 0:
        return None
    for keywords, role in _HEADER_RULES:
        if any(keyword in text for keyword in keywords):
            return role
    return None


@dataclass(frozen=True)
class Layout:
    """The columns of one indicator table, in order."""

    roles: tuple[Role, ...]

    @property
    def is_previous_plan(self) -> bool:
        """A completion table compares the old target with what was actually achieved."""
        return Role.ACTUAL in self.roles

    @property
    def value_roles(self) -> tuple[Role, ...]:
        return tuple(role for role in self.roles if role in VALUE_ROLES)

    @property
    def has_attribute(self) -> bool:
        return Role.ATTRIBUTE in self.roles


def _join_split_year(cells: list[str]) -> list[str]:
    """`2020年` + `完成情况` on two lines is one header cell, 2020年完成情况."""
    joined: list[str] = []
    for cell in (squash(c) for c in cells if squash(c)):
        previous = joined[-1] if joined else ""
        continues = header_role(cell) in (Role.ACTUAL, Role.TARGET) and not cell.startswith("20")
        if _YEAR_ONLY.match(previous) and continues:
            joined[-1] = previous + cell
        else:
            joined.append(cell)
    return joined


def layout_from_header(cells: list[str]) -> Layout | None:
    """A layout when `cells` read as an indicator-table header, else None."""
    roles = [header_role(cell) for cell in _join_split_year(cells)]
    if len(roles) < 3 or any(role is None for role in roles):
        return None
    layout = Layout(tuple(role for role in roles if role is not None))
    if Role.NAME not in layout.roles or len(layout.value_roles) < 2:
        return None
    return layout
