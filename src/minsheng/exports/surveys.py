"""A survey's results as CSV or XLSX: one row per group (all respondents, each question,
domain, service item and district) with the respondent count, the mean score and its 95 %
interval; the XLSX adds the survey's particulars and, for planners, a sheet of comments."""

from __future__ import annotations

from typing import Any

from minsheng.exports.writers import add_sheet, csv_bytes, empty_workbook, workbook_bytes
from minsheng.exports.xlsx import XLSX_TYPE
from minsheng.usecases.surveys import ResultRow, SurveyResults

COLUMNS = ("分组", "名称", "所属领域", "受访人数", "平均分", "95%置信区间下限", "95%置信区间上限")
COMMENT_COLUMNS = ("提交时间（北京时间）", "区县", "意见建议")
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")
NOTE = "平均分为 1（很不满意）至 5（很满意）；区间为均值的 95% t 置信区间"


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _row(kind: str, row: ResultRow) -> dict[str, Any]:
    values = (kind, row.label, row.group, row.count, _rounded(row.mean), _rounded(row.low),
              _rounded(row.high))  # fmt: skip
    return dict(zip(COLUMNS, values, strict=True))


def result_rows(results: SurveyResults) -> list[dict[str, Any]]:
    """Every group's row, in the order the results page shows them."""
    groups = (("题目", results.by_question), ("领域", results.by_domain),
              ("服务事项", results.by_item), ("区县", results.by_district))  # fmt: skip
    rows = [_row("总体", results.overall)]
    rows += [_row(kind, row) for kind, found in groups for row in found]
    return rows


def _about(results: SurveyResults) -> list[dict[str, Any]]:
    survey = results.survey
    facts = (("调查名称", survey.title), ("规划", survey.plan_name), ("调查期", survey.period),
             ("状态", survey.status_label), ("受访人数", survey.responses),
             ("说明", NOTE))  # fmt: skip
    return [{"项目": name, "内容": value} for name, value in facts]


def results_xlsx(results: SurveyResults) -> bytes:
    """Sheets 结果 and 说明, and 意见建议 when the results carry comments."""
    workbook = empty_workbook()
    add_sheet(workbook, "结果", COLUMNS, result_rows(results))
    add_sheet(workbook, "说明", ("项目", "内容"), _about(results))
    if results.comments:
        comments = [
            dict(zip(COMMENT_COLUMNS, (f"{c.at:%Y-%m-%d %H:%M}", c.district, c.text), strict=True))
            for c in results.comments
        ]
        add_sheet(workbook, "意见建议", COMMENT_COLUMNS, comments)
    return workbook_bytes(workbook)


def results_csv(results: SurveyResults) -> bytes:
    return csv_bytes(COLUMNS, result_rows(results))


def results_file(results: SurveyResults, format: str) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the results in `format` (csv or xlsx)."""
    name = f"survey-{results.survey.id}-results.{format}"
    if format == "xlsx":
        return results_xlsx(results), XLSX_TYPE, name
    return results_csv(results), CSV_TYPE, name
