"""What a plan's published files hold, checked as a researcher would: every row the
database has, region codes, the evaluation results, Chinese words for coded values, the
reporting department where a staff name would be, no server path and no user name in any
file, and the synthetic 示例数据 still flagged."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace

import pytest
from frictionless import validate
from openpyxl import load_workbook
from sqlalchemy import func, select

from minsheng.data.bundled import bundled_plans
from minsheng.exports import FORMATS, plan_package
from minsheng.exports.publication import Publication
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.tables import Indicator, Observation, ObservationRevision, User
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.read.evaluations import evaluate_plan
from tests.exports.sheets import sheet_records

SERVER_PATH = "/srv/minsheng/uploads/合肥市十四五公共服务规划.docx"
ABSOLUTE_PATH = re.compile(r"(?<![\w:/.])/(?:[\w.-]+/)+[\w.-]*|[A-Za-z]:\\\\")


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Hefei read from a file on the server, with the demo's sample data and accounts."""
    url = f"sqlite:///{tmp_path_factory.mktemp('public') / 'minsheng.db'}"
    upgrade_database(url)
    demo_engine = create_engine_for(url)
    plans = bundled_plans()
    hefei = next(p for p in plans if p.plan.region == "合肥市")
    with session_scope(demo_engine) as session:
        set_up_demo(session, [hefei.model_copy(update={"source": SERVER_PATH})], sample_data=True)
    yield demo_engine
    demo_engine.dispose()


@pytest.fixture(scope="module")
def published(demo_engine):
    """The package the downloads page serves, and every file made of it, by name."""
    with session_scope(demo_engine) as session:
        plan = find_current_plan(session, region="合肥市")
        package = plan_package(session, plan, published_only=True)
        names = set(session.scalars(select(User.username)))
        names |= set(session.scalars(select(ObservationRevision.author).distinct()))
    package = replace(package, publication=Publication(email="kfs@example.gov.cn"))
    files = {f"all.{f}": FORMATS[f].to_bytes(package) for f in ("xlsx", "csv", "datapackage")}
    return package, files, names


def texts(files: dict[str, bytes]) -> Iterator[tuple[str, str]]:
    """Every text a user can see in the files: each cell, each CSV, the descriptor."""
    for name, data in files.items():
        if name.endswith("xlsx"):
            for sheet in load_workbook(io.BytesIO(data)).worksheets:
                for row in sheet.iter_rows(values_only=True):
                    yield f"{name}:{sheet.title}", "\t".join(str(c) for c in row if c is not None)
        else:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    yield f"{name}:{member}", archive.read(member).decode("utf-8-sig")


def test_no_server_path_and_no_user_name_in_any_file(published):
    package, files, names = published
    assert {"wjw", "planner", "admin", "demo"} <= names  # accounts and revisions' authors
    words = re.compile(r"(?<![A-Za-z_])(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z_])")
    for where, text in texts(files):
        assert not ABSOLUTE_PATH.search(text), (where, ABSOLUTE_PATH.search(text))
        assert not words.search(text), (where, words.search(text))
    assert package.table("plan").rows[0]["source_name"] == "合肥市十四五公共服务规划.docx"


def test_every_value_in_force_and_every_verdict_is_in_the_workbook(demo_engine, published):
    _, files, _ = published
    path = io.BytesIO(files["all.xlsx"])
    with session_scope(demo_engine) as session:
        plan = find_current_plan(session, region="合肥市")
        in_force = session.scalar(
            select(func.count())
            .select_from(Observation)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(Indicator.plan_id == plan.id, Observation.current_revision_id.is_not(None))
        )
        verdicts = {year: len(evaluate_plan(session, plan_id=plan.id, year=year).evaluations)
                    for year in range(2021, 2025)}  # fmt: skip
    labels, _, observations = sheet_records(path, "监测值")
    assert len(observations) == in_force > 300  # no page of 100
    assert labels[:4] == ["地区", "指标", "年份", "数值"] and "行政区划代码" in labels
    assert all(re.fullmatch(r"\d{6}", row["region_code"]) for row in observations)
    reported = [row for row in observations if row["source"] == "部门报送"]
    assert reported and {row["department"] for row in reported} >= {"合肥市卫健委", "合肥市教育局"}
    assert all(row["sample_data"] for row in reported)  # still 示例数据

    labels, _, evaluations = sheet_records(path, "评估结果")
    assert {row["evaluation_year"] for row in evaluations} >= set(verdicts)
    for year, count in verdicts.items():
        assert sum(row["evaluation_year"] == year for row in evaluations) == count
    assert {"评估年份", "评价结论", "预警", "行政区划代码"} <= set(labels)
    red = [row for row in evaluations if row["warning_code"] == "red"]
    assert red and {row["warning"] for row in red} == {"红色预警"}
    assert {row["attribute"] for row in evaluations} <= {"约束性", "预期性", None}
    assert all(re.fullmatch(r"\d{6}", row["region_code"]) for row in evaluations)


def test_the_workbook_shows_whole_dates_and_sized_columns(published):
    _, files, _ = published
    workbook = load_workbook(io.BytesIO(files["all.xlsx"]))
    plan = workbook["规划"]
    header = [cell.value for cell in plan[2]]
    issued = plan.cell(3, header.index("issue_date") + 1)
    assert issued.is_date and issued.number_format == "yyyy-mm-dd"
    column = issued.column_letter
    assert plan.column_dimensions[column].width >= 12  # wide enough: no ###
    indicators = workbook["指标"]
    widths = [indicators.column_dimensions[c].width for c in ("A", "E")]
    assert widths[1] > widths[0] >= 8  # names are wider than ids


def test_the_data_package_names_licence_source_and_contact_and_validates(published, tmp_path):
    _, files, _ = published
    with zipfile.ZipFile(io.BytesIO(files["all.datapackage"])) as archive:
        archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("合肥市“十四五”公共服务规划" in s["title"] for s in descriptor["sources"])
    publisher = descriptor["contributors"][0]
    assert publisher == {
        "title": "合肥市发展和改革委员会", "role": "publisher", "email": "kfs@example.gov.cn"
    }  # fmt: skip
    assert descriptor["sample_data"] is True and "示例数据" in descriptor["title"]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert resources["evaluations"]["title"] == "评估结果"
    fields = {f["name"]: f["title"] for f in resources["observations"]["schema"]["fields"]}
    assert fields["region_code"] == "行政区划代码" and fields["department"] == "报送单位"
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
