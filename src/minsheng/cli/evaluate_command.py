"""`minsheng evaluate --plan 合肥市`: progress, status and early warnings of a stored plan."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from minsheng.cli.database import opened_database
from minsheng.cli.errors import reported_errors
from minsheng.cli.output import OutputFormat, console, emit_json, new_table
from minsheng.cli.reported_output import show_reported

if TYPE_CHECKING:
    from datetime import date

    from sqlalchemy.orm import Session

    from minsheng.evaluate import Evaluation
    from minsheng.usecases.evaluate_plan import PlanEvaluation, PreviousVerdict

WARNING_STYLE = {"red": "bold red", "yellow": "yellow", "none": ""}
EVALUATION_NAMES = {
    "mid_term": "mid-term evaluation (中期评估)",
    "final": "final evaluation (终期评估)",
    "annual": "annual monitoring (年度监测)",
}


class Method(StrEnum):
    """The choices of `minsheng.evaluate.Method`, declared here so that the command line
    starts without the evaluator and NumPy (tests/cli/test_lazy_imports.py keeps them equal)."""

    LINEAR = "linear"
    GROWTH_RATE = "growth_rate"


YearOption = Annotated[
    int | None,
    typer.Option(
        help="Evaluate as of this year of the plan's period (2023 mid-term, 2025 final); "
        "default: the newest year with approved data"
    ),
]
PreviousOption = Annotated[
    bool, typer.Option("--previous", help="Verdicts on the previous plan's targets instead")
]
CompareOption = Annotated[
    bool,
    typer.Option(
        "--compare-reported",
        help="Check the plan's previous-plan table against minsheng's final evaluation",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge the data approved by the end of this day, Beijing time (YYYY-MM-DD, "
        "today or earlier): 按截至该日已审核数据; default: the values in force",
    ),
]


def evaluate(
    plan: Annotated[str, typer.Option(help="Region of the plan, e.g. 合肥市")],
    year: YearOption = None,
    previous: PreviousOption = False,
    compare_reported: CompareOption = False,
    method: Annotated[Method, typer.Option(help="linear path or growth rate")] = Method.LINEAR,
    as_of: AsOfOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TABLE,
) -> None:
    """Judge every indicator against its target; warnings red (binding) first."""
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.evaluate_plan import previous_plan_verdicts  # noqa: PLC0415
    from minsheng.usecases.read import reported_check  # noqa: PLC0415
    from minsheng.usecases.read.period import parsed_as_of  # noqa: PLC0415
    from minsheng.usecases.read.plans import plan_named  # noqa: PLC0415

    with (
        opened_database() as database,
        reported_errors(),
        session_scope(database.engine) as session,
    ):
        day = parsed_as_of(as_of)
        if compare_reported:
            checked = reported_check.compare_reported(
                session, plan_id=plan_named(session, region=plan).id
            )
            show_reported(checked, output_format)
            return
        if previous:
            _show_previous(previous_plan_verdicts(session, region=plan), output_format)
            return
        result = _judged(session, plan, year, method, day)
    if output_format is OutputFormat.JSON:
        dated = {} if day is None else {"as_of": day.isoformat()}
        emit_json([dated | evaluation_json(e, result.kind) for e in result.evaluations])
    else:
        _show_table(result, None if day is None else day.isoformat())


def _judged(
    session: Session, plan: str, year: int | None, method: Method, day: date | None
) -> PlanEvaluation:
    """The plan of `plan`'s region judged as of `year`, with the values in force or (`day`)
    those approved by the end of that day."""
    from minsheng.evaluate import Method as EvaluationMethod  # noqa: PLC0415
    from minsheng.usecases.evaluate_plan import evaluate_plan  # noqa: PLC0415
    from minsheng.usecases.read.evaluations import evaluate_plan as by_id  # noqa: PLC0415
    from minsheng.usecases.read.period import checked_year  # noqa: PLC0415
    from minsheng.usecases.read.plans import plan_named  # noqa: PLC0415

    chosen_method = EvaluationMethod(method.value)
    if day is None:
        return evaluate_plan(session, region=plan, year=year, method=chosen_method)
    chosen = plan_named(session, region=plan)
    checked_year(chosen, year, chosen.title or plan)
    return by_id(session, plan_id=chosen.id, year=year, method=chosen_method, as_of=day)


def evaluation_json(evaluation: Evaluation, kind: str | None = None) -> dict[str, Any]:
    """The documented JSON of one evaluation (docs/evaluation.md): `judged_year` is the
    year judged, `evaluation` what it is (mid_term, final, annual), `year` the value's."""
    found: dict[str, Any] = {"judged_year": evaluation.judged_year}
    if kind is not None:
        found["evaluation"] = kind
    return found | {
        "name": evaluation.name,
        "domain": evaluation.domain,
        "region": evaluation.region,
        "year": evaluation.year,
        "value": evaluation.value,
        "baseline": evaluation.baseline.raw,
        "target": evaluation.target.raw,
        "attribute": evaluation.attribute,
        "direction": evaluation.direction,
        "status": evaluation.status,
        "warning": evaluation.warning,
        "ratio": evaluation.ratio,
    }


def _show_table(result: PlanEvaluation, as_of: str | None = None) -> None:
    from minsheng.evaluate.rollup import early_warnings, rollup_by_domain  # noqa: PLC0415

    out = console()
    kind = EVALUATION_NAMES[result.kind]
    out.print(f"[bold]{result.title or result.region}[/bold] — {kind} as of {result.year}")
    if as_of is not None:
        out.print(f"数据截至 {as_of} (data approved by the end of that day, Beijing)")
    table = new_table(
        "domain", "indicator", "region", "2020", "target", "latest", "status", "warning"
    )
    for e in result.evaluations:
        latest = "" if e.value is None else f"{e.value:g} ({e.year})"  # the value's year
        style = WARNING_STYLE[e.warning]
        table.add_row(
            e.domain or "",
            e.name,
            e.region,
            e.baseline.raw,
            e.target.raw,
            latest,
            e.status,
            f"[{style}]{e.warning}[/{style}]" if style else "",
        )
    out.print(table)
    for domain, counts in rollup_by_domain(result.evaluations).items():
        summary = ", ".join(f"{status} {count}" for status, count in counts.most_common())
        out.print(f"{domain}: {summary}")
    warned = early_warnings(result.evaluations)
    out.print(
        f"{len(warned)} early warning(s): "
        f"{sum(e.warning == 'red' for e in warned)} red, "
        f"{sum(e.warning == 'yellow' for e in warned)} yellow"
    )


def _show_previous(verdicts: list[PreviousVerdict], output_format: OutputFormat) -> None:
    rows = [
        {
            "domain": v.domain,
            "name": v.name,
            "unit": v.unit,
            "target": v.target.raw,
            "actual": v.actual.raw,
            "status": v.status,
        }
        for v in verdicts
    ]
    if output_format is OutputFormat.JSON:
        emit_json(rows)
        return
    table = new_table("domain", "indicator", "unit", "target", "actual", "verdict")
    for row in rows:
        table.add_row(
            *(
                str(row[key] or "")
                for key in ("domain", "name", "unit", "target", "actual", "status")
            )
        )
    console().print(table)
