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

# First matching rule wins: 年均增长 is another column, 2020年目标 a target, 指标属性 an
# attribute, 指标 a name. A bare year is a value column whose sense the table decides.
_HEADER_RULES: tuple[tuple[tuple[str, ...], Role], ...] = (
    (("序号", "编号", "备注", "说明", "年均", "增长", "增速", "增幅", "来源", "责任", "牵头"),
     Role.OTHER),
    (("属性", "性质"), Role.ATTRIBUTE),
    (("单位",), Role.UNIT),
    (("类别", "领域", "分类", "方面"), Role.DOMAIN),
    (("实际", "实绩", "完成"), Role.ACTUAL),
    (("目标", "规划值", "预期值", "期末", "十四五末", "十五五末"), Role.TARGET),
    (("基数", "基期", "基准", "现状", "基础值"), Role.BASELINE),
    (("指标", "名称"), Role.NAME),
)  # fmt: skip
_YEAR = re.compile(r"20\d\d")
MAX_UNKNOWN_SHARE = 0.5  # of a real table's header cells that may name no known column


def header_role(cell: str) -> Role | None:
    """The column role a header cell names, or None when the cell is not a header."""
    text = squash(cell)
    if not text or len(text) > MAX_HEADER_LENGTH:
        return None
    if cjk_count(text) == 0 and not _YEAR_ONLY.match(text):
        return None
    for keywords, role in _HEADER_RULES:
        if any(keyword in text for keyword in keywords):
            return role
    return Role.BASELINE if _YEAR.search(text) else None


def _year(cell: str) -> int | None:
    match = _YEAR.search(cell)
    return int(match.group()) if match else None


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


def _sense(text: str) -> Role | None:
    """The role a header cell's words give it, leaving a bare year undecided."""
    return next((role for words, role in _HEADER_RULES if any(w in text for w in words)), None)


def _resolve_years(cells: list[str], roles: list[Role]) -> list[Role]:
    """Settle bare years and dated actuals by comparing the years of the value columns.

    `2025年 | 2030年` is baseline and target; `2020年实际值 | 2025年目标值` is the current
    plan's baseline and target, while `2020年目标 | 2020年实绩` stays a completion table.
    """
    years = [_year(cell) for cell in cells]
    values = [i for i, role in enumerate(roles) if role in VALUE_ROLES]
    bare = [i for i in values if _sense(squash(cells[i])) is None and years[i] is not None]
    if Role.TARGET not in roles and bare:
        last = max(bare, key=lambda i: years[i] or 0)
        if all((years[i] or 0) < (years[last] or 0) for i in values if i != last):
            roles[last] = Role.TARGET
    target_years = [years[i] or 0 for i in values if roles[i] is Role.TARGET and years[i]]
    for i in values:
        if roles[i] is Role.ACTUAL and target_years and (years[i] or 9999) < min(target_years):
            roles[i] = Role.BASELINE
    return _only_first_of_each(roles)


def _only_first_of_each(roles: list[Role]) -> list[Role]:
    """A second baseline (2020年 | 2022年 | 2025年) is kept as another column."""
    seen: set[Role] = set()
    kept = []
    for role in roles:
        kept.append(Role.OTHER if role in VALUE_ROLES and role in seen else role)
        seen.add(role)
    return kept


def layout_from_header(cells: list[str]) -> Layout | None:
    """A layout when `cells` read as an indicator-table header, else None.

    Cells that name no known column are kept as OTHER, as long as most cells are known:
    a name column and two value columns make the table, whatever else it carries.
    """
    joined = _join_split_year(cells)
    found = [header_role(cell) for cell in joined]
    if len(found) < 3 or found.count(None) > len(found) * MAX_UNKNOWN_SHARE:
        return None
    roles = _resolve_years(joined, [role or Role.OTHER for role in found])
    layout = Layout(tuple(roles))
    if Role.NAME not in layout.roles or len(layout.value_roles) < 2:
        return None
    return layout
