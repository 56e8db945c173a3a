"""A plan's package carries its problem list once it has one: the rows as the ledger's
download, linked to the plan and its indicators, valid with frictionless on both
databases; a plan without problems has no such table; no user names are published."""

from __future__ import annotations

from datetime import date

from frictionless import Package as FrictionlessPackage
from frictionless import validate

from minsheng.data.bundled import bundled_plans
from minsheng.exports import FORMATS, plan_package
from minsheng.store import session_scope
from minsheng.usecases.import_plan import import_plan
from minsheng.usecases.plans import find_current_plan, indicator_named
from minsheng.usecases.problems import ProblemDraft, open_problem
from minsheng.usecases.users import ensure_department

HEFEI = next(plan for plan in bundled_plans() if plan.plan.region == "合肥市")


def test_the_problems_table_validates_and_reads_back(engine, tmp_path):
    with session_scope(engine) as session:
        plan_id = import_plan(session, HEFEI, author="test").plan_id
        ensure_department(session, name="市卫健委")
        target = indicator_named(session, plan_id=plan_id, name="孕产妇死亡率")
        draft = ProblemDraft(None, "孕产妇死亡率偏高", "red", "市卫健委", "加强危重孕产妇救治",
                             date(2020, 6, 30), indicator_id=target, year=2025)  # fmt: skip
        open_problem(session, draft, author="fgw-planner")
    with session_scope(engine) as session:
        package = plan_package(session, find_current_plan(session, region="合肥市"))
    [row] = package.table("problems").rows
    assert (row["state_code"], row["state"], row["indicator_id"]) == ("overdue", "已逾期", target)
    assert "fgw-planner" not in str(row)
    folder = FORMATS["datapackage"].write(package, tmp_path / "hefei")
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    resource = FrictionlessPackage(str(folder / "datapackage.json")).get_resource("problems")
    [read] = list(resource.read_rows())
    assert read["deadline"] == date(2020, 6, 30) and read["department"] == "市卫健委"


def test_a_plan_without_problems_has_no_problems_table(engine):
    with session_scope(engine) as session:
        import_plan(session, HEFEI, author="test")
        package = plan_package(session, find_current_plan(session, region="合肥市"))
    assert "problems" not in [table.name for table in package.tables]
