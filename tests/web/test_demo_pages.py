"""Pages over the demo's synthetic monitoring set, as a planner meets them: the review queue
of the 2025 round (330 values) in pages of 100, flagged values first (the planted 孕产妇死亡率
jump on page one, not among 45,000 pixels); a warning taken into the problem ledger."""

from __future__ import annotations

import re

import pytest

from minsheng.data.bundled import bundled_plans
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.demo import set_up_demo
from tests.web.conftest import LiveServer, _serving


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("review-paging")
    url = f"sqlite:///{folder / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        setup = set_up_demo(session, bundled_plans()[:1], sample_data=True)
    engine.dispose()
    assert setup.sample and setup.sample.workflow
    with _serving(url, folder, setup.admin_password or "") as server:
        yield server, setup.sample.workflow.accounts["planner"]


def _planner_page(
    server: LiveServer, password: str, query: str, path: str = "/entry/review"
) -> str:
    with server.client() as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
        client.post(
            "/login", data={"username": "planner", "password": password, "csrf_token": token}
        )
        answer = client.get(f"{path}{query}")
    assert answer.status_code == 200
    return answer.text


def test_the_queue_comes_in_pages_with_flagged_values_first(demo_server):
    server, password = demo_server
    first = _planner_page(server, password, "")
    assert "第 1/4 页" in first and 'rel="next"' in first
    rows = re.findall(r'<tr id="obs-\d+" class="(flagged)?', first)
    assert len(rows) == 100
    flagged = [i for i, mark in enumerate(rows) if mark]
    assert flagged and flagged == list(range(len(flagged)))  # the flagged rows lead
    assert "孕产妇死亡率" in first.split("</tbody>")[0]
    last = _planner_page(server, password, "?page=4")
    assert (
        len(re.findall(r'<tr id="obs-\d+"', last)) == 29 and 'rel="prev"' in last
    )  # 330 sent, 1 returned


def test_the_pages_keep_the_filter(demo_server):
    server, password = demo_server
    page = _planner_page(server, password, "?flag=flagged")
    assert "第 1/" not in page  # the flagged values fit on one page
    assert 'rel="next"' not in page


def test_a_warning_is_taken_into_the_problem_ledger(demo_server):
    server, password = demo_server
    warnings = _planner_page(server, password, "?plan=合肥市", path="/warnings")
    links = re.findall(r'href="(/problems/new\?[^"]+)">列入问题清单', warnings)
    assert links, "every warning row offers 列入问题清单 to a planner"
    form = _planner_page(server, password, "", path=links[0].replace("&amp;", "&"))
    assert "kind=red" in links[0] or "kind=yellow" in links[0]
    assert 'name="title"' in form and "合肥市" in form
    with server.client() as anonymous:
        assert "列入问题清单" not in anonymous.get("/warnings").text


def test_a_qualitative_value_reads_yes_not_one(demo_server):
    server, _ = demo_server
    with server.client() as client:
        plans = client.get("/api/v1/plans").json()
        hefei = next(p["id"] for p in plans if p["region"] == "合肥市")
        page = client.get(f"/plans/{hefei}").text
    row = page.split("零就业家庭动态清零")[1].split("</tr>")[0]
    assert "是<span" in row and ">1<" not in row
