"""The evaluation report of every seed plan, as DOCX and PDF, opened again and checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from minsheng.evaluate.rollup import early_warnings
from minsheng.reports import ReportFormat, render_report, texts, to_format
from minsheng.reports.evaluation import assemble
from minsheng.store import session_scope
from minsheng.usecases.read.indicators import list_indicators
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.plans import plan_named
from tests.reports.conftest import (
    ARTIFACTS,
    HEFEI,
    REGIONS,
    footer_has_page_field,
    headings,
    pdf_pages,
    pdf_text,
    render_pages,
    require_tool,
)

YEAR = 2023


@dataclass(frozen=True)
class Generated:
    region: str
    title: str
    docx: Path
    pdf: Path | None
    indicators: list[tuple[str, str, str, str, str]]  # domain, name, unit, baseline, target
    warnings: list[tuple[str, str]]  # level label, name


@pytest.fixture(scope="module", params=REGIONS)
def generated(request, report_engine, tmp_path_factory) -> Generated:
    region = request.param
    folder = tmp_path_factory.mktemp("evaluation")
    with session_scope(report_engine) as session:
        report = render_report(
            session, kind="evaluation", plan_id=plan_named(session, region=region).id, year=YEAR
        )
        data = assemble(session, plan_id=plan_named(session, region=region).id, year=YEAR)
        stored = list_indicators(session, region=region, window=Slice(1000)).items
    docx = folder / "evaluation.docx"
    docx.write_bytes(report.docx)
    pdf = None
    if _has_soffice():
        pdf = folder / "evaluation.pdf"
        pdf.write_bytes(to_format(report, ReportFormat.PDF))
    rows = [(i.domain, i.name, i.unit or "", i.baseline.raw, i.target.raw) for i in stored]
    warned = [(texts.label(e.warning), e.name) for e in early_warnings(data.evaluated.evaluations)]
    return Generated(region, report.title, docx, pdf, rows, warned)


def _has_soffice() -> bool:
    require_tool("soffice", "libreoffice-writer-nogui")
    return True


def _table(document, first_header: str, second_header: str):
    for table in document.tables:
        cells = [cell.text for cell in table.rows[0].cells]
        if cells[:2] == [first_header, second_header]:
            return table
    raise AssertionError(f"no table headed {first_header}, {second_header}")


def test_title_headings_figure_and_page_numbers(generated):
    document = Document(str(generated.docx))
    assert document.paragraphs[0].text.replace("\n", "") == generated.title  # title in lines
    assert generated.region in generated.title
    assert generated.title.endswith("实施中期评估报告")
    assert headings(generated.docx) == list(texts.EVALUATION_HEADINGS)
    assert len(document.inline_shapes) >= 1
    assert footer_has_page_field(generated.docx)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_indicator_table_has_every_indicator_with_its_plan_values(generated):
    table = _table(Document(str(generated.docx)), "领域", "指标")
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["领域", "指标", "单位", "2020年基期值", "2025年目标值", "监测值（数据年份）",
                      "状态", "预警"]  # fmt: skip
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert len(body) == len(generated.indicators)
    assert [tuple(row[:5]) for row in body] == generated.indicators


def test_warning_rows_red_first_with_reasons(generated):
    document = Document(str(generated.docx))
    if not generated.warnings:  # said honestly: nothing warned, or nothing could be judged
        said = [p.text for p in document.paragraphs if p.text.startswith(f"截至{YEAR}年")]
        assert any("未发现需要预警" in text or "无法判断" in text for text in said)
        return
    table = _table(document, "预警", "指标")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [(row[0], row[1]) for row in rows] == generated.warnings
    levels = [row[0] for row in rows]
    assert levels == sorted(levels, key=lambda level: level != "红色预警")


def test_pdf_text_and_pages(generated):
    if generated.pdf is None:
        pytest.skip("no PDF without soffice")
    text = pdf_text(generated.pdf)
    assert generated.title in text
    for _domain, name, _unit, baseline, target in generated.indicators[:10]:
        assert "".join(name.split()) in text
        assert baseline in text and target in text
    pages = render_pages(generated.pdf, ARTIFACTS / generated.region, "evaluation")
    assert len(pages) == pdf_pages(generated.pdf)
    assert all(page.stat().st_size > 5000 for page in pages)


def test_hefei_mid_term_warnings_explain_the_linear_path(report_engine, tmp_path):
    """In plain words (no "r="), with units and the department that reports the value."""
    with session_scope(report_engine) as session:
        report = render_report(
            session, kind="evaluation", plan_id=plan_named(session, region=HEFEI).id, year=YEAR
        )
    path = tmp_path / "hefei.docx"
    path.write_bytes(report.docx)
    document = Document(str(path))
    assert report.title == "合肥市“十四五”公共服务规划实施中期评估报告"
    rows = [[cell.text for cell in row.cells] for row in _table(document, "预警", "指标").rows[1:]]
    assert rows[:2] == [
        ["红色预警", "失业保险参保人数", HEFEI, "合肥市人社局",
         "约束性指标，按线性进度2023年应达到216.16万人，实际196万人，完成进度为应有进度的3%。"],
        ["红色预警", "养老机构护理型床位占比", HEFEI, texts.NO_DEPARTMENT,
         "约束性指标，按线性进度2023年应达到52.2%，实际47%，较基期值向相反方向变化（出现倒退）。"],
    ]  # fmt: skip
    assert [row[0] for row in rows[2:]] == ["黄色预警", "黄色预警"]
    table = _table(document, "领域", "指标")
    life = next(row for row in table.rows if row.cells[1].text == "人均预期寿命")
    assert [cell.text for cell in life.cells[3:]] == [
        "79.81",
        "80.2",
        "80.05\n（2023）",
        "进度正常",
        "",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "部门报送" in text or "条" in text
    assert "评估方法" in text and "docs/" not in text and ".txt" not in text


@pytest.mark.parametrize(
    ("year", "kind"), [(2025, "实施终期（总结）评估报告"), (2024, "2024年度实施评估报告")]
)
def test_title_names_the_kind_of_evaluation(report_engine, year, kind):
    with session_scope(report_engine) as session:
        data = assemble(session, plan_id=plan_named(session, region=HEFEI).id, year=year)
    assert data.title == f"合肥市“十四五”公共服务规划{kind}"


@pytest.mark.parametrize(
    ("year", "named"),
    [(2023, "中期评估"), (2025, "终期评估"), (2024, "年度监测")],
)
def test_the_report_names_its_evaluation_by_year(report_engine, year, named):
    with session_scope(report_engine) as session:
        data = assemble(session, plan_id=plan_named(session, region=HEFEI).id, year=year)
    assert data.judged_as == f"评估年份{year}年（{named}，规划期2021—2025年）"


def test_the_final_report_judges_2024_values_against_the_target_and_says_so(
    report_engine, tmp_path
):
    """Hefei reported up to 2024: judged for 2025, 80.1 of 80.2 (人均预期寿命) is not
    achieved, not on track, and the report says the values are from an earlier year."""
    with session_scope(report_engine) as session:
        plan_id = plan_named(session, region=HEFEI).id
        final = render_report(session, kind="evaluation", plan_id=plan_id, year=2025)
        data = assemble(session, plan_id=plan_id, year=2025)
    life = next(line for line in data.evaluated.lines if line.indicator.name == "人均预期寿命")
    assert (life.evaluation.year, life.evaluation.judged_year) == (2024, 2025)
    assert life.evaluation.status == "not_achieved"
    assert "on_track" not in {line.evaluation.status for line in data.evaluated.lines}
    path = tmp_path / "final.docx"
    path.write_bytes(final.docx)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "评估年份2025年（终期评估" in text
    assert "截至2025年的最新监测值来自更早年份" in text
