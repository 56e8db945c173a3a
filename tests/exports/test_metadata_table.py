"""A plan's package carries its indicator metadata (one row per indicator, linked to the
indicators table); an edit shows in it, the package validates with frictionless on both
databases and the table reads back typed."""

from __future__ import annotations

from frictionless import Package as FrictionlessPackage
from frictionless import validate

from minsheng.data.bundled import bundled_plans
from minsheng.exports import FORMATS, plan_package
from minsheng.store import session_scope
from minsheng.usecases.import_plan import import_plan
from minsheng.usecases.indicator_metadata import edit_metadata
from minsheng.usecases.plans import find_current_plan, indicator_named

HEFEI = next(plan for plan in bundled_plans() if plan.plan.region == "合肥市")


def test_the_metadata_table_validates_and_reads_back(engine, tmp_path):
    with session_scope(engine) as session:
        plan_id = import_plan(session, HEFEI, author="test").plan_id
        target = indicator_named(session, plan_id=plan_id, name="孕产妇死亡率")
        edit_metadata(session, indicator_id=target, fields={"formula": "死亡数/活产数"}, author="p")
    with session_scope(engine) as session:
        package = plan_package(session, find_current_plan(session, region="合肥市"))
    table = package.table("indicator_metadata")
    assert len(table.rows) == len(HEFEI.indicators) == 38
    folder = FORMATS["datapackage"].write(package, tmp_path / "hefei")
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    resource = FrictionlessPackage(str(folder / "datapackage.json")).get_resource(
        "indicator_metadata"
    )
    rows = {row["indicator_id"]: row for row in resource.read_rows()}
    edited = rows[target]
    assert edited["formula"] == "死亡数/活产数" and edited["direction_code"] == "lower_is_better"
    assert edited["direction"] == "逆向（越低越好）" and edited["updated_at"] is not None
    assert "updated_by" not in edited  # published: no staff user names
    assert "formula=edited" in edited["origins"] and "definition=minsheng" in edited["origins"]
    untouched = [row for key, row in rows.items() if key != target]
    assert all(row["updated_at"] is None and row["frequency"] == "annual" for row in untouched)
