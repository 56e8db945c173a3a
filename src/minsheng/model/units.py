"""Facts about units of measure that hold whatever the indicator."""

from __future__ import annotations

UNIT_BOUNDS: dict[str, tuple[float, float]] = {
    "岁": (0.0, 150.0),
    "年": (0.0, 100.0),
    "‰": (0.0, 1000.0),
    "每10万人": (0.0, 100_000.0),
    "每千人": (0.0, 1000.0),
}
"""(lowest, highest) a number in the unit can be; a growth rate may still fall below 0."""
MAGNITUDE = 1e12
"""No count, area or amount a region reports reaches a trillion of its unit."""
