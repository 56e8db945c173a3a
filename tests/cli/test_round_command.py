"""`minsheng round` as a planner runs it, on SQLite and PostgreSQL: open a round, see it
listed and its rates per department, remind one department, and bad input named (exit 2)."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
from tests.command import run_minsheng

SOON = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()


@pytest.fixture
def database_url(round_database):
    """Every test here starts from the round set-up (a copy of a template database)."""
    return round_database[0]


@pytest.fixture
def minsheng_on(database_url, tmp_path):
    env = {"MINSHENG_DATABASE_URL": database_url, "MINSHENG_DATA_DIR": str(tmp_path / "data")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_minsheng(("round", *args), env=env, cwd=tmp_path)

    return run


def test_open_list_status_and_remind(minsheng_on):
    opened = minsheng_on("open", "--plan", "合肥市", "--year", "2024", "--year", "2025",
                         "--deadline", SOON, "--author", "fgw")  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert "opened round 1: 合肥市2024–2025年监测数据填报" in opened.stdout
    listed = json.loads(minsheng_on("list", "--format", "json").stdout)
    assert [(r["id"], r["years"], r["total"]["due"]) for r in listed] == [(1, [2024, 2025], 24)]
    status = json.loads(minsheng_on("status", "1", "--format", "json").stdout)
    assert {d["name"]: d["due"] for d in status["departments"]} == {"市卫健委": 22, "市教育局": 2}
    table = minsheng_on("status", "1")
    assert table.returncode == 0 and "市卫健委" in table.stdout and "蜀山区" in table.stdout
    reminded = minsheng_on("remind", "1", "--department", "市教育局")
    assert reminded.returncode == 0, reminded.stderr
    assert "reminded 市教育局: 2 outstanding; in-app to jyj; no e-mail" in reminded.stdout


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (("--plan", "合肥市", "--year", "2025", "--deadline", "2020-01-01"), "已过"),
        (("--plan", "合肥市", "--year", "2031", "--deadline", SOON), "不在规划期"),
        (("--plan", "鼓楼区", "--year", "2025", "--deadline", SOON), "no plan stored"),
        (
            ("--plan", "合肥市", "--year", "2025", "--deadline", SOON, "--department", "市外星局"),
            "没有名为“市外星局”的部门",
        ),
    ],
)
def test_bad_input_is_named(minsheng_on, arguments, words):
    done = minsheng_on("open", *arguments)
    assert done.returncode == 2 and words in done.stderr
    assert json.loads(minsheng_on("list", "--format", "json").stdout) == []


def test_an_unknown_round_is_named(minsheng_on):
    done = minsheng_on("status", "7")
    assert done.returncode == 2 and "没有编号为 7 的填报轮次" in done.stderr
