"""The public dashboard pages, read the way a visitor reads them, on a real server."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from lxml import html
from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.collect import RawRecord
from minsheng.data.bundled import bundled_plans
from minsheng.store import create_engine_for, session_scope
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases import import_plan
from minsheng.usecases.assignments import assign
from minsheng.usecases.observations import record_observations
from tests.web.conftest import ON_SQLITE, LiveServer, screenshot

T = TypeVar("T")
DOMAINS = (
    "幼有所育",
    "学有所教",
    "劳有所得",
    "病有所医",
    "老有所养",
    "住有所居",
    "弱有所扶",
    "优军服务保障",
    "文体服务保障",
)
BINDING = "养老机构护理型床位占比"  # 合肥: 48 in 2020, binding target ≥55
EXPECTED = "人均预期寿命"  # 合肥: 79.81 in 2020, expected target 80.2
HEALTH_DEPARTMENT = "合肥市卫生健康委员会"


def _in_database(server: LiveServer, work: Callable[[Session], T]) -> T:
    """Run `work` in one committed transaction on the server's database."""
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            return work(session)
    finally:
        engine.dispose()


def _plan_id(server: LiveServer, region: str) -> int:
    query = select(Plan.id).join(Region).where(Region.name == region, Plan.is_current)
    return _in_database(server, lambda session: session.scalar(query))


def _indicator_id(server: LiveServer, region: str, name: str) -> int:
    query = (
        select(Indicator.id)
        .join(Plan, Plan.id == Indicator.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .where(Region.name == region, Plan.is_current, Indicator.name == name)
    )
    return _in_database(server, lambda session: session.scalar(query))


def _page(server: LiveServer, path: str) -> html.HtmlElement:
    with server.client() as client:
        response = client.get(path)
    assert response.status_code == 200, response.text
    return html.fromstring(response.text)


def _text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _row(document: html.HtmlElement, table: str, name: str) -> str:
    """The text of the row of `table` (a class) whose row header is `name`."""
    rows = document.xpath(f"//table[contains(@class, '{table}')]//tr[th[@scope='row']]")
    found = [_text(row) for row in rows if _text(row.xpath("th[@scope='row']")[0]) == name]
    assert found, f"no row {name!r} in table {table!r}"
    return found[0]


def _report(server: LiveServer, values: dict[str, str], *, year: int = 2024) -> None:
    """合肥's observations for `year`, approved at once (an administrator's entry)."""
    records = [
        RawRecord(
            file="test",
            sheet=None,
            row=row,
            values={"region": "合肥市", "indicator": name, "year": str(year), "value": value},
            columns={},
        )
        for row, (name, value) in enumerate(values.items(), start=2)
    ]
    _in_database(
        server,
        lambda session: record_observations(
            session, records=records, region="合肥市", author="admin"
        ),
    )


def test_overview_shows_each_plan_by_the_nine_domains(read_server):
    document = _page(read_server, "/")
    cards = document.xpath("//section[contains(@class, 'plan-card')]")
    assert len(cards) == 6
    for card in cards:
        domains = [_text(th) for th in card.xpath(".//table//th[@scope='row']")]
        assert domains == list(DOMAINS)
    reference = [c for c in cards if "reference" in c.get("class")]
    assert len(reference) == 1
    assert "国家参照" in _text(reference[0])
    hefei = next(c for c in cards if "合肥市" in _text(c))
    assert "指标 38 项" in _text(hefei)
    hefei_id = _plan_id(read_server, "合肥市")
    assert hefei.xpath(f".//a[starts-with(@href, '/plans/{hefei_id}?year=')]")


def test_plan_page_shows_indicators_previous_results_and_columns(read_server):
    plan_id = _plan_id(read_server, "合肥市")
    document = _page(read_server, f"/plans/{plan_id}")
    assert "合肥市“十四五”公共服务规划" in _text(document.xpath("//h1")[0])
    assert "2022-03-25" in _text(document)
    nav = [_text(a).rsplit(" ", 1)[0] for a in document.xpath("//nav[@class='domain-nav']//a")]
    assert nav[:9] == list(DOMAINS)
    indicators = document.xpath("//table[contains(@class, 'indicators')]/tbody/tr")
    assert len(indicators) == 38
    life = _row(document, "indicators", EXPECTED)
    assert "79.81" in life
    assert "80.2" in life
    assert "预期性" in life
    assert "约束性" in _row(document, "indicators", BINDING)
    assert "未实现" in _row(document, "previous", "每千常住人口医疗卫生机构床位数")
    assert "已实现" in _row(document, "previous", EXPECTED)
    assert document.xpath(f"//a[@href='/standards?plan={plan_id}' and contains(., '91')]")
    assert document.xpath(f"//a[starts-with(@href, '/projects?plan={plan_id}')]")
    assert "“十四五”合肥市医疗设施重点项目" in _text(document)


def test_indicator_page_charts_the_path_and_compares_other_plans(live_server):
    indicator_id = _indicator_id(live_server, "合肥市", EXPECTED)
    _report(live_server, {EXPECTED: "80.0"}, year=2023)
    document = _page(live_server, f"/indicators/{indicator_id}")
    chart = json.loads(document.xpath("//script[@id='indicator-chart-data']")[0].text)
    assert chart["baseline"] == [2020, 79.81]
    assert chart["observed"] == [[2023, 80.0]]
    assert chart["path"] == [[2020, 79.81], [2025, 80.2]]
    assert chart["target"] == {"low": 80.2, "high": None}
    assert chart["sample"] is False  # reported, not the demonstration's
    assert "80" in _row(document, "series", "2023")
    assert "2023" in _row(document, "regions", "合肥市")
    peers = {
        _text(th).split(" ")[0]
        for th in document.xpath("//table[@class='peers']//th[@scope='row']")
    }
    assert peers == {"合肥市", "六安市", "崆峒区", "滁州市", "淮北市", "全国"}
    assert "国家参照" in _row(document, "peers", "全国 国家参照")
    lu_an = _indicator_id(live_server, "六安市", EXPECTED)
    assert document.xpath(f"//table[@class='peers']//a[starts-with(@href, '/indicators/{lu_an}?')]")


def test_qualitative_target_is_shown_as_text(read_server):
    document = _page(
        read_server, f"/indicators/{_indicator_id(read_server, '合肥市', '零就业家庭动态清零')}"
    )
    assert not document.xpath("//div[@id='indicator-chart']")
    assert "动态清零" in _text(document.xpath("//p[@class='qualitative']")[0])


def test_plan_text_is_escaped(live_server):
    parsed = bundled_plans()[0]
    evil = "<script>alert(1)</script>托位数"
    indicators = [parsed.indicators[0].model_copy(update={"name": evil}), *parsed.indicators[1:]]
    meta = parsed.plan.model_copy(update={"region": "测试市", "title": "<b>测试</b>规划"})
    forged = parsed.model_copy(update={"plan": meta, "indicators": indicators})
    result = _in_database(live_server, lambda s: import_plan(s, forged, author="test"))
    with live_server.client() as client:
        page = client.get(f"/plans/{result.plan_id}").text
        overview = client.get("/").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;托位数" in page
    assert "<script>alert" not in page
    assert "&lt;b&gt;测试&lt;/b&gt;规划" in overview
    assert "<b>测试" not in overview


def test_warnings_put_a_regressing_binding_indicator_first_in_red(live_server):
    with live_server.client() as client:
        assert "红色预警 0 项" in client.get("/warnings").text
    _report(live_server, {BINDING: "40", EXPECTED: "79.0"})
    hefei = _plan_id(live_server, "合肥市")
    binding_id = _indicator_id(live_server, "合肥市", BINDING)
    expected_id = _indicator_id(live_server, "合肥市", EXPECTED)
    _in_database(
        live_server,
        lambda s: assign(
            s, department=HEALTH_DEPARTMENT, indicator_id=expected_id, region_id=None, author="t"
        ),
    )
    document = _page(live_server, "/warnings")
    rows = document.xpath("//table[contains(@class, 'warnings')]/tbody/tr")
    assert [r.xpath(".//th//a/@href")[0].split("?")[0] for r in rows] == [
        f"/indicators/{binding_id}",
        f"/indicators/{expected_id}",
    ]
    assert "红色预警" in _text(rows[0])
    assert "出现倒退" in _text(rows[0])
    assert "未分配" in _text(rows[0])
    assert "黄色预警" in _text(rows[1])
    assert HEALTH_DEPARTMENT in _text(rows[1])
    assert "红色预警 1 项" in _text(document)
    assert "黄色预警 1 项" in _text(document)
    assert document.xpath("//a[starts-with(@href, '/api/v1/warnings?format=csv')]")

    def hrefs(query: str) -> list[str]:
        page = _page(live_server, f"/warnings?{query}")
        found = page.xpath("//table[contains(@class, 'warnings')]//th//a/@href")
        return [href.split("?")[0] for href in found]  # the year travels: ?year=…

    assert hrefs("domain=病有所医") == [f"/indicators/{expected_id}"]
    assert hrefs(f"department={HEALTH_DEPARTMENT}") == [f"/indicators/{expected_id}"]
    assert hrefs(f"plan={hefei}&region=合肥市") == [
        f"/indicators/{binding_id}",
        f"/indicators/{expected_id}",
    ]
    assert hrefs(f"plan={_plan_id(live_server, '六安市')}") == []
    narrowed = _page(live_server, f"/warnings?plan={hefei}&domain=老有所养")
    csv = narrowed.xpath("//a[@class='download']/@href")[0]
    with live_server.client() as client:
        exported = client.get(csv)
    assert exported.status_code == 200
    assert BINDING in exported.text
    assert EXPECTED not in exported.text
    plan_page = _page(live_server, f"/plans/{hefei}")
    assert "红色预警" in _row(plan_page, "indicators", BINDING)
    assert hrefs("page=99") == hrefs("page=0") == hrefs("")  # past the ends: the one page
    assert not _page(live_server, "/warnings").xpath("//nav[@class='pager']")


@ON_SQLITE
def test_dashboard_pages_in_the_browser(live_server, page):
    beds = "每千常住人口医疗卫生机构床位数"
    _report(live_server, {BINDING: "40", EXPECTED: "80.0", beds: "7.0", "城镇登记失业率": "3.1"})
    hefei = _plan_id(live_server, "合肥市")
    page.goto(f"{live_server.url}/")
    assert page.locator(".plan-card").count() == 6
    screenshot(page, "overview")
    page.goto(f"{live_server.url}/plans/{hefei}")
    page.get_by_role("link", name="病有所医").first.click()
    assert page.locator("#domain-4").is_visible()
    page.goto(f"{live_server.url}/plans/{hefei}")
    screenshot(page, "plan")
    page.get_by_role("link", name=EXPECTED, exact=True).first.click()
    page.wait_for_selector("#indicator-chart canvas")
    assert page.locator("#indicator-chart canvas").count() >= 1
    _assert_axis_on_whole_steps(page)
    screenshot(page, "indicator")
    page.goto(f"{live_server.url}/warnings")
    page.get_by_label("领域").select_option("老有所养")
    page.get_by_role("button", name="筛选").click()
    assert page.locator("table.warnings tbody tr").count() == 1
    page.goto(f"{live_server.url}/warnings")
    screenshot(page, "warnings")


def _assert_axis_on_whole_steps(page) -> None:
    """The value axis starts and ends on its ticks (bounds off them print their labels over
    the neighbouring ticks) and shows the target line, which ECharts leaves out of its own
    extent."""
    axis, target = page.evaluate(
        """() => {
          const chart = echarts.getInstanceByDom(document.getElementById("indicator-chart"));
          const data = JSON.parse(document.getElementById("indicator-chart-data").textContent);
          return [chart.getOption().yAxis[0], data.target.low];
        }"""
    )
    steps = [(axis[end] / axis["interval"]) for end in ("min", "max")]
    assert all(abs(step - round(step)) < 1e-9 for step in steps), axis
    assert 3 <= round(steps[1] - steps[0]) <= 12, axis
    assert axis["min"] <= target <= axis["max"], (axis, target)
