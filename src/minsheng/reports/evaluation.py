"""The evaluation report (评估报告) a 发改委 submits: mid-term 2023, final 2025, or any year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation
from minsheng.evaluate.rollup import early_warnings
from minsheng.labels import LABELS, label
from minsheng.reports import texts
from minsheng.reports.charts import status_by_domain
from minsheng.reports.equalization_section import EqualizationSummary, summarise
from minsheng.reports.equalization_section import render as render_equalization
from minsheng.reports.facilities_section import FacilitySummary, tables_used
from minsheng.reports.facilities_section import render as render_facilities
from minsheng.reports.facilities_section import summarise as summarise_facilities
from minsheng.reports.facts import Evaluated, PlanFacts, evaluated, plan_facts, projects
from minsheng.reports.govdoc import SMALL_TABLE_SIZE, GovDocument
from minsheng.usecases.read.observations import list_observations
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.period import EvaluationKind, Period
from minsheng.usecases.read.plans import get_plan
from minsheng.usecases.read.previous_results import PreviousResultRow, previous_results
from minsheng.usecases.read.projects import ProjectRow

PROJECT_STATUSES = ("planned", "in_progress", "completed", "delayed")
LAGGING = ("stagnating", "regressing", "not_achieved")


@dataclass(frozen=True)
class EvaluationData:
    """Everything the evaluation report says, assembled from the use cases."""

    facts: PlanFacts
    evaluated: Evaluated
    previous: list[PreviousResultRow]
    projects: list[ProjectRow]
    observation_sources: Counter[str]
    generated_at: datetime
    equalization: EqualizationSummary
    facilities: FacilitySummary

    @property
    def kind(self) -> EvaluationKind:
        """Mid-term (the period's middle year, 2023), final (its last) or annual."""
        period = Period(self.facts.start_year, self.facts.target_year)
        return period.kind(self.evaluated.year)

    @property
    def title(self) -> str:
        year, plan = self.evaluated.year, self.facts.title
        return texts.EVALUATION_TITLE[self.kind].format(plan=plan, year=year)

    @property
    def judged_as(self) -> str:
        """ "2023年中期评估（规划期2021—2025年，评估年份2023年）": the title's year named."""
        facts = self.facts
        return texts.JUDGED_AS.format(
            year=self.evaluated.year,
            kind=texts.EVALUATION_KIND[self.kind],
            start=facts.start_year,
            end=facts.target_year,
        )


def assemble(session: Session, *, plan_id: int, year: int | None) -> EvaluationData:
    facts = plan_facts(session, plan_id=plan_id)
    judged = evaluated(session, facts, year)
    observations = list_observations(session, plan_id=facts.id, window=Slice.everything()).items
    sources = Counter(
        o.source for o in observations if o.year > facts.base_year and o.year <= judged.year
    )
    return EvaluationData(
        facts=facts,
        evaluated=judged,
        previous=previous_results(session, plans=[get_plan(session, plan_id=facts.id)]),
        projects=projects(session, facts),
        observation_sources=sources,
        generated_at=datetime.now().astimezone(),
        equalization=summarise(
            session, plan_id=facts.id, region_id=_region_id(session, facts.id), year=judged.year
        ),
        facilities=summarise_facilities(session, plan_id=facts.id, year=judged.year),
    )


def warning_reason(evaluation: Evaluation, base_year: int, target_year: int) -> str:
    """ "约束性指标，按线性进度2023年应达到X，实际Y，进度比率r=…" from the verdict's numbers."""
    if evaluation.ratio is None or evaluation.value is None:
        return texts.WARNING_STATUS.format(status=label(evaluation.status)) + "。"
    return texts.WARNING_REASON.format(
        attribute=label(evaluation.attribute or "expected"),
        path=_linear_path(evaluation, base_year, target_year),
        actual=texts.number(evaluation.value),
        ratio=f"{evaluation.ratio:.2f}",
    )


def _linear_path(evaluation: Evaluation, base_year: int, target_year: int) -> str:
    """Where the straight line from baseline to target stands in the judged year."""
    start, aim = evaluation.baseline.number, evaluation.target.number
    if start is None or aim is None or evaluation.target.cumulative:
        return ""
    expected = start + (aim - start) * (evaluation.year - base_year) / (target_year - base_year)
    return texts.WARNING_PATH.format(
        year=evaluation.year, expected=texts.number(round(expected, 2))
    )


class EvaluationReport:
    """Renders `EvaluationData` as a 公文-style DOCX."""

    name = "evaluation"

    def assemble(self, session: Session, *, plan_id: int, year: int | None) -> EvaluationData:
        return assemble(session, plan_id=plan_id, year=year)

    def render(self, data: EvaluationData) -> bytes:
        document = GovDocument()
        document.title(data.title)
        document.centered(data.judged_as)
        issuer = texts.issuer(data.facts.region)
        document.centered(f"{issuer}　{texts.DATE.format(d=data.generated_at.date())}")
        sections = (
            _overview,
            _indicators,
            _warnings,
            _previous,
            _equalization,
            _facilities,
            _projects,
            _sources,
        )
        for heading, section in zip(texts.EVALUATION_HEADINGS, sections, strict=True):
            document.heading(heading)
            section(document, data)
        return document.to_bytes()


def _overview(document: GovDocument, data: EvaluationData) -> None:
    lines = data.evaluated.lines
    attributes = Counter(str(line.indicator.attribute) for line in lines)
    statuses = Counter(str(line.evaluation.status) for line in lines)
    document.paragraph(
        texts.OVERVIEW.format(
            plan=data.facts.title,
            total=len(lines),
            binding=attributes["binding"],
            expected=attributes["expected"],
            year=data.evaluated.year,
            statuses=texts.counted(statuses),
        )
    )
    older = sum(line.evaluation.value_is_older for line in lines)
    if older:
        document.paragraph(texts.OLDER_VALUES.format(n=older, year=data.evaluated.year))
    by_domain = data.evaluated.by_domain()
    for domain, counts in by_domain.items():
        document.paragraph(
            texts.DOMAIN_LINE.format(
                domain=domain, total=counts.total(), statuses=texts.counted(counts)
            )
        )
    document.caption(texts.TABLE.format(n=1, name="各领域指标评估状态"))
    document.table(
        texts.DOMAIN_STATUS_HEADER,
        [_domain_row(domain, counts) for domain, counts in by_domain.items()],
        widths_mm=(34, 18, 18, 20, 20, 24, 22),
        size=SMALL_TABLE_SIZE,
    )
    chart = status_by_domain(by_domain, LABELS, f"{data.facts.region}各领域指标评估状态")
    document.figure(chart, texts.CHART_STATUS.format(n=1))


def _domain_row(domain: str, counts: Counter[str]) -> list[str]:
    on_track = counts["on_track"]
    lagging = sum(counts[status] for status in LAGGING)
    values = (counts["achieved"], on_track, counts["moderately_improving"], lagging)
    return [domain, str(counts.total()), *map(str, values), str(counts["no_data"])]


def _indicators(document: GovDocument, data: EvaluationData) -> None:
    facts = data.facts
    header = [
        h.format(base=facts.base_year, target=facts.target_year) for h in texts.INDICATOR_HEADER
    ]
    rows = []
    for line in data.evaluated.lines:
        indicator, evaluation = line.indicator, line.evaluation
        latest = (
            f"{texts.number(evaluation.value)}\n（{evaluation.year}）"  # no wrap mid-number
            if evaluation.value is not None
            else texts.NONE_TEXT
        )
        warning = label(evaluation.warning) if str(evaluation.warning) != "none" else ""
        rows.append(
            [
                indicator.domain,
                indicator.name,
                indicator.unit or "",
                indicator.baseline.raw,
                indicator.target.raw,
                latest,
                label(evaluation.status),
                warning,
            ]
        )
    document.caption(texts.TABLE.format(n=2, name="主要指标完成情况"))
    document.table(header, rows, widths_mm=(19, 38, 12, 17, 17, 20, 19, 16), size=SMALL_TABLE_SIZE)


def _warnings(document: GovDocument, data: EvaluationData) -> None:
    warned = early_warnings(data.evaluated.evaluations)
    year = data.evaluated.year
    if not warned:
        document.paragraph(texts.NO_WARNINGS.format(year=year))
        return
    red = sum(str(e.warning) == "red" for e in warned)
    document.paragraph(texts.WARNING_SUMMARY.format(year=year, red=red, yellow=len(warned) - red))
    rows = [
        [
            label(e.warning),
            e.name,
            e.region,
            warning_reason(e, data.facts.base_year, data.facts.target_year),
        ]
        for e in warned
    ]
    document.caption(texts.TABLE.format(n=3, name="监测预警指标"))
    document.table(texts.WARNING_HEADER, rows, widths_mm=(22, 46, 18, 70), size=SMALL_TABLE_SIZE)


def _previous(document: GovDocument, data: EvaluationData) -> None:
    if not data.previous:
        document.paragraph(texts.NO_PREVIOUS)
        return
    statuses = Counter(str(v.status) for v in data.previous)
    document.paragraph(
        texts.PREVIOUS_SUMMARY.format(total=len(data.previous), statuses=texts.counted(statuses))
    )
    rows = [
        [v.domain, v.name, v.unit or "", v.target.raw, v.actual.raw, label(v.status)]
        for v in data.previous
    ]
    document.caption(texts.TABLE.format(n=4, name="上期规划目标完成情况"))
    document.table(
        texts.PREVIOUS_HEADER, rows, widths_mm=(24, 56, 14, 20, 20, 20), size=SMALL_TABLE_SIZE
    )


def _equalization(document: GovDocument, data: EvaluationData) -> None:
    render_equalization(document, data.equalization, table_number=5)


def _facilities(document: GovDocument, data: EvaluationData) -> None:
    render_facilities(document, data.facilities, table_number=6)


def _region_id(session: Session, plan_id: int) -> int:
    return get_plan(session, plan_id=plan_id).region.id


def _projects(document: GovDocument, data: EvaluationData) -> None:
    if not data.projects:
        document.paragraph(texts.NO_PROJECTS)
        return
    statuses = Counter(p.status for p in data.projects)
    document.paragraph(
        texts.PROJECT_SUMMARY.format(total=len(data.projects), statuses=texts.counted(statuses))
    )
    columns: dict[str, list[ProjectRow]] = {}
    for project in data.projects:
        columns.setdefault(f"专栏{project.column_number} {project.column_title}", []).append(
            project
        )
    number = 6 + tables_used(data.facilities)
    document.caption(texts.TABLE.format(n=number, name="重点项目实施情况"))
    document.table(
        texts.PROJECT_HEADER,
        [_project_row(title, rows) for title, rows in columns.items()],
        widths_mm=(60, 16, 16, 16, 16, 16, 20),
        size=SMALL_TABLE_SIZE,
    )


def _project_row(title: str, rows: list[ProjectRow]) -> list[str]:
    counts = Counter(p.status for p in rows)
    known = [p.progress for p in rows if p.progress is not None]
    progress = f"{sum(known) / len(known):.0f}%" if known else texts.NONE_TEXT
    return [title, str(len(rows)), *(str(counts[s]) for s in PROJECT_STATUSES), progress]


def _sources(document: GovDocument, data: EvaluationData) -> None:
    facts = data.facts
    issued = f"（{texts.DATE.format(d=facts.issue_date)}印发）" if facts.issue_date else ""
    document.paragraph(texts.SOURCE_PLAN.format(plan=facts.title, issued=issued))
    if data.observation_sources:
        counts = texts.SEPARATOR.join(
            f"{source}{n}条" for source, n in data.observation_sources.most_common()
        )
        document.paragraph(texts.SOURCE_OBSERVATIONS.format(counts=counts))
    else:
        document.paragraph(texts.NO_OBSERVATIONS)
    document.paragraph(texts.SOURCE_METHOD)
    document.paragraph(texts.GENERATED.format(at=data.generated_at))
