"""Field types the API's schemas share: moments in Beijing time with their offset.

SQLite hands stored moments back without a zone (they are UTC); JSON must carry the offset
(RFC 3339 `date-time`), and people read Beijing time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator

from minsheng.usecases.clock import beijing

BeijingTime = Annotated[datetime, AfterValidator(beijing)]
"""A moment as Beijing time, +08:00."""

YEAR_RANGE = (1900, 2200)
YearQuery = Annotated[
    int,
    Query(ge=YEAR_RANGE[0], le=YEAR_RANGE[1], description="年份", examples=[2023]),
]
"""A calendar year: a year a date can be made of, whatever the route does with it."""
