"""The annual report's 与上年相比有什么变化: values by domain in short sentences, worded by
the direction in which each indicator is better, status changes, standards and projects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from minsheng.labels import label
from minsheng.reports import texts
from minsheng.reports.facts import IndicatorLine
from minsheng.reports.govdoc import GovDocument
from minsheng.usecases.changes import ProjectChange

if TYPE_CHECKING:
    from minsheng.reports.annual import AnnualData


@dataclass(frozen=True)
class ObservationChange:
    indicator_id: int
    name: str
    unit: str | None
    before: float
    after: float


def render_changes(document: GovDocument, data: AnnualData) -> None:
    year, previous = data.year, data.year - 1
    if data.observation_changes:
        document.paragraph(
            texts.CHANGES_OBSERVATIONS.format(
                year=year, previous=previous, n=len(data.observation_changes)
            )
        )
        for paragraph in _changes_by_domain(data):
            document.paragraph(paragraph)
    else:
        document.paragraph(texts.CHANGES_NO_OBSERVATIONS.format(year=year, previous=previous))
    document.paragraph(_status_changes(data))
    document.paragraph(
        texts.CHANGES_STANDARDS.format(
            year=year,
            n=len(data.standards_revised),
            names=texts.SEPARATOR.join(data.standards_revised),
        )
        if data.standards_revised
        else texts.CHANGES_NO_STANDARDS.format(year=year)
    )
    document.paragraph(
        texts.CHANGES_PROJECTS.format(
            year=year,
            n=len(data.projects_updated),
            lines=texts.SEPARATOR.join(_project_line(change) for change in data.projects_updated),
        )
        if data.projects_updated
        else texts.CHANGES_NO_PROJECTS.format(year=year)
    )


def _changes_by_domain(data: AnnualData) -> list[str]:
    """One short paragraph per domain, one sentence per indicator, in the plan's order."""
    lines = {line.indicator.id: line for line in data.now.lines}
    by_domain: dict[str, list[str]] = {}
    for change in sorted(data.observation_changes, key=lambda c: _position(lines, c)):
        line = lines.get(change.indicator_id)
        domain = line.indicator.domain if line else ""
        direction = str(line.evaluation.direction) if line else ""
        by_domain.setdefault(domain, []).append(observation_line(change, direction))
    return [
        texts.CHANGES_DOMAIN.format(domain=domain, lines="。".join(sentences))
        for domain, sentences in by_domain.items()
    ]


def _position(lines: dict[int, IndicatorLine], change: ObservationChange) -> int:
    line = lines.get(change.indicator_id)
    return line.indicator.position if line else 0


def observation_line(change: ObservationChange, direction: str) -> str:
    """ "孕产妇死亡率由9.1降至8.5（每10万人），有所改善": the words follow the direction in
    which the indicator is better (down is better for a mortality rate)."""
    if direction == "qualitative":
        return qualitative_line(change)
    rise = (change.after > change.before) - (change.after < change.before)
    after = texts.with_unit(texts.number(change.after), change.unit)
    if rise == 0:
        return texts.CHANGE_SAME.format(name=change.name, after=after)
    better = {"higher_is_better": rise, "lower_is_better": -rise}.get(direction, 0)
    judgement = {1: texts.BETTER, -1: texts.WORSE, 0: ""}[better]
    return texts.CHANGE_LINE.format(
        name=change.name,
        before=texts.number(change.before),
        trend=texts.UP if rise > 0 else texts.DOWN,
        after=after,
        judgement=f"，{judgement}" if judgement else "",
    )


def qualitative_line(change: ObservationChange) -> str:
    """A yes/no indicator (1 met, 0 not): "零就业家庭动态清零已做到，与上年相同"."""
    before, after = (texts.QUALITATIVE[value >= 1] for value in (change.before, change.after))
    if before == after:
        return texts.QUALITATIVE_SAME.format(name=change.name, state=after)
    return texts.QUALITATIVE_CHANGE.format(name=change.name, before=before, after=after)


def _status_changes(data: AnnualData) -> str:
    before = {line.indicator.id: line.evaluation.status for line in data.before.lines}
    changed = [
        texts.STATUS_CHANGE_LINE.format(
            name=line.indicator.name,
            before=label(before[line.indicator.id]),
            after=label(line.evaluation.status),
        )
        for line in data.now.lines
        if before.get(line.indicator.id, line.evaluation.status) != line.evaluation.status
    ]
    if not changed:
        return texts.CHANGES_NO_STATUS
    return texts.CHANGES_STATUS.format(n=len(changed), lines="；".join(changed))


def _project_line(change: ProjectChange) -> str:
    progress = f"，进度{change.progress}%" if change.progress is not None else ""
    return texts.PROJECT_CHANGE_LINE.format(
        name=change.name, status=label(change.status), progress=progress
    )
