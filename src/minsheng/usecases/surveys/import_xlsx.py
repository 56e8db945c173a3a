"""Import a third-party survey's results (XLSX): one row per respondent, a 区县 column, one
column per question (headed by its text or its number 1, 2 …) holding scores 1–5, and an
optional 意见 column. Every bad cell is named by row and column; nothing is written unless
the whole sheet is good."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.limits import archive_problem
from minsheng.store.repositories import audit, plans, surveys
from minsheng.usecases.project_places import district_finder
from minsheng.usecases.surveys import messages
from minsheng.usecases.surveys.models import SurveyView
from minsheng.usecases.surveys.views import survey_view

DISTRICT_HEADERS = ("区县", "区县名称", "所在区县")
COMMENT_HEADERS = ("意见", "意见建议", "评论")
SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class _Layout:
    district: int
    comment: int | None
    questions: dict[int, int]  # column index → question id
    headers: list[str]


@dataclass(frozen=True)
class _Row:
    district: str
    comment: str | None
    scores: dict[int, int]


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _sheet(data: bytes, name: str) -> list[tuple[object, ...]]:
    """The first sheet's rows as values; InputProblem for anything but a sound workbook."""
    try:
        problem = archive_problem(zipfile.ZipFile(io.BytesIO(data)))
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as error:
        raise InputProblem(messages.SHEET_UNREADABLE, file=name) from error
    if problem is not None:
        raise InputProblem(problem, file=name)
    rows: list[tuple[object, ...]] = [
        tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)
    ]
    book.close()
    if len(rows) < 2:
        raise InputProblem(messages.SHEET_EMPTY, file=name, row=1)
    return rows


def _question_of(view: SurveyView, header: str) -> int | None:
    number = header.removeprefix("第").removesuffix("题").removeprefix("题")
    for question in view.questions:
        if header == question.text or number == str(question.position):
            return question.id
    return None


def _layout(view: SurveyView, header_row: tuple[object, ...], name: str) -> _Layout:
    headers = [_text(value) for value in header_row]
    district = comment = None
    questions: dict[int, int] = {}
    for index, header in enumerate(headers):
        if header in DISTRICT_HEADERS:
            district = index
        elif header in COMMENT_HEADERS:
            comment = index
        elif (question := _question_of(view, header)) is not None:
            questions[index] = question
        elif header:
            raise InputProblem(messages.UNKNOWN_COLUMN.format(column=header), file=name, row=1,
                               field=header)  # fmt: skip
    if district is None:
        raise InputProblem(messages.NO_DISTRICT_COLUMN, file=name, row=1, field="区县")
    if not questions:
        raise InputProblem(messages.NO_SCORE_COLUMN, file=name, row=1)
    return _Layout(district, comment, questions, headers)


def _cell(values: tuple[object, ...], index: int | None) -> str:
    return _text(values[index]) if index is not None and index < len(values) else ""


def _scores(layout: _Layout, values: tuple[object, ...], number: int,
            problems: list[str]) -> dict[int, int]:  # fmt: skip
    """The row's scores by question id; a bad cell adds a problem naming row and column."""
    scores: dict[int, int] = {}
    for index, question_id in layout.questions.items():
        text = _cell(values, index)
        if text in {"1", "2", "3", "4", "5"}:
            scores[question_id] = int(text)
        elif text:
            problem = messages.CELL_SCORE.format(value=text)
            problems.append(messages.CELL_PROBLEM.format(row=number, column=layout.headers[index],
                                                         problem=problem))  # fmt: skip
    if not scores:
        problems.append(messages.CELL_PROBLEM.format(row=number, column="评分",
                                                     problem=messages.ROW_EMPTY))  # fmt: skip
    return scores


def _read_row(view: SurveyView, layout: _Layout, values: tuple[object, ...], number: int,
              problems: list[str]) -> _Row:  # fmt: skip
    """The row's answer; each bad cell adds a problem naming its row and column."""
    district = _cell(values, layout.district)
    if district not in view.districts:
        value = messages.CELL_DISTRICT.format(value=district)
        problems.append(messages.CELL_PROBLEM.format(row=number, column="区县", problem=value))
    scores = _scores(layout, values, number, problems)
    return _Row(district, _cell(values, layout.comment)[:500] or None, scores)


def read_results(view: SurveyView, data: bytes, name: str) -> list[_Row]:
    """Every respondent of the sheet, or one InputProblem listing the bad cells."""
    rows = _sheet(data, name)
    layout = _layout(view, rows[0], name)
    problems: list[str] = []
    read = [_read_row(view, layout, values, number, problems)
            for number, values in enumerate(rows[1:], start=2)
            if any(_text(value) for value in values)]  # fmt: skip
    if problems:
        shown = "；".join(problems[:SHOWN_PROBLEMS])
        more = (
            f"（另有 {len(problems) - SHOWN_PROBLEMS} 处）"
            if len(problems) > SHOWN_PROBLEMS
            else ""
        )
        raise InputProblem(messages.IMPORT_FAILED.format(problems=shown + more), file=name)
    return read


def import_results(session: Session, *, survey_id: int, data: bytes, name: str, author: str) -> int:
    """Store a third-party sheet's responses (source 'import'); how many were stored."""
    view = survey_view(session, survey_id=survey_id)
    rows = read_results(view, data, name)
    plan = plans.get_plan(session, plan_id=view.plan_id)
    assert plan is not None
    place = district_finder(session, plan)
    regions = {d: place(d).id for d in {row.district for row in rows}}
    for row in rows:
        surveys.add_response(session, survey_id=survey_id, region_id=regions[row.district],
                             comment=row.comment, source="import", scores=row.scores)  # fmt: skip
    audit.record(session, username=author, action="import", entity=surveys.ENTITY,
                 entity_id=survey_id, detail={"file": name, "responses": len(rows)})  # fmt: skip
    return len(rows)
