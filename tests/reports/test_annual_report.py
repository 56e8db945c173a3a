"""The annual public report of every seed plan's region, as DOCX and PDF, checked again."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from minsheng.reports import ReportFormat, render_report, texts, to_format
from minsheng.reports.annual import assemble
from minsheng.store import session_scope
from minsheng.usecases.read.plans import plan_named
from tests.reports.conftest import (
    ARTIFACTS,
    HEFEI,
    REGIONS,
    REVISED_STANDARD,
    footer_has_page_field,
    headings,
    pdf_pages,
    pdf_text,
    render_pages,
    require_tool,
)

YEAR = 2024


@pytest.mark.parametrize("region", REGIONS)
def test_annual_report_docx_and_pdf(report_engine, tmp_path, region):
    with session_scope(report_engine) as session:
        report = render_report(
            session, kind="annual", plan_id=plan_named(session, region=region).id, year=YEAR
        )
    docx = tmp_path / "annual.docx"
    docx.write_bytes(report.docx)
    document = Document(str(docx))
    assert report.title == f"{region}{YEAR}年公共服务发展年度报告"
    assert document.paragraphs[0].text == report.title
    assert headings(docx) == list(texts.ANNUAL_HEADINGS)
    assert len(document.inline_shapes) >= 1
    assert footer_has_page_field(docx)
    require_tool("soffice", "libreoffice-writer-nogui")
    pdf = tmp_path / "annual.pdf"
    pdf.write_bytes(to_format(report, ReportFormat.PDF))
    text = pdf_text(pdf)
    assert report.title in text
    assert "正在执行的基本公共服务标准" in text
    pages = render_pages(pdf, ARTIFACTS / region, "annual")
    assert len(pages) == pdf_pages(pdf)


def test_hefei_annual_report_says_what_changed(report_engine, tmp_path):
    with session_scope(report_engine) as session:
        report = render_report(
            session, kind="annual", plan_id=plan_named(session, region=HEFEI).id, year=YEAR
        )
    docx = tmp_path / "annual.docx"
    docx.write_bytes(report.docx)
    document = Document(str(docx))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "病有所医：人均预期寿命由80.05升至80.1岁，有所改善。" in text  # a paragraph a domain
    assert "孕产妇死亡率由9.1降至8.5（每10万人），有所改善" in text  # lower is better
    assert "上升" not in text and "进度比率" not in text
    assert "养老机构护理型床位占比由“出现倒退”变为“已实现”" in text
    assert len(document.inline_shapes) == 1  # status by domain; no progress-ratio chart
    standards = next(t for t in document.tables if t.rows[0].cells[0].text == "服务项目")
    assert [c.text for c in standards.rows[1].cells] == ["免费孕前优生健康检查",
                                                         *REVISED_STANDARD.values()]  # fmt: skip


def test_edits_of_this_year_are_listed(report_engine):
    """Standards and project updates are dated by when they were recorded: this year."""
    this_year = date.today().year
    with session_scope(report_engine) as session:
        data = assemble(session, plan_id=plan_named(session, region=HEFEI).id, year=this_year)
        earlier = assemble(session, plan_id=plan_named(session, region=HEFEI).id, year=YEAR)
    assert data.standards_revised == ["免费孕前优生健康检查"]
    assert [(p.name, p.status, p.progress) for p in data.projects_updated] == [
        ("蒙城路小学", "in_progress", 40)
    ]
    assert earlier.standards_revised == [] and earlier.projects_updated == []
