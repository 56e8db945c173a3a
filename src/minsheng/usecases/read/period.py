"""The evaluation year of a plan: which years may be judged, and what each judgement is.

A 2021–2025 plan is judged as of one of its period's years; the middle one (2023) is the
mid-term evaluation (中期评估), the last (2025) the final evaluation (终期评估), the others
annual monitoring (年度监测). A year outside the period belongs to another plan and is
refused, naming the period, on every edge (pages, API, CLI, reports).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from minsheng.errors import InputProblem
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.read.targets import HasPeriod

DEFAULT_START, DEFAULT_END = 2021, 2025
"""The 十四五 period, for a plan whose period was not read."""


class EvaluationKind(StrEnum):
    """What a judgement as of a year is called (the Chinese names are the templates')."""

    MID_TERM = "mid_term"
    FINAL = "final"
    ANNUAL = "annual"


class YearOutsidePeriod(InputProblem):
    """An evaluation year the plan's period does not hold (HTTP 422, exit code 2)."""

    code = "year_outside_period"

    def __init__(self, year: int, period: Period, whose: str) -> None:
        message = (
            f"{whose} covers {period.start}–{period.end}: no evaluation for {year} "
            f"(评估年份须在规划期 {period.start}—{period.end} 年内)"
        )
        super().__init__(message, field="year")
        self.in_chinese = (
            f"评估年份须在规划期 {period.start}—{period.end} 年内，无法评估 {year} 年。"
        )
        self.year = year


@dataclass(frozen=True)
class Period:
    """A plan's years, first to last (the base year is the year before `start`)."""

    start: int
    end: int

    @classmethod
    def of(cls, plan: HasPeriod) -> Period:
        return cls(plan.period_start or DEFAULT_START, plan.period_end or DEFAULT_END)

    @classmethod
    def spanning(cls, plans: Iterable[HasPeriod]) -> Period:
        """The years of any of the plans (the overview's and the warning list's choice)."""
        periods = [cls.of(plan) for plan in plans] or [cls(DEFAULT_START, DEFAULT_END)]
        return cls(min(p.start for p in periods), max(p.end for p in periods))

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))

    @property
    def mid_term(self) -> int:
        """The middle year: 2023 of 2021–2025."""
        return self.start + (self.end - self.start) // 2

    def kind(self, year: int) -> EvaluationKind:
        if year >= self.end:
            return EvaluationKind.FINAL
        return EvaluationKind.MID_TERM if year == self.mid_term else EvaluationKind.ANNUAL

    def clamp(self, year: int) -> int:
        """The year kept inside the period."""
        return max(self.start, min(year, self.end))

    def check(self, year: int | None, whose: str, *, base: bool = False) -> int | None:
        """`year` when the period holds it (None stays None: the default year applies);
        `base`: the base year too (a comparison of values, not a judgement)."""
        first = self.start - 1 if base else self.start
        if year is not None and not first <= year <= self.end:
            raise YearOutsidePeriod(year, self, whose)
        return year


@dataclass(frozen=True)
class OfferedYears(Period):
    """A plan's period, which names each year, offering the years `first` to `last` (the
    facilities page's norms may be read for the base year, or any year with data)."""

    first: int = DEFAULT_START
    last: int = DEFAULT_END

    @classmethod
    def around(cls, plan: HasPeriod, year: int) -> OfferedYears:
        """The plan's base year to its last, and `year` if it is outside them."""
        period = Period.of(plan)
        first, last = min(period.start - 1, year), max(period.end, year)
        return cls(period.start, period.end, first, last)

    @property
    def years(self) -> list[int]:
        return list(range(self.first, self.last + 1))


@dataclass(frozen=True)
class EvaluationYear:
    """The year a page or response judges, and what that judgement is called: every view
    that evaluates carries one, and `_period.html` draws its selector from it."""

    year: int
    period: Period
    chosen: bool
    """Whether the year was asked for (else it is the default: the newest year with data)."""
    as_of: date | None = None
    """The day whose approved data is judged (数据截至); None: the values in force."""

    @property
    def kind(self) -> EvaluationKind:
        return self.period.kind(self.year)

    @property
    def years(self) -> list[tuple[int, EvaluationKind]]:
        return [(year, self.period.kind(year)) for year in self.period.years]


def checked_year(
    plan: HasPeriod, year: int | None, whose: str, *, base: bool = False
) -> int | None:
    """`year` if the plan's period (`base`: or its base year) holds it, else
    `YearOutsidePeriod`."""
    return Period.of(plan).check(year, whose, base=base)


class AsOfInFuture(InputProblem):
    """An "as of" date after today (Beijing): data of a day not yet over cannot be fixed
    (HTTP 422, exit code 2)."""

    code = "as_of_in_future"

    def __init__(self, as_of: date, today: date) -> None:
        message = (
            f"as_of {as_of.isoformat()} is after today ({today.isoformat()}): "
            f"数据截至日期不能晚于今天 {today.isoformat()}"
        )
        super().__init__(message, field="as_of")
        self.in_chinese = f"数据截至日期不能晚于今天（{today.isoformat()}）。"


def checked_as_of(as_of: date | None, now: datetime | None = None) -> date | None:
    """`as_of` if it is today or earlier in Beijing (None stays None: the values in force),
    else `AsOfInFuture`."""
    today = beijing_today(now)
    if as_of is not None and as_of > today:
        raise AsOfInFuture(as_of, today)
    return as_of


def parsed_as_of(text: str | None) -> date | None:
    """An "as of" date written YYYY-MM-DD (the CLI's), checked; else `InputProblem`."""
    if text is None or not text.strip():
        return None
    try:
        found = date.fromisoformat(text.strip())
    except ValueError:
        message = f"as_of {text!r} is not a date YYYY-MM-DD (数据截至日期须为 YYYY-MM-DD)"
        raise InputProblem(message, field="as_of") from None
    return checked_as_of(found)
