"""A house template configured for the web (MINSHENG_REPORT_TEMPLATE): the downloads fill
it; a template that is not a Word file is a clear 422, never a 500.

Each test asks for a URL no other test asks for: the shared server keeps anonymous
responses, and the template is configured when the server starts, not per request."""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt

LETTERHEAD = "合肥市发展和改革委员会文件"


def _hefei(client) -> str:
    return re.search(r'href="/plans/(\d+)">合肥市', client.get("/reports").text)[1]


def test_downloads_fill_the_configured_template(read_server, monkeypatch, tmp_path: Path):
    template = tmp_path / "发改委模板.docx"
    house = Document()
    house.add_paragraph(LETTERHEAD)
    style = house.styles.add_style("公文正文", 1)
    style.font.name, style.font.size = "宋体", Pt(15)
    house.save(str(template))
    monkeypatch.setenv("MINSHENG_REPORT_TEMPLATE", str(template))
    with read_server.client() as client:
        url = f"/reports/annual/{_hefei(client)}"
        response = client.get(url, params={"year": 2022, "format": "docx"})
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == LETTERHEAD
    assert document.styles["公文正文"].font.size == Pt(15)


def test_a_template_that_is_not_docx_is_a_clear_error(read_server, monkeypatch, tmp_path: Path):
    bad = tmp_path / "模板.docx"
    bad.write_text("not a Word file", encoding="utf-8")
    monkeypatch.setenv("MINSHENG_REPORT_TEMPLATE", str(bad))
    with read_server.client() as client:
        url = f"/reports/annual/{_hefei(client)}"
        response = client.get(url, params={"year": 2021, "format": "docx"})
    assert response.status_code == 422
    assert "not a Word document" in response.text
