"""Population files: every figure stored or, with any bad cell, none — each problem named
by row and column; names that repeat across China need the code; 万人 headers scale."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from minsheng.store import session_scope
from minsheng.store.repositories import audit, population, regions
from minsheng.store.tables import Population, Region
from minsheng.usecases.population import PopulationFileRejected, import_population


def write(tmp_path, text: str, name: str = "population.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(session) -> dict[tuple[str, int], tuple[float, float | None]]:
    rows = session.execute(
        select(Region.name, Population.year, Population.residents, Population.households).join(
            Region, Region.id == Population.region_id
        )
    )
    return {(name, year): (residents, households) for name, year, residents, households in rows}


def test_figures_are_stored_scaled_and_replaced(engine, tmp_path):
    first = write(
        tmp_path, "地区,年份,常住人口（万人）,户数\n合肥市,2023,985.3,\n340103,2023,66.2,250000\n"
    )
    with session_scope(engine) as session:
        result = import_population(session, path=first, author="统计局")
    assert (result.added, result.replaced, result.regions, result.years) == (2, 0, 2, (2023,))
    with session_scope(engine) as session:
        assert stored(session) == {
            ("合肥市", 2023): (pytest.approx(9_853_000), None),
            ("庐阳区", 2023): (pytest.approx(662_000), 250_000),
        }
        assert [e.entity for e in audit.entries(session, entity="population")] == ["population"]
    again = write(tmp_path, "region,year,population\n合肥市,2023,9860000\n合肥市,2024,9900000\n")
    with session_scope(engine) as session:
        result = import_population(session, path=again, author="统计局")
    assert (result.added, result.replaced) == (1, 1)
    with session_scope(engine) as session:
        hefei = regions.find_by_code(session, code="340100")
        latest = population.figures_as_of(session, region_ids=[hefei.id], year=2025)
        assert (latest[hefei.id].year, latest[hefei.id].residents) == (2024, 9_900_000)
        earlier = population.figures_as_of(session, region_ids=[hefei.id], year=2023)
        assert earlier[hefei.id].residents == 9_860_000


def test_a_bad_file_names_every_problem_and_stores_nothing(engine, tmp_path):
    path = write(
        tmp_path,
        "region,year,population\n合肥市,2023,9853000\n鼓楼区,2023,100000\n"
        "合肥市,2023,1\n某地,20x3,-5\n",
    )
    with session_scope(engine) as session:
        before = session.scalar(select(func.count()).select_from(Region))
    with pytest.raises(PopulationFileRejected) as caught, session_scope(engine) as session:
        import_population(session, path=path, author="统计局")
    found = [(p.row, p.column, p.message) for p in caught.value.problems]
    assert [(row, column) for row, column, _ in found] == [
        (3, "region"),
        (4, "year"),
        (5, "region"),
        (5, "year"),
        (5, "population"),
    ]
    assert "320106" in found[0][2] and "行政区划代码" in found[0][2]
    assert "第2行" in found[1][2]
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Population)) == 0
        assert session.scalar(select(func.count()).select_from(Region)) == before


def test_a_workbook_with_chinese_headers_and_a_title_row(engine, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["2023年各区县常住人口（示例数据）"])
    sheet.append(["行政区划代码", "年度", "常住人口", "常住户数", "数据来源"])
    sheet.append(["620802", 2023, 480000, 160000, "统计年鉴"])
    sheet.append(["620821", 2023, 290000, None, None])
    path = tmp_path / "population.xlsx"
    book.save(path)
    with session_scope(engine) as session:
        result = import_population(session, path=path, author="统计局")
    assert (result.added, result.regions) == (2, 2)
    with session_scope(engine) as session:
        assert stored(session) == {
            ("崆峒区", 2023): (480_000, 160_000),
            ("泾川县", 2023): (290_000, None),
        }
