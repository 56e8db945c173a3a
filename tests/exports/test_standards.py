"""The standards catalogue export: every current plan's items with the five fields."""

from __future__ import annotations

from openpyxl import load_workbook
from sqlalchemy import func, select

from minsheng.exports import FORMATS, standards_package
from minsheng.store import session_scope
from minsheng.store.tables import ServiceItem
from minsheng.usecases.standards import FIELDS, edit_item, plans_with_items
from tests.exports.sheets import csv_records, sheet_records

HEADER = ["region", "domain", "name", *FIELDS, "plan_title", "plan_id", "item_id"]


def test_every_current_plans_items_are_in_the_workbook_and_the_csv(seeded, tmp_path):
    with session_scope(seeded) as session:
        item = session.scalars(select(ServiceItem).order_by(ServiceItem.id)).first()
        edit_item(session, item_id=item.id, fields={"standard": "=每年1次"}, author="规划处")
    with session_scope(seeded) as session:
        listed = plans_with_items(session)
        expected = session.scalar(
            select(func.count()).where(ServiceItem.plan_id.in_([p.id for p in listed]))
        )
        package = standards_package(session)
    assert len(listed) >= 4 and expected > 200
    path = FORMATS["xlsx"].write(package, tmp_path / "s.xlsx")
    sheet = load_workbook(path)["基本公共服务标准目录"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("地区", "领域", "服务项目") and rows[0][3] == "服务对象"
    assert list(rows[1]) == HEADER and len(rows) - 2 == expected
    assert {row[0] for row in rows[2:]} == {plan.region.name for plan in listed}
    edited = next(row for row in rows[2:] if row[-1] == item.id)
    assert edited[HEADER.index("standard")] == "=每年1次"  # text, not a formula
    assert sheet.cell(rows.index(edited) + 1, HEADER.index("standard") + 1).data_type == "s"
    assert sheet_records(path, "基本公共服务标准目录")[1] == HEADER

    path = FORMATS["csv"].write(package, tmp_path / "standards.csv")
    labels, parsed = csv_records(path.read_bytes())
    assert len(parsed) == expected and list(parsed[0]) == HEADER and labels[0] == "地区"
    assert {r["item_id"]: r["standard"] for r in parsed}[str(item.id)] == "'=每年1次"


def test_one_plans_catalogue(seeded):
    with session_scope(seeded) as session:
        plan = plans_with_items(session)[0]
        package = standards_package(session, plan_id=plan.id)
        count = session.scalar(select(func.count()).where(ServiceItem.plan_id == plan.id))
    rows = package.table("standards").rows
    assert len(rows) == count and {row["region"] for row in rows} == {plan.region.name}
