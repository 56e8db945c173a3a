"""The annual report's survey section over the demo's sample survey (示例数据): the year's
surveys, respondents, the overall mean and interval, the best and worst domain, one table
row per domain, written into a 公文 document; and the words for a year without surveys."""

from __future__ import annotations

import io

import docx
import pytest

from minsheng.data.bundled import bundled_plans
from minsheng.exports.surveys import results_xlsx
from minsheng.reports import render_report, texts
from minsheng.reports.govdoc import GovDocument
from minsheng.reports.survey_section import gather, render, survey_section
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.import_plan import import_plan
from minsheng.usecases.sample_survey import RESPONDENTS, add_sample_survey


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int, int]:
    """A SQLite database with 合肥's plan and the sample survey: (url, plan id, survey id)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('survey') / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    plan = next(plan for plan in bundled_plans() if plan.plan.region == "合肥市")
    with session_scope(engine) as session:
        plan_id = import_plan(session, plan, author="test").plan_id
        survey_id = add_sample_survey(session, author="demo")
    engine.dispose()
    assert survey_id is not None
    return url, plan_id, survey_id


def test_the_section_sums_up_the_years_surveys_and_tables_each_domain(sample):
    url, plan_id, _ = sample
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        results = gather(session, plan_id=plan_id, year=2025)
    engine.dispose()
    section = survey_section(results, year=2025)
    assert section.paragraphs[0].startswith(
        f"2025年共开展基本公共服务社会满意度调查1项，回收有效答卷{RESPONDENTS}份"
    )
    assert "总体满意度平均" in section.paragraphs[1] and "满意度最高" in section.paragraphs[1]
    assert "示例数据" in section.paragraphs[-1]
    assert len(section.rows) == len(results[0].by_domain) == 9
    assert all(row[2] != "0" for row in section.rows)
    document = GovDocument()
    render(document, section)
    buffer = io.BytesIO()
    document.document.save(buffer)
    written = docx.Document(io.BytesIO(buffer.getvalue()))
    assert any("满意度调查结果" in p.text for p in written.paragraphs)
    assert len(written.tables) == 1 and len(written.tables[0].rows) == 10


def test_a_year_without_surveys_says_so(sample):
    url, plan_id, _ = sample
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        results = gather(session, plan_id=plan_id, year=2023)
        found = gather(session, plan_id=plan_id, year=2025)[0]
    engine.dispose()
    assert survey_section(results, year=2023).paragraphs == [
        "2023年未开展基本公共服务社会满意度调查。"
    ]
    assert results_xlsx(found)[:2] == b"PK"


def test_the_annual_report_carries_the_section(sample):
    url, plan_id, _ = sample
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        report = render_report(session, kind="annual", plan_id=plan_id, year=2025)
    engine.dispose()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.docx)).paragraphs)
    assert texts.ANNUAL_HEADINGS[-1] in text
    assert f"回收有效答卷{RESPONDENTS}份" in text and "示例数据" in text
