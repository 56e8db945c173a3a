"""Export then re-import the workbook: nothing changes, on both databases and via the CLI.

Also the rule that makes it so: a row whose value, unit and source equal its observation's
latest revision in the same state is skipped and counted as unchanged.
"""

from __future__ import annotations

import sqlite3
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from minsheng.collect import read_observation_file
from minsheng.data.bundled import bundled_plans
from minsheng.exports import FORMATS, plan_package
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases import import_observations, import_plan
from minsheng.usecases.observations import record_observations
from minsheng.usecases.plans import find_current_plan
from tests.command import run_minsheng
from tests.exports.records import DOCTORS, HEFEI, hefei_records


def hefei_parsed():
    return next(plan for plan in bundled_plans() if plan.plan.region == HEFEI)


@pytest.fixture
def hefei(engine):
    """Hefei's plan, seven approved values and a newer draft for one of them."""
    with session_scope(engine) as session:
        import_plan(session, hefei_parsed(), author="规划处")
        record_observations(session, records=hefei_records(), region=HEFEI, author="统计局")
        record_observations(
            session, records=hefei_records(3.3)[2:3], region=HEFEI, author="卫健委", draft=True
        )
    return engine


def export_xlsx(engine, path: Path) -> dict[str, int]:
    """Write Hefei's workbook; return each sheet's row count."""
    with session_scope(engine) as session:
        package = plan_package(session, find_current_plan(session, region=HEFEI))
    FORMATS["xlsx"].write(package, path)
    return {sheet.title: sheet.max_row - 2 for sheet in load_workbook(path).worksheets}


def test_reimporting_an_exported_workbook_changes_nothing(hefei, row_counts, tmp_path):
    path = tmp_path / "hefei.xlsx"
    sheets = export_xlsx(hefei, path)
    assert sheets["监测值"] > 7
    assert sheets["监测值修订记录"] == sheets["监测值"] + 1  # and the draft
    records = read_observation_file(path)  # the field names' row under the headers skipped
    assert {r.sheet for r in records} == {"监测值"}
    assert len(records) == sheets["监测值"]
    before = row_counts()

    with session_scope(hefei) as session:
        result = import_observations(session, path=path, region=HEFEI, author="研究者")
    assert (result.recorded, result.unchanged, result.outliers) == (0, len(records), [])
    assert row_counts() == before  # not a revision, not even an audit entry
    assert export_xlsx(hefei, tmp_path / "again.xlsx") == sheets


def test_a_changed_value_in_the_workbook_adds_exactly_one_revision(hefei, row_counts, tmp_path):
    path = tmp_path / "hefei.xlsx"
    export_xlsx(hefei, path)
    workbook = load_workbook(path)
    sheet = workbook["监测值"]
    header = [cell.value for cell in sheet[2]]
    row = next(
        cells
        for cells in sheet.iter_rows(min_row=3)
        if (cells[header.index("indicator")].value, cells[header.index("year")].value)
        == (DOCTORS, 2022)
    )
    row[header.index("value")].value = 3.15
    workbook.save(path)
    before = row_counts()
    with session_scope(hefei) as session:
        result = import_observations(session, path=path, region=HEFEI, author="研究者")
    assert result.recorded == 1 and result.unchanged == sheet.max_row - 3
    after = row_counts()
    assert after["observation_revisions"] == before["observation_revisions"] + 1
    assert after["audit_log"] == before["audit_log"] + 1


def test_the_same_value_from_another_source_or_state_is_a_change(hefei):
    same = hefei_records()[:1]  # 3.05 from 统计公报, approved
    with session_scope(hefei) as session:
        assert record_observations(session, records=same, region=HEFEI, author="a").unchanged == 1
        other = [replace(r, values={**r.values, "source": "其他"}) for r in same]
        assert record_observations(session, records=other, region=HEFEI, author="a").recorded == 1
        as_draft = record_observations(session, records=same, region=HEFEI, author="a", draft=True)
        assert (as_draft.recorded, as_draft.unchanged) == (1, 0)
        again = record_observations(session, records=same, region=HEFEI, author="a", draft=True)
        assert (again.recorded, again.unchanged) == (0, 1)


def test_round_trip_through_the_command_line(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = data_dir / "minsheng.db"
    url = f"sqlite:///{database}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        import_plan(session, hefei_parsed(), author="规划处")
    engine.dispose()
    values = tmp_path / "values.csv"
    lines = [
        "region,indicator,year,value",
        f"{HEFEI},{DOCTORS},2022,3.12",
        f"庐阳区,{DOCTORS},2023,3.4",
    ]
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli(data_dir, tmp_path)
    assert "recorded 2 value(s)" in run("observe", "import", str(values), "--plan", HEFEI).stdout

    exported = run("export", "plan", "--plan", HEFEI, "--format", "xlsx", "-o", "hefei.xlsx")
    workbook = load_workbook(tmp_path / "hefei.xlsx")
    observations = workbook["监测值"].max_row - 2
    assert f"observations {observations}, evaluations" in exported.stdout
    assert "监测值修订记录" not in workbook.sheetnames  # the history only with --history
    before = table_counts(database)
    again = run("observe", "import", "hefei.xlsx", "--plan", HEFEI)
    assert (
        f"recorded 0 value(s) for {HEFEI}“十四五” (approved), {observations} unchanged"
        in again.stdout
    )
    assert table_counts(database) == before

    for fmt, target in (("csv", "csv-folder"), ("datapackage", "hefei.datapackage.zip")):
        run("export", "plan", "--plan", HEFEI, "--format", fmt, "-o", target)
    assert (tmp_path / "csv-folder" / "observations.csv").is_file()
    assert (tmp_path / "hefei.datapackage.zip").stat().st_size > 1000
    run("export", "standards", "--format", "csv", "-o", "standards.csv")
    assert (tmp_path / "standards.csv").read_text(encoding="utf-8-sig").startswith("地区,")
    run("export", "standards", "--format", "csv", "--headers", "en", "-o", "standards-en.csv")
    assert (tmp_path / "standards-en.csv").read_text(encoding="utf-8-sig").startswith("region,")
    history = run("export", "plan", "--plan", HEFEI, "--history", "-o", "full.xlsx").stdout
    assert (
        f"observations {observations}, evaluations" in history
        and "observation_revisions " in history
    )
    missing = run("export", "plan", "--plan", "芜湖市", "-o", "x.xlsx", check=False)
    assert missing.returncode == 2 and "芜湖市" in missing.stderr


def cli(data_dir: Path, cwd: Path):
    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = run_minsheng(args, env={"MINSHENG_DATA_DIR": str(data_dir)}, cwd=cwd)
        if check:
            assert done.returncode == 0, done.stderr
        return done

    return run


def table_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        names = [
            n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
