"""Open data from a database holding synthetic 示例数据 says so: every synthetic row is
flagged `sample_data = true`, and the package's descriptor says so at its top."""

from __future__ import annotations

import pytest

from minsheng.data.bundled import bundled_plans
from minsheng.exports.datapackage import descriptor
from minsheng.exports.tables.package import plan_package
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.repositories import plans
from minsheng.usecases.demo import set_up_demo


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sample-export') / 'minsheng.db'}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans()[:2], sample_data=True)
    engine.dispose()
    return url


def _package(url: str, region: str):
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        plan = next(p for p in plans.current_plans(session) if p.region.name == region)
        package = plan_package(session, plan)
    engine.dispose()
    return package


def test_synthetic_rows_are_flagged_and_the_package_says_so(sample_url):
    package = _package(sample_url, "合肥市")
    observations = package.table("observations").rows
    reported = [row for row in observations if row["source"] == "部门报送"]
    assert reported and all(row["sample_data"] is True for row in reported)
    printed = [row for row in observations if row["source"] == "规划文本"]
    assert printed and not any(row["sample_data"] for row in printed)
    assert all(row["sample_data"] for row in package.table("facilities").rows)
    found = descriptor(package)
    assert found["sample_data"] is True and "示例数据" in found["title"]


def test_a_package_without_synthetic_rows_carries_no_flag(empty_database_url):
    upgrade_database(empty_database_url)
    engine = create_engine_for(empty_database_url)
    with session_scope(engine) as session:
        set_up_demo(session, bundled_plans()[:1], sample_data=False)
    engine.dispose()
    found = descriptor(_package(empty_database_url, "合肥市"))
    assert "sample_data" not in found and "示例数据" not in found["title"]
