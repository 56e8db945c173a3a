"""Every seed plan as a workbook and as CSV files, opened again and counted."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from minsheng.exports import FORMATS
from minsheng.store import session_scope
from minsheng.store.tables import Indicator, Observation, ObservationRevision
from minsheng.usecases.read.plans import plan_detail
from tests.exports.conftest import package_of

TABLES = [
    "plan",
    "indicators",
    "indicator_metadata",
    "previous_plan_results",
    "service_items",
    "columns",
    "key_projects",
    "observations",
    "observation_revisions",
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
        assert workbook.sheetnames == TABLES
        counts = {sheet.title: sheet.max_row - 1 for sheet in workbook.worksheets}
        assert counts == {table.name: len(table.rows) for table in package.tables}
        assert {name: counts[name] for name in stored} == stored, region
        assert counts["plan"] == 1 and counts["indicators"] > 10, region
        assert counts["observations"] == len({r["observation_id"] for r in revisions(path)})
        sheet = workbook["indicators"]
        assert sheet.freeze_panes == "A2" and all(cell.font.bold for cell in sheet[1])
        header = [cell.value for cell in sheet[1]]
        assert header[:6] == ["indicator_id", "plan_id", "position", "domain", "name", "unit"]
        assert {"baseline_raw", "target_comparator", "catalogue_key"} <= set(header)


def test_hefei_workbook_holds_values_in_force_and_every_revision(seeded, tmp_path):
    with session_scope(seeded) as session:
        package = package_of(session, "合肥市")
    workbook = load_workbook(FORMATS["xlsx"].write(package, tmp_path / "hefei.xlsx"))
    current = list(workbook["observations"].iter_rows(values_only=True))
    header = current[0]
    rows = [dict(zip(header, row, strict=True)) for row in current[1:]]
    doctors_2023 = [
        r for r in rows if r["indicator"].startswith("每千常住人口执业") and r["year"] == 2023
    ]
    # the approved 3.25 is in force for 合肥市 though a 3.4 draft is newer
    assert {(r["region"], r["value"], r["state"]) for r in doctors_2023} == {
        ("合肥市", 3.25, "approved"),
        ("庐阳区", 3.4, "approved"),
    }
    revisions = list(workbook["observation_revisions"].iter_rows(values_only=True))
    states = [row[revisions[0].index("state")] for row in revisions[1:]]
    assert states.count("draft") == 7  # the draft import's seven values
    baselines = [row for row in rows if row["source"] == "规划文本"]
    assert len(revisions) - 1 == len(baselines) + 7 * 2  # baselines, approved, drafts


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
        parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
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
    rows = list(load_workbook(path)["observation_revisions"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


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
