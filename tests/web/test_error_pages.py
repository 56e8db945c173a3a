"""Refusals a resident meets on a page are said in Chinese: an unknown plan, indicator or
service item by its own Chinese message, any refusal written for the command line in the
status's Chinese sentence with the original kept as technical detail; an indicator asked
for under a plan it is not in is refused, not shown as a plan without districts."""

from __future__ import annotations

import re

import pytest
from lxml import html

from tests.web.conftest import LiveServer

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _error(server: LiveServer, path: str) -> tuple[int, str, str]:
    """(status, the alert's text, the technical detail's text) of an error page."""
    with server.client() as client:
        answer = client.get(path)
    document = html.fromstring(answer.text)
    alert = document.xpath("//p[@role='alert']")
    detail = document.xpath("//p[code]")
    return (
        answer.status_code,
        alert[0].text_content() if alert else "",
        detail[0].text_content() if detail else "",
    )


def _plan_ids(server: LiveServer) -> dict[str, int]:
    with server.client() as client:
        return {p["region"]: p["id"] for p in client.get("/api/v1/plans").json()}


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/plans/99999", "没有编号为 99999 的规划"),
        ("/indicators/99999", "没有编号为 99999 的指标"),
        ("/standards/items/99999", "没有编号为 99999 的服务项目"),
    ],
)
def test_an_unknown_record_is_named_in_chinese(read_server, path, said):
    status, alert, detail = _error(read_server, path)
    assert status == 404 and alert == said and not detail


def test_a_refusal_without_chinese_is_said_in_chinese_and_kept_as_detail(read_server):
    status, alert, detail = _error(read_server, "/downloads/plans/99999.xlsx")
    assert status == 404 and CHINESE.search(alert), alert
    assert "99999" in detail and not CHINESE.search(detail.removeprefix("技术信息："))


def test_an_indicator_of_another_plan_is_refused_on_the_equalization_page(read_server):
    plans = _plan_ids(read_server)
    hefei, luan = plans["合肥市"], plans["六安市"]
    with read_server.client() as client:
        other = client.get(f"/api/v1/indicators?plan_id={luan}&limit=1").json()[0]["id"]
    status, alert, _ = _error(read_server, f"/plans/{hefei}/equalization?indicator={other}")
    assert status == 404
    assert alert == f"规划 {hefei} 中没有编号为 {other} 的指标"


def test_a_refused_year_or_day_is_said_in_chinese_alone(read_server):
    """The command line and the API get the English with the Chinese; a page the Chinese."""
    status, alert, detail = _error(read_server, "/warnings?year=1999")
    assert status == 422 and not detail
    assert alert == "评估年份须在规划期 2021—2025 年内，无法评估 1999 年。"
    hefei = _plan_ids(read_server)["合肥市"]
    status, alert, _ = _error(read_server, f"/plans/{hefei}?as_of=2099-01-01")
    assert status == 422 and re.fullmatch(r"数据截至日期不能晚于今天（\d{4}-\d\d-\d\d）。", alert)
    with read_server.client() as client:
        problem = client.get("/api/v1/warnings?year=1999").json()
    assert "no evaluation for 1999" in problem["detail"] and "评估年份" in problem["detail"]
