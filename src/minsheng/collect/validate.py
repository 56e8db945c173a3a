"""Check raw records of an uploaded file and type them into observation rows.

`validate` is all or nothing: it returns the typed rows only when the whole file is
valid, and otherwise every problem it found (each with its sheet, row, column and a
Chinese reason) and no rows. A caller writes to storage only when `problems` is empty;
there is no partial import.

Checks, per cell:

- 地区 must be one of the known regions; 指标 must resolve (by name or alias) through the
  context's resolver; 年份 must be a year from the base year (period start − 1) to the
  period's end.
- 数值 must be a number. `1,234` (thousands), full-width digits and a trailing `%` (for
  percent indicators only) are accepted; 是/否/yes/no read as 1/0 for qualitative
  indicators only, which accept nothing but 1 and 0.
- 单位, when given, must equal the indicator's unit after width folding (`％` is `%`).
- Range: a percentage lies in 0–100, except gross ratios (毛入园率, 毛入学率 — see
  `IndicatorSpec.allows_over_100`) which may pass 100; no value is negative unless the
  indicator allows it (growth rates).
- 数据来源, when given, must be one of `Source` (by its Chinese value or English name).
- A (region, indicator, year) may appear only once in a file; the later row is reported.

Outliers are flagged, never rejected: for each region's indicator, the stored history and
the file's values form one yearly series; a file value whose relative year-on-year change
lies more than `OUTLIER_THRESHOLD` robust z-scores from the series' median change gets
`flags=("outlier",)` (see `outlier_years`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from minsheng.collect import messages as msg
from minsheng.collect.readers import RawRecord
from minsheng.model.observation import CellProblem, ObservationRow, Source
from minsheng.model.plan import Period

OUTLIER_THRESHOLD = 3.5
"""Robust z-score above which a change is an outlier (Iglewicz and Hoaglin's cut-off)."""
MIN_CHANGES = 3
"""Fewer year-on-year changes than this are too few to say what is unusual."""
_MAD_SCALE = 0.6745
_OUTLIER = "outlier"
_BLANK_UNITS = frozenset({"", "-", "—", "——", "/", *msg.BLANK_UNIT_WORDS})


@dataclass(frozen=True)
class IndicatorSpec:
    """What validation needs to know about an indicator, as the resolver returns it."""

    name: str
    unit: str | None
    is_percent: bool = False
    allows_over_100: bool = False
    qualitative: bool = False
    allows_negative: bool = False

    @classmethod
    def infer(cls, name: str, unit: str | None, *, qualitative: bool = False) -> IndicatorSpec:
        """Derive the flags from the name and unit: `%` is percent, 毛入园率 may pass 100."""
        is_percent = unit is not None and _fold(unit) == "%"
        return cls(
            name=name,
            unit=unit,
            is_percent=is_percent,
            allows_over_100=is_percent and any(word in name for word in msg.GROSS_RATIO_WORDS),
            qualitative=qualitative,
            allows_negative=any(word in name for word in msg.GROWTH_WORDS),
        )


History = Mapping[tuple[str, str], Mapping[int, float]]
"""(region, canonical indicator name) → {year: value} already stored."""


@dataclass(frozen=True)
class ValidationContext:
    """What a file is checked against. `period` is the plan's; its base year is allowed."""

    file: str
    regions: Collection[str]
    resolve: Callable[[str], IndicatorSpec | None]
    period: Period
    history: History = field(default_factory=dict)

    @property
    def first_year(self) -> int:
        return self.period.start - 1

    @property
    def last_year(self) -> int:
        return self.period.end


@dataclass(frozen=True)
class ValidationResult:
    """Typed rows when the file is valid; otherwise the problems and no rows at all."""

    rows: list[ObservationRow]
    problems: list[CellProblem]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def outliers(self) -> list[ObservationRow]:
        return [row for row in self.rows if _OUTLIER in row.flags]


def validate(records: Sequence[RawRecord], context: ValidationContext) -> ValidationResult:
    """Check every record; return all rows or none (see the module docstring).

    Nothing is partially accepted: write `rows` only when `problems` is empty (they are
    then every record of the file; when there are problems, `rows` is empty). A file
    with no records is valid and yields no rows; saying "nothing to import" is the
    caller's business.
    """
    regions = {_fold(region): region for region in context.regions}
    problems: list[CellProblem] = []
    rows: list[ObservationRow] = []
    seen: dict[tuple[str, str, int], int] = {}
    qualitative: set[str] = set()
    for record in records:
        checker = _RecordChecker(record, context, regions)
        row = checker.check()
        problems.extend(checker.problems)
        if checker.spec is not None and checker.spec.qualitative:
            qualitative.add(checker.spec.name)
        key = checker.key
        if key is not None:
            if key in seen:
                problems.append(
                    checker.problem("indicator", msg.DUPLICATE_ROW.format(first=seen[key]))
                )
            else:
                seen[key] = record.row
        if row is not None:
            rows.append(row)
    if problems:
        return ValidationResult(rows=[], problems=problems)
    return ValidationResult(rows=_flag_outliers(rows, context, qualitative), problems=[])


# --- One record ------------------------------------------------------------------------


class _Reading(NamedTuple):
    number: float
    percent: bool = False
    yes_no: bool = False


_NUMBER = re.compile(
    r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?"
)
_YEAR = re.compile(rf"([0-9]{{4}})(?:\.0+)?(?:{re.escape(msg.YEAR_SUFFIX)})?")


def _fold(text: str) -> str:
    """Full width to half width and no whitespace, for comparing what people type."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _read_number(raw: str) -> _Reading | None:
    text = _fold(raw).lower()
    if text in msg.YES_WORDS:
        return _Reading(1.0, yes_no=True)
    if text in msg.NO_WORDS:
        return _Reading(0.0, yes_no=True)
    percent = text.endswith("%")
    text = text.removesuffix("%")
    if not _NUMBER.fullmatch(text):
        return None
    return _Reading(float(text.replace(",", "")), percent=percent)


def _source_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for source in Source:
        names[_fold(source.value).lower()] = source.value
        names[source.name.lower()] = source.value
    return names


_SOURCE_NAMES = _source_names()


class _RecordChecker:
    """Checks one record's cells, collecting a problem per bad cell."""

    def __init__(
        self, record: RawRecord, context: ValidationContext, regions: Mapping[str, str]
    ) -> None:
        self.record = record
        self.context = context
        self.regions = regions
        self.problems: list[CellProblem] = []
        self.key: tuple[str, str, int] | None = None
        self.spec: IndicatorSpec | None = None

    def problem(self, field_name: str, message: str) -> CellProblem:
        return CellProblem(
            file=self.context.file,
            row=self.record.row,
            column=self.record.column(field_name),
            message=message,
            sheet=self.record.sheet,
        )

    def report(self, field_name: str, message: str) -> None:
        self.problems.append(self.problem(field_name, message))

    def check(self) -> ObservationRow | None:
        region = self._region()
        spec = self.spec = self._indicator()
        year = self._year()
        value = self._value(spec)
        unit = self._unit(spec)
        source = self._source()
        if region is not None and spec is not None and year is not None:
            self.key = (region, spec.name, year)
        if self.problems or region is None or spec is None or year is None or value is None:
            return None
        note = self.record.get("note") or None
        return ObservationRow(
            region=region,
            indicator=spec.name,
            year=year,
            value=value,
            row=self.record.row,
            unit=unit,
            source=source,
            note=note,
        )

    def _required(self, field_name: str) -> str | None:
        raw = self.record.get(field_name)
        if not raw:
            self.report(field_name, msg.BLANK_CELL.format(label=self.record.column(field_name)))
            return None
        return raw

    def _region(self) -> str | None:
        raw = self._required("region")
        if raw is None:
            return None
        region = self.regions.get(_fold(raw))
        if region is None:
            self.report("region", msg.UNKNOWN_REGION.format(raw=raw))
        return region

    def _indicator(self) -> IndicatorSpec | None:
        raw = self._required("indicator")
        if raw is None:
            return None
        spec = self.context.resolve(raw)
        if spec is None:
            self.report("indicator", msg.UNKNOWN_INDICATOR.format(raw=raw))
        return spec

    def _year(self) -> int | None:
        raw = self._required("year")
        if raw is None:
            return None
        match = _YEAR.fullmatch(_fold(raw))
        if match is None:
            self.report("year", msg.NOT_A_YEAR.format(raw=raw))
            return None
        year = int(match[1])
        first, last = self.context.first_year, self.context.last_year
        if not first <= year <= last:
            self.report("year", msg.YEAR_OUTSIDE_PERIOD.format(year=year, start=first, end=last))
            return None
        return year

    def _value(self, spec: IndicatorSpec | None) -> float | None:
        raw = self._required("value")
        if raw is None:
            return None
        reading = _read_number(raw)
        message = _value_problem(raw, reading, spec)
        if message is not None:
            self.report("value", message)
            return None
        return reading.number if reading is not None and spec is not None else None

    def _unit(self, spec: IndicatorSpec | None) -> str | None:
        raw = self.record.get("unit")
        given = _fold(raw).strip("()")
        expected = _fold(spec.unit).strip("()") if spec and spec.unit else ""
        if spec is not None and given not in _BLANK_UNITS and given != expected:
            self.report("unit", msg.UNIT_MISMATCH.format(raw=raw, unit=spec.unit or ""))
        return spec.unit if spec is not None else None

    def _source(self) -> str | None:
        raw = self.record.get("source")
        if not raw:
            return None
        source = _SOURCE_NAMES.get(_fold(raw).lower())
        if source is None:
            choices = "、".join(msg.TEMPLATE_SOURCES)
            self.report("source", msg.UNKNOWN_SOURCE.format(raw=raw, choices=choices))
        return source


def _value_problem(raw: str, reading: _Reading | None, spec: IndicatorSpec | None) -> str | None:
    """Why the value cannot stand for this indicator, or None when it can."""
    if reading is None:
        return msg.NOT_A_NUMBER.format(raw=raw)
    if spec is None:
        return None  # the unknown indicator is reported; its rules are unknown
    if spec.qualitative:
        bad = reading.percent or reading.number not in (0.0, 1.0)
        return msg.QUALITATIVE_NOT_YES_NO.format(raw=raw) if bad else None
    if reading.yes_no:
        return msg.YES_NO_NOT_QUALITATIVE.format(raw=raw)
    if reading.percent and not spec.is_percent:
        return msg.PERCENT_SIGN_NOT_PERCENT.format(raw=raw, unit=spec.unit or "")
    return _range_problem(spec, reading.number)


def _range_problem(spec: IndicatorSpec, number: float) -> str | None:
    shown = f"{number:g}"
    if number < 0 and not spec.allows_negative:
        if spec.is_percent:
            return msg.PERCENT_OUT_OF_RANGE.format(value=shown)
        return msg.NEGATIVE_VALUE.format(value=shown)
    if spec.is_percent and number > 100 and not spec.allows_over_100:
        return msg.PERCENT_OUT_OF_RANGE.format(value=shown)
    return None


# --- Outliers --------------------------------------------------------------------------


def outlier_years(series: Mapping[int, float], candidates: Collection[int]) -> set[int]:
    """The candidate years whose year-on-year change is an outlier in `series`.

    The change into year t is relative, (v_t − v_prev) / |v_prev|, divided by the years
    between them, so that indicators of any scale share one rule and a steadily growing
    series still shows some spread. Changes from a zero are undefined and left out. With
    the median m and the median absolute deviation MAD of all the series' changes, a
    change's robust z-score is 0.6745·|c − m| / MAD; above `OUTLIER_THRESHOLD` the year is
    flagged. MAD = 0 (most changes identical) or fewer than `MIN_CHANGES` changes flag
    nothing: there is no spread to judge against.

    Worked example: 10, 11, 12, 13, 40 gives changes 0.100, 0.091, 0.083, 2.077; m =
    0.095, MAD = 0.0083, so 40's z is about 160: flagged. With 14 instead of 40 the last
    change is 0.077 and its z is about 1: not flagged.
    """
    years = np.array(sorted(series), dtype=np.int64)
    if years.size < MIN_CHANGES + 1:
        return set()
    values = np.array([series[int(year)] for year in years], dtype=np.float64)
    previous = values[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        changes = np.where(
            previous != 0, (values[1:] - previous) / np.abs(previous) / np.diff(years), np.nan
        )
    known = changes[~np.isnan(changes)]
    if known.size < MIN_CHANGES:
        return set()
    median = np.median(known)
    mad = np.median(np.abs(known - median))
    if mad <= 1e-9 * max(1.0, abs(float(median))):
        return set()
    with np.errstate(invalid="ignore"):
        scores = _MAD_SCALE * np.abs(changes - median) / mad
    flagged = years[1:][scores > OUTLIER_THRESHOLD]
    return {int(year) for year in flagged} & set(candidates)


def _flag_outliers(
    rows: list[ObservationRow], context: ValidationContext, qualitative: Collection[str]
) -> list[ObservationRow]:
    """Flag the rows whose value is unusual against its region's own history.

    Qualitative indicators (是/否 as 1/0) have no meaningful change and are skipped.
    """
    grouped: dict[tuple[str, str], dict[int, ObservationRow]] = {}
    for row in rows:
        if row.indicator in qualitative:
            continue
        grouped.setdefault((row.region, row.indicator), {})[row.year] = row
    flagged: set[tuple[str, str, int]] = set()
    for key, by_year in grouped.items():
        series = {int(year): float(value) for year, value in context.history.get(key, {}).items()}
        series.update({year: row.value for year, row in by_year.items()})
        flagged |= {(*key, year) for year in outlier_years(series, by_year)}
    return [
        _with_flag(row) if (row.region, row.indicator, row.year) in flagged else row for row in rows
    ]


def _with_flag(row: ObservationRow) -> ObservationRow:
    return replace(row, flags=(*row.flags, _OUTLIER))
