"""A plan's package carries the city's facilities when any are stored: the data package
validates with frictionless and reads back typed, the synthetic ones marked 示例数据."""

from __future__ import annotations

import pytest
from frictionless import Package as FrictionlessPackage
from frictionless import validate

from minsheng.exports import FORMATS, plan_package
from minsheng.store import session_scope
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.sample_points import add_sample_points
from tests.hefei import hefei_database


@pytest.fixture(scope="module")
def hefei_package(tmp_path_factory):
    engine, _ = hefei_database(tmp_path_factory.mktemp("facilities"))
    with session_scope(engine) as session:
        points = add_sample_points(session, author="test")
        package = plan_package(session, find_current_plan(session, region="合肥市"))
    engine.dispose()
    return package, points.facilities


def test_the_facilities_validate_and_read_back(hefei_package, tmp_path):
    package, count = hefei_package
    table = package.table("facilities")
    assert len(table.rows) == count
    folder = FORMATS["datapackage"].write(package, tmp_path / "hefei")
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    rows = (
        FrictionlessPackage(str(folder / "datapackage.json")).get_resource("facilities").read_rows()
    )
    assert len(rows) == count
    first = rows[0]
    assert first["type"] == "托育机构" and first["sample_data"] is True
    assert 116 < first["lon"] < 118.5 and 30.5 < first["lat"] < 32.6
    assert "示例数据" in first["name"]
