"""The evaluation report's 设施布局与服务半径 section, on the demonstration database with
its synthetic residents and facilities (示例数据): the coverage table agrees with the
coverage the page and API give, the norms table lists the four norms, later tables are
numbered on, and a city without points says why there is nothing to show."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from docx import Document
from sqlalchemy import Engine

from minsheng.data.bundled import bundled_plans
from minsheng.reports import render_report, texts
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.read.access import coverage
from minsheng.usecases.read.plans import plan_named

YEAR = 2025


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path_factory.mktemp('facilities') / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans(), sample_data=True)
    yield engine
    engine.dispose()


def _report(engine: Engine, region: str) -> Document:
    with session_scope(engine) as session:
        plan_id = plan_named(session, region=region).id
        report = render_report(session, kind="evaluation", plan_id=plan_id, year=YEAR)
    return Document(io.BytesIO(report.docx))


def _rows(document: Document, header: tuple[str, ...]) -> list[list[str]]:
    for table in document.tables:
        if tuple(cell.text for cell in table.rows[0].cells) == header:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table headed {header}")


def test_the_section_agrees_with_the_coverage_the_page_shows(demo_engine):
    document = _report(demo_engine, "合肥市")
    text = [p.text for p in document.paragraphs]
    assert "六、设施布局与服务半径" in text and "七、重点项目实施情况" in text
    assert texts.FACILITIES_SAMPLE in text
    rows = _rows(document, texts.FACILITIES_HEADER)
    assert len(rows) == 9 and rows[0][0] == "社区卫生服务中心"
    with session_scope(demo_engine) as session:
        plan_id = plan_named(session, region="合肥市").id
        found = coverage(session, plan_id=plan_id, type_code="community_health_center")
    assert rows[0][1:4] == ["1000", str(found.setting.facilities), f"{found.total.share:.1%}"]
    norms = _rows(document, texts.NORMS_HEADER)
    assert [row[0] for row in norms] == ["托育机构", "社区卫生服务中心", "养老服务设施", "体育设施"]
    assert all(row[3].endswith("/9") for row in norms)
    captions = [t for t in text if re.match("表[0-9]+\u3000", t)]
    assert [int(c[1 : c.index("\u3000")]) for c in captions] == list(range(1, len(captions) + 1))
    assert [c.split("\u3000")[1] for c in captions[4:]] == [
        texts.EQUALIZATION_TABLE[True],
        texts.DISTRICT_VALUES_TABLE,
        texts.FACILITIES_TABLE,
        texts.NORMS_TABLE,
        "重点项目实施情况",
    ]  # numbered without gaps, whichever sections have tables


def test_the_district_breakdown_lists_every_district_value(demo_engine):
    """区县 values of the final year's latest data (2024), highest first, and how many
    districts reach the target, for each indicator the districts report."""
    document = _report(demo_engine, "合肥市")
    rows = _rows(document, texts.DISTRICT_VALUES_HEADER)
    assert len(rows) >= 10
    _name, _unit, reaching, values = rows[0]
    numbers = [float(part.split()[1]) for part in values.split("、") if not part.endswith("—")]
    assert len(numbers) == 9 and numbers == sorted(numbers, reverse=True)  # Hefei's 9 areas
    assert re.fullmatch(r"\d/9", reaching)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "尚未报送监测数据" not in text and texts.EQUALIZATION_SAMPLE in text
    assert "零就业家庭动态清零" not in [row[0] for row in rows]  # yes/no: no gap to measure
    table_2 = next(t for t in document.tables if t.rows[0].cells[1].text == "指标")
    zero = next(r for r in table_2.rows if r.cells[1].text == "零就业家庭动态清零")
    assert zero.cells[5].text == "是\n（2024）"  # not 1
    chart = next(p for p in text.splitlines() if p.startswith("图2"))  # 18 ≤ 20 bars: all
    assert chart == "图2\u3000有监测数据指标的完成进度"


def test_a_city_without_points_says_so(demo_engine):
    document = _report(demo_engine, "六安市")
    text = [p.text for p in document.paragraphs]
    assert texts.FACILITIES_NO_DATA.format(region="六安市") in text
    assert texts.TABLE.format(n=7, name="重点项目实施情况") in text  # after the districts' 5, 6
