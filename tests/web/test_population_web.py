"""Population over real HTTP: planners upload a file on the page or post JSON to the API,
all rows or none with every problem named; anyone reads; others are refused."""

from __future__ import annotations

import re

import httpx

from tests.web.conftest import signed_in

GOOD = [
    {"region": "瑶海区", "year": 2024, "population": 1010000, "households": 380000},
    {"region": "340103", "year": 2024, "population": "660000", "source": "统计年鉴"},
]


def csrf(client: httpx.Client, path: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)[1]


def test_the_api_stores_all_or_nothing_and_refuses_who_may_not(live_server):
    with live_server.client() as anonymous:
        assert anonymous.post("/api/v1/population", json=GOOD).status_code == 401
    with signed_in(live_server, "reporter") as reporter:
        assert reporter.post("/api/v1/population", json=GOOD).status_code == 403
    with signed_in(live_server, "planner") as planner:
        bad = planner.post(
            "/api/v1/population", json=[*GOOD, {"region": "鼓楼区", "year": 2024, "population": -1}]
        )
        assert bad.status_code == 422
        problems = bad.json()["problems"]
        assert [(p["row"], p["column"]) for p in problems] == [(3, "region"), (3, "population")]
        assert planner.get("/api/v1/population").json() == []
        stored = planner.post("/api/v1/population", json=GOOD)
        assert stored.status_code == 201, stored.text
        assert stored.json() == {"added": 2, "replaced": 0, "regions": 2, "years": [2024]}
    with live_server.client() as anonymous:
        rows = anonymous.get("/api/v1/population", params={"year": 2024}).json()
        assert [(r["region"], r["code"], r["residents"]) for r in rows] == [
            ("瑶海区", "340102", 1010000.0),
            ("庐阳区", "340103", 660000.0),
        ]


def test_the_page_uploads_a_file_and_names_every_bad_cell(live_server):
    with live_server.client() as anonymous:
        assert anonymous.get("/population").status_code == 303
    with signed_in(live_server, "viewer") as viewer:
        assert viewer.get("/population").status_code == 403
    with signed_in(live_server, "planner") as planner:
        page = planner.get("/population")
        assert page.status_code == 200 and "尚未导入常住人口数据" in page.text
        bad = "地区,年份,常住人口\n蜀山区,2024,abc\n某地,2024,100\n"
        response = planner.post(
            "/population",
            data={"csrf_token": csrf(planner, "/population")},
            files={"file": ("人口.csv", bad.encode("utf-8"), "text/csv")},
        )
        assert response.status_code == 422
        assert "共有 2 处问题" in response.text and "未知地区“某地”" in response.text
        good = "地区,年份,常住人口（万人）\n蜀山区,2024,110.5\n包河区,2024,125\n"
        response = planner.post(
            "/population",
            data={"csrf_token": csrf(planner, "/population")},
            files={"file": ("人口.csv", good.encode("utf-8"), "text/csv")},
        )
        assert response.status_code == 200
        assert "新增 2 条" in response.text and "110.5" in response.text
