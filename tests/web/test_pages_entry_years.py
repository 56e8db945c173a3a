"""The entry pages across years, on SQLite and PostgreSQL: a template for several years
with district rows marked as carrying the city's figures, years outside the plan refused,
'全部提交审核' landing on the year worked on with the true count, and values returned in
another year shown whatever year is open."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from tests.web.test_pages_admin import DOCTORS, LIFE, csrf, signed_in
from tests.web.test_pages_rounds import assign_two


def _save(client, year: int, values: dict[str, str]) -> None:
    page = client.get("/entry", params={"plan": "合肥市", "year": year}).text
    rows = dict(re.findall(r'name="indicator-(\d+)" value="([^"]+)"', page))
    regions = dict(re.findall(r'name="region-(\d+)" value="([^"]+)"', page))
    data: dict[str, object] = {"csrf_token": csrf(client, "/entry"), "plan": "合肥市",
                               "year": str(year), "action": "draft", "row": list(rows)}  # fmt: skip
    for number, name in rows.items():
        data[f"indicator-{number}"] = name
        data[f"region-{number}"] = regions[number]
        data[f"value-{number}"] = values.get(name, "")
        data[f"source-{number}"] = "部门报送"
    assert client.post("/entry", data=data).status_code == 303


def test_a_template_for_two_years_marks_the_citys_figures(live_server):
    assign_two(live_server)
    with signed_in(live_server, "reporter") as reporter:
        got = reporter.get("/entry/template", params=[("plan", "合肥市"), ("year", "2024"),
                                                      ("year", "2025")])  # fmt: skip
        assert got.status_code == 200
        assert "2024-2025" in got.headers["content-disposition"].encode("latin-1").decode()
        sheet = load_workbook(io.BytesIO(got.content)).worksheets[0]
        header = [c.value for c in sheet[1]]
        rows = [
            dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)
        ]
        assert sorted((r["地区"], r["指标"], r["年份"]) for r in rows) == [
            ("合肥市", LIFE, 2024), ("合肥市", LIFE, 2025),
            ("蜀山区", DOCTORS, 2024), ("蜀山区", DOCTORS, 2025),
        ]  # fmt: skip
        district = next(r for r in rows if r["地区"] == "蜀山区")
        assert str(district["2020年基期值"]).endswith("（全市）")
        assert str(district["2025年目标值"]).endswith("（全市）")
        refused = reporter.get("/entry/template", params={"plan": "合肥市", "year": 2030})
        assert refused.status_code == 422 and "2030 年不在规划期" in refused.text
        form = reporter.get("/entry", params={"plan": "合肥市", "year": 2025}).text
        shushan_row = re.search(
            r'<tr id="row-\d+">(?:(?!</tr>).)*蜀山区(?:(?!</tr>).)*</tr>', form, re.S
        )[0]
        assert '<span class="citywide">全市</span>' in shushan_row


def test_submit_all_lands_on_the_year_worked_on_and_returned_values_show_elsewhere(live_server):
    assign_two(live_server)
    with signed_in(live_server, "reporter") as reporter:
        _save(reporter, 2023, {LIFE: "79.8"})
        _save(reporter, 2024, {LIFE: "80.1", DOCTORS: "3.9"})
        done = reporter.post("/entry/submit", data={"csrf_token": csrf(reporter, "/entry/upload"),
                                                    "plan": "合肥市"})  # fmt: skip
        assert done.status_code == 303
        landed = reporter.get(done.headers["location"]).text
        assert re.search(r"<option selected>2024</option>", landed)
        assert "已提交审核 3 项（2023年 1 项、2024年 2 项）" in landed and "已保存" not in landed
    with signed_in(live_server, "planner") as planner:
        queue = planner.get("/entry/review").text
        found = re.search(
            rf'<tr id="obs-(\d+)"[^>]*>(?:(?!</tr>).)*?{re.escape(LIFE)}(?:(?!</tr>).)*?>2023<',
            queue,
            re.S,
        )
        assert found, "the 2023 value awaits review"
        returned = planner.post("/entry/review", data={
            "csrf_token": csrf(planner, "/entry/review"), "observation": found[1],
            "action": "return", "reason": "请按统计公报口径"})  # fmt: skip
        assert returned.status_code == 303
    with signed_in(live_server, "reporter") as reporter:
        page = reporter.get("/entry", params={"plan": "合肥市", "year": 2025}).text
        assert "其他年份有 1 项数值被退回" in page and "请按统计公报口径" in page
        assert "year=2023" in page
        inbox = reporter.get("/inbox").text
        assert "请按统计公报口径" in inbox and LIFE in inbox
