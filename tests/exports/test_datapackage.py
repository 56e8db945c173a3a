"""The data package validates with frictionless, foreign keys included, and reads back."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal

import pytest
from frictionless import Package, validate

from minsheng.exports import FORMATS
from minsheng.store import session_scope
from tests.exports.conftest import package_of


@pytest.fixture(scope="module")
def written(seeded, tmp_path_factory):
    with session_scope(seeded) as session:
        package = package_of(session, "合肥市")
    folder = FORMATS["datapackage"].write(package, tmp_path_factory.mktemp("dp") / "hefei")
    return package, folder


def test_the_package_is_valid_and_every_resource_has_the_tables_rows(written):
    package, folder = written
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {table.name: len(table.rows) for table in package.tables}


def test_the_descriptor_declares_types_keys_and_links(written):
    _, folder = written
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["name"] == "minsheng-plan-340100"
    assert descriptor["title"] == "合肥市“十四五”公共服务规划"
    resources = {r["name"]: r for r in descriptor["resources"]}
    observations = resources["observations"]
    assert (observations["path"], observations["format"], observations["encoding"]) == (
        "observations.csv",
        "csv",
        "utf-8",
    )
    types = {f["name"]: f["type"] for f in observations["schema"]["fields"]}
    assert types["year"] == "integer" and types["value"] == "number"
    assert types["recorded_at"] == "datetime"
    assert all(f["description"] for r in resources.values() for f in r["schema"]["fields"])
    key_projects = resources["key_projects"]["schema"]
    assert key_projects["primaryKey"] == ["project_id"]
    to_column = {"resource": "columns", "fields": ["plan_id", "number"]}
    link = {"fields": ["plan_id", "column_number"], "reference": to_column}
    assert link in key_projects["foreignKeys"]


def test_typed_rows_read_back_equal_the_exported_values(written):
    package, folder = written
    read = Package(folder / "datapackage.json")
    indicators = read.get_resource("indicators").read_rows()
    expected = package.table("indicators").rows
    as_floats = [
        {k: float(v) if isinstance(v, Decimal) else v for k, v in row.to_dict().items()}
        for row in indicators
    ]
    assert as_floats == expected
    plan = read.get_resource("plan").read_rows()[0].to_dict()
    assert plan["issue_date"].isoformat() == "2022-03-25"


def test_a_broken_foreign_key_is_caught(written, tmp_path):
    """The control: the validation above does check the links between tables."""
    _, folder = written
    for path in folder.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    broken = tmp_path / "key_projects.csv"
    lines = broken.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[2] = "999"  # column_number: no such column
    broken.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    report = validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_the_zip_holds_the_descriptor_and_the_csv_files(seeded, tmp_path):
    with session_scope(seeded) as session:
        package = package_of(session, "淮北市")
    path = FORMATS["datapackage"].write(package, tmp_path / "huaibei.datapackage.zip")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "out")
    assert names == ["datapackage.json", *(f"{t.name}.csv" for t in package.tables)]
    assert validate(tmp_path / "out" / "datapackage.json").valid
