"""The evaluation report (评估报告) a 发改委 submits: mid-term 2023, final 2025, or any year."""

from __future__ import annotations

from collections import Counter

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation
from minsheng.labels import LABELS, label
from minsheng.reports import texts
from minsheng.reports.charts import progress_bars, status_by_domain
from minsheng.reports.equalization_section import render as render_equalization
from minsheng.reports.evaluation_data import UNJUDGED, EvaluationData, assemble
from minsheng.reports.facilities_section import render as render_facilities
from minsheng.reports.findings import render_advice, render_problems, render_warnings
from minsheng.reports.govdoc import SMALL_TABLE_SIZE, GovDocument
from minsheng.reports.ledger_section import render_ledger
from minsheng.usecases.read.projects import ProjectRow

__all__ = ["EvaluationData", "EvaluationReport", "assemble"]

PROJECT_STATUSES = ("planned", "in_progress", "completed", "delayed")
LAGGING = ("stagnating", "regressing", "not_achieved")
CHART_LIMIT = 20  # bars in the progress chart, so that names stay legible


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
            render_warnings,
            _previous,
            _equalization,
            _facilities,
            _projects,
            render_ledger,
            render_problems,
            render_advice,
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
    if all(str(line.evaluation.status) in UNJUDGED for line in lines):
        document.paragraph(texts.OVERVIEW_NO_DATA.format(year=data.evaluated.year))
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
    document.table_caption("各领域指标评估状态")
    document.table(
        texts.DOMAIN_STATUS_HEADER,
        [_domain_row(domain, counts) for domain, counts in by_domain.items()],
        widths_mm=(32, 16, 16, 18, 18, 22, 18, 18),
        size=SMALL_TABLE_SIZE,
    )
    chart = status_by_domain(by_domain, LABELS, f"{data.facts.region}各领域指标评估状态")
    document.numbered_figure(chart, texts.CHART_STATUS_NAME)
    _progress_chart(document, data)


def _progress_chart(document: GovDocument, data: EvaluationData) -> None:
    """How far each judged indicator has come against the progress due, coloured and
    hatched by the evaluator's own status (never re-derived from the rounded ratio);
    beyond CHART_LIMIT bars, the warned indicators first, and the caption says so."""
    judged = [line for line in data.evaluated.lines if line.evaluation.ratio is not None]
    if not judged:
        return
    warned = [line for line in judged if str(line.evaluation.warning) != "none"]
    chosen = list({id(line): line for line in [*warned, *judged]})[:CHART_LIMIT]
    shown = [line for line in judged if id(line) in chosen]
    name = texts.CHART_PROGRESS_NAME
    if len(shown) < len(judged):
        name += texts.CHART_PROGRESS_PART.format(total=len(judged), shown=len(shown))
    chart = progress_bars(
        [line.indicator.name for line in shown],
        [line.evaluation.ratio or 0.0 for line in shown],
        [str(line.evaluation.status) for line in shown],
        f"{data.evaluated.year}年{texts.CHART_PROGRESS_NAME}",
    )
    document.numbered_figure(chart, name)


def _domain_row(domain: str, counts: Counter[str]) -> list[str]:
    on_track = counts["on_track"]
    lagging = sum(counts[status] for status in LAGGING)
    values = (counts["achieved"], on_track, counts["moderately_improving"], lagging)
    unjudged = (counts["not_evaluable"], counts["no_data"])
    return [domain, str(counts.total()), *map(str, values), *map(str, unjudged)]


def _indicators(document: GovDocument, data: EvaluationData) -> None:
    facts = data.facts
    header = [
        h.format(base=facts.base_year, target=facts.target_year) for h in texts.INDICATOR_HEADER
    ]
    rows = []
    for line in data.evaluated.lines:
        indicator, evaluation = line.indicator, line.evaluation
        latest = (
            f"{_value(evaluation)}\n（{evaluation.year}）"  # no wrap mid-number
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
    document.table_caption("主要指标完成情况")
    document.table(header, rows, widths_mm=(19, 38, 12, 17, 17, 20, 19, 16), size=SMALL_TABLE_SIZE)


def _value(evaluation: Evaluation) -> str:
    """A number as written; a yes/no (qualitative) value as 是 or 否, never 1 or 0."""
    if str(evaluation.direction) == "qualitative" and evaluation.value is not None:
        return texts.YES_NO[evaluation.value >= 1]
    return texts.number(evaluation.value)


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
    document.table_caption("上期规划目标完成情况")
    document.table(
        texts.PREVIOUS_HEADER, rows, widths_mm=(24, 56, 14, 20, 20, 20), size=SMALL_TABLE_SIZE
    )


def _equalization(document: GovDocument, data: EvaluationData) -> None:
    render_equalization(document, data.equalization)


def _facilities(document: GovDocument, data: EvaluationData) -> None:
    render_facilities(document, data.facilities)


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
    document.table_caption("重点项目实施情况")
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
