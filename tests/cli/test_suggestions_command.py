"""`minsheng suggestions` as a planner runs it: the queue (the contact only with
--contacts), route, reply, the statistics; bad input exits 2, naming it."""

from __future__ import annotations

import json
import subprocess

import pytest
from tests.command import run_minsheng

from minsheng.store import session_scope
from minsheng.store.repositories import plan_parts, regions
from minsheng.usecases.suggestions import SuggestionDraft, submit_suggestion

TEXT = "希望在蜀山区增加普惠托育机构的托位，减轻双职工家庭的负担。"
PHONE = "13700000000"


pytestmark = pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)
"""The command runs on SQLite; its storage is tested on both in tests/usecases."""


@pytest.fixture
def database_url(round_database):
    """Every test here starts from the round set-up (a copy of a template database)."""
    return round_database[0]


@pytest.fixture
def minsheng_on(engine, database_url, round_database, tmp_path):
    setup = round_database[1]
    with session_scope(engine) as session:
        first = plan_parts.indicators_of(session, plan_id=setup.plan_id)[0]
        shushan = regions.find_by_name(session, name="蜀山区")[0]
        draft = SuggestionDraft(setup.plan_id, first.domain, shushan.id, TEXT, contact=PHONE)
        run_id = submit_suggestion(session, draft).id
    env = {"MINSHENG_DATABASE_URL": database_url, "MINSHENG_DATA_DIR": str(tmp_path / "data")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_minsheng(("suggestions", *args), env=env, cwd=tmp_path)

    run.suggestion = run_id  # type: ignore[attr-defined]
    return run


def test_list_route_reply_stats(minsheng_on):
    number = str(minsheng_on.suggestion)
    listed = json.loads(minsheng_on("list", "--status", "pending", "--format", "json").stdout)
    assert [(row["id"], row["text"]) for row in listed] == [(int(number), TEXT)]
    assert "contact" not in listed[0]
    with_contacts = minsheng_on("list", "--contacts", "--format", "json").stdout
    assert json.loads(with_contacts)[0]["contact"] == PHONE
    unknown = minsheng_on("route", number, "--department", "没有这个部门")
    assert unknown.returncode == 2 and "没有这个部门" in unknown.stderr
    routed = minsheng_on("route", number, "--department", "市卫健委", "--author", "planner")
    assert routed.returncode == 0, routed.stderr
    replied = minsheng_on("reply", number, "--text", "已新增托位 200 个。")
    assert replied.returncode == 0, replied.stderr
    stats = json.loads(minsheng_on("stats", "--plan", "合肥市", "--format", "json").stdout)
    assert stats["counts"]["replied"] == 1 and stats["median_days"] == 0
    assert [t["replied"] for t in stats["topics"]] == [1]
    bad = minsheng_on("reject", number, "--reason", "spam")
    assert bad.returncode == 2 and "已答复" in bad.stderr
