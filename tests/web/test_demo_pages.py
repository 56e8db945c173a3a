"""Pages over the demo's synthetic monitoring set, as a planner meets them: the review queue
of the 2025 round (330 values) in pages of 100, flagged values first (the planted 孕产妇死亡率
jump on page one, not among 45,000 pixels); a warning taken into the problem ledger."""

from __future__ import annotations

import re

import pytest

from minsheng.data.bundled import bundled_plans
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.demo import set_up_demo
from tests.web.conftest import LiveServer, _serving, screenshot


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


PHONE = {"width": 390, "height": 844}
# Layout faults a resident would see on a phone, measured in the page itself: the page
# scrolling sideways (a wide table may scroll inside its own box), a header eating the
# screen, search fields as tall as the screen, and table cells so narrow that names wrap
# one or two characters a line.
PHONE_FAULTS = """() => {
  const faults = [];
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth + 1) faults.push(`scrolls sideways: ${width}px`);
  const header = document.querySelector("header");
  if (header && header.getBoundingClientRect().height > 140)
    faults.push(`header ${Math.round(header.getBoundingClientRect().height)}px tall`);
  for (const cell of document.querySelectorAll("td, th")) {
    const text = cell.innerText.trim();
    const tops = new Set();
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.checkVisibility()) continue;  // e.g. inside a closed <details>
      if (node.parentElement.closest(".sr-only")) continue;  // read out, never seen
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    const lines = tops.size;
    if (text.length >= 3 && lines >= 3 && lines * 2 >= text.length)
      faults.push(`cell "${text.slice(0, 12)}" wraps in ${lines} lines`);
  }
  for (const field of document.querySelectorAll("input[type=search], input[type=text], select")) {
    const box = field.getBoundingClientRect();
    if (box.height > 80) faults.push(`field ${field.name} ${Math.round(box.height)}px tall`);
  }
  return faults.slice(0, 10);
}"""


def _public_paths(server: LiveServer) -> list[str]:
    """Every public page a resident reaches from the menu, with one plan, indicator,
    service item, project and problem each."""
    with server.client() as client:
        plans = client.get("/api/v1/plans").json()
        plan = next(p["id"] for p in plans if p["region"] == "合肥市")
        plan_page = client.get(f"/plans/{plan}").text
        standards = client.get("/standards").text
        projects = client.get("/projects").text
        surveys = client.get("/survey").text
    indicator = re.search(r'href="(/indicators/\d+)[?"]', plan_page)[1]
    item = re.search(r'href="(/standards/items/\d+)[?"]', standards)[1]
    project = re.search(r'href="(/projects/\d+)[?"]', projects)[1]
    survey = re.search(r'href="(/survey/\d+)"', surveys)[1]
    return [
        "/", f"/plans/{plan}", indicator, f"{indicator}/metadata", f"/plans/{plan}/equalization",
        f"/plans/{plan}/facilities", "/warnings", "/standards", item, "/projects", project,
        "/reports", "/problems", "/downloads", "/login", "/survey", survey, f"{survey}/results",
        "/suggestions", "/suggestions/new",
    ]  # fmt: skip


def _phone_faults(phone, server: LiveServer, paths: list[str], name: str) -> dict[str, list]:
    """Each page's layout faults at a phone's width (`PHONE_FAULTS`), its screenshot kept."""
    faults = {}
    for path in paths:
        answer = phone.goto(server.url + path)
        assert answer is not None and answer.status == 200, path
        found = phone.evaluate(PHONE_FAULTS)
        if found:
            faults[path] = found
        screenshot(phone, name + re.sub(r"\W+", "-", path).rstrip("-"))
    return faults


def test_every_public_page_fits_a_phone(demo_server, browser):
    server, _ = demo_server
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    faults = _phone_faults(context.new_page(), server, _public_paths(server), "phone")
    context.close()
    assert not faults, faults


def test_an_indicator_chart_of_sample_values_says_so(demo_server, browser):
    """A chart is copied without its page: the demo's synthetic values are named 示例数据 in
    the chart itself, in its table's caption and above it."""
    server, _ = demo_server
    indicator = _public_paths(server)[2]
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + indicator)
    page.wait_for_selector("#indicator-chart canvas")
    drawn = page.evaluate(
        """() => echarts.getInstanceByDom(document.getElementById("indicator-chart"))
                   .getOption().graphic[0].elements.map((e) => e.style.text)"""
    )
    caption = page.locator("table.series caption").inner_text()
    banner = page.locator("section[aria-labelledby=chart-title] .sample-banner").inner_text()
    context.close()
    assert drawn == ["示例数据"]
    assert "示例数据" in caption and banner.startswith("示例数据")


PLANNER_PATHS = (
    "/entry", "/entry/upload", "/entry/review", "/entry/ranges", "/rounds", "/problems", "/inbox",
)  # fmt: skip


def test_every_planner_page_fits_a_phone(demo_server, browser):
    """The pages a planner works in, signed in, at a phone's width: as the public pages."""
    server, password = demo_server
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    phone = context.new_page()
    phone.goto(f"{server.url}/login")
    phone.get_by_label("用户名").fill("planner")
    phone.get_by_label("密码").fill(password)
    phone.get_by_role("button", name="登录").click()
    phone.wait_for_url(re.compile(r"^(?!.*/login)"))
    faults = _phone_faults(phone, server, list(PLANNER_PATHS), "phone-planner")
    context.close()
    assert not faults, faults
