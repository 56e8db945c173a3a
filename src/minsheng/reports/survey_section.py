"""The annual report's section on satisfaction surveys (社会满意度调查): a paragraph per
survey of the year (respondents, the overall mean and its 95 % interval, the best and the
worst rated domain) and one table of every domain's result.

`survey_section` is pure (results in, words and cells out); `gather` reads the plan's
surveys whose period names the year; `render` writes the section into a document.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.labels import SAMPLE_LABEL
from minsheng.reports.govdoc import SMALL_TABLE_SIZE, GovDocument
from minsheng.usecases.surveys import ResultRow, SurveyResults, plan_survey_ids, survey_results

HEADING = "社会满意度调查"
NONE = "{year}年未开展基本公共服务社会满意度调查。"
OVERVIEW = (
    "{year}年共开展基本公共服务社会满意度调查{n}项，回收有效答卷{total}份"
    "（评分 1—5 分，5 分为很满意）。"
)
SURVEY = "《{title}》回收答卷{count}份，总体满意度平均{mean}分（95%置信区间{interval}）"
EXTREMES = "；各领域中{best}满意度最高（{best_mean}分），{worst}最低（{worst_mean}分）"
SAMPLE = "（以上含示例数据，仅供演示。）"
TABLE = "基本公共服务满意度调查结果"
HEADER = ("调查", "领域", "受访人数", "平均分", "95%置信区间")
WIDTHS_MM = (60, 30, 20, 20, 34)


@dataclass(frozen=True)
class SurveySection:
    heading: str
    paragraphs: list[str]
    table_name: str
    header: tuple[str, ...]
    rows: list[list[str]]


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _interval(row: ResultRow) -> str:
    return "—" if row.low is None or row.high is None else f"{row.low:.2f}—{row.high:.2f}"


def _survey_words(results: SurveyResults) -> str:
    overall = results.overall
    words = SURVEY.format(title=results.survey.title, count=overall.count,
                          mean=_number(overall.mean), interval=_interval(overall))  # fmt: skip
    rated = [row for row in results.by_domain if row.mean is not None]
    if len(rated) > 1:
        best = max(rated, key=lambda row: row.mean or 0.0)
        worst = min(rated, key=lambda row: row.mean or 0.0)
        words += EXTREMES.format(best=best.label, best_mean=_number(best.mean),
                                 worst=worst.label, worst_mean=_number(worst.mean))  # fmt: skip
    return words + "。"


def survey_section(results: list[SurveyResults], *, year: int) -> SurveySection:
    """The section's paragraphs and table rows for the year's surveys (pure)."""
    if not results:
        return SurveySection(HEADING, [NONE.format(year=year)], TABLE, HEADER, [])
    total = sum(found.overall.count for found in results)
    paragraphs = [OVERVIEW.format(year=year, n=len(results), total=total)]
    paragraphs += [_survey_words(found) for found in results]
    if any(SAMPLE_LABEL in found.survey.title for found in results):
        paragraphs.append(SAMPLE)
    rows = [[found.survey.title, row.label, str(row.count), _number(row.mean), _interval(row)]
            for found in results for row in found.by_domain]  # fmt: skip
    return SurveySection(HEADING, paragraphs, TABLE, HEADER, rows)


def gather(session: Session, *, plan_id: int, year: int) -> list[SurveyResults]:
    """The plan's surveys whose period names `year`, with public results (no comments)."""
    found = [survey_results(session, survey_id=survey_id, with_comments=False)
             for survey_id in plan_survey_ids(session, plan_id=plan_id)]  # fmt: skip
    return [results for results in found if str(year) in results.survey.period]


def render(document: GovDocument, section: SurveySection) -> None:
    """The paragraphs, then the table when any survey has results."""
    for paragraph in section.paragraphs:
        document.paragraph(paragraph)
    if section.rows:
        document.table_caption(section.table_name)
        document.table(section.header, section.rows, widths_mm=WIDTHS_MM, size=SMALL_TABLE_SIZE)
