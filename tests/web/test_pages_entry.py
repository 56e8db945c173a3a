"""Data entry over a real server: the form, the Excel upload, review, and the browser flow."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from openpyxl import Workbook

from tests.web.conftest import LiveServer, screenshot, sign_in
from tests.web.test_pages_admin import DOCTORS, LIFE, assign, csrf, signed_in

NURSERY = "每千人口拥有3岁以下婴幼儿托位数"


def form_rows(html: str) -> dict[str, int]:
    """Indicator name → form row number, as the entry form lays them out."""
    return {
        unquote(name): int(number)
        for number, name in re.findall(r'name="indicator-(\d+)" value="([^"]+)"', html)
    }


def post_entry(client: httpx.Client, values: dict[str, str], action: str) -> httpx.Response:
    """Fill the form's value inputs by indicator name and press 保存草稿 or 提交审核."""
    page = client.get("/entry", params={"plan": "合肥市"}).text
    rows = form_rows(page)
    data: dict[str, object] = {
        "csrf_token": csrf(client, "/entry"),
        "plan": "合肥市",
        "year": re.search(r'name="year" value="(\d+)"', page)[1],
        "action": action,
        "row": [str(n) for n in rows.values()],
    }
    for name, number in rows.items():
        data[f"indicator-{number}"] = name
        data[f"region-{number}"] = "合肥市"
        data[f"value-{number}"] = values.get(name, "")
        data[f"source-{number}"] = "部门报送"
    return client.post("/entry", data=data)


def review(client: httpx.Client, name: str, action: str, reason: str = "") -> httpx.Response:
    page = client.get("/entry/review").text
    found = re.search(rf'<tr id="obs-(\d+)"[^>]*>(?:(?!</tr>).)*?{re.escape(name)}', page, re.S)
    assert found, f"{name} awaits review"
    return client.post(
        "/entry/review",
        data={
            "csrf_token": csrf(client, "/entry/review"),
            "observation": found[1],
            "action": action,
            "reason": reason,
        },
    )


def workbook(path: Path, rows: list[tuple[str, str, int, object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "填报"
    sheet.append(["地区", "指标", "年份", "数值"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_the_public_is_sent_to_sign_in_and_viewers_are_refused(read_server):
    with read_server.client() as public:
        for path in ("/entry", "/entry/upload", "/entry/review"):
            response = public.get(path)
            assert response.status_code == 303
            assert unquote(response.headers["location"]) == f"/login?next={path}"
    with signed_in(read_server, "viewer") as viewer:
        refused = viewer.get("/entry")
        assert refused.status_code == 403
        assert "仅限" in refused.text
        assert viewer.post("/entry", data={"csrf_token": csrf(viewer, "/")}).status_code == 403
    with signed_in(read_server, "reporter") as reporter:
        assert reporter.get("/entry/review").status_code == 403


def test_a_reporter_writes_only_what_is_assigned_and_a_planner_approves(live_server):
    with signed_in(live_server, "reporter") as reporter:
        assert "暂无分配的填报指标" in reporter.get("/entry").text
        with signed_in(live_server, "admin") as admin:
            assign(admin, [LIFE, DOCTORS])
        page = reporter.get("/entry").text
        assert set(form_rows(page)) == {LIFE, DOCTORS}
        assert NURSERY not in page

        forged = post_entry(reporter, {}, "draft")  # nothing filled: nothing to do
        assert forged.status_code == 303
        refused = reporter.post(
            "/entry",
            data={
                "csrf_token": csrf(reporter, "/entry"),
                "plan": "合肥市",
                "year": "2025",
                "action": "draft",
                "row": "1",
                "indicator-1": NURSERY,
                "region-1": "合肥市",
                "value-1": "3.5",
            },
        )
        assert refused.status_code == 422
        assert f"本部门未被分配填报“{NURSERY}”（合肥市）" in refused.text

        bad = post_entry(reporter, {LIFE: "80.5", DOCTORS: "三点五"}, "submit")
        assert bad.status_code == 422
        number = form_rows(bad.text)[DOCTORS]
        assert re.search(rf'id="p-{number}-value">数值“三点五”不是数字', bad.text)
        assert 'value="三点五"' in bad.text  # what was typed stays to be fixed
        assert "已保存" not in bad.text
        assert reporter.get("/entry").text.count("未填报") == 2  # nothing saved

        good = post_entry(reporter, {LIFE: "80.5", DOCTORS: "3.2"}, "submit")
        assert good.status_code == 303
        assert "已保存 2 项，已提交审核 2 项" in reporter.get(good.headers["location"]).text

    with signed_in(live_server, "planner") as planner:
        no_reason = review(planner, DOCTORS, "return")
        assert no_reason.status_code == 422
        assert "退回必须填写原因" in no_reason.text
        assert review(planner, DOCTORS, "return", "口径与统计公报不一致").status_code == 303
        approved = review(planner, LIFE, "approve")
        assert approved.status_code == 303
        assert "已审核通过 1 项" in planner.get(approved.headers["location"]).text

    with signed_in(live_server, "reporter") as reporter:
        page = reporter.get("/entry").text
    life_row = re.search(
        rf"<tr id=\"row-\d+\">(?:(?!</tr>).)*{LIFE}(?:(?!</tr>).)*</tr>", page, re.S
    )[0]
    assert '<td class="num">80.5</td>' in life_row
    assert "已审核" in life_row
    assert "退回原因：口径与统计公报不一致" in page


def test_an_upload_names_every_bad_cell_and_stores_nothing_until_it_is_right(
    live_server: LiveServer, tmp_path: Path
):
    with signed_in(live_server, "admin") as admin:
        assign(admin, [LIFE, DOCTORS])
    with signed_in(live_server, "reporter") as reporter:
        bad = workbook(
            tmp_path / "bad.xlsx", [("合肥市", LIFE, 2025, "八十"), ("合肥市", DOCTORS, 2025, 3.3)]
        )
        token = csrf(reporter, "/entry/upload")
        with bad.open("rb") as file:
            rejected = reporter.post(
                "/entry/upload",
                data={"csrf_token": token, "plan": "合肥市"},
                files={"file": ("bad.xlsx", file)},
            )
        assert rejected.status_code == 422
        problem = re.search(r"<table class=\"problems\">.*?</table>", rejected.text, re.S)[0]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", problem.split("<tbody>")[1], re.S)
        assert cells[:4] == ["填报", "2", "数值", "<code>八十</code>"]
        assert "不是数字" in cells[4]
        assert '<td class="bad" title="有问题">八十' in rejected.text
        assert "待提交的草稿" not in reporter.get("/entry/upload").text

        good = workbook(
            tmp_path / "good.xlsx", [("合肥市", LIFE, 2025, 80.4), ("合肥市", DOCTORS, 2025, 3.3)]
        )
        with good.open("rb") as file:
            stored = reporter.post(
                "/entry/upload",
                data={"csrf_token": token, "plan": "合肥市"},
                files={"file": ("good.xlsx", file)},
            )
        assert stored.status_code == 200
        assert "已保存为草稿 2 项" in stored.text
        assert "待提交的草稿（2 项）" in stored.text
        submitted = reporter.post("/entry/submit", data={"csrf_token": token, "plan": "合肥市"})
        assert submitted.status_code == 303
        template = reporter.get("/entry/template", params={"plan": "合肥市", "year": 2025})
        assert template.status_code == 200
        assert template.content[:2] == b"PK"
    with signed_in(live_server, "planner") as planner:
        queue = planner.get("/entry/review").text
    assert "待审核的数值（2 项）" in queue
    assert LIFE in queue and DOCTORS in queue


# --- The browser: the whole flow ------------------------------------------------


def _status_page(server: LiveServer, page, indicator_id: str) -> str | None:
    """The indicator page's text, else the evaluation API's Hefei rows; None if neither."""
    with server.client() as client:
        if client.get(f"/indicators/{indicator_id}").status_code == 200:
            page.goto(f"{server.url}/indicators/{indicator_id}")
            return page.locator("main").inner_text()
        response = client.get("/api/v1/evaluation", params={"plan": "合肥市", "limit": 500})
        if response.status_code == 200:
            return str(
                [r for r in response.json() if r["name"] == LIFE and r["region"] == "合肥市"]
            )
    return None


def _warnings_text(server: LiveServer, page) -> str | None:
    with server.client() as client:
        if client.get("/warnings").status_code != 200:
            return None
    page.goto(f"{server.url}/warnings")
    return page.locator("main").inner_text()


def test_browser_upload_fix_submit_approve_changes_the_status(live_server, page, tmp_path):
    if live_server.database_url.startswith("postgresql"):
        pytest.skip("the browser flow runs on SQLite only; the HTTP tests cover PostgreSQL")
    server = live_server
    sign_in(page, server, "admin", server.admin_password)
    page.goto(f"{server.url}/admin/assignments?plan=合肥市")
    page.get_by_label("部门").select_option(label="合肥市卫生健康委员会")
    page.get_by_role("button", name="选择").click()
    page.get_by_label(LIFE).check()
    page.get_by_label(DOCTORS).check()
    page.get_by_label("地区").select_option(label="合肥市")
    life_id = page.get_by_label(LIFE).get_attribute("value")
    screenshot(page, "admin-assignments")
    page.get_by_role("button", name="分配所选指标").click()
    page.get_by_text("已分配 2 项指标").wait_for()
    page.goto(f"{server.url}/admin")
    screenshot(page, "admin")
    before = _status_page(server, page, life_id)
    warnings_before = _warnings_text(server, page)
    page.get_by_role("button", name="退出").click()

    sign_in(page, server, "reporter", "reporter-password-1")
    page.goto(f"{server.url}/entry")
    screenshot(page, "entry")
    page.goto(f"{server.url}/entry/upload")
    bad = workbook(
        tmp_path / "合肥卫健委.xlsx",
        [("合肥市", LIFE, 2025, "80.5岁"), ("合肥市", DOCTORS, 2025, 3.2)],
    )
    page.get_by_label("填报文件").set_input_files(bad)
    page.get_by_role("button", name="上传并检查").click()
    problems = page.locator("table.problems tbody tr")
    assert problems.count() == 1
    assert problems.first.inner_text().split("\t")[:4] == ["填报", "2", "数值", "80.5岁"]
    assert page.locator("table.grid td.bad").inner_text().startswith("80.5岁")
    screenshot(page, "entry-upload-problems")

    good = workbook(
        tmp_path / "合肥卫健委.xlsx", [("合肥市", LIFE, 2025, 80.5), ("合肥市", DOCTORS, 2025, 3.2)]
    )
    page.get_by_label("填报文件").set_input_files(good)
    page.get_by_role("button", name="上传并检查").click()
    page.get_by_text("已保存为草稿 2 项").wait_for()
    page.get_by_role("button", name="全部提交审核").click()
    page.get_by_text("已提交审核 2 项").wait_for()
    page.get_by_role("button", name="退出").click()

    sign_in(page, server, "planner", "planner-password-1")
    page.goto(f"{server.url}/entry/review")
    for box in page.locator('input[type="checkbox"][name="observation"]').all():
        box.check()
    screenshot(page, "review")
    page.get_by_role("button", name="批量通过所选").click()
    page.get_by_text("已审核通过 2 项").wait_for()

    after = _status_page(server, page, life_id)
    if after is None:
        pytest.skip("neither /indicators/{id} nor /api/v1/evaluation exists yet")
    assert after != before
    assert "80.5" in after
    assert "已实现" in after or "achieved" in after
    warnings_after = _warnings_text(server, page)
    if warnings_after is None:
        pytest.skip("the /warnings page does not exist yet")
    assert warnings_after != warnings_before
