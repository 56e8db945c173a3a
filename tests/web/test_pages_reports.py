"""The reports page and a DOCX download over HTTP, on both databases."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

from docx import Document

from minsheng.web.pages import reports

PLAN_ROW = r'<th scope="rowgroup"[^>]*><a href="/plans/(\d+)"'


def test_reports_page_lists_every_plan_with_links(read_server):
    with read_server.client() as client:
        page = client.get("/reports")
    assert page.status_code == 200
    assert "评估与年度报告" in page.text
    plan_ids = set(
        re.findall(r'href="/reports/evaluation/(\d+)\?year=2023&amp;format=docx"', page.text)
    )
    assert len(plan_ids) == 5  # the five seed plans, not the national reference
    for plan_id in plan_ids:
        assert f'href="/reports/annual/{plan_id}?year=2024&amp;format=pdf"' in page.text


def test_evaluation_report_downloads_as_docx(read_server):
    with read_server.client() as client:
        page = client.get("/reports").text
        hefei = re.search(r'href="/plans/(\d+)">合肥市', page)[1]
        response = client.get(
            f"/reports/evaluation/{hefei}", params={"year": 2023, "format": "docx"}
        )
        missing = client.get("/reports/evaluation/999999", params={"year": 2023})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "合肥市“十四五”公共服务规划实施中期评估报告.docx" in unquote(disposition)
    document = Document(io.BytesIO(response.content))
    assert (
        document.paragraphs[0].text.replace("\n", "")
        == "合肥市“十四五”公共服务规划实施中期评估报告"
    )
    assert len(document.inline_shapes) >= 1
    assert missing.status_code == 404


def test_a_long_list_of_plans_is_paged(live_server, monkeypatch):
    """The nation's 2,876 plans made a 6.6 MB page: the list is paged like the overview."""
    monkeypatch.setattr(reports, "PAGE_SIZE", 2)
    with live_server.client() as client:
        first, past = client.get("/reports"), client.get("/reports", params={"page": 99})
    plans = [
        re.findall(r'<th scope="rowgroup"[^>]*><a href="/plans/(\d+)"', page.text)
        for page in (first, past)
    ]
    assert len(plans[0]) == 2 and "第 1 / 3 页" in first.text and 'rel="next"' in first.text
    assert len(plans[1]) == 1 and "第 3 / 3 页" in past.text and 'rel="next"' not in past.text
