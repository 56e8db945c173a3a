"""A typed cell value that always keeps the text it came from."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class ValueKind(StrEnum):
    """What a raw cell turned out to say."""

    NUMBER = "number"  # 1.38, 100%, [20]
    COMPARISON = "comparison"  # ≥4.6, >90, 95以上, 不低于90, 3左右
    RANGE = "range"  # 28~35
    QUALITATIVE = "qualitative"  # 应保尽保, 动态清零, 全覆盖
    MISSING = "missing"  # —, ——, -, empty
    ODD = "odd"  # 686(646), <18/10: kept verbatim with a warning, never guessed


class Comparator(StrEnum):
    """The relation a comparison value states between the quantity and its number."""

    GE = "ge"  # ≥, 以上, 不低于, 不少于
    GT = "gt"  # >, 超过
    LE = "le"  # ≤, 以下, 不高于, 不超过
    LT = "lt"  # <, 低于
    APPROX = "approx"  # 左右, 约


class Value(BaseModel):
    """One cell of an indicator table, typed, with its exact raw text.

    `number` is set for numbers and comparisons; `low`/`high` for ranges; `text` for a
    qualitative commitment; `note` explains why an odd cell was not interpreted.
    `percent` is true when the cell itself carries a % sign; `cumulative` when the cell
    is bracketed ([20], 【20】) as a five-year total.
    """

    model_config = ConfigDict(frozen=True)

    raw: str
    kind: ValueKind
    number: float | None = None
    comparator: Comparator | None = None
    low: float | None = None
    high: float | None = None
    text: str | None = None
    percent: bool = False
    cumulative: bool = False
    note: str | None = None
