"""Turn located indicator tables into typed indicators and previous-plan results."""

from __future__ import annotations

import re

from minsheng.ingest.parsers.layout import Role
from minsheng.ingest.parsers.patterns import NOTE_START, NUMBERED_NOTE
from minsheng.ingest.parsers.report import WarningSink
from minsheng.ingest.parsers.rows import ATTRIBUTE_WORDS, RawRow
from minsheng.ingest.parsers.tables import FoundTable
from minsheng.ingest.parsers.text import split_unit, squash
from minsheng.model.cell import parse_value
from minsheng.model.plan import DOMAINS, Attribute, Indicator, PreviousPlanResult
from minsheng.model.value import Value, ValueKind

_STAR = re.compile(r"[*＊]")
_FOLD_WIDTH = str.maketrans("（）：", "():")
_DEFINED_TERM = re.compile(r"^(?P<term>[^:：。，,]{2,40})[:：]")


class RowReader:
    """Shared reading of a raw row: category carried down, name, unit, marks."""

    def __init__(self, sink: WarningSink, *, check_domains: bool) -> None:
        self.sink = sink
        self.check_domains = check_domains
        self.domain = ""

    def domain_of(self, row: RawRow) -> str:
        if row.domain_parts:
            self.domain = squash("".join(row.domain_parts))
            if self.check_domains and self.domain not in DOMAINS:
                message = f"category {self.domain!r} is not one of the nine domains"
                self.sink.add("unknown_domain", message, row.line)
        elif not self.domain:
            self.sink.add("missing_domain", "the first row of the table has no category", row.line)
        return self.domain

    def name_unit_star(self, row: RawRow) -> tuple[str, str | None, bool]:
        name = squash("".join(row.name_parts))
        starred = bool(_STAR.search(name))
        name, unit = split_unit(_STAR.sub("", name))
        return _STAR.sub("", name), row.unit or unit, starred

    def report(self, row: RawRow, name: str, *values: Value) -> None:
        for problem in row.problems:
            self.sink.add("table_row_incomplete", f"{name}: {problem}", row.line)
        for value in values:
            if value.kind is ValueKind.ODD:
                note = f"{name}: cell {value.raw!r} kept as written ({value.note})"
                self.sink.add("odd_value", note, row.line)


def _unit_or_percent(unit: str | None, *values: Value) -> str | None:
    if unit is None and any(value.percent for value in values):
        return "%"
    return unit


def _cumulative(name: str, starred: bool, *values: Value) -> bool:
    return starred or "累计" in name or any(value.cumulative for value in values)


def _attribute(text: str | None) -> Attribute | None:
    word = ATTRIBUTE_WORDS.get(squash(text or ""))
    return Attribute(word) if word else None


def read_indicators(table: FoundTable, sink: WarningSink) -> list[Indicator]:
    reader = RowReader(sink, check_domains=True)
    indicators = []
    for row in table.rows:
        domain = reader.domain_of(row)
        name, unit, starred = reader.name_unit_star(row)
        baseline = parse_value(row.values.get(Role.BASELINE) or row.values.get(Role.ACTUAL, ""))
        target = parse_value(row.values.get(Role.TARGET, ""))
        reader.report(row, name, baseline, target)
        indicators.append(
            Indicator(
                domain=domain,
                name=name,
                unit=_unit_or_percent(unit, baseline, target),
                baseline=baseline,
                target=target,
                attribute=_attribute(row.attribute),
                cumulative=_cumulative(name, starred, baseline, target),
                notes=[],
                line=row.line,
            )
        )
    return attach_definitions(indicators, table.notes)


def read_previous_results(table: FoundTable, sink: WarningSink) -> list[PreviousPlanResult]:
    reader = RowReader(sink, check_domains=False)
    results = []
    for row in table.rows:
        domain = reader.domain_of(row)
        name, unit, starred = reader.name_unit_star(row)
        target = parse_value(row.values.get(Role.TARGET, ""))
        actual = parse_value(row.values.get(Role.ACTUAL) or row.values.get(Role.BASELINE, ""))
        reader.report(row, name, target, actual)
        results.append(
            PreviousPlanResult(
                domain=domain,
                name=name,
                unit=_unit_or_percent(unit, target, actual),
                target=target,
                actual=actual,
                attribute=_attribute(row.attribute),
                cumulative=_cumulative(name, starred, target, actual),
                line=row.line,
            )
        )
    return results


def _note_text(note: str) -> str:
    """The note without its 注：/numbering, with bracket widths folded for matching."""
    return NUMBERED_NOTE.sub("", NOTE_START.sub("", squash(note))).translate(_FOLD_WIDTH)


def defined_term(note: str) -> str | None:
    """`3.人均体育场地面积:体育场地内…` defines 人均体育场地面积."""
    match = _DEFINED_TERM.match(_note_text(note))
    return match["term"] if match else None


def attach_definitions(indicators: list[Indicator], notes: list[str]) -> list[Indicator]:
    """Give each indicator the footnotes that define or explain it by name."""
    attached = []
    for indicator in indicators:
        mine = [note for note in notes if _defines(note, indicator.name)]
        attached.append(indicator.model_copy(update={"notes": mine}) if mine else indicator)
    return attached


def _defines(note: str, name: str) -> bool:
    name = name.translate(_FOLD_WIDTH)
    term = defined_term(note)
    if term is not None and (term == name or term in name or name in term):
        return True
    return _note_text(note).startswith(name)
