"""满意度调查 over a real server, on SQLite and PostgreSQL: a planner publishes a survey
through the form; a resident answers anonymously (district, scores, comment, challenge);
the public sees aggregates, the planner also the comments; flooding from 127.0.0.1 is
refused after the limit; the results download; a third party's sheet imported or refused
cell by cell; closing."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from minsheng.store import create_engine_for
from minsheng.store.tables.surveys import FormSubmission
from minsheng.web.flood_guard import ANSWER_FIELD, LIMIT_ENV, TOKEN_FIELD
from tests.web.conftest import LiveServer, signed_in
from tests.web.test_flood_guard import _solve

TITLE = "2026年基本公共服务满意度调查"


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found[1]


def _publish(server: LiveServer) -> int:
    """The planner picks 合肥市's plan and two domains on the form; the new survey's id."""
    with signed_in(server, "planner") as client:
        listing = client.get("/survey/new").text
        plan = re.search(r'<option value="(\d+)">合肥市', listing)
        assert plan is not None
        form = client.get(f"/survey/new?plan={plan[1]}").text
        assert "病有所医" in form and "按服务事项提问" in form
        data = {"csrf_token": _csrf(form), "plan": plan[1], "title": TITLE, "period": "2026年",
                "domain": ["病有所医", "学有所教"]}  # fmt: skip
        done = client.post("/survey/new", data=data)
    assert done.status_code == 303
    found = re.search(r"/survey/(\d+)/results", done.headers["location"])
    assert found is not None
    return int(found[1])


def _answer(
    client: httpx.Client,
    survey_id: int,
    scores: tuple[int, ...],
    *,
    district: str = "蜀山区",
    comment: str = "",
    right: bool = True,
) -> httpx.Response:
    html = client.get(f"/survey/{survey_id}").text
    answer, token = _solve(html)
    questions = re.findall(r'name="q(\d+)" value="1"', html)
    data = {"csrf_token": _csrf(html), "district": district, "comment": comment,
            ANSWER_FIELD: answer if right else str(int(answer) + 1), TOKEN_FIELD: token,
            **{f"q{q}": str(s) for q, s in zip(questions, scores, strict=True)}}  # fmt: skip
    return client.post(f"/survey/{survey_id}", data=data)


def test_a_resident_answers_and_the_public_sees_only_aggregates(live_server: LiveServer):
    survey_id = _publish(live_server)
    with live_server.client() as resident:
        listed = resident.get("/survey").text
        assert TITLE in listed and f'href="/survey/{survey_id}"' in listed
        page = resident.get(f"/survey/{survey_id}").text
        assert "蜀山区" in page and "验证题" in page and "匿名" in page
        wrong = _answer(resident, survey_id, (4, 5), right=False)
        assert wrong.status_code == 422 and "验证题答案不正确" in wrong.text
        missing = _answer(resident, survey_id, (4, 5), district="")
        assert missing.status_code == 422 and "请选择您所在的区县" in missing.text
        sent = _answer(resident, survey_id, (4, 5), comment="家门口的社区医院很方便")
        assert sent.status_code == 303 and sent.headers["location"].endswith("/thanks")
        public = resident.get(f"/survey/{survey_id}/results").text
    assert "受访人数<strong>1</strong>" in public and "4.50" in public
    assert "家门口的社区医院很方便" not in public and "127.0.0.1" not in public
    with live_server.client() as program:
        api = program.get(f"/api/v1/surveys/{survey_id}/results")
        listed_api = program.get("/api/v1/surveys", params={"open_only": "true"}).json()
    assert api.status_code == 200 and api.json()["overall"]["count"] == 1
    assert api.json()["by_district"][0]["label"] == "蜀山区"
    assert "家门口" not in api.text and [s["id"] for s in listed_api] == [survey_id]
    with signed_in(live_server, "planner") as planner:
        assert "家门口的社区医院很方便" in planner.get(f"/survey/{survey_id}/results").text
        download = planner.get(f"/survey/{survey_id}/results.xlsx")
    book = load_workbook(io.BytesIO(download.content))
    assert book.sheetnames == ["结果", "说明", "意见建议"]
    assert [c.value for c in book["结果"][2]][:4] == ["总体", "全部受访者", None, 1]


def test_flooding_one_survey_from_one_address_is_refused_after_the_limit(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(LIMIT_ENV, "3")
    survey_id = _publish(live_server)
    with live_server.client() as flooder:
        statuses = [_answer(flooder, survey_id, (3, 3)).status_code for _ in range(4)]
        refused = _answer(flooder, survey_id, (3, 3))
        counted = flooder.get(f"/survey/{survey_id}/results").text
    assert statuses == [303, 303, 303, 429]
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "提交过于频繁" in refused.text
    assert "受访人数<strong>3</strong>" in counted
    engine = create_engine_for(live_server.database_url)
    with engine.connect() as connection:
        stored = connection.scalars(select(FormSubmission.address_hash)).all()
    engine.dispose()
    assert len(stored) == 3 and not any("127.0.0.1" in value for value in stored)


def _sheet(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_planner_imports_a_third_party_sheet_and_closes_the_survey(live_server: LiveServer):
    survey_id = _publish(live_server)
    bad = _sheet(("区县", "1", "2"), ("蜀山区", 5, 4), ("包河区", 7, 4))
    good = _sheet(("区县", "1", "2", "意见"), ("蜀山区", 5, 4, None), ("包河区", 3, 4, "好"))
    with signed_in(live_server, "planner") as planner:
        page = planner.get(f"/survey/{survey_id}/results").text
        url, files = f"/survey/{survey_id}/import", {"csrf_token": _csrf(page)}
        refused = planner.post(url, data=files, files={"file": ("三方.xlsx", bad)})
        assert refused.status_code == 422 and "第 3 行“1”列" in refused.text
        stored = planner.post(url, data=files, files={"file": ("三方.xlsx", good)})
        assert "已导入第三方调查答卷 2 份" in stored.text and "包河区" in stored.text
        closed = planner.post(f"/survey/{survey_id}/close", data=files)
        assert closed.status_code == 303
        csv = planner.get(f"/survey/{survey_id}/results.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[1].startswith("总体,全部受访者,,2,")
    with live_server.client() as resident:
        assert TITLE not in resident.get("/survey").text
        assert "该调查已结束" in resident.get(f"/survey/{survey_id}").text
        assert resident.get("/survey/new").status_code == 303  # to sign in
        assert resident.post("/survey/new", data={}).status_code in {401, 403}
