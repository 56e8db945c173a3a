"""Which way an indicator should move, read from its target first and its name last."""

from __future__ import annotations

from minsheng.model.catalogue import Direction  # defined with the catalogue; re-exported here
from minsheng.model.value import Comparator, Value, ValueKind

LOWER_IS_BETTER_WORDS: tuple[str, ...] = (
    "死亡率",
    "失业率",
    "发病率",
    "患病率",
    "近视率",
    "肥胖率",
    "辍学率",
    "个人卫生支出",
    "下降",
    "降低",
    "减少",
)
"""Name fragments of indicators where less is better (mortality, unemployment, …)."""

_BY_KIND: dict[ValueKind, Direction] = {
    ValueKind.RANGE: Direction.WITHIN_BAND,
    ValueKind.QUALITATIVE: Direction.QUALITATIVE,
}

_BY_COMPARATOR: dict[Comparator, Direction] = {
    Comparator.GE: Direction.HIGHER_IS_BETTER,
    Comparator.GT: Direction.HIGHER_IS_BETTER,
    Comparator.LE: Direction.LOWER_IS_BETTER,
    Comparator.LT: Direction.LOWER_IS_BETTER,
}


def infer_direction(
    name: str,
    baseline: Value,
    target: Value,
    catalogue_direction: Direction | None = None,
) -> Direction:
    """Direction from, in order: the target's own form, the catalogue, the name, the movement.

    The target wins because the plan states it explicitly (`≥4.6`, `28~45`, `应保尽保`);
    a plain number (`13.2`) or `约3` says nothing, so the catalogue, then the name
    (`孕产妇死亡率` → at most 13.2), then baseline → target movement decide; higher is
    the default because most public-service indicators count provision.
    """
    return direction_of(name, baseline.number, target, catalogue_direction)


def direction_of(
    name: str,
    baseline: float | None,
    target: Value,
    catalogue_direction: Direction | None = None,
) -> Direction:
    """`infer_direction` for a caller that has only the baseline's number."""
    return (
        stated_direction(target) or catalogue_direction or guessed_direction(name, baseline, target)
    )


def stated_direction(target: Value) -> Direction | None:
    """The direction a target cell states by itself (`≥4.6`, `28~45`, `应保尽保`), if any."""
    if target.kind in _BY_KIND:
        return _BY_KIND[target.kind]
    if target.comparator is not None:
        return _BY_COMPARATOR.get(target.comparator)
    return None


def guessed_direction(name: str, baseline: float | None, target: Value) -> Direction:
    """The direction when neither the target nor the catalogue says: from the name, then
    from the movement baseline → target, else higher is better."""
    if any(word in name for word in LOWER_IS_BETTER_WORDS):
        return Direction.LOWER_IS_BETTER
    if baseline is not None and target.number is not None and target.number < baseline:
        return Direction.LOWER_IS_BETTER
    return Direction.HIGHER_IS_BETTER
