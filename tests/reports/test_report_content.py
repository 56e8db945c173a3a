"""What the reports say, read as a 发改委 evaluator and a resident would read them: rows
that add up, warnings with units and the department responsible, drafted problems and
suggestions, the problem ledger, honesty about missing data, words that follow the
direction in which an indicator is better, and charts that read in black and white."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pytest
from docx import Document
from matplotlib import image
from matplotlib.colors import to_rgb
from sqlalchemy import Engine, select

from minsheng.reports import render_report, texts
from minsheng.reports.annual_changes import ObservationChange, observation_line
from minsheng.reports.charts import STATUS_COLOURS, STATUS_HATCHES, progress_bars
from minsheng.store import session_scope
from minsheng.store.tables import Indicator
from minsheng.usecases.problems import ProblemDraft, open_problem
from minsheng.usecases.read.plans import plan_named

from .conftest import HEFEI, HEFEI_DEPARTMENT

OVERDUE = "失业保险扩面进度滞后"


@pytest.fixture(scope="module")
def engine(report_engine: Engine) -> Engine:
    """The report seed with one overdue problem in Hefei's ledger."""
    name, department = HEFEI_DEPARTMENT
    with session_scope(report_engine) as session:
        plan_id = plan_named(session, region=HEFEI).id
        indicator = session.scalars(
            select(Indicator.id).where(Indicator.plan_id == plan_id, Indicator.name == name)
        ).one()
        draft = ProblemDraft(plan_id, OVERDUE, "red", department, "开展参保扩面专项行动",
                             date(2024, 6, 30), indicator_id=indicator, year=2023)  # fmt: skip
        open_problem(session, draft, author="admin")
    return report_engine


def _document(engine: Engine, kind: str, region: str, year: int) -> Document:
    with session_scope(engine) as session:
        plan_id = plan_named(session, region=region).id
        report = render_report(session, kind=kind, plan_id=plan_id, year=year)
    return Document(io.BytesIO(report.docx))


@pytest.fixture(scope="module")
def hefei(engine: Engine) -> Document:
    return _document(engine, "evaluation", HEFEI, 2023)


def _rows(document: Document, header: tuple[str, ...]) -> list[list[str]]:
    for table in document.tables:
        if tuple(cell.text for cell in table.rows[0].cells) == header:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table headed {header}")


def _section(document: Document, heading: str) -> list[str]:
    """The paragraphs under a level-1 heading, up to the next one."""
    texts_ = [p.text for p in document.paragraphs]
    start = texts_.index(heading) + 1
    following = [i for i, t in enumerate(texts_[start:], start) if t in texts.EVALUATION_HEADINGS]
    return texts_[start : following[0] if following else None]


def test_table_1_rows_add_up(hefei: Document) -> None:
    rows = _rows(hefei, texts.DOMAIN_STATUS_HEADER)
    assert len(rows) == 9
    for row in rows:
        assert int(row[1]) == sum(int(cell) for cell in row[2:]), row


def test_warnings_have_units_departments_and_no_jargon(hefei: Document) -> None:
    rows = _rows(hefei, texts.WARNING_HEADER)
    assert rows[0][3] == "合肥市人社局" and "万人" in rows[0][4]
    assert all("r=" not in row[4] and "比率" not in row[4] for row in rows)
    assert {row[3] for row in rows[1:]} == {texts.NO_DEPARTMENT}


def test_problems_and_suggestions_are_drafted_from_the_warnings(hefei: Document) -> None:
    problems = _section(hefei, "九、存在问题")
    assert problems[0] == texts.DRAFT_NOTE
    assert problems[1].startswith("（一）劳有所得领域指标滞后。失业保险参保人数（合肥市）进展缓慢")
    assert any(OVERDUE in p and "超过整改时限" in p for p in problems)
    assert any("监测数据不全" in p for p in problems)
    advice = _section(hefei, "十、对策建议")
    assert advice[0] == texts.DRAFT_NOTE
    assert advice[1].startswith("（一）请合肥市人社局针对失业保险参保人数等指标滞后情况")
    assert any("暂无数据指标的监测值" in p for p in advice)


def test_the_ledger_lists_owner_deadline_and_state(hefei: Document) -> None:
    rows = _rows(hefei, texts.LEDGER_HEADER)
    assert [row[0] for row in rows] == [OVERDUE]
    assert rows[0][2:] == ["合肥市人社局", "2024年6月30日", "已逾期"]
    assert "失业保险参保人数" in rows[0][1]
    said = _section(hefei, "八、问题清单与整改情况")[0]
    assert "共有问题1项" in said and "已逾期1项" in said


def test_a_plan_without_data_says_it_cannot_judge(engine: Engine) -> None:
    """No observations after the base year: no verdict is claimed, nothing 'found fine'."""
    document = _document(engine, "evaluation", "六安市", 2023)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "未发现需要预警" not in text
    assert "无法判断是否需要预警" in text
    assert texts.OVERVIEW_NO_DATA.format(year=2023) in text
    assert texts.LEDGER_NONE.split("，")[1] in text


def test_annual_report_names_a_red_regressing_indicator(engine: Engine) -> None:
    document = _document(engine, "annual", HEFEI, 2023)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1项出现倒退（养老机构护理型床位占比，红色预警）" in text
    assert "进展偏慢（养老机构护理型床位占比" not in text
    assert "1项进展偏慢（失业保险参保人数，红色预警" in text


@pytest.mark.parametrize(
    ("direction", "before", "after", "said"),
    [
        ("lower_is_better", 2.71, 2.9, "婴儿死亡率由2.71升至2.9‰，有所下滑"),
        ("lower_is_better", 2.9, 2.71, "婴儿死亡率由2.9降至2.71‰，有所改善"),
        ("higher_is_better", 2.9, 2.71, "婴儿死亡率由2.9降至2.71‰，有所下滑"),
        ("within_band", 2.9, 2.71, "婴儿死亡率由2.9降至2.71‰"),
        ("lower_is_better", 2.9, 2.9, "婴儿死亡率与上年持平，为2.9‰"),
    ],
)
def test_change_words_follow_the_direction(direction, before, after, said) -> None:
    change = ObservationChange(1, "婴儿死亡率", "‰", before, after)
    assert observation_line(change, direction) == said


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        (1, 1, "零就业家庭动态清零已做到，与上年相同"),
        (0, 1, "零就业家庭动态清零由未做到变为已做到"),
    ],
)
def test_a_yes_no_indicator_reads_in_words(before, after, said) -> None:
    change = ObservationChange(1, "零就业家庭动态清零", None, before, after)
    assert observation_line(change, "qualitative") == said


def _pixels_near(png: bytes, colour: str) -> int:
    rgb = image.imread(io.BytesIO(png), format="png")[..., :3]
    return int((np.abs(rgb - np.array(to_rgb(colour))).max(axis=-1) < 0.02).sum())


def test_progress_chart_colours_by_the_evaluators_status() -> None:
    """A ratio of 0.9999999999999994 the evaluator calls on track is drawn on track."""
    png = progress_bars(["人均预期寿命"], [0.9999999999999994], ["on_track"], "完成进度")
    assert _pixels_near(png, STATUS_COLOURS["on_track"]) > 500
    assert _pixels_near(png, STATUS_COLOURS["stagnating"]) == 0


def test_statuses_differ_in_black_and_white() -> None:
    """Each pair of statuses differs by pattern or clearly by grey level."""

    def grey(status: str) -> float:
        r, g, b = to_rgb(STATUS_COLOURS[status])
        return 0.299 * r + 0.587 * g + 0.114 * b

    statuses = list(STATUS_COLOURS)
    for i, one in enumerate(statuses):
        for other in statuses[i + 1 :]:
            assert (
                STATUS_HATCHES[one] != STATUS_HATCHES[other] or abs(grey(one) - grey(other)) > 0.3
            ), (one, other)
