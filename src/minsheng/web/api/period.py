"""The evaluation year on the API: a year outside the plan's period is a bad parameter, and
so is an "as of" date after today (field `as_of`).

`YearOutsidePeriod` is raised by the read models; here it becomes the API's error shape for
a bad parameter, {error: invalid_request, message, fields: [{field: year, message}]} (422),
like any other parameter FastAPI refuses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.exceptions import RequestValidationError

from minsheng.usecases.read.period import AsOfInFuture, YearOutsidePeriod


@contextmanager
def year_checked() -> Iterator[None]:
    """Run the body; a year outside the period is refused as the `year` parameter's fault,
    a future "as of" date as the `as_of` parameter's."""
    try:
        yield
    except (YearOutsidePeriod, AsOfInFuture) as refused:
        where = ("query", refused.field or "year")
        problem = {"loc": where, "msg": refused.message, "type": "value_error"}
        raise RequestValidationError([problem]) from refused
