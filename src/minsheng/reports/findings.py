"""The evaluation report's 监测预警, 存在问题 and 对策建议 sections.

Warnings name the unit and the department responsible and say in plain words how far
behind an indicator is. The problems and suggestions are drafted from the warnings, the
gaps in the data and the overdue rectifications, and marked as a draft: the 发改委 edits
them; the system cannot know the causes."""

from __future__ import annotations

from collections.abc import Sequence

from minsheng.evaluate import Evaluation
from minsheng.labels import label
from minsheng.reports import texts
from minsheng.reports.evaluation_data import EvaluationData
from minsheng.reports.govdoc import SMALL_TABLE_SIZE, GovDocument

WARNING_WIDTHS_MM = (18, 36, 16, 28, 58)
NUMBERS = "一二三四五六七八九十"


def render_warnings(document: GovDocument, data: EvaluationData) -> None:
    """The summary, honest about what could not be judged, then the table of warnings."""
    document.paragraph(_warning_summary(data))
    if not data.warned:
        return
    rows = [_warning_row(e, data) for e in data.warned]
    document.table_caption("监测预警指标")
    document.table(texts.WARNING_HEADER, rows, widths_mm=WARNING_WIDTHS_MM, size=SMALL_TABLE_SIZE)


def _warning_summary(data: EvaluationData) -> str:
    """How many warnings, and how many indicators could not be judged at all."""
    year, warned = data.evaluated.year, data.warned
    total, unjudged = len(data.evaluated.lines), data.unjudged
    if total and unjudged == total and not warned:
        return texts.NOTHING_JUDGED.format(year=year, total=total)
    rest = texts.UNJUDGED.format(n=unjudged) if unjudged else ""
    if not warned:
        return texts.NO_WARNINGS.format(year=year, judged=total - unjudged) + rest
    red = sum(str(e.warning) == "red" for e in warned)
    return texts.WARNING_SUMMARY.format(year=year, red=red, yellow=len(warned) - red, rest=rest)


def _warning_row(evaluation: Evaluation, data: EvaluationData) -> list[str]:
    return [
        label(evaluation.warning),
        evaluation.name,
        evaluation.region,
        data.department(evaluation.indicator_id),
        warning_reason(evaluation, data),
    ]


def warning_reason(evaluation: Evaluation, data: EvaluationData) -> str:
    """ "约束性指标，按线性进度2023年应达到216.16万人，实际196万人，完成进度为应有进度的3%。" """
    if evaluation.ratio is None or evaluation.value is None:
        return texts.WARNING_STATUS.format(status=label(evaluation.status)) + "。"
    unit = data.units.get(evaluation.indicator_id or 0, "")
    if str(evaluation.status) == "not_achieved":
        return texts.WARNING_NOT_ACHIEVED.format(
            attribute=label(evaluation.attribute or "expected"),
            target=texts.with_unit(evaluation.target.raw, unit),
            year=evaluation.year,
            actual=texts.with_unit(texts.number(evaluation.value), unit),
        )
    return texts.WARNING_REASON.format(
        attribute=label(evaluation.attribute or "expected"),
        path=_linear_path(evaluation, data, unit),
        actual=texts.with_unit(texts.number(evaluation.value), unit),
        progress=progress_words(evaluation.ratio),
    )


def progress_words(ratio: float) -> str:
    """The progress ratio r said plainly: a share of the progress due, or going backwards."""
    if ratio < 0:
        return texts.PROGRESS_BACKWARD
    return texts.PROGRESS_SHARE.format(share=f"{ratio * 100:.0f}")


def _linear_path(evaluation: Evaluation, data: EvaluationData, unit: str) -> str:
    """Where the straight line from baseline to target stands in the judged year."""
    expected = _expected(evaluation, data)
    if expected is None:
        return ""
    amount = texts.with_unit(texts.number(round(expected, 2)), unit)
    return texts.WARNING_PATH.format(year=evaluation.year, expected=amount)


def _expected(evaluation: Evaluation, data: EvaluationData) -> float | None:
    """The straight path's value in the value's year (None for cumulative targets)."""
    start, aim = evaluation.baseline.number, evaluation.target.number
    if start is None or aim is None or evaluation.target.cumulative:
        return None
    base, target = data.facts.base_year, data.facts.target_year
    return start + (aim - start) * (evaluation.year - base) / (target - base)


def render_problems(document: GovDocument, data: EvaluationData) -> None:
    """存在问题, drafted: lagging indicators by domain, missing data, overdue rectification."""
    document.paragraph(texts.DRAFT_NOTE)
    points = [*_lagging(data), *_missing(data), *_overdue(data)]
    if not points:
        document.paragraph(texts.PROBLEMS_NONE.format(year=data.evaluated.year))
    _numbered(document, points)


def _lagging(data: EvaluationData) -> list[str]:
    """One point per domain; per indicator the plan region's facts and the districts."""
    by_indicator: dict[str, list[Evaluation]] = {}
    for evaluation in data.warned:
        by_indicator.setdefault(evaluation.name, []).append(evaluation)
    by_domain: dict[str, list[str]] = {}
    for name, warned in by_indicator.items():
        own = [e for e in warned if e.region == data.facts.region]
        districts = [e.region for e in warned if e.region != data.facts.region]
        line = texts.PROBLEM_LINE.format(
            name=name,
            own=_own(own[0], data) if own else "",
            districts=_districts(districts),
        )
        by_domain.setdefault(warned[0].domain or "", []).append(line)
    return [
        texts.PROBLEM_LAGGING.format(domain=domain, lines="；".join(lines))
        for domain, lines in by_domain.items()
    ]


def _own(evaluation: Evaluation, data: EvaluationData) -> str:
    return texts.PROBLEM_OWN.format(
        region=evaluation.region, status=label(evaluation.status), facts=_facts(evaluation, data)
    )


def _districts(names: list[str]) -> str:
    if not names:
        return ""
    return texts.PROBLEM_DISTRICTS.format(n=len(names), names=texts.SEPARATOR.join(names))


def _facts(evaluation: Evaluation, data: EvaluationData) -> str:
    """The value against the straight path, or the status alone without numbers."""
    unit = data.units.get(evaluation.indicator_id or 0, "")
    expected = _expected(evaluation, data)
    if evaluation.value is None:
        return texts.WARNING_STATUS.format(status=label(evaluation.status))
    actual = texts.with_unit(texts.number(evaluation.value), unit)
    if str(evaluation.status) == "not_achieved" or expected is None:
        target = texts.with_unit(evaluation.target.raw, unit)
        return texts.PROBLEM_TARGET.format(year=evaluation.year, actual=actual, target=target)
    return texts.PROBLEM_FACTS.format(
        year=evaluation.year,
        actual=texts.with_unit(texts.number(evaluation.value), unit),
        expected=texts.with_unit(texts.number(round(expected, 2)), unit),
    )


def _missing(data: EvaluationData) -> list[str]:
    if not data.unjudged:
        return []
    return [texts.PROBLEMS_NO_DATA.format(total=len(data.evaluated.lines), n=data.unjudged)]


def _overdue(data: EvaluationData) -> list[str]:
    overdue = data.problems.overdue
    if not overdue:
        return []
    names = texts.SEPARATOR.join(problem.title for problem in overdue)
    return [texts.PROBLEM_OVERDUE.format(n=len(overdue), names=names)]


def render_advice(document: GovDocument, data: EvaluationData) -> None:
    """对策建议, drafted: one suggestion per department behind the warnings, then data."""
    document.paragraph(texts.DRAFT_NOTE)
    points = [
        texts.ADVICE_DEPARTMENT.format(department=department, names=texts.SEPARATOR.join(names))
        for department, names in _by_department(data).items()
    ]
    if data.unjudged:
        points.append(texts.ADVICE_DATA.format(n=data.unjudged))
    if data.problems.overdue:
        points.append(texts.ADVICE_OVERDUE.format(n=len(data.problems.overdue)))
    _numbered(document, points or [texts.ADVICE_NONE])


def _by_department(data: EvaluationData) -> dict[str, list[str]]:
    """The warned indicators' names by the department responsible (有关单位 if unknown)."""
    found: dict[str, list[str]] = {}
    for evaluation in data.warned:
        department = data.department(evaluation.indicator_id)
        if department == texts.NO_DEPARTMENT:
            department = texts.SOME_DEPARTMENT
        names = found.setdefault(department, [])
        if evaluation.name not in names:
            names.append(evaluation.name)
    return found


def _numbered(document: GovDocument, points: Sequence[str]) -> None:
    """（一）… paragraphs, as a 公文 numbers the points of a section."""
    for number, point in enumerate(points, start=1):
        document.paragraph(f"（{chinese_number(number)}）{point}")


def chinese_number(n: int) -> str:
    """一 … 九十九, as headings count."""
    tens, ones = divmod(n, 10)
    if not 0 < n < 100:
        return str(n)
    high = "" if tens == 0 else "十" if tens == 1 else NUMBERS[tens - 1] + "十"
    return high + (NUMBERS[ones - 1] if ones else "")
