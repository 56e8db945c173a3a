"""Is a local standard below the national one (不低于国家标准)? Compared number by number.

Only numbers that measure the same thing are compared: an amount per person per year
(每人每年不低于X元, X元/人·年), per month (X元/月, 每月X元), a frequency (X次/年, 每年X次) or a
share (X%). Each standard's text is read for such quantities; a quantity kind found once in
both texts (or the same number of times, compared in order) is compared. Everything these
standards state is a floor (more is better), so a local number below the national one is
flagged. When no kind is found in both texts the standards are not comparable, and the
result says so rather than guessing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Quantity:
    """A number and what it measures, e.g. (1200, "元/人·年")."""

    value: float
    measure: str


Groups = list[str]
Builder = Callable[[Groups], "Quantity"]


def _amount(number: str, wan: str) -> float:
    return float(number) * (10000 if wan else 1)


_NUMBER = r"(\d+(?:\.\d+)?)\s*(万)?"
_PATTERNS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (
        re.compile(rf"每(人|户)每(年|月)[^\d元次]{{0,8}}?{_NUMBER}元"),
        lambda g: Quantity(_amount(g[2], g[3]), f"元/{g[0]}·{g[1]}"),
    ),
    (
        re.compile(rf"{_NUMBER}元\s*/\s*(人|户)\s*[·./]?\s*(年|月)"),
        lambda g: Quantity(_amount(g[0], g[1]), f"元/{g[2]}·{g[3]}"),
    ),
    (
        re.compile(rf"每(年|月)[^\d元次人户]{{0,8}}?{_NUMBER}元"),
        lambda g: Quantity(_amount(g[1], g[2]), f"元/{g[0]}"),
    ),
    (
        re.compile(rf"{_NUMBER}元\s*/\s*(年|月)"),
        lambda g: Quantity(_amount(g[0], g[1]), f"元/{g[2]}"),
    ),
    (
        re.compile(r"每(年|月)[^\d元次]{0,8}?(\d+)\s*次"),
        lambda g: Quantity(float(g[1]), f"次/{g[0]}"),
    ),
    (re.compile(r"(\d+)\s*次\s*/\s*(年|月)"), lambda g: Quantity(float(g[0]), f"次/{g[1]}")),
    (re.compile(r"(\d+(?:\.\d+)?)\s*%"), lambda g: Quantity(float(g[0]), "%")),
)
"""Most specific first: a span one pattern took is not read again by a later one."""


def quantities(text: str) -> list[Quantity]:
    """The comparable numbers a standard's text states, in the order they appear."""
    folded = unicodedata.normalize("NFKC", text or "")
    found: list[tuple[int, Quantity]] = []
    taken: list[range] = []
    for pattern, build in _PATTERNS:
        for match in pattern.finditer(folded):
            span = range(match.start(), match.end())
            if any(span.start < t.stop and t.start < span.stop for t in taken):
                continue
            taken.append(span)
            found.append((match.start(), build([part or "" for part in match.groups()])))
    return [quantity for _, quantity in sorted(found, key=lambda pair: pair[0])]


class Floor(StrEnum):
    BELOW = "below"
    MEETS = "meets"
    NOT_COMPARABLE = "not_comparable"


@dataclass(frozen=True)
class Pair:
    """One measure compared: the local and the national number."""

    measure: str
    local: float
    national: float

    @property
    def below(self) -> bool:
        return self.local < self.national


@dataclass(frozen=True)
class FloorCheck:
    result: Floor
    pairs: tuple[Pair, ...]


def check_floor(local: str | None, national: str | None) -> FloorCheck:
    """The local standard against the national floor, measure by measure."""
    mine, theirs = _by_measure(local or ""), _by_measure(national or "")
    pairs = tuple(
        Pair(measure, a, b)
        for measure in theirs
        if measure in mine and len(mine[measure]) == len(theirs[measure])
        for a, b in zip(mine[measure], theirs[measure], strict=True)
    )
    if not pairs:
        return FloorCheck(Floor.NOT_COMPARABLE, ())
    below = any(pair.below for pair in pairs)
    return FloorCheck(Floor.BELOW if below else Floor.MEETS, pairs)


def _by_measure(text: str) -> dict[str, list[float]]:
    grouped: dict[str, list[float]] = {}
    for quantity in quantities(text):
        grouped.setdefault(quantity.measure, []).append(quantity.value)
    return grouped
