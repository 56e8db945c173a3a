"""`minsheng survey` as a planner runs it: publish a survey for
合肥市, import a third party's results, show and export them, close it; bad input named
with exit code 2 and nothing written."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from tests.command import run_minsheng

from minsheng.data.bundled import bundled_plans
from minsheng.store import session_scope
from minsheng.usecases.import_plan import import_plan

pytestmark = pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)
"""The command runs on SQLite; its storage is tested on both in tests/usecases."""


@pytest.fixture
def survey(engine, database_url, tmp_path):
    plan = next(plan for plan in bundled_plans() if plan.plan.region == "合肥市")
    with session_scope(engine) as session:
        import_plan(session, plan, author="test")
    env = {"MINSHENG_DATABASE_URL": database_url, "MINSHENG_DATA_DIR": str(tmp_path / "data")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_minsheng(("survey", *args), env=env, cwd=tmp_path)

    return run


def _sheet(path: Path, *rows: tuple[object, ...]) -> None:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_publish_import_results_export_close(survey, tmp_path):
    published = survey("publish", "--plan", "合肥市", "--title", "2026年满意度调查",
                       "--period", "2026年", "--domain", "病有所医",
                       "--item", "免费孕前优生健康检查", "--author", "fgw")  # fmt: skip
    assert published.returncode == 0, published.stderr
    assert "published survey 1" in published.stdout
    _sheet(tmp_path / "三方.xlsx", ("区县", "1", "2", "意见"), ("蜀山区", 5, 4, "好"),
           ("蜀山区", 3, 2, None), ("包河区", 4, 4, None))  # fmt: skip
    imported = survey("import", "1", "三方.xlsx")
    assert imported.returncode == 0 and "imported 3 responses" in imported.stdout
    rows = json.loads(survey("results", "1", "--format", "json").stdout)
    assert (rows[0]["受访人数"], rows[0]["平均分"]) == (3, round((4.5 + 2.5 + 4) / 3, 3))
    assert [r["名称"] for r in rows if r["分组"] == "区县"] == ["包河区", "蜀山区"]
    assert survey("export", "1", "results.csv").returncode == 0
    read = list(csv.DictReader(io.StringIO((tmp_path / "results.csv").read_text("utf-8-sig"))))
    assert read[0]["分组"] == "总体" and read[0]["受访人数"] == "3"
    assert survey("export", "1", "results.xlsx", "--comments").returncode == 0
    assert "意见建议" in load_workbook(tmp_path / "results.xlsx").sheetnames
    assert survey("close", "1").returncode == 0
    listed = json.loads(survey("list", "--open", "--format", "json").stdout)
    assert listed == [] and "已结束" in survey("list").stdout


def test_bad_input_exits_2_and_writes_nothing(survey, tmp_path):
    unknown = survey("publish", "--plan", "合肥市", "--title", "t", "--period", "2026年",
                     "--item", "不存在的事项")  # fmt: skip
    assert unknown.returncode == 2 and "不存在的事项" in unknown.stderr
    empty = survey("publish", "--plan", "合肥市", "--title", "t", "--period", "2026年")
    assert empty.returncode == 2 and "至少选择一个领域或服务事项" in empty.stderr
    assert json.loads(survey("list", "--format", "json").stdout) == []
    survey(
        "publish", "--plan", "合肥市", "--title", "t", "--period", "2026年", "--domain", "病有所医"
    )
    _sheet(tmp_path / "坏.xlsx", ("区县", "1"), ("蜀山区", 4), ("蜀山区", "六"))
    refused = survey("import", "1", "坏.xlsx")
    assert refused.returncode == 2 and "第 3 行“1”列" in refused.stderr
    assert json.loads(survey("list", "--format", "json").stdout)[0]["responses"] == 0
    assert survey("close", "7").returncode == 2
