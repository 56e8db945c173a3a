"""Every seed plan as a workbook and as CSV files, opened again and counted: a sheet per
table named in Chinese, the Chinese headers above the English field names, every row."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from minsheng.exports import FORMATS
from minsheng.store import session_scope
from minsheng.store.tables import Indicator, Observation, ObservationRevision
from minsheng.usecases.read.plans import plan_detail
from tests.exports.conftest import package_of
from tests.exports.sheets import csv_records, sheet_records

TABLES = [
    "plan",
    "indicators",
    "indicator_metadata",
    "previous_plan_results",
    "service_items",
    "columns",
    "key_projects",
    "observations",
    "evaluations",
    "observation_revisions",
]
SHEETS = [
    "规划",
    "指标",
    "指标元数据",
    "上期规划完成情况",
    "基本公共服务项目",
    "专栏",
    "重点项目",
    "监测值",
    "评估结果",
    "监测值修订记录",
]


def test_every_seed_plan_has_one_sheet_per_table_with_its_rows(seeded, regions, tmp_path):
    for region in regions:
        with session_scope(seeded) as session:
            package = package_of(session, region)
            plan_id = package.table("plan").rows[0]["plan_id"]
            stored = plan_detail(session, plan_id=plan_id).counts
            stored["observation_revisions"] = revision_count(session, plan_id)
        path = FORMATS["xlsx"].write(package, tmp_path / f"{region}.xlsx")
        workbook = load_workbook(path)
        assert workbook.sheetnames == SHEETS
        named = dict(zip(SHEETS, TABLES, strict=True))
        counts = {named[sheet.title]: sheet.max_row - 2 for sheet in workbook.worksheets}
        assert counts == {table.name: len(table.rows) for table in package.tables}
        assert {name: counts[name] for name in stored} == stored, region
        assert counts["plan"] == 1 and counts["indicators"] > 10, region
        assert counts["observations"] == len({r["observation_id"] for r in revisions(path)})
        sheet = workbook["指标"]
        assert sheet.freeze_panes == "A3" and all(c.font.bold for c in (*sheet[1], *sheet[2]))
        labels, header = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
        assert header[:6] == ["indicator_id", "plan_id", "position", "domain", "name", "unit"]
        assert labels[:6] == ["指标编号", "规划编号", "序号", "领域", "指标名称", "单位"]
        assert {"baseline_raw", "target_comparator", "catalogue_key"} <= set(header)
        attributes = {
            row[header.index("attribute")] for row in sheet.iter_rows(min_row=3, values_only=True)
        }
        assert attributes <= {"约束性", "预期性", None}, region


def test_hefei_workbook_holds_values_in_force_and_every_revision(seeded, tmp_path):
    with session_scope(seeded) as session:
        package = package_of(session, "合肥市")
    path = FORMATS["xlsx"].write(package, tmp_path / "hefei.xlsx")
    _, _, rows = sheet_records(path, "监测值")
    doctors_2023 = [
        r for r in rows if r["indicator"].startswith("每千常住人口执业") and r["year"] == 2023
    ]
    # the approved 3.25 is in force for 合肥市 though a 3.4 draft is newer
    assert {(r["region"], r["region_code"], r["value"], r["state"]) for r in doctors_2023} == {
        ("合肥市", "340100", 3.25, "已审核"),
        ("庐阳区", "340103", 3.4, "已审核"),
    }
    assert {r["state_code"] for r in rows} == {"approved"}
    assert "author" not in rows[0]  # published: the department, never a user name
    _, _, history = sheet_records(path, "监测值修订记录")
    assert [r["state_code"] for r in history].count("draft") == 7  # the draft import's seven
    baselines = [row for row in rows if row["source"] == "规划文本"]
    assert len(history) == len(baselines) + 7 * 2  # baselines, approved, drafts


@pytest.mark.parametrize("archive", [False, True])
def test_csv_files_parse_back_to_the_same_rows(seeded, tmp_path, archive):
    with session_scope(seeded) as session:
        package = package_of(session, "合肥市")
    target = tmp_path / ("hefei.zip" if archive else "hefei")
    written = FORMATS["csv"].write(package, target)
    files = _read_files(written)
    assert list(files) == [f"{name}.csv" for name in TABLES]
    for table in package.tables:
        data = files[f"{table.name}.csv"]
        assert data.startswith("\ufeff".encode())
        labels, parsed = csv_records(data)
        assert labels == table.labels and labels[0] != table.header[0]
        assert [list(row) for row in parsed[:1]] in ([], [table.header])
        assert parsed == [{k: _as_text(v) for k, v in row.items()} for row in table.rows]


def revision_count(session, plan_id: int) -> int:
    query = (
        select(func.count())
        .select_from(ObservationRevision)
        .join(Observation, Observation.id == ObservationRevision.observation_id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(Indicator.plan_id == plan_id)
    )
    return session.scalar(query)


def revisions(path) -> list[dict]:
    """The revisions sheet as dicts (every observation here has an approved revision)."""
    return sheet_records(path, "监测值修订记录")[2]


def _read_files(path) -> dict[str, bytes]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}
    order = {f"{name}.csv": i for i, name in enumerate(TABLES)}
    return {p.name: p.read_bytes() for p in sorted(path.iterdir(), key=lambda p: order[p.name])}


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    return "'" + text if text[:1] in "=+-@" and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
