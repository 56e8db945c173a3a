"""Key projects as a spreadsheet: the filtered list as rows with Chinese headers (written
by exports.projects_sheet), and such a sheet, edited by planners, read back.

An import checks every row first, the same way the project page's form is checked, and
writes only if none is refused: a refused sheet names each bad row and column, and the
database is as it was. Rows whose values did not change write nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from minsheng.collect.workbook import WorkbookError, open_workbook
from minsheng.errors import InputProblem, NotFound
from minsheng.labels import label
from minsheng.store.repositories import plans
from minsheng.store.repositories import projects as repository
from minsheng.store.tables import Plan
from minsheng.usecases.project_edits import FIELD_LABELS, EditRefused, ProjectEdit, parse_edit
from minsheng.usecases.project_places import district_names, plan_years
from minsheng.usecases.projects import edit_project
from minsheng.usecases.read.period import Period
from minsheng.usecases.read.plans import plans_by_id
from minsheng.usecases.read.projects import ProjectRow

ID = "编号"
INFO = {"plan_region": "规划", "column_title": "专栏", "name": "项目名称"}
EDITED = (
    "district",
    "nature",
    "total_investment",
    "start_month",
    "end_month",
    "responsible_unit",
    "lon",
    "lat",
    "status",
    "progress",
)
NOTE = "说明（导入时记入更新记录）"


def year_header(year: int, kind: str) -> str:
    return f"{year}年{'计划' if kind == 'planned' else '完成'}投资（万元）"


def sheet_years(session: Session, rows: Sequence[ProjectRow]) -> range:
    """The years the sheet has investment columns for: every year of the periods of the
    rows' plans (a 十五五 plan's 2026–2030), so a sheet read back loses none of them."""
    period = Period.spanning(plans_by_id(session, plan_ids={row.plan_id for row in rows}))
    return range(period.start, period.end + 1)


def sheet_header(years: range) -> list[str]:
    yearly = [year_header(y, kind) for y in years for kind in ("planned", "completed")]
    return [ID, *INFO.values(), *(FIELD_LABELS[f] for f in EDITED), *yearly, NOTE]


def sheet_row(row: ProjectRow, years: range) -> dict[str, Any]:
    """A project as the sheet shows it: Chinese words, amounts in 万元, blank where unknown."""
    values: dict[str, Any] = {ID: row.id, **{h: getattr(row, k) for k, h in INFO.items()}}
    values.update({FIELD_LABELS[f]: getattr(row, f) for f in EDITED})
    values[FIELD_LABELS["status"]] = label(row.status)
    amounts = {i.year: i for i in row.investments}
    for year in years:
        found = amounts.get(year)
        values[year_header(year, "planned")] = found.planned if found else None
        values[year_header(year, "completed")] = found.completed if found else None
    return values


@dataclass(frozen=True)
class SheetResult:
    plan_region: str
    rows: int
    changed: int


class SheetRefused(InputProblem):
    """A sheet with bad rows: every one named (row, column, why); nothing was written."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems), file=file)


def import_sheet(session: Session, *, path: Path, plan_id: int, author: str) -> SheetResult:
    """Apply a sheet of edits to the plan's projects, all or nothing."""
    plan = plans.get_plan(session, plan_id=plan_id)
    if plan is None:
        raise NotFound(f"没有编号为 {plan_id} 的规划")
    edits, problems = _checked(session, plan, _rows(path))
    if problems:
        raise SheetRefused(path.name, problems)
    changed = [
        edit_project(session, project_id=pid, edit=edit, author=author, always=False)
        for pid, edit in edits
    ]
    return SheetResult(plan.region.name, len(edits), sum(u is not None for u in changed))


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number, {header: text}) of the first sheet's rows under its header."""
    try:
        book = open_workbook(str(path))
    except WorkbookError as error:
        raise InputProblem(f"不是可读取的 XLSX 文件（{error}）", file=path.name) from None
    try:
        rows = list(book.rows(book.sheets[0])) if book.sheets else []
    finally:
        book.close()
    if not rows or ID not in rows[0][1]:
        raise InputProblem(f"第一行须为表头，且含“{ID}”列（请使用导出的表格）", file=path.name)
    header = [text.strip() for text in rows[0][1]]
    return [(number, dict(zip(header, texts, strict=False))) for number, texts in rows[1:]]


def _checked(
    session: Session, plan: Plan, rows: list[tuple[int, dict[str, str]]]
) -> tuple[list[tuple[int, ProjectEdit]], list[str]]:
    """Each row as an edit of one of the plan's projects, and every problem found."""
    own = {project.id for project in repository.projects_of(session, plan_id=plan.id)}
    districts, years = district_names(session, plan), plan_years(plan)
    edits: list[tuple[int, ProjectEdit]] = []
    problems: list[str] = []
    for number, cells in rows:
        key = (cells.get(ID) or "").strip()
        if not key.isdigit() or int(key) not in own:
            problems.append(f"第 {number} 行 {ID}：“{key}”不是{plan.region.name}规划的重点项目")
            continue
        try:
            edit = parse_edit(_form(cells, years), districts=districts, years=years)
        except EditRefused as refused:
            problems += [f"第 {number} 行 {_column(f)}：{m}" for f, m in refused.problems.items()]
            continue
        edits.append((int(key), edit))
    return edits, problems


def _column(field: str) -> str:
    """The sheet's header of a form field (`planned_2023` is 2023年计划投资（万元）)."""
    kind, _, year = field.partition("_")
    if year.isdigit():
        return year_header(int(year), kind)
    return NOTE if field == "note" else FIELD_LABELS.get(field, field)


def _form(cells: dict[str, str], years: range) -> dict[str, str]:
    """The row's cells under the form's field names."""
    form = {name: cells.get(FIELD_LABELS[name], "") for name in EDITED}
    form["note"] = cells.get(NOTE, "")
    for year in years:
        for kind in ("planned", "completed"):
            form[f"{kind}_{year}"] = cells.get(year_header(year, kind), "")
    return form
