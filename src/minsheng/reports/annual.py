"""The annual public report (公共服务发展年度报告) a region publishes, in plain language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from minsheng.labels import LABELS
from minsheng.reports import survey_section, texts
from minsheng.reports.annual_changes import ObservationChange, render_changes
from minsheng.reports.charts import status_by_domain
from minsheng.reports.facts import (
    Evaluated,
    IndicatorLine,
    PlanFacts,
    evaluated,
    plan_facts,
    projects,
)
from minsheng.reports.govdoc import SMALL_TABLE_SIZE, GovDocument
from minsheng.usecases.changes import ProjectChange, projects_updated_in, standards_revised_in
from minsheng.usecases.clock import beijing_now
from minsheng.usecases.read.observations import ObservationRow, list_observations
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.service_items import STANDARD_FIELDS, ServiceItemRow, list_service_items

GOOD = ("achieved", "on_track", "moderately_improving")
SLOW = ("stagnating", "regressing", "not_achieved")
EXAMPLES = 3


@dataclass(frozen=True)
class AnnualData:
    """Everything the annual report says, assembled from the use cases."""

    facts: PlanFacts
    now: Evaluated
    before: Evaluated
    services: list[ServiceItemRow]
    project_count: int
    observation_changes: list[ObservationChange]
    standards_revised: list[str]
    projects_updated: list[ProjectChange]
    surveys: survey_section.SurveySection
    generated_at: datetime

    @property
    def year(self) -> int:
        return self.now.year

    @property
    def title(self) -> str:
        return texts.ANNUAL_TITLE.format(region=self.facts.region, year=self.year)


def assemble(session: Session, *, plan_id: int, year: int | None) -> AnnualData:
    facts = plan_facts(session, plan_id=plan_id)
    now = evaluated(session, facts, year)
    return AnnualData(
        facts=facts,
        now=now,
        before=evaluated(session, facts, now.year - 1),
        services=list_service_items(session, plan_id=facts.id, window=Slice.everything()).items,
        project_count=len(projects(session, facts)),
        observation_changes=_observation_changes(session, facts, now.year),
        standards_revised=standards_revised_in(session, plan_id=facts.id, year=now.year),
        projects_updated=projects_updated_in(session, plan_id=facts.id, year=now.year),
        surveys=survey_section.survey_section(
            survey_section.gather(session, plan_id=facts.id, year=now.year), year=now.year
        ),
        generated_at=beijing_now(),
    )


def _observation_changes(session: Session, facts: PlanFacts, year: int) -> list[ObservationChange]:
    """Indicators of the plan's own region observed both this year and the year before."""

    def values(of_year: int) -> dict[int, ObservationRow]:
        rows = list_observations(
            session, plan_id=facts.id, region=facts.region, year=of_year, window=Slice.everything()
        ).items
        return {row.indicator_id: row for row in rows if row.value is not None}

    before, after = values(year - 1), values(year)
    return [
        ObservationChange(key, row.indicator, row.unit, before[key].value, row.value)  # type: ignore[arg-type]
        for key, row in after.items()
        if key in before
    ]


def _surveys(document: GovDocument, data: AnnualData) -> None:
    survey_section.render(document, data.surveys)


class AnnualReport:
    """Renders `AnnualData` as a 公文-style DOCX in plain sentences."""

    name = "annual"

    def assemble(self, session: Session, *, plan_id: int, year: int | None) -> AnnualData:
        return assemble(session, plan_id=plan_id, year=year)

    def render(self, data: AnnualData) -> bytes:
        document = GovDocument()
        document.title(data.title)
        issuer = f"{data.facts.region}人民政府"
        document.centered(f"{issuer}　{texts.DATE.format(d=data.generated_at.date())}")
        sections = (_promise, _progress, _standards, render_changes, _surveys)
        for heading, section in zip(texts.ANNUAL_HEADINGS, sections, strict=True):
            document.heading(heading)
            section(document, data)
        return document.to_bytes()


def _promise(document: GovDocument, data: AnnualData) -> None:
    facts, lines = data.facts, data.now.lines
    domains = list(dict.fromkeys(line.indicator.domain for line in lines))
    document.paragraph(
        texts.PROMISE.format(
            plan=facts.title,
            region=facts.region,
            start=facts.start_year,
            end=facts.target_year,
            domains=texts.SEPARATOR.join(domains[:3]),
            n=len(domains),
            indicators=len(lines),
            services=len(data.services),
            projects=data.project_count,
        )
    )
    examples = [_example(line, facts) for line in lines if _numeric(line)][:EXAMPLES]
    if examples:
        document.paragraph(texts.PROMISE_EXAMPLES.format(examples="；".join(examples)))


def _numeric(line: IndicatorLine) -> bool:
    return line.indicator.baseline.number is not None and line.indicator.target.number is not None


def _example(line: IndicatorLine, facts: PlanFacts) -> str:
    indicator = line.indicator
    return texts.PROMISE_EXAMPLE.format(
        name=indicator.name,
        base=facts.base_year,
        baseline=indicator.baseline.raw,
        unit=indicator.unit or "",
        target=facts.target_year,
        target_value=indicator.target.raw,
    )


def _progress(document: GovDocument, data: AnnualData) -> None:
    statuses = Counter(str(line.evaluation.status) for line in data.now.lines)
    document.paragraph(
        texts.PROGRESS_INTRO.format(
            year=data.year,
            total=len(data.now.lines),
            good=sum(statuses[s] for s in GOOD),
            warned=sum(statuses[s] for s in SLOW),
        )
    )
    for domain in dict.fromkeys(line.indicator.domain for line in data.now.lines):
        mine = [line for line in data.now.lines if line.indicator.domain == domain]
        document.paragraph(
            texts.PROGRESS_DOMAIN.format(domain=domain, sentence=_domain_sentence(mine))
        )
    title = f"{data.year}年{texts.CHART_STATUS_NAME}"
    chart = status_by_domain(data.now.by_domain(), LABELS, title)
    document.numbered_figure(chart, texts.CHART_STATUS_NAME)


def _domain_sentence(lines: list[IndicatorLine]) -> str:
    good = [line for line in lines if str(line.evaluation.status) in GOOD]
    slow = [line for line in lines if str(line.evaluation.status) in SLOW]
    parts = []
    if good:
        parts.append(texts.PROGRESS_GOOD.format(n=len(good)))
    for status, words in texts.PROGRESS_SLOW.items():
        mine = [line for line in slow if str(line.evaluation.status) == status]
        if mine:
            names = texts.SEPARATOR.join(_named(line) for line in mine)
            parts.append(words.format(n=len(mine), names=names))
    missing = len(lines) - len(good) - len(slow)
    if missing:
        parts.append(texts.PROGRESS_NODATA.format(n=missing))
    return "，".join(parts) + "。"


def _named(line: IndicatorLine) -> str:
    """The indicator's name, with 红色预警 when it has one (a binding indicator behind)."""
    red = str(line.evaluation.warning) == "red"
    return line.indicator.name + (texts.RED_MARK if red else "")


def _standards(document: GovDocument, data: AnnualData) -> None:
    document.paragraph(
        texts.STANDARDS_INTRO.format(region=data.facts.region, total=len(data.services))
    )
    for domain in dict.fromkeys(item.domain for item in data.services):
        names = [item.name for item in data.services if item.domain == domain]
        document.paragraph(
            texts.STANDARDS_DOMAIN.format(
                domain=domain, n=len(names), names=texts.SEPARATOR.join(names)
            )
        )
    complete = [i for i in data.services if all(getattr(i, f) for f in STANDARD_FIELDS)]
    if not complete:
        document.paragraph(texts.NO_FULL_STANDARDS)
        return
    document.paragraph(texts.FULL_STANDARDS.format(n=len(complete)))
    rows = [[item.name, *(getattr(item, f) for f in STANDARD_FIELDS)] for item in complete]
    document.table(
        texts.STANDARD_FIELDS_HEADER,
        rows,
        widths_mm=(26, 26, 30, 30, 22, 22),
        size=SMALL_TABLE_SIZE,
    )
