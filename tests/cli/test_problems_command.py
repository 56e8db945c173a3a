"""`minsheng problems` as a planner runs it, on SQLite and PostgreSQL: open a problem from
an indicator's warning, list it (overdue counted), close it on a document, export the
ledger as CSV and XLSX; bad input named with exit code 2 and nothing written."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from tests.command import run_minsheng

from minsheng.store import session_scope
from minsheng.store.repositories import plan_parts
from minsheng.usecases.clock import beijing_today

SOON = (beijing_today() + timedelta(days=30)).isoformat()
PAST = (beijing_today() - timedelta(days=3)).isoformat()


@pytest.fixture
def database_url(round_database):
    """Every test here starts from the round set-up (a copy of a template database)."""
    return round_database[0]


@pytest.fixture
def minsheng_on(engine, database_url, round_database, tmp_path):
    setup = round_database[1]
    with session_scope(engine) as session:
        first = plan_parts.indicators_of(session, plan_id=setup.plan_id)[0].id
    env = {"MINSHENG_DATABASE_URL": database_url, "MINSHENG_DATA_DIR": str(tmp_path / "data")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_minsheng(("problems", *args), env=env, cwd=tmp_path)

    run.indicator = first  # type: ignore[attr-defined]
    return run


def test_open_list_close_export(minsheng_on, tmp_path):
    opened = minsheng_on("open", "--plan", "合肥市", "--title", "人均预期寿命未达进度",
                         "--kind", "red", "--indicator", str(minsheng_on.indicator),
                         "--year", "2025", "--department", "市卫健委", "--measures", "签约",
                         "--deadline", PAST, "--author", "fgw")  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert f"opened problem 1: 人均预期寿命未达进度, deadline {PAST}" in opened.stdout
    table = minsheng_on("list")
    assert "open 1, overdue 1, closed 0" in table.stdout and "overdue" in table.stdout
    listed = json.loads(minsheng_on("list", "--status", "overdue", "--format", "json").stdout)
    assert [(r["id"], r["department"], r["state"]) for r in listed] == [(1, "市卫健委", "overdue")]
    (tmp_path / "验收.txt").write_text("验收合格", encoding="utf-8")
    closed = minsheng_on("close", "1", "--note", "已达标", "--document", "验收.txt")
    assert closed.returncode == 0 and "closed problem 1" in closed.stdout
    assert minsheng_on("export", "ledger.csv").returncode == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "ledger.csv").read_text("utf-8-sig"))))
    assert [(r["state"], r["evidence_document"], r["opened_by"]) for r in rows] == [
        ("closed", "验收.txt", "fgw")]  # fmt: skip
    assert minsheng_on("export", "ledger.xlsx", "--status", "closed").returncode == 0
    sheet = load_workbook(tmp_path / "ledger.xlsx").active
    assert sheet is not None and sheet.max_row == 2


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (("--department", "市外星局", "--deadline", SOON), "没有名为“市外星局”的部门"),
        (("--department", "市卫健委", "--deadline", "明天"), "is not a date"),
        (("--department", "市卫健委", "--deadline", SOON, "--kind", "blue"), "kind"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(minsheng_on, arguments, words):
    refused = minsheng_on("open", "--plan", "合肥市", "--title", "t", "--measures", "m",
                          *arguments)  # fmt: skip
    assert refused.returncode == 2 and words in refused.stdout + refused.stderr
    assert json.loads(minsheng_on("list", "--format", "json").stdout) == []
    assert minsheng_on("close", "9", "--note", "x", "--value", "1").returncode == 2
