"""A region's 十五五 plan on the site: beside its 十四五 plan, its completion table titled
by the period it reviews and checked against minsheng's own final evaluation."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from minsheng.ingest import parse_file
from minsheng.store import create_engine_for, session_scope
from minsheng.usecases import import_observations, import_plan
from minsheng.usecases.plans import find_current_plan
from tests.web.conftest import signed_in

FIFTEENTH = Path(__file__).parents[1] / "ingest" / "documents" / "hefei_15th_five_year_plan.txt"
FINAL_YEAR = "region,indicator,year,value\n合肥市,人均预期寿命,2025,80.1\n"


def _set_up(server, tmp_path) -> tuple[int, int]:
    """The 十五五 plan stored and one final-year value reported to the 十四五 plan."""
    values = tmp_path / "final.csv"
    values.write_text(FINAL_YEAR, encoding="utf-8")
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            new = import_plan(session, parse_file(FIFTEENTH), author="规划处")
            import_observations(session, path=values, region="合肥市十四五", author="统计局")
            return new.plan_id, find_current_plan(session, region="合肥市十四五").id
    finally:
        engine.dispose()


def _page(server, path: str) -> html.HtmlElement:
    with server.client() as client:
        response = client.get(path)
    assert response.status_code == 200, response.text
    return html.fromstring(response.text)


def _text(element) -> str:
    return " ".join(element.text_content().split())


def test_the_next_plan_checks_its_account_of_the_period_before(live_server, tmp_path):
    new_id, reviewed_id = _set_up(live_server, tmp_path)
    assert new_id != reviewed_id
    page = _page(live_server, f"/plans/{new_id}")
    assert "上期（“十四五”）规划完成情况" in _text(page.xpath("//h2[@id='previous-title']")[0])
    link = page.xpath("//section[@id='previous']//p/a/@href")
    assert link == [f"/plans/{reviewed_id}"]
    rows = {
        _text(row.xpath("th")[0]): _text(row)
        for row in page.xpath("//table[contains(@class, 'reported')]/tbody/tr")
    }
    assert "完成值不一致" in rows["人均预期寿命"] and "评价结论不一致" in rows["人均预期寿命"]
    assert "80.1" in rows["人均预期寿命"] and "80.6" in rows["人均预期寿命"]
    assert "本平台无期末监测值" in rows["九年义务教育巩固率"]
    earlier = _page(live_server, f"/plans/{reviewed_id}")
    assert "上期（“十三五”）" in _text(earlier.xpath("//h2[@id='previous-title']")[0])
    assert not earlier.xpath("//table[contains(@class, 'reported')]")
    overview = _text(_page(live_server, "/"))
    assert "合肥市“十五五”公共服务规划" in overview and "合肥市“十四五”公共服务规划" in overview


def test_the_reports_page_offers_each_plan_the_years_of_its_own_period(live_server, tmp_path):
    new_id, reviewed_id = _set_up(live_server, tmp_path)
    page = _page(live_server, "/reports")

    def years(plan_id: int) -> list[str]:
        links = page.xpath(f"//a[starts-with(@href, '/reports/evaluation/{plan_id}?')]/@href")
        return sorted({link.split("year=")[1].split("&")[0] for link in links})

    assert years(new_id) == ["2026", "2027", "2028", "2029", "2030"]
    assert years(reviewed_id) == ["2021", "2022", "2023", "2024", "2025"]


def test_the_overview_names_both_periods_once_a_fifteenth_plan_is_stored(live_server, tmp_path):
    before = _page(live_server, "/")
    assert _text(before.xpath("//h1")[0]) == "“十四五”公共服务规划实施总览"
    _set_up(live_server, tmp_path)
    after = _page(live_server, "/")
    assert _text(after.xpath("//h1")[0]) == "“十四五”“十五五”公共服务规划实施总览"


def test_a_planner_reaches_both_current_plans_of_a_region(live_server, tmp_path):
    """合肥市's 十四五 and 十五五 plans are both current: the forms name each with its period
    (both were "合肥市", and the form always opened the 十五五 one), so the 十四五 plan's final
    year can still be entered and reviewed."""
    _set_up(live_server, tmp_path)
    with signed_in(live_server, "planner") as planner:
        forms = [html.fromstring(planner.get(path).text) for path in ("/entry", "/entry/upload")]
        fourteenth = {"plan": "合肥市“十四五”", "year": "2025"}
        sheet = html.fromstring(planner.get("/entry", params=fourteenth).text)
    for form in forms:
        offered = form.xpath("//select[@name='plan']/option/@value")
        assert {"合肥市“十四五”", "合肥市“十五五”"} <= set(offered)
    caption = _text(sheet.xpath("//table[contains(@class, 'entry')]/caption")[0])
    assert caption.startswith("合肥市“十四五”公共服务规划") and "2025年监测值填报" in caption
    chosen = sheet.xpath("//select[@name='plan']/option[@selected]/@value")
    assert chosen == ["合肥市“十四五”"]
