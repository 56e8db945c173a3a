"""What a plan's text states about one key project: its district, 建设性质 (新建, 改扩建 …),
总投资, years and responsible unit. Pure functions over text, so the store can be filled from
a plan (`usecases.projects_fill`) and the rules tested on the plans' own phrasing.

A fact is taken only where the text says it unambiguously: a project whose name or group
mentions two districts gets none, a list item's nature is the nearest verb before it in its
sentence (`新建A、B;改扩建C`), and prose about a programme gives no nature at all.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

NATURES = ("新建", "改扩建", "扩建", "续建", "改建", "迁建")
_VERBS = "|".join(sorted(NATURES, key=len, reverse=True))
_NATURE = re.compile(_VERBS)
_LEADING_NATURE = re.compile(f"({_VERBS})(?![和及与])")
_ITEM_NATURE = re.compile(f"(?:^|(?<=[、,，:：;；∶—\\s]))({_VERBS})")
_INVESTMENT = re.compile(r"总投资(?:约|达|为|预计)?\s*(\d+(?:\.\d+)?)\s*(亿|万)元?")
_YEARS = re.compile(r"(20\d{2})\s*年?\s*[—–\-~～至到]{1,2}\s*(20\d{2})\s*年")
_STARTS = re.compile(r"(20\d{2})\s*年(?:\d{1,2}月)?(?:底|初|内)?(?:开工|启动建设)")
_ENDS = re.compile(r"(20\d{2})\s*年(?:\d{1,2}月)?(?:底|内)?(?:建成|竣工|完工|投用|投入使用)")
_UNIT = re.compile(r"(?:责任单位|牵头单位|实施单位|建设单位)\s*[:：]\s*([^;；。,，、)）]{2,60})")
_ITEM_END = re.compile(r"[、;；。]")
_SENTENCE_END = "。\n"
_ITEM_BEFORE = "、,，:：;；∶.．\n"
WAN_PER_YI = 10_000


@dataclass(frozen=True)
class ProjectFacts:
    """The facts found; None where the text does not say."""

    district: str | None = None
    nature: str | None = None
    total_investment: float | None = None  # 万元
    start_year: int | None = None
    end_year: int | None = None
    responsible_unit: str | None = None


def project_facts(
    name: str, detail: str | None, column_text: str, *, districts: Collection[str]
) -> ProjectFacts:
    """The facts about the project `name` (with its `detail`) listed in a column whose body
    is `column_text`; `districts` are the county-level names the plan's region holds."""
    item = list_item(name, column_text)
    own = " ".join(part for part in (name, detail or "", item or "") if part)
    years = years_of(own)
    return ProjectFacts(
        district=district_of(name, detail, districts),
        nature=nature_of(name, column_text),
        total_investment=investment_of(own),
        start_year=years[0],
        end_year=years[1],
        responsible_unit=unit_of(own),
    )


def district_of(name: str, detail: str | None, districts: Collection[str]) -> str | None:
    """The one district the name mentions, else the one its detail (or group) mentions."""
    for text in (name, detail or ""):
        named = {district for district in districts if district in text}
        if len(named) == 1:
            return named.pop()
        if named:
            return None
    return None


def _occurrence(name: str, text: str) -> int:
    """Where `name` stands in `text` as a list item (after a separator or a verb), else
    where it first occurs; -1 when it does not."""
    first = text.find(name)
    start = first
    while start >= 0:
        before = text[:start]
        if not before or before[-1] in _ITEM_BEFORE or _NATURE.search(before[-3:]):
            return start
        start = text.find(name, start + 1)
    return first


def nature_of(name: str, column_text: str) -> str | None:
    """The nearest 建设性质 verb heading an item before the project's name within its
    sentence of the column (`改扩建A、B,新建C`; not the 新建 inside `X中新建宿舍楼`), or the
    verb its name starts with; None for prose that names no verb."""
    if match := _LEADING_NATURE.match(name):
        return match.group(1)
    position = _occurrence(name, column_text)
    if position <= 0:
        return None
    before = column_text[:position]
    sentence = before[max(before.rfind(end) for end in _SENTENCE_END) + 1 :]
    verbs = _ITEM_NATURE.findall(sentence)
    return verbs[-1] if verbs else None


def list_item(name: str, column_text: str) -> str | None:
    """What follows the name in the column up to the next item (`A(总投资3亿元)、B`)."""
    position = _occurrence(name, column_text)
    if position < 0:
        return None
    rest = column_text[position + len(name) :]
    end = _ITEM_END.search(rest)
    return rest[: end.start() if end else len(rest)] or None


def investment_of(text: str) -> float | None:
    """总投资 in 万元 when the text states exactly one amount (亿元 × 10,000)."""
    amounts = {
        float(number) * (WAN_PER_YI if unit == "亿" else 1)
        for number, unit in _INVESTMENT.findall(text)
    }
    return amounts.pop() if len(amounts) == 1 else None


def years_of(text: str) -> tuple[int | None, int | None]:
    """(start, end) year from `2021—2023年`, else from `2022年开工` / `2024年建成`;
    a text with two different ranges says nothing certain."""
    ranges = {(int(start), int(end)) for start, end in _YEARS.findall(text)}
    if len(ranges) == 1:
        start, end = ranges.pop()
        return (start, end) if start <= end else (None, None)
    if ranges:
        return None, None
    return _one_year(_STARTS, text), _one_year(_ENDS, text)


def _one_year(pattern: re.Pattern[str], text: str) -> int | None:
    years = {int(year) for year in pattern.findall(text)}
    return years.pop() if len(years) == 1 else None


def unit_of(text: str) -> str | None:
    """The unit named after 责任单位/牵头单位/实施单位, when exactly one is."""
    units = {unit.strip() for unit in _UNIT.findall(text)}
    return units.pop() if len(units) == 1 else None
