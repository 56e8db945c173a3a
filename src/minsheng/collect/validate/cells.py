"""The rules for one cell: its text read into a typed value, or why it cannot be one.

A rule takes a cell's stripped text and returns a `Cell`: the typed value, or a Chinese
problem (`BLANK` for a blank required cell, worded with the file's column name by the
caller). The rules whose answer depends only on the text — region, indicator, year,
source — and the unit rule (text and indicator unit) remember their answers for the
file, so a file of 100,000 rows naming ten regions and forty indicators resolves each
name once. Values rarely repeat and are read anew, plain decimals by a fast path.
Rules apply to whole columns (`map`), which keeps the per-row cost to a few lookups.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from minsheng.collect import messages as msg
from minsheng.collect.validate.plausible import implausible
from minsheng.collect.validate.spec import IndicatorSpec, ValidationContext, fold
from minsheng.model.observation import Source

_BLANK_UNITS = frozenset({"", "-", "—", "——", "/", *msg.BLANK_UNIT_WORDS})
_NUMBER = re.compile(
    r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?"
)
_PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_YEAR = re.compile(rf"([0-9]{{4}})(?:\.0+)?(?:{re.escape(msg.YEAR_SUFFIX)})?")


class Cell(NamedTuple):
    """A cell's typed value, or (value None) the problem that stops it being one."""

    value: Any
    problem: str | None = None


BLANK = Cell(None, msg.BLANK_CELL)
"""A blank required cell; the message still has its `{label}` blank to fill."""
NO_INDICATOR = "\0"
"""The unit expected where the indicator is unknown: no unit is checked then."""


class Rules:
    """The rules of one file, remembering what they read (see the module docstring)."""

    def __init__(self, context: ValidationContext) -> None:
        regions = {fold(region): region for region in context.regions}
        first, last = context.first_year, context.last_year
        self.region: Callable[[str], Cell] = cache(
            lambda raw: _region(raw, regions) if raw else BLANK
        )
        self.indicator: Callable[[str], Cell] = cache(
            lambda raw: _indicator(raw, context) if raw else BLANK
        )
        self.year: Callable[[str], Cell] = cache(
            lambda raw: _year(raw, first, last) if raw else BLANK
        )
        self.source: Callable[[str], Cell] = cache(lambda raw: _source(raw) if raw else Cell(None))
        self.unit: Callable[[str, str | None], Cell] = cache(_unit)
        """(cell, the indicator's unit or `NO_INDICATOR`) → the unit to store."""

    @staticmethod
    def value(raw: str, spec: IndicatorSpec | None) -> Cell:
        """The number, checked against the indicator (its rules unknown when spec is None).

        Most cells are plain decimals for a quantitative indicator: they can only fail by
        passing 100 for a percentage or the unit's bounds (`plausible`), which are checked
        here without the general reading.
        """
        if spec is not None and not spec.qualitative and _PLAIN_NUMBER.fullmatch(raw):
            number = float(raw)
            if not math.isfinite(number):
                return Cell(None, msg.VALUE_NOT_FINITE.format(raw=raw[:40]))
            if number <= 100:  # plausible in every unit
                return Cell(number)
            fits = not spec.is_percent or spec.allows_over_100
            if fits and implausible(spec, number) is None:
                return Cell(number)
        return _value(raw, spec)


def _value(raw: str, spec: IndicatorSpec | None) -> Cell:
    """Any number (see `_read_number`), checked against the indicator."""
    if not raw:
        return BLANK
    if _PLAIN_NUMBER.fullmatch(raw):
        reading = _Reading(float(raw))
    else:
        found = _read_number(raw)
        if found is None:
            return Cell(None, msg.NOT_A_NUMBER.format(raw=raw))
        reading = found
    if not math.isfinite(reading.number):
        return Cell(None, msg.VALUE_NOT_FINITE.format(raw=raw[:40]))
    if spec is None:
        return Cell(None)
    problem = _value_problem(raw, reading, spec)
    return Cell(None, problem) if problem else Cell(reading.number)


def _region(raw: str, regions: dict[str, str]) -> Cell:
    region = regions.get(fold(raw))
    return Cell(region) if region else Cell(None, msg.UNKNOWN_REGION.format(raw=raw))


def _indicator(raw: str, context: ValidationContext) -> Cell:
    spec = context.resolve(raw)
    return Cell(spec) if spec else Cell(None, msg.UNKNOWN_INDICATOR.format(raw=raw))


def _year(raw: str, first: int, last: int) -> Cell:
    match = _YEAR.fullmatch(fold(raw))
    if match is None:
        return Cell(None, msg.NOT_A_YEAR.format(raw=raw))
    year = int(match[1])
    if not first <= year <= last:
        return Cell(None, msg.YEAR_OUTSIDE_PERIOD.format(year=year, start=first, end=last))
    return Cell(year)


def _unit(raw: str, unit: str | None) -> Cell:
    """The indicator's unit when the cell is blank or says the same, else a problem."""
    if unit == NO_INDICATOR:
        return Cell(None)
    given = fold(raw).strip("()")
    expected = fold(unit).strip("()") if unit else ""
    if given not in _BLANK_UNITS and given != expected:
        return Cell(None, msg.UNIT_MISMATCH.format(raw=raw, unit=unit or ""))
    return Cell(unit)


def _source_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for source in Source:
        names[fold(source.value).lower()] = source.value
        names[source.name.lower()] = source.value
    return names


_SOURCE_NAMES = _source_names()


def _source(raw: str) -> Cell:
    source = _SOURCE_NAMES.get(fold(raw).lower())
    if source is None:
        choices = "、".join(msg.TEMPLATE_SOURCES)
        return Cell(None, msg.UNKNOWN_SOURCE.format(raw=raw, choices=choices))
    return Cell(source)


# --- Numbers ---------------------------------------------------------------------------


class _Reading(NamedTuple):
    number: float
    percent: bool = False
    yes_no: bool = False


def _read_number(raw: str) -> _Reading | None:
    """是/否, 1,234, full-width digits, a trailing % — or None when it is no number."""
    text = fold(raw).lower()
    if text in msg.YES_WORDS:
        return _Reading(1.0, yes_no=True)
    if text in msg.NO_WORDS:
        return _Reading(0.0, yes_no=True)
    percent = text.endswith("%")
    text = text.removesuffix("%")
    if not _NUMBER.fullmatch(text):
        return None
    return _Reading(float(text.replace(",", "")), percent=percent)


def _value_problem(raw: str, reading: _Reading, spec: IndicatorSpec) -> str | None:
    """Why the number cannot stand for this indicator, or None when it can."""
    if spec.qualitative:
        bad = reading.percent or reading.number not in (0.0, 1.0)
        return msg.QUALITATIVE_NOT_YES_NO.format(raw=raw) if bad else None
    if reading.yes_no:
        return msg.YES_NO_NOT_QUALITATIVE.format(raw=raw)
    if reading.percent and not spec.is_percent:
        return msg.PERCENT_SIGN_NOT_PERCENT.format(raw=raw, unit=spec.unit or "")
    return _range_problem(spec, reading.number)


def _range_problem(spec: IndicatorSpec, number: float) -> str | None:
    if number < 0 and not spec.allows_negative:
        if spec.is_percent:
            return msg.PERCENT_OUT_OF_RANGE.format(value=f"{number:g}")
        return msg.NEGATIVE_VALUE.format(value=f"{number:g}")
    if spec.is_percent and number > 100 and not spec.allows_over_100:
        return msg.PERCENT_OUT_OF_RANGE.format(value=f"{number:g}")
    return implausible(spec, number)
